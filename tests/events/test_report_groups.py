"""Report groups belong to a network: a joint event sits in each network's own group, on every
path that writes events (service, admin, API, spreadsheet) and in the report it is grouped by."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from events import queries, services
from events.models import EventNetwork, ReportGroup
from tests.factories import EventFactory, EventSeriesFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def group(network, name, order=0):
    group = ReportGroup(network=network, name=name, order=order)
    group.full_clean()
    group.save()
    return group


def link(event, network):
    return EventNetwork.objects.select_related("report_group").get(event=event, network=network)


def test_joint_event_is_listed_in_each_networks_own_group_in_that_networks_order():
    """ICLEI's report lists the forum under its "Forums", CityNet's under "Other Programmes"."""
    iclei, citynet = NetworkFactory(slug="iclei"), NetworkFactory(slug="citynet")
    trainings, forums = group(iclei, "Trainings", 1), group(iclei, "Forums", 2)
    congress, other = (
        group(citynet, "9th CityNet Congress", 1),
        group(citynet, "Other Programmes", 2),
    )
    forum = EventFactory(networks=[iclei, citynet], start=dt.date(2022, 12, 6))
    training = EventFactory(networks=[iclei], start=dt.date(2022, 3, 16))
    meeting = EventFactory(networks=[citynet], start=dt.date(2022, 10, 4))
    loose = EventFactory(networks=[citynet], start=dt.date(2022, 1, 5))
    services.event_set_report_groups(event=forum, report_groups={iclei: forums, citynet: other})
    services.event_set_report_groups(event=training, report_groups={iclei: trainings})
    services.event_set_report_groups(event=meeting, report_groups={citynet.pk: congress})

    def listed(network):
        return [
            (g["label"], [e.pk for e in g["events"]]) for g in queries.events_in_year(network, 2022)
        ]

    assert listed(iclei) == [("Trainings", [training.pk]), ("Forums", [forum.pk])]
    assert listed(citynet) == [
        ("9th CityNet Congress", [meeting.pk]),
        ("Other Programmes", [forum.pk]),
        ("Other activities", [loose.pk]),
    ]


def test_a_group_of_another_network_is_refused_and_nothing_changes():
    iclei, citynet = NetworkFactory(), NetworkFactory()
    forums, congress = group(iclei, "Forums"), group(citynet, "Congress")
    event = EventFactory(networks=[iclei, citynet])
    services.event_set_report_groups(event=event, report_groups={iclei: forums})
    with pytest.raises(ValidationError) as error:
        services.event_set_report_groups(event=event, report_groups={iclei: None, citynet: forums})
    assert "report group of another network" in str(error.value.message_dict["report_groups"])
    assert link(event, iclei).report_group == forums  # the valid half was not saved either
    assert link(event, citynet).report_group is None
    with pytest.raises(ValidationError, match="not in the network"):
        services.event_set_report_groups(
            event=EventFactory(networks=[iclei]), report_groups={citynet: congress}
        )


def test_removing_a_network_removes_its_group_and_the_next_edition_keeps_the_groups():
    iclei, citynet = NetworkFactory(), NetworkFactory()
    forums = group(iclei, "Forums")
    event = EventFactory(networks=[iclei, citynet], series=EventSeriesFactory(), edition=1)
    services.event_set_report_groups(event=event, report_groups={iclei: forums})
    copy = services.copy_into_next_edition(event=event)
    assert link(copy, iclei).report_group == forums
    services.event_save(event=event, networks=[citynet])
    assert not EventNetwork.objects.filter(event=event, network=iclei).exists()


def test_staff_put_an_event_in_a_group_in_the_admin(superuser_client):
    """The change form has a row per network; a group of another network is refused there."""
    from tests.staff.forms import admin_form_data

    network, other = NetworkFactory(), NetworkFactory()
    forums, congress = group(network, "Forums"), group(other, "Congress")
    event = EventFactory(networks=[network], start=dt.date(2022, 12, 1))
    url = f"/admin/events/event/{event.pk}/change/"
    page = superuser_client.get(url).content.decode()
    assert "network_links-0-report_group" in page and f"{network.name}: Forums" in page

    refused = superuser_client.post(
        url, admin_form_data(page, **{"network_links-0-report_group": str(congress.pk)})
    )
    assert refused.status_code == 200
    assert "report group of another network" in refused.content.decode()
    assert link(event, network).report_group is None

    saved = superuser_client.post(
        url, admin_form_data(page, **{"network_links-0-report_group": str(forums.pk)})
    )
    assert saved.status_code == 302
    assert link(event, network).report_group == forums


def test_the_api_writes_and_reads_each_networks_group(client):
    from tests.api.test_writes import send, token_header

    iclei = NetworkFactory(slug="iclei-east-asia")
    trainings = group(iclei, "Trainings")
    headers = token_header("add_event")
    event = {
        "title": "Circular City Action Training",
        "kind": "training",
        "networks": ["iclei-east-asia"],
        "start": "2022-10",
        "is_published": True,
    }
    wrong = send(
        client,
        "post",
        "/api/v1/events/",
        {**event, "report_groups": [{"network": "iclei-east-asia", "group": "webinars"}]},
        **headers,
    )
    assert wrong.status_code == 400
    assert "has no report group 'webinars'" in wrong.content.decode()
    created = send(
        client,
        "post",
        "/api/v1/events/",
        {**event, "report_groups": [{"network": "iclei-east-asia", "group": "trainings"}]},
        **headers,
    )
    assert created.status_code == 201, created.content
    slug = created.json()["slug"]
    assert link(created_event(slug), iclei).report_group == trainings
    shown = client.get(f"/api/v1/events/{slug}/").json()["report_groups"]
    assert shown == [{"network": "iclei-east-asia", "group": "trainings", "name": "Trainings"}]
    listed = client.get("/api/v1/events/").json()["results"][0]["report_groups"]
    assert listed == shown


def created_event(slug):
    from events.models import Event

    return Event.objects.get(slug=slug)


def test_a_spreadsheet_sets_the_groups_by_name_and_names_a_wrong_one(superuser_client):
    from tests.staff import sheets

    citynet = NetworkFactory(slug="citynet", name="CityNet")
    congress = group(citynet, "9th CityNet Congress")
    columns = "title,kind,networks,start,report_groups"
    wrong = sheets.text_of(
        sheets.preview(
            superuser_client,
            "events_event",
            sheets.sheet(f"{columns}\nGeneral Council,meeting,citynet,2022-09,citynet: Congress 9"),
        )
    )
    assert "CityNet has no report group &#x27;Congress 9&#x27;" in wrong or (
        "CityNet has no report group 'Congress 9'" in wrong
    )
    page = sheets.preview(
        superuser_client,
        "events_event",
        sheets.sheet(
            f"{columns}\nGeneral Council,meeting,citynet,2022-09,citynet: 9th cityNet congress"
        ),
    )
    sheets.confirm(superuser_client, "events_event", page)
    event = created_event_titled("General Council")
    assert link(event, citynet).report_group == congress
    exported = superuser_client.post(
        "/admin/events/event/export/",
        {
            "format": "0",
            **sheets.export_all_fields(superuser_client, "/admin/events/event/export/"),
        },
    )
    assert "citynet: 9th CityNet Congress" in exported.content.decode("utf-8-sig")


def created_event_titled(title):
    from events.models import Event

    return Event.objects.get(title=title)


def test_the_events_page_filters_by_a_networks_group(client):
    iclei, citynet = NetworkFactory(slug="iclei"), NetworkFactory(slug="citynet")
    trainings, citynet_trainings = group(iclei, "Trainings"), group(citynet, "Trainings")
    ours = EventFactory(
        title="ICLEI training", networks=[iclei, citynet], start=dt.date(2022, 3, 1)
    )
    theirs = EventFactory(
        title="CityNet training", networks=[iclei, citynet], start=dt.date(2022, 4, 1)
    )
    services.event_set_report_groups(event=ours, report_groups={iclei: trainings})
    services.event_set_report_groups(event=theirs, report_groups={citynet: citynet_trainings})
    both = client.get("/events/?group=trainings").content.decode()
    assert "ICLEI training" in both and "CityNet training" in both
    iclei_only = client.get("/events/?group=trainings&network=iclei").content.decode()
    assert "ICLEI training" in iclei_only and "CityNet training" not in iclei_only


# --- The seed: each network's report reads as its printed one -------------------------------------


def activity_groups(client, network, year):
    report = client.get(f"/api/v1/reports/{network}/{year}/").json()
    return {g["label"]: [e["slug"] for e in g["events"]] for g in report["activities"]["groups"]}


def test_citynet_2022_activities_under_the_chapters_of_its_report(seeded, client):
    """003:76-86 "03 INTRODUCTION / 09 HIGHLIGHTS / 10 9TH CITYNET CONGRESS / 16 THE URBAN SDG
    KNOWLEDGE PLATFORM / 18 CITY-TO-CITY COOPERATION WITH THE EU / 22 OTHER PROGRAMMES AND
    ACTIVITIES": its activities under those four chapters, in that order, none elsewhere."""
    groups = activity_groups(client, "citynet", 2022)
    assert list(groups) == [
        "9th CityNet Congress",
        "The Urban SDG Knowledge Platform",
        "City-to-City Cooperation with the EU",
        "Other Programmes and Activities",
    ]
    assert "9th-citynet-general-council" in groups["9th CityNet Congress"]
    # 003:467 "SDG ONLINE COURSES" sits in the knowledge platform chapter (003:450); the courses
    # have no date in 003, so they are in no year's list, but in that group.
    course = EventNetwork.objects.get(
        event__slug="approaches-in-sustainable-tourism-lessons-from-seoul", network__slug="citynet"
    )
    assert course.report_group.name == "The Urban SDG Knowledge Platform"
    # 003:846 "2nd International Forum on Low Carbon Cities" is in the timeline of chapter 22,
    # not under ICLEI's "Forums".
    assert (
        "2nd-international-forum-on-low-carbon-cities" in groups["Other Programmes and Activities"]
    )


def test_iclei_2022_groups_are_kept_and_the_joint_forum_is_in_each_networks_own(seeded, client):
    """000:166-206 "2022 OVERVIEW": Webinars (3), Trainings (7), then "(4) Global Forum"."""
    iclei = activity_groups(client, "iclei-east-asia", 2022)
    assert list(iclei)[:3] == ["Webinars", "Trainings", "Forums"]
    assert (len(iclei["Webinars"]), len(iclei["Trainings"])) == (3, 7)
    assert "2nd-international-forum-on-low-carbon-cities" in iclei["Forums"]
    neaspec = activity_groups(client, "neaspec", 2022)
    # 002:57 "(2nd International Forum on Low Carbon Cities)" under its forums, not "Forums (1)".
    assert "Forums" not in neaspec
    assert (
        "2nd-international-forum-on-low-carbon-cities"
        in neaspec["International Forums on Low Carbon Cities"]
    )


def test_neaspec_2023_activities_under_what_its_note_names_them(seeded, client):
    """002:55 "Since the SOM-25 ... the Secretariat organized two International Forums on Low
    Carbon Cities ... and organized a parallel session on city-led climate innovations at the 8th
    Asia-Pacific Urban Forum"."""
    groups = activity_groups(client, "neaspec", 2023)
    assert (
        "3rd-international-forum-on-low-carbon-cities"
        in groups["International Forums on Low Carbon Cities"]
    )
    assert (
        "city-led-climate-innovations-driving-changes-to-safeguard-our-future"
        in groups["Parallel session at the 8th Asia-Pacific Urban Forum"]
    )
    assert "Other activities" not in groups


def test_the_report_page_shows_the_networks_headings(seeded, client):
    page = client.get("/reports/citynet/2022/").content.decode()
    headings = re.findall(r"<h3>([^<]+) <span class=\"meta\">\(\d+\)</span></h3>", page)
    assert headings[:4] == [
        "9th CityNet Congress",
        "The Urban SDG Knowledge Platform",
        "City-to-City Cooperation with the EU",
        "Other Programmes and Activities",
    ]
    assert "Forums" not in headings
