"""Events the networks run or join: when (a partial date or sessions), where, who, what came of it.

One module per part: the event itself (`event`) and what is edited with it (`parts`: sessions,
places, organisers, images); the rest of the portal imports the models from here."""

from events.models.event import (
    ATTENDANCE_COUNTS,
    ONLINE_FORMATS,
    PRECISION_RANK,
    Event,
    EventFormat,
    EventKind,
    EventNetwork,
    EventQuerySet,
    EventSeries,
    EventStatus,
    ReportGroup,
    ShownStatus,
    period_order,
    period_sort_key,
    shown_status,
    shown_status_label,
)
from events.models.parts import (
    EventImage,
    EventOrganisation,
    EventPlace,
    EventSession,
    OrganiserRole,
)

__all__ = [
    "PRECISION_RANK",
    "period_order",
    "period_sort_key",
    "EventKind",
    "ReportGroup",
    "EventFormat",
    "ONLINE_FORMATS",
    "ATTENDANCE_COUNTS",
    "EventStatus",
    "ShownStatus",
    "shown_status",
    "shown_status_label",
    "EventSeries",
    "EventQuerySet",
    "Event",
    "EventNetwork",
    "EventSession",
    "EventPlace",
    "OrganiserRole",
    "EventOrganisation",
    "EventImage",
]
