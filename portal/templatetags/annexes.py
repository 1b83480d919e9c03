"""Annexes on the pages of the records they belong to or report on: `{% publication_annexes
publication %}` on a publication's page (its own annexes, and the documents it is an annex of),
`{% annexed_in record %}` on an event's or a project's page (the publications, events and network
apps import nothing of portal)."""

from django import template

from portal import queries

register = template.Library()


@register.inclusion_tag("portal/_annexes.html")
def publication_annexes(publication):
    annexes, annexed_in = queries.publication_annexes(publication)
    return {"annexes": annexes, "annexed_in": annexed_in}


@register.inclusion_tag("portal/_annexed_in.html")
def annexed_in(record):
    return {"annexed_in": list(queries.annexes_about(record))}
