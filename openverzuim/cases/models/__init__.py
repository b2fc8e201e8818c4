from .case import Case
from .cost import ReintegrationCost
from .cost_month import CostCalculation, CostMonth, CostTotal
from .duty import Duty
from .employee import Employee, Employment, sort_name_of
from .event import Event, EventKind
from .invitation import EmployeeInvitation
from .leave import LeavePeriod
from .measure import WageMeasure
from .payroll_import import PayrollImport, PayrollImportMapping
from .period import SicknessPeriod, WorkResumption
from .recorded import Recorded
from .statistics_rollup import StatisticsContribution, StatisticsPending, StatisticsTotal
from .task import Task

__all__ = [
    "Case",
    "CostCalculation",
    "CostMonth",
    "CostTotal",
    "Duty",
    "Employee",
    "EmployeeInvitation",
    "Employment",
    "Event",
    "EventKind",
    "LeavePeriod",
    "PayrollImport",
    "PayrollImportMapping",
    "Recorded",
    "ReintegrationCost",
    "SicknessPeriod",
    "StatisticsContribution",
    "StatisticsPending",
    "StatisticsTotal",
    "Task",
    "WageMeasure",
    "WorkResumption",
    "sort_name_of",
]
