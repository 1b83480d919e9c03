"""Template tags through which network pages show what the portal computes (annual reports)
without the network app importing the report builder."""

from django import template

from portal.reports import report_years
from portal.views import report_paths

register = template.Library()


@register.inclusion_tag("portal/_report_links.html")
def report_links(network):
    # (year, path) pairs: one reverse() for the network, not a {% url %} per year.
    return {"years": report_paths(network.slug, sorted(report_years(network), reverse=True))}
