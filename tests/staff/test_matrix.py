"""The permission matrix through the admin: every network-owned model × role × own or other
network × view, add, change, delete and publish; then shared records, superusers and staff
who work for no network.

One factory-made record per model reaches its network through the model's network path
(its `network_path`); the same steps run for every model."""

import pytest
from django.apps import apps
from django.contrib import admin

from events.models import ReportGroup
from network.models import CommitteeSeat, Network, Person
from portal.models import Annex
from tests.factories import (
    AnnualReportFactory,
    CityPairingFactory,
    ClusterFactory,
    EventFactory,
    GovernanceBodyFactory,
    MembershipFactory,
    NationalChapterFactory,
    NetworkFactory,
    NetworkPartnerFactory,
    OfficeFactory,
    PersonFactory,
    ProjectFactory,
    PublicationFactory,
    RegionFactory,
    StaffPositionFactory,
    StatedFigureFactory,
    StoryFactory,
    TermFactory,
    ThemeFactory,
)
from tests.staff.flows import NETWORK_PATHS, admin_url, staff_client
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db

#: label → (a record of `network`, a text field an editor changes in its form)
RECORDS = {
    "network.Network": (lambda network: network, "full_name"),
    "network.Office": (lambda network: OfficeFactory(network=network), "name"),
    "network.Region": (lambda network: RegionFactory(network=network), "name"),
    "network.Membership": (lambda network: MembershipFactory(network=network), "source"),
    "network.StatedFigure": (lambda network: StatedFigureFactory(network=network), "label"),
    "network.Theme": (lambda network: ThemeFactory(network=network), "name"),
    "network.GovernanceBody": (lambda network: GovernanceBodyFactory(network=network), "name"),
    "network.Term": (lambda network: TermFactory(body__network=network), "name"),
    "network.Cluster": (lambda network: ClusterFactory(network=network), "name"),
    "network.NationalChapter": (lambda network: NationalChapterFactory(network=network), "source"),
    "network.StaffPosition": (lambda network: StaffPositionFactory(network=network), "role"),
    "network.NetworkPartner": (lambda network: NetworkPartnerFactory(network=network), "note"),
    "network.Project": (lambda network: ProjectFactory(network=network), "title"),
    "network.CityPairing": (
        lambda network: CityPairingFactory(programme__network=network),
        "theme",
    ),
    "events.Event": (lambda network: EventFactory(networks=[network]), "title"),
    "events.ReportGroup": (
        lambda network: ReportGroup.objects.create(network=network, name="Trainings"),
        "name",
    ),
    "publications.Publication": (lambda network: PublicationFactory(networks=[network]), "title"),
    "portal.Story": (lambda network: StoryFactory(network=network), "title"),
    "portal.AnnualReport": (lambda network: AnnualReportFactory(network=network), "title"),
    "network.CommitteeSeat": (
        lambda network: CommitteeSeat.objects.create(network=network, committee="Committee"),
        "committee",
    ),
    "portal.Annex": (
        lambda network: Annex.objects.create(
            document=PublicationFactory(networks=[network]), label="Annex I", title="Report"
        ),
        "title",
    ),
}
#: Network-owned models edited only as rows of another record's form (a term's seats, a
#: cluster's leads, an event's sessions): they follow their parent's scope (tested through the
#: parent).
NOT_IN_ADMIN = {
    "portal.AnnualReportEdition",  # shown (read-only) on its report's admin page
    "network.Seat",
    "network.ClusterLead",
    "network.ProjectParticipant",
    "network.ProjectResult",
    "network.StudyVisit",
    "network.PairingAgreement",
    "events.EventSession",
    "events.EventPlace",
    "events.EventOrganisation",
    "events.EventImage",
    "publications.Edition",
    "publications.PublicationPerson",
    "portal.StoryImage",
    "portal.Foreword",
}
#: Networks themselves: created and deleted only by superusers, who assign staff to them.
SUPERUSER_ONLY = {"network.Network"}

ROLES = ["Editor", "Publisher"]
CHANGED = "Changed by staff"


@pytest.fixture
def networks():
    return NetworkFactory(name="ICLEI East Asia"), NetworkFactory(name="CityNet")


def model_of(label):
    return apps.get_model(label)


def is_publishable(model):
    return any(field.name == "is_published" for field in model._meta.fields)


def draft_record(label, network):
    """A record of `label` in `network`, a draft where the model is published: its model, the
    record, the field an editor changes and whether the model is published."""
    make, field = RECORDS[label]
    model = model_of(label)
    record = make(network)
    publishable = is_publishable(model)
    if publishable:
        model.objects.filter(pk=record.pk).update(is_published=False)
    return model, record, field, publishable


def owner_value(record):
    """What the add form's network field (or parent on the network path) holds for `record`."""
    model = type(record)
    field = model._meta.get_field(NETWORK_PATHS[model._meta.label].split("__")[0])
    if field.many_to_many:
        return [str(pk) for pk in getattr(record, field.name).values_list("pk", flat=True)]
    return str(getattr(record, field.attname))


def test_every_network_owned_model_with_an_admin_is_in_the_matrix():
    """A new network-owned model in the admin cannot be left out of the matrix."""
    registered = {label for label in NETWORK_PATHS if admin.site.is_registered(model_of(label))}
    assert registered == set(RECORDS)
    assert set(NETWORK_PATHS) - registered == NOT_IN_ADMIN


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", RECORDS)
def test_own_networks_record(networks, label, role):
    """In their own network, editors and publishers see and change a record; only publishers
    publish it (form field and bulk action) and delete it."""
    own, _other = networks
    model, record, field, publishable = draft_record(label, own)
    client = staff_client(role, own)
    publisher = role == "Publisher"

    # view
    changelist = client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert admin_url(model, "change", record.pk) in changelist.content.decode()
    page = client.get(admin_url(model, "change", record.pk))
    assert page.status_code == 200

    # change (and publish through the form's field)
    data = admin_form_data(page.content.decode(), **{field: CHANGED})
    if publishable:
        data["is_published"] = "on"
    response = client.post(admin_url(model, "change", record.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = model.objects.get(pk=record.pk)
    assert getattr(record, field) == CHANGED
    if publishable:
        assert record.is_published is publisher

        # publish through the bulk action
        model.objects.filter(pk=record.pk).update(is_published=False)
        client.post(
            admin_url(model, "changelist"),
            {"action": "publish_now", "_selected_action": [record.pk]},
        )
        assert model.objects.get(pk=record.pk).is_published is publisher

    # delete
    response = client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
    deleted = publisher and label not in SUPERUSER_ONLY
    assert response.status_code == (302 if deleted else 403)
    assert model.objects.filter(pk=record.pk).exists() is not deleted


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", RECORDS)
def test_other_networks_record(networks, label, role, superuser_client):
    """Another network's record is not listed, its pages answer "does not exist", and forged
    posts (change, publish, delete, bulk delete) change nothing."""
    own, other = networks
    model, record, field, _publishable = draft_record(label, other)
    before = model.objects.filter(pk=record.pk).values().get()
    change = admin_url(model, "change", record.pk)
    client = staff_client(role, own)

    assert change not in client.get(admin_url(model, "changelist")).content.decode()
    for url in (change, admin_url(model, "history", record.pk)):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, "/admin/"), url
    response = client.get(admin_url(model, "delete", record.pk))
    if role == "Publisher" and label not in SUPERUSER_ONLY:
        assert (response.status_code, response.url) == (302, "/admin/")
    else:
        assert response.status_code == 403  # no right to delete anything of this kind

    # A form as it would be filled in by someone allowed to see it, posted by this user.
    data = admin_form_data(superuser_client.get(change).content.decode(), **{field: CHANGED})
    data["is_published"] = "on"
    client.post(change, data)
    for action in ("publish_now", "delete_selected"):
        client.post(
            admin_url(model, "changelist"),
            {"action": action, "_selected_action": [record.pk], "post": "yes"},
        )
    client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
    assert model.objects.filter(pk=record.pk).values().get() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", RECORDS)
def test_add_offers_only_own_network(networks, label, role):
    """The add form accepts the user's own network (or its parent record on the network path)
    and refuses another network's as an invalid choice; nothing is created."""
    own, other = networks
    make, _field = RECORDS[label]
    model = model_of(label)
    client = staff_client(role, own)
    if label in SUPERUSER_ONLY:
        assert client.get(admin_url(model, "add")).status_code == 403
        return
    mine, theirs = make(own), make(other)
    owner = NETWORK_PATHS[label].split("__")[0]
    page = client.get(admin_url(model, "add"))
    assert page.status_code == 200
    count = model.objects.count()
    for record, refused in ((theirs, True), (mine, False)):
        data = admin_form_data(page.content.decode(), **{owner: owner_value(record)})
        response = client.post(admin_url(model, "add"), data)
        errors = response.context["adminform"].form.errors if response.status_code == 200 else {}
        assert ("Select a valid choice" in str(errors.get(owner, ""))) is refused
    assert model.objects.count() == count  # the own-network form lacks other required fields


def test_superuser_sees_every_networks_records(networks, superuser_client):
    """Superusers work for every network: each list shows both networks' records."""
    for label, (make, _field) in RECORDS.items():
        model = model_of(label)
        records = [make(network) for network in networks]
        html = superuser_client.get(admin_url(model, "changelist")).content.decode()
        for record in records:
            assert admin_url(model, "change", record.pk) in html, label


@pytest.mark.parametrize("role", ROLES)
def test_staff_without_a_network_see_no_network_records_and_cannot_add_them(networks, role):
    """A staff user assigned to no network lists nothing network-owned and may add nothing."""
    client = staff_client(role)
    for label, (make, _field) in RECORDS.items():
        model = model_of(label)
        record = make(networks[0])
        listing = client.get(admin_url(model, "changelist"))
        assert listing.status_code == 200
        assert admin_url(model, "change", record.pk) not in listing.content.decode(), label
        assert client.get(admin_url(model, "add")).status_code == 403, label
    # Shared records stay open to them.
    person = PersonFactory()
    assert client.get(admin_url(Person, "change", person.pk)).status_code == 200


@pytest.mark.parametrize("model", [Person, "organisation"])
def test_any_editor_changes_shared_records(networks, model):
    """Organisations and people belong to no network: an editor of any network changes them."""
    own, other = networks
    if model == "organisation":
        record = MembershipFactory(network=other).organisation
        model = type(record)
    else:
        record = PersonFactory()
    client = staff_client("Editor", own)
    url = admin_url(model, "change", record.pk)
    response = client.post(url, admin_form_data(client.get(url).content.decode(), name=CHANGED))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.name == CHANGED


@pytest.mark.parametrize(
    ("model", "field", "make"),
    [
        ("network.CityPairing", "programme", lambda network: ProjectFactory(network=network)),
        ("publications.Publication", "networks", lambda network: network),
        ("network.Membership", "region", lambda network: RegionFactory(network=network)),
    ],
)
def test_autocomplete_offers_only_own_networks_records(networks, model, field, make):
    """The search-as-you-type lists behind network fields show only the user's networks."""
    own, other = networks
    mine, theirs = make(own), make(other)
    app_label, model_name = model.lower().split(".")
    client = staff_client("Editor", own)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field, "term": ""},
    )
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert str(mine.pk) in ids and str(theirs.pk) not in ids


def test_editor_saving_a_joint_event_keeps_the_other_networks_link(networks):
    """An event of ICLEI and CityNet, saved by an ICLEI editor (who is not offered CityNet),
    stays CityNet's too."""
    own, other = networks
    event = EventFactory(networks=[own, other], title="Joint forum")
    client = staff_client("Editor", own)
    url = admin_url(model_of("events.Event"), "change", event.pk)
    html = client.get(url).content.decode()
    assert ">CityNet<" not in html and ">ICLEI East Asia<" in html
    response = client.post(url, admin_form_data(html, title="Joint forum 2022"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Joint forum 2022"
    assert set(event.networks.all()) == {own, other}


def test_superuser_may_create_a_network(superuser_client):
    """Networks are created by superusers (staff cannot: see SUPERUSER_ONLY)."""
    url = admin_url(Network, "add")
    page = superuser_client.get(url).content.decode()
    response = superuser_client.post(url, admin_form_data(page, name="NEASPEC", slug="neaspec"))
    assert response.status_code == 302
    assert Network.objects.filter(slug="neaspec").exists()


@pytest.mark.parametrize(
    ("label", "make"),
    [
        ("network.CityPairing", lambda network: CityPairingFactory(programme__network=network)),
        ("network.Term", lambda network: TermFactory(body__network=network)),
    ],
)
def test_list_filters_name_no_other_networks_records(networks, label, make):
    """The filter by programme (pairings) or body (terms) names only the user's networks'."""
    own, other = networks
    mine, theirs = make(own), make(other)
    make(own)  # a filter with a single choice is not shown
    parent = "programme" if label == "network.CityPairing" else "body"
    client = staff_client("Editor", own)
    html = client.get(admin_url(model_of(label), "changelist")).content.decode()
    assert f"{parent}__id__exact={getattr(mine, parent).pk}" in html
    assert f"{parent}__id__exact={getattr(theirs, parent).pk}" not in html
