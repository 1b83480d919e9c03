"""Template tags through which network pages show what the portal computes (annual reports)
without the network app importing the report builder."""

from django import template

from portal.reports import report_years

register = template.Library()


@register.inclusion_tag("portal/_report_links.html")
def report_links(network):
    return {"network": network, "years": sorted(report_years(network), reverse=True)}
