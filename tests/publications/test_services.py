"""The publication write service: what is saved or refused, with which message, and the cover."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from publications import services
from publications.models import Edition, Publication
from tests.factories import EditionFactory, PublicationFactory
from tests.staff.flows import staff_client
from tests.staff.sheets import confirm, preview, sheet

pytestmark = pytest.mark.django_db


def new_publication(**fields):
    return Publication(title="Annual Report 2022", kind="annual-report", **fields)


def test_publication_save_creates_it_with_editions_and_a_cover(network):
    publication = services.publication_save(
        publication=new_publication(),
        networks=[network],
        editions=[
            {"language": "EN", "link": "https://example.org/en.pdf", "date": dt.date(2023, 5, 1)},
            {"language": "zh_Hans", "link": "https://example.org/zh.pdf"},
        ],
    )
    publication.refresh_from_db()
    assert list(publication.networks.all()) == [network]
    assert sorted(publication.editions.values_list("language", flat=True)) == ["en", "zh-hans"]
    assert publication.cover_card and publication.cover_origin == "generated"


@pytest.mark.parametrize(
    ("editions", "field", "message"),
    [
        ([{"language": "en", "link": ""}], "editions[0].link", "Give this edition a PDF file"),
        (
            [
                {"language": "en", "link": "https://x.org/a"},
                {"language": "EN", "link": "https://x.org/b"},
            ],
            "editions[1].language",
            "Two editions are in the same language",
        ),
        ([{"language": "ko", "link": "javascript:alert(1)"}], "editions[0].link", "valid URL"),
        (
            [{"language": "english", "link": "https://x.org/a"}],
            "editions[0].language",
            "is not a valid choice",
        ),
    ],
)
def test_publication_save_refuses_bad_editions_with_the_row_and_saves_nothing(
    network, editions, field, message
):
    with pytest.raises(ValidationError) as excinfo:
        services.publication_save(
            publication=new_publication(), networks=[network], editions=editions
        )
    assert message in " ".join(excinfo.value.message_dict[field])
    assert not Publication.objects.exists() and not Edition.objects.exists()


def test_publication_save_refuses_an_issue_without_a_series(network):
    with pytest.raises(ValidationError) as excinfo:
        services.publication_save(publication=new_publication(issue="7"), networks=[network])
    assert excinfo.value.message_dict["issue"] == ["An issue number needs a series."]
    assert not Publication.objects.exists()


def test_replacing_editions_removes_unlisted_ones_and_adding_keeps_them(network):
    publication = PublicationFactory(networks=[network])
    english = EditionFactory(publication=publication, language="en", link="https://x.org/en")
    EditionFactory(publication=publication, language="ko", link="https://x.org/ko")

    services.publication_save(
        publication=publication,
        editions=[{"language": "ja", "link": "https://x.org/ja"}],
        replace_editions=False,
    )
    assert sorted(publication.editions.values_list("language", flat=True)) == ["en", "ja", "ko"]

    services.publication_save(
        publication=publication, editions=[{"language": "en", "link": "https://x.org/en-2"}]
    )
    assert list(publication.editions.values_list("pk", "link")) == [
        (english.pk, "https://x.org/en-2")
    ]


def test_an_edition_row_without_a_link_leaves_the_link_as_it_is(network):
    """A spreadsheet's "en:2023-05:" changes the date only."""
    publication = PublicationFactory(networks=[network])
    EditionFactory(publication=publication, language="en", link="https://x.org/en")
    services.publication_save(
        publication=publication,
        editions=[{"language": "en", "date": dt.date(2023, 5, 1), "date_precision": "month"}],
        replace_editions=False,
    )
    edition = publication.editions.get()
    assert (edition.link, edition.date) == ("https://x.org/en", dt.date(2023, 5, 1))


def test_a_spreadsheet_import_makes_the_cover_of_a_new_publication(network):
    """Imported publications get their cover as those saved in the admin or the API do."""
    publisher = staff_client("Publisher", network)
    upload = sheet(
        "title,kind,networks,editions\nGuide,handbook,iclei-east-asia,en:2023:https://x.org/g.pdf",
        name="publications.csv",
    )
    response = preview(publisher, "publications_publication", upload)
    assert not Publication.objects.exists()  # the preview is rolled back
    confirm(publisher, "publications_publication", response)
    publication = Publication.objects.get(title="Guide")
    assert publication.cover_card and publication.cover_origin == "generated"


def test_a_spreadsheet_import_that_renames_a_publication_makes_its_cover_anew(network):
    publication = PublicationFactory(slug="guide", title="Guide", networks=[network])
    services.publication_relations_saved(publication=publication)
    before = Publication.objects.get(pk=publication.pk).cover_card.name
    publisher = staff_client("Publisher", network)
    upload = sheet(
        "slug,title,kind,networks\nguide,Guide 2024,handbook,iclei-east-asia",
        name="publications.csv",
    )
    confirm(
        publisher,
        "publications_publication",
        preview(publisher, "publications_publication", upload),
    )
    publication.refresh_from_db()
    assert publication.title == "Guide 2024"
    assert publication.cover_card and publication.cover_card.name != before


def test_a_new_edition_brings_a_publication_forward_in_the_library(network, client):
    """The library's order (newest edition first) is stored by the write service: a new
    translation saved through it moves the publication up at once, and removing it moves the
    publication back."""
    older = services.publication_save(
        publication=Publication(title="Older", kind="report", is_published=True),
        networks=[network],
        editions=[{"language": "en", "link": "https://x.org/o", "date": dt.date(2019, 1, 1)}],
        cover=False,
    )
    services.publication_save(
        publication=Publication(title="Newer", kind="report", is_published=True),
        networks=[network],
        editions=[{"language": "en", "link": "https://x.org/n", "date": dt.date(2021, 1, 1)}],
        cover=False,
    )

    def library():
        page = client.get("/publications/").content.decode()
        return sorted(("Older", "Newer"), key=page.index)

    assert library() == ["Newer", "Older"]
    services.publication_save(
        publication=older,
        editions=[{"language": "ko", "link": "https://x.org/ko", "date": dt.date(2023, 3, 1)}],
        replace_editions=False,
        cover=False,
    )
    assert library() == ["Older", "Newer"]
    services.publication_save(
        publication=older,
        editions=[{"language": "en", "link": "https://x.org/o", "date": dt.date(2019, 1, 1)}],
        cover=False,
    )
    assert library() == ["Newer", "Older"]
