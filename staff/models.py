"""History of every content record, and which networks each staff user works for.

The content apps know nothing of this app (they never import it): their
models are registered with django-simple-history from here, so every change made through the
admin, the API, an import or the seed loader is kept (who, when, what changed) and the history
tables live in this app's migrations.
"""

import simple_history
from django.apps import apps

# (model, many-to-many fields whose past values are kept too, so a restore brings them back).
HISTORY = {
    "network.Network": (),
    "network.Office": (),
    "network.Region": (),
    "network.Organisation": (),
    "network.Membership": (),
    "network.StatedFigure": (),
    "network.Person": (),
    "network.Theme": (),
    "network.GovernanceBody": (),
    "network.Term": (),
    "network.Seat": (),
    "network.Cluster": (),
    "network.ClusterLead": (),
    "network.NationalChapter": (),
    "network.StaffPosition": (),
    "network.NetworkPartner": (),
    "network.Project": ("themes", "sdgs"),
    "network.ProjectParticipant": (),
    "network.CityPairing": (),
    "network.StudyVisit": (),
    "network.PairingAgreement": (),
    "events.EventSeries": (),
    "events.Event": ("networks", "speakers", "themes", "sdgs"),
    "events.EventSession": (),
    "events.EventPlace": (),
    "events.EventOrganisation": (),
    "events.EventImage": (),
    "publications.Series": (),
    "publications.Publication": ("networks", "projects", "organisations", "themes", "sdgs"),
    "publications.Edition": (),
    "publications.PublicationPerson": (),
    "portal.Story": ("organisations", "projects"),
    "portal.StoryImage": (),
    "portal.AnnualReport": ("highlights",),
    "portal.Foreword": (),
}

for _label, _m2m in HISTORY.items():
    _model = apps.get_model(_label, require_ready=False)
    _m2m = tuple(f for f in _m2m if any(f == m.name for m in _model._meta.many_to_many))
    simple_history.register(_model, app="staff", m2m_fields=list(_m2m))


# --- Roles and scope ---------------------------------------------------------------------------

from django.conf import settings  # noqa: E402
from django.db import models  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

#: How a network-owned record reaches its network(s), for scoping the admin. Models not listed
#: (organisations, people, series, SDGs) are shared: any editor may change them.
NETWORK_PATHS = {
    "network.Network": "pk",
    "network.Office": "network",
    "network.Region": "network",
    "network.Membership": "network",
    "network.StatedFigure": "network",
    "network.Theme": "network",
    "network.GovernanceBody": "network",
    "network.Term": "body__network",
    "network.Seat": "term__body__network",
    "network.Cluster": "network",
    "network.ClusterLead": "cluster__network",
    "network.NationalChapter": "network",
    "network.StaffPosition": "network",
    "network.NetworkPartner": "network",
    "network.Project": "network",
    "network.CityPairing": "programme__network",
    "events.Event": "networks",
    "publications.Publication": "networks",
    "portal.Story": "network",
    "portal.AnnualReport": "network",
}


class StaffProfile(models.Model):
    """The networks a staff user works for; they see and change only those networks' records."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    networks = models.ManyToManyField(
        "network.Network", blank=True, related_name="staff_profiles", verbose_name=_("networks")
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        permissions = [("publish_content", _("Can publish, unpublish and schedule content"))]

    def __str__(self):
        return str(self.user)
