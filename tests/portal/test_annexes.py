"""Annexes of a document: on its page, on the pages of what they are or report on, in the
report's publications; never from a draft document."""

import datetime as dt

import pytest
from django.urls import reverse

from portal.models import Annex
from tests.factories import NetworkFactory, ProjectFactory
from tests.factories.events import EventFactory
from tests.factories.publications import EditionFactory, PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(db):
    network = NetworkFactory(slug="neaspec", name="NEASPEC")
    document = PublicationFactory(
        slug="note", title="Low Carbon Cities: Note by the Secretariat", networks=[network]
    )
    EditionFactory(publication=document, language="en", date=dt.date(2023, 10, 6))
    forum = EventFactory(slug="forum-2", title="2nd International Forum", networks=[network])
    compendium = PublicationFactory(slug="compendium", title="Compendium", networks=[network])
    plan = ProjectFactory(slug="plan", title="Activity plan", network=network)
    Annex.objects.create(
        document=document, label="Annex I", title="Report of the 2nd Forum", event=forum, order=0
    )
    Annex.objects.create(
        document=document, label="Annex III", title="(draft) Activity plan", project=plan, order=2
    )
    Annex.objects.create(
        document=document, label="Annex IV", title="Compendium", publication=compendium, order=3
    )
    return document


def test_document_page_lists_annexes_with_their_records(client, note):
    html = client.get(note.get_absolute_url()).content.decode()
    assert "Annex I. Report of the 2nd Forum" in html
    assert '<a href="/events/forum-2/">2nd International Forum</a>' in html
    assert '<a href="/projects/plan/">Activity plan</a>' in html
    assert 'Annex IV. <a href="/publications/compendium/">Compendium</a>' in html
    assert html.index("Annex I.") < html.index("Annex III.") < html.index("Annex IV.")


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/events/forum-2/", "Annex I"),
        ("/projects/plan/", "Annex III"),
        ("/publications/compendium/", "Annex IV"),
    ],
)
def test_annexed_records_name_the_document(client, note, path, label):
    html = client.get(path).content.decode()
    assert f"{label}, “" in html
    assert '<a href="/publications/note/">Low Carbon Cities: Note by the Secretariat</a>' in html


def test_draft_document_annexes_not_shown(client, note):
    """An annex of a draft document is not shown on the event's page."""
    note.is_published = False
    note.save()
    html = client.get("/events/forum-2/").content.decode()
    assert "Annex I" not in html


def test_report_lists_the_documents_annexes(client, note):
    data = client.get("/api/v1/reports/neaspec/2023/").json()
    [publication] = [p for p in data["publications"] if p["slug"] == "note"]
    assert [(a["label"], a["publication"]) for a in publication["annexes"]] == [
        ("Annex I", None),
        ("Annex III", None),
        ("Annex IV", "compendium"),
    ]
    html = client.get(reverse("portal:report-detail", args=["neaspec", 2023])).content.decode()
    assert "<li>Annex I. Report of the 2nd Forum</li>" in html
