from django import template

from events import queries

register = template.Library()


@register.inclusion_tag("events/_organisation_events.html")
def organisation_events(organisation):
    """The "events held here" and "events organised" sections of an organisation's page."""
    return {
        "held": list(queries.events_held_at(organisation)),
        "organised": list(queries.events_organised_by(organisation)),
    }
