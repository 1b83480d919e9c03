"""`{% publications_for object %}`: the "Publications" section of organisation and project pages.

The network app's templates load this tag; the network app itself never imports publications.
"""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from network.models import Organisation, Project
from network.queries import latest
from publications import queries
from publications.cards import cards

register = template.Library()


@register.inclusion_tag("publications/_publications_section.html")
def publications_for(obj):
    """Published publications about, by or for an organisation or a project: the latest
    (network.queries.LATEST), and a link to the library filtered to it when there are more."""
    if isinstance(obj, Organisation):
        publications, parameter = queries.publications_for_organisation(obj), "organisation"
    elif isinstance(obj, Project):
        publications, parameter = queries.publications_for_project(obj), "project"
    else:
        raise template.TemplateSyntaxError("publications_for takes an organisation or a project.")
    shown, more = latest(publications)
    link = reverse("publications:publication-list") + "?" + urlencode({parameter: obj.slug})
    return {"publications": shown, "more": link if more else None}


@register.filter
def publication_cards(publications):
    """The cards (publications.cards) of a list of publications: `{% for card in
    publications|publication_cards %}` (templates/publications/_card_list.html)."""
    return cards(publications)
