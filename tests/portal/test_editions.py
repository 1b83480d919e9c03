"""A published annual report is a frozen edition (portal.editions): what publishing freezes,
what the page, the print view and the API show, and what they say changed since."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from core import page_cache
from events.models import Event
from portal import editions
from portal.models import AnnualReport, AnnualReportEdition
from tests.factories import EventFactory, MembershipFactory, NetworkFactory, ProjectFactory
from tests.staff.forms import admin_form_data

pytestmark = pytest.mark.django_db

PAGE = "/reports/citynet/2022/"
API = "/api/v1/reports/citynet/2022/"


@pytest.fixture
def network():
    return NetworkFactory(name="CityNet", slug="citynet")


@pytest.fixture
def congress(network):
    return EventFactory(
        title="9th CityNet Congress",
        slug="congress",
        networks=[network],
        start=dt.date(2022, 9, 20),
    )


def published_report(network, **fields):
    return AnnualReport.objects.create(
        network=network,
        year=2022,
        title="Accelerating Climate Actions",
        is_published=True,
        **fields,
    )


def page(url=PAGE, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def test_report_page_without_report_record_is_live(network, congress):
    """No AnnualReport for the year: the report is computed live, as before, and no edition exists."""
    html = page()
    assert "9th CityNet Congress" in html and "Edition 1" not in html
    congress.title = "9th CityNet Congress (Seoul)"
    congress.save()
    assert "9th CityNet Congress (Seoul)" in page()
    assert AnnualReportEdition.objects.count() == 0


def test_report_page_shows_frozen_edition_and_changes_since(network, congress):
    """Published: the page keeps showing what was published, links to the live report and
    lists the new event, the re-dated one and the new project."""
    published_report(network)
    assert "Edition 1, as published on" in page()
    EventFactory(title="Urban Forum", slug="forum", networks=[network], start=dt.date(2022, 5, 3))
    congress.start = dt.date(2022, 10, 5)
    congress.save()
    ProjectFactory(
        network=network, title="Cool Roofs", slug="cool-roofs", start=dt.date(2022, 1, 1)
    )
    html = page()
    edition = html.split('<details class="report-changes">')[0]
    assert "Urban Forum" not in edition and "Cool Roofs" not in edition
    assert "20 Sep 2022" in html  # the congress as published
    assert 'href="/reports/citynet/2022/?live=1"' in html
    changes = html.split('<details class="report-changes">')[1].split("</details>")[0]
    assert "Event added: Urban Forum" in changes
    assert "Event re-dated: 9th CityNet Congress, 20 Sep 2022 → 5 Oct 2022" in changes
    assert "Project added: Cool Roofs" in changes
    live = page(PAGE + "?live=1")
    assert "Urban Forum" in live and "Cool Roofs" in live and "Edition 1, as" not in live
    assert "not the published edition 1" in live


def test_report_edition_frozen_when_published_through_the_admin(
    network, congress, superuser_client, django_capture_on_commit_callbacks
):
    """Ticking "published" in the admin freezes edition 1 when the save commits, with the
    forewords saved in the same form; a later save of the published report freezes none."""
    report = AnnualReport.objects.create(network=network, year=2022, title="Draft title")
    url = reverse("admin:portal_annualreport_change", args=[report.pk])
    data = admin_form_data(superuser_client.get(url).content.decode())
    data["is_published"] = "on"
    data["title"] = "Accelerating Climate Actions"
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, data)
    assert response.status_code == 302
    edition = AnnualReportEdition.objects.get(report=report)
    assert edition.number == 1 and edition.structure["editorial"]["title"] == (
        "Accelerating Climate Actions"
    )
    assert edition.structure["activities"]["total"] == 1
    data = admin_form_data(superuser_client.get(url).content.decode())
    data["closing_text"] = "Join us."
    with django_capture_on_commit_callbacks(execute=True):
        assert superuser_client.post(url, data).status_code == 302
    assert AnnualReportEdition.objects.filter(report=report).count() == 1


def test_report_edition_frozen_by_publish_action_and_refrozen_by_freeze_action(
    network, congress, superuser_client, django_capture_on_commit_callbacks
):
    """ "Publish selected now" freezes edition 1; "Freeze a new edition" freezes edition 2 with
    today's records, which the page then shows; edition 1 stays readable."""
    report = AnnualReport.objects.create(network=network, year=2022)
    changelist = reverse("admin:portal_annualreport_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            changelist, {"action": "publish_now", "_selected_action": [report.pk]}
        )
    assert response.status_code == 302
    assert list(report.editions.values_list("number", flat=True)) == [1]
    congress.title = "9th CityNet Congress (Seoul)"
    congress.save()
    response = superuser_client.post(
        changelist, {"action": "freeze_new_edition", "_selected_action": [report.pk]}, follow=True
    )
    assert "A new edition of 1 report was frozen." in response.content.decode()
    assert list(report.editions.order_by("number").values_list("number", "reason")) == [
        (1, "published"),
        (2, "refrozen"),
    ]
    html = page()
    assert "Edition 2, as published on" in html and "9th CityNet Congress (Seoul)" in html
    assert "Nothing in the records has changed" in html
    assert 'href="/reports/citynet/2022/?edition=1"' in html
    old = page(PAGE + "?edition=1")
    assert (
        "Edition 1, as published on" in old and "An earlier edition: the latest is edition 2" in old
    )
    assert "9th CityNet Congress (Seoul)" not in old.split('<details class="report-changes">')[0]


def test_report_published_again_after_unpublishing_freezes_a_new_edition(
    network, congress, superuser_client, django_capture_on_commit_callbacks
):
    """Unpublished, corrected and published again through the admin form (its publish time
    unchanged): edition 2 holds the corrected records."""
    report = published_report(network)
    editions.freeze_edition(report=report)
    changelist = reverse("admin:portal_annualreport_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        superuser_client.post(changelist, {"action": "unpublish", "_selected_action": [report.pk]})
    assert report.editions.count() == 1
    congress.title = "9th CityNet Congress (Seoul)"
    congress.save()
    url = reverse("admin:portal_annualreport_change", args=[report.pk])
    data = admin_form_data(superuser_client.get(url).content.decode())
    data["is_published"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert superuser_client.post(url, data).status_code == 302
    latest = report.editions.order_by("-number").first()
    assert latest.number == 2
    assert "9th CityNet Congress (Seoul)" in str(latest.structure["activities"])


def test_report_freeze_action_refuses_a_draft_report(network, superuser_client):
    """Freezing a draft report is refused with a message; no edition is made."""
    report = AnnualReport.objects.create(network=network, year=2022, is_published=False)
    response = superuser_client.post(
        reverse("admin:portal_annualreport_changelist"),
        {"action": "freeze_new_edition", "_selected_action": [report.pk]},
        follow=True,
    )
    assert "Only a published report can be frozen" in response.content.decode()
    assert not AnnualReportEdition.objects.exists()


def test_report_scheduled_publish_freezes_on_first_read_after_its_time(network, congress):
    """Scheduled for later: the public sees the live report and no edition; once the time has
    come, the first read freezes edition 1 (no background job), also past a cached page."""
    now = timezone.now()
    published_report(network, publish_at=now + dt.timedelta(hours=1))
    assert "Edition 1" not in page() and not AnnualReportEdition.objects.exists()
    assert Client().get(PAGE + "?edition=1").status_code == 404
    with mock.patch("django.utils.timezone.now", return_value=now + dt.timedelta(minutes=61)):
        html = page()
        assert "Edition 1, as published on" in html
        edition = AnnualReportEdition.objects.get()
        assert edition.structure["editorial"]["title"] == "Accelerating Climate Actions"
        page()
        assert AnnualReportEdition.objects.count() == 1


def test_report_unpublished_hides_its_editions(network, congress):
    """Back to draft: the page is live again, and no edition is in the page or the API."""
    report = published_report(network)
    page()
    report.is_published = False
    report.save()
    html = page()
    assert "Edition 1" not in html and "Accelerating Climate Actions" not in html
    assert Client().get(PAGE + "?edition=1").status_code == 404
    assert Client().get("/api/v1/reports/citynet/editions/").json()["count"] == 0


def test_report_edition_leaves_out_a_record_withdrawn_since(network, congress):
    """An event unpublished after the freeze: its name is on no version of the page, and the
    changes say an event was withdrawn."""
    EventFactory(
        title="Closed Meeting", slug="closed", networks=[network], start=dt.date(2022, 4, 1)
    )
    published_report(network)
    assert "Closed Meeting" in page()
    Event.objects.filter(slug="closed").update(is_published=False)
    for url in (PAGE, PAGE + "?live=1", PAGE.replace("/2022/", "/2022/print/"), API):
        assert "Closed Meeting" not in Client().get(url).content.decode()
    assert "An event this edition listed has been withdrawn." in page()


def test_report_old_edition_missing_sections_renders_without_them(network, congress):
    """An edition frozen before sections existed (keys missing) renders: 200, those sections
    left out, the others shown."""
    report = published_report(network)
    page()
    edition = report.editions.get()
    edition.structure = {
        key: value
        for key, value in edition.structure.items()
        if key not in ("membership", "network", "governance", "projects", "as_of")
    }
    edition.structure["future_section"] = {"unknown": [1, 2]}
    edition.save()
    for url in (PAGE, PAGE.replace("/2022/", "/2022/print/")):
        html = page(url)
        assert 'id="membership"' not in html and 'id="about"' not in html
        assert "9th CityNet Congress" in html
    assert Client().get(API).status_code == 200
    edition.structure = {}
    edition.save()
    assert "CityNet" in page()


def test_report_choice_bad_input_is_a_400_with_message(network):
    """?edition=abc or ?live=maybe: 400 with the reason, on the page and in the API;
    an edition that is not there: 404."""
    published_report(network)
    for query in ("?edition=abc", "?live=maybe", "?edition=%C2%B2"):
        response = Client().get(PAGE + query)
        assert response.status_code == 400 and "“" in response.content.decode()
        response = Client().get(API + query)
        assert response.status_code == 400 and response.json()["detail"]
    assert Client().get(PAGE + "?edition=7").status_code == 404
    assert Client().get(API + "?edition=7").status_code == 404


def test_report_api_gives_edition_by_default_and_says_which(network, congress):
    """The endpoint answers with the edition and its number; ?live=1 says it is live; the
    editions list names each edition with its year and link."""
    published_report(network)
    Client().get(PAGE)
    congress.title = "Renamed Congress"
    congress.save()
    data = Client().get(API).json()
    assert data["edition"]["number"] == 1 and data["latest_edition"] == 1
    assert [e["title"] for g in data["activities"]["groups"] for e in g["events"]] == [
        "9th CityNet Congress"
    ]
    assert data["edition"]["changes_since"] == []  # same slug and date: only the title changed
    live = Client().get(API + "?live=1").json()
    assert live["edition"] is None and live["latest_edition"] == 1
    assert "Renamed Congress" in str(live["activities"])
    listed = Client().get("/api/v1/reports/citynet/editions/").json()
    assert listed["count"] == 1
    assert listed["results"][0]["year"] == 2022 and listed["results"][0]["number"] == 1
    assert listed["results"][0]["url"].endswith("/api/v1/reports/citynet/2022/?edition=1")
    assert Client().get("/api/v1/reports/nowhere/editions/").status_code == 404


def test_report_edition_freeze_invalidates_page_cache(network, congress, settings):
    """With the page cache on, a new edition shows on the very next request."""
    settings.PAGE_CACHE_SECONDS = 600
    page_cache._window_memo.value = None
    report = published_report(network)
    assert "Edition 1," in page()
    assert "Edition 1," in page()  # served from the cache
    congress.title = "Renamed Congress"
    congress.save()
    editions.freeze_edition(report=AnnualReport.objects.get(pk=report.pk), reason="refrozen")
    html = page()
    assert "Edition 2," in html and "Renamed Congress" in html


def test_report_print_view_of_edition_has_running_header_allowed_by_csp(network, congress):
    """The print view shows the edition, with its running header (network and year) in a
    style the Content-Security-Policy allows by its hash, and the cover's table of contents."""
    MembershipFactory(network=network)
    report = published_report(network)
    report.cover.save("cover.png", ContentFile(png_bytes()), save=True)
    editions.freeze_edition(report=report, reason="refrozen")
    response = Client().get("/reports/citynet/2022/print/")
    html = response.content.decode()
    assert response.status_code == 200 and "Edition 1, as published on" in html
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert "@top-left" in style and "CityNet" in style
    digest = re.search(r"'sha256-([^']+)'", response["Content-Security-Policy"]).group(1)
    import base64
    import hashlib

    assert base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() == digest
    # The cover photo fills the cover page (report-print.css), as the edition froze it.
    assert 'class="report-cover report-cover--photo"' in html
    assert f'<img src="{report.cover.url}"' in html
    assert 'href="#membership"' in html.split('class="report-toc"')[1]


def test_report_print_view_without_cover_photo_keeps_cover_and_contents_together(network):
    """No cover photo: the cover is not a page of its own (report-cover--photo absent)."""
    published_report(network)
    html = page("/reports/citynet/2022/print/")
    assert 'class="report-cover"' in html and "report-cover--photo" not in html


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 140)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("language", ["ko", "zh-hans"])
def test_report_edition_read_in_another_language_lists_no_false_changes(
    network, congress, language
):
    """An edition holds formatted text (dates, labels). Frozen while the publishing editor
    works in Korean, or read by a visitor in Chinese, nothing changed reads as nothing changed:
    the edition is frozen and compared in the portal's language (settings.LANGUAGE_CODE),
    not "20 Sep 2022 → 2022年9月20日" for every event."""
    reader = Client(headers={"accept-language": language})
    with translation.override(language):
        published_report(network)
    html = page(client=reader)  # frozen on this first read, by a reader of `language`
    assert "20 Sep 2022" in str(AnnualReportEdition.objects.get().structure)
    assert '<details class="report-changes">' not in html, "no change since the edition"
    congress.start = dt.date(2022, 10, 5)
    congress.save()
    html = page(client=reader)
    changes = html.split('<details class="report-changes">')[1].split("</details>")[0]
    assert "20 Sep 2022 → 5 Oct 2022" in changes
