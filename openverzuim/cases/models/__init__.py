from .case import Case
from .cost import ReintegrationCost
from .duty import Duty
from .employee import Employee, Employment, sort_name_of
from .event import Event, EventKind
from .invitation import EmployeeInvitation
from .leave import LeavePeriod
from .measure import WageMeasure
from .payroll_import import PayrollImport
from .period import SicknessPeriod, WorkResumption
from .recorded import Recorded
from .task import Task

__all__ = [
    "Case",
    "Duty",
    "Employee",
    "EmployeeInvitation",
    "Employment",
    "Event",
    "EventKind",
    "LeavePeriod",
    "PayrollImport",
    "Recorded",
    "ReintegrationCost",
    "SicknessPeriod",
    "Task",
    "WageMeasure",
    "WorkResumption",
    "sort_name_of",
]
