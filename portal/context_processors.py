from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The site's sections, in menu order.
SECTIONS = [
    ("network:network-list", _("Networks")),
    ("network:member-list", _("Members")),
    ("events:event-list", _("Events")),
    ("publications:publication-list", _("Publications")),
    ("network:project-list", _("Projects")),
    ("portal:report-list", _("Reports")),
    ("portal:story-list", _("Stories")),
]


def site_navigation(request):
    """The main menu, with the section the visitor is in marked as current."""
    sections = []
    for url_name, label in SECTIONS:
        url = reverse(url_name)
        sections.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return {"site_sections": sections}
