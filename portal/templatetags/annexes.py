"""Annexes on the pages of the records they belong to or report on: `{% annexes_of publication %}`
on a document's page, `{% annexed_in record %}` on the page of the publication, event or project
an annex is or reports on (the publications, events and network apps import nothing of portal)."""

from django import template

from portal import queries

register = template.Library()


@register.inclusion_tag("portal/_annexes.html")
def annexes_of(publication):
    return {"annexes": list(queries.document_annexes(publication))}


@register.inclusion_tag("portal/_annexed_in.html")
def annexed_in(record):
    return {"annexes": list(queries.annexes_about(record))}
