from .case import Case
from .cost import ReintegrationCost
from .duty import Duty
from .employee import Employee, Employment
from .event import Event, EventKind
from .invitation import EmployeeInvitation
from .leave import Leave
from .measure import WageMeasure
from .payroll_import import PayrollImport
from .period import SicknessPeriod, WorkResumption
from .recorded import Recorded

__all__ = ["Case", "Duty", "Employee", "EmployeeInvitation", "Employment", "Event", "EventKind",
           "Leave", "PayrollImport", "Recorded", "ReintegrationCost", "SicknessPeriod", "WageMeasure",
           "WorkResumption"]
