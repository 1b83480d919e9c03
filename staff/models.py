"""History of every content record, and which networks each staff user works for.

The content apps know nothing of this app (DESIGN.md: content apps never import it): their
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
