from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The site's sections, in menu order. A section whose app is not installed yet is left out.
SECTIONS = [
    ("network:network-list", _("Networks")),
    ("network:member-list", _("Members")),
    ("events:event-list", _("Events")),
    ("publications:publication-list", _("Publications")),
    ("network:project-list", _("Projects")),
    ("portal:report-list", _("Reports")),
    ("portal:story-list", _("Stories")),
]


def _resolvable_sections():
    for url_name, label in SECTIONS:
        try:
            yield {"url": reverse(url_name), "label": label}
        except NoReverseMatch:
            continue


def site_navigation(request):
    """The main menu, with the section the visitor is in marked as current."""
    sections = []
    for section in _resolvable_sections():
        section["current"] = request.path.startswith(section["url"])
        sections.append(section)
    return {"site_sections": sections}
