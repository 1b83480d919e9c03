from django import template
from django.urls import reverse
from django.utils.http import urlencode

from events import queries
from network.queries import latest

register = template.Library()


@register.inclusion_tag("events/_organisation_events.html")
def organisation_events(organisation):
    """The "events held here" and "events organised" sections of an organisation's page: the
    latest of each (network.queries.LATEST), and a link to the events page filtered to the
    organisation, which lists them all, when there are more."""
    held, more_held = latest(queries.events_held_at(organisation))
    organised, more_organised = latest(queries.events_organised_by(organisation))
    more = None
    if more_held or more_organised:
        more = reverse("events:event-list") + "?" + urlencode({"organisation": organisation.slug})
    return {"held": held, "organised": organised, "more": more}
