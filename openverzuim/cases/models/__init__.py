from .case import Case
from .cost import ReintegrationCost
from .employee import Employee, Employment
from .event import Event, EventKind
from .period import SicknessPeriod, WorkResumption

__all__ = ["Case", "Employee", "Employment", "Event", "EventKind", "ReintegrationCost",
           "SicknessPeriod", "WorkResumption"]
