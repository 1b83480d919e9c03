"""A record several networks share (an event ICLEI East Asia ran with CityNet) is deleted only by
someone who works for all of its networks; a publisher of one of them deleting it takes it off
their own network, and it stays on the others' sites. The same on the delete page and in the
"delete selected" action, for every model whose records are linked to several networks."""

import pytest
from django.contrib.messages import get_messages

from events.models import Event
from publications.models import Publication
from tests.factories import EventFactory, EventSessionFactory, PublicationFactory
from tests.staff.flows import NETWORK_PATHS, admin_url, staff_client

pytestmark = pytest.mark.django_db

JOINT = {
    "events.Event": (Event, EventFactory),
    "publications.Publication": (Publication, PublicationFactory),
}


def shown(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_every_joint_model_is_tested_here():
    assert {label for label, path in NETWORK_PATHS.items() if path == "networks"} == set(JOINT)


@pytest.mark.parametrize("label", JOINT)
def test_deleting_a_joint_record_only_removes_it_from_the_publishers_network(
    label, iclei, citynet, publisher
):
    """ICLEI's publisher deletes a record shared with CityNet: the page says it only leaves
    ICLEI; afterwards it is still there, public, on CityNet's list with its rows and history,
    and off ICLEI's list. Once CityNet is its only network, CityNet's publisher deletes it."""
    model, factory = JOINT[label]
    record = factory(networks=[iclei, citynet], title="Joint forum", is_published=True)
    if model is Event:
        EventSessionFactory(event=record, title="Opening")
    url = admin_url(model, "delete", record.pk)

    page = publisher.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "removes it from ICLEI East Asia only" in text and "CityNet" in text

    response = publisher.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert response.url == admin_url(model, "changelist")
    assert "removed from ICLEI East Asia; it stays on CityNet’s site" in shown(response)
    record = model.objects.get(pk=record.pk)
    assert list(record.networks.all()) == [citynet]
    assert model.objects.published().filter(pk=record.pk).exists()
    if model is Event:
        assert list(record.sessions.values_list("title", flat=True)) == ["Opening"]
    assert record.history.latest().history_user == publisher.user
    assert ">Joint forum</a>" not in publisher.get(admin_url(model, "changelist")).content.decode()
    citynets = staff_client("Publisher", citynet)
    assert ">Joint forum</a>" in citynets.get(admin_url(model, "changelist")).content.decode()

    gone = citynets.post(admin_url(model, "delete", record.pk), {"post": "yes"})
    assert gone.status_code == 302
    assert not model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("label", JOINT)
def test_bulk_delete_removes_joint_records_from_the_publishers_network_only(
    label, iclei, citynet, publisher
):
    """ "Delete selected" on a joint record and on one of ICLEI's own: the confirmation lists the
    joint one as only leaving ICLEI; the own one is deleted, the joint one stays on CityNet's
    site. A publisher working for both networks deletes a joint record for both."""
    model, factory = JOINT[label]
    joint = factory(networks=[iclei, citynet], title="Joint forum")
    own = factory(networks=[iclei], title="Own forum")
    changelist = admin_url(model, "changelist")
    selected = {"action": "delete_selected", "_selected_action": [joint.pk, own.pk]}

    confirm = publisher.post(changelist, selected)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "“Joint forum” will only be removed from ICLEI East Asia; it stays on CityNet." in text
    assert "Own forum" in text

    done = publisher.post(changelist, {**selected, "post": "yes"})

    assert done.status_code == 302
    assert not model.objects.filter(pk=own.pk).exists()
    assert list(model.objects.get(pk=joint.pk).networks.all()) == [citynet]
    messages = shown(done)
    assert "Successfully deleted 1 " in messages
    assert "“Joint forum” was removed from ICLEI East Asia; it stays on CityNet’s site." in messages

    both = staff_client("Publisher", iclei, citynet)
    another = factory(networks=[iclei, citynet], title="Another joint forum")
    both.post(
        changelist, {"action": "delete_selected", "_selected_action": [another.pk], "post": "yes"}
    )
    assert not model.objects.filter(pk=another.pk).exists()


@pytest.mark.parametrize("label", JOINT)
def test_an_api_delete_of_a_joint_record_only_removes_the_users_network(
    label, iclei, citynet, publisher
):
    """The API's DELETE follows the admin's rule: ICLEI's publisher deleting a record shared
    with CityNet takes it off ICLEI only, and the answer says so; once CityNet is its only
    network, CityNet's publisher deletes it (204)."""
    model, factory = JOINT[label]
    url = "/api/v1/events/" if model is Event else "/api/v1/publications/"
    record = factory(networks=[iclei, citynet], title="Joint forum", is_published=True)

    response = publisher.delete(f"{url}{record.slug}/")

    assert response.status_code == 200
    assert response.json() == {
        "detail": "“Joint forum” was removed from ICLEI East Asia; it stays on CityNet’s site.",
        "removed_from": ["iclei-east-asia"],
        "stays_on": ["citynet"],
    }
    record = model.objects.get(pk=record.pk)
    assert list(record.networks.all()) == [citynet]
    assert record.history.latest().history_user == publisher.user

    gone = staff_client("Publisher", citynet).delete(f"{url}{record.slug}/")
    assert gone.status_code == 204
    assert not model.objects.filter(pk=record.pk).exists()
