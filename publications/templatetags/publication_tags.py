"""`{% publications_for object %}`: the "Publications" section of organisation and project pages.

The network app's templates load this tag; the network app itself never imports publications.
"""

from django import template
from django.urls import reverse

from network.models import Organisation, Project
from publications import queries

register = template.Library()

LIMIT = 12


@register.inclusion_tag("publications/_publications_section.html")
def publications_for(obj):
    """Published publications about, by or for an organisation or a project (newest first)."""
    if isinstance(obj, Organisation):
        publications = queries.publications_for_organisation(obj)
    elif isinstance(obj, Project):
        publications = queries.publications_for_project(obj)
    else:
        raise template.TemplateSyntaxError("publications_for takes an organisation or a project.")
    shown = list(publications[: LIMIT + 1])
    more = reverse("publications:publication-list") if len(shown) > LIMIT else None
    return {"publications": shown[:LIMIT], "more": more}
