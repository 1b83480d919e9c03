"""Staff upload files through the admin: sound files appear on the public page, bad ones are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publications.models import Edition, Publication
from tests.factories import EditionFactory, NetworkFactory, PublicationFactory
from tests.publications.files import (
    HTML_AS_PDF,
    SVG_WITH_SCRIPT,
    image_bytes,
    pdf_upload,
    png_upload,
)
from tests.staff.forms import record_version

pytestmark = pytest.mark.django_db

ADD = "admin:publications_publication_add"


def form_data(network, editions=(), **fields):
    data = {
        "title": "Resilient Cities, Thriving Cities",
        "slug": "",
        "kind": "report",
        "summary": "",
        "networks": [network.pk],
        "is_published": "on",
        "publish_at_0": "2024-01-01",
        "publish_at_1": "00:00:00",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "editions-TOTAL_FORMS": str(len(editions)),
        "editions-INITIAL_FORMS": "0",
        **fields,
    }
    for index, edition in enumerate(editions):
        defaults = {"date_precision": "month", "order": "0", "language": "en"}
        for key, value in {**defaults, **edition}.items():
            data[f"editions-{index}-{key}"] = value
    return data


def errors_of(response):
    return response.content.decode()


def test_admin_pdf_upload_shows_cover_size_and_pages_on_public_page(superuser_client, client):
    """A real PDF uploaded by staff: its size, page count and first-page cover appear publicly."""
    network = NetworkFactory(name="ICLEI East Asia")
    upload = pdf_upload("Final report (v2).pdf", pages=3)
    response = superuser_client.post(
        reverse(ADD), form_data(network, [{"language": "zh-hans", "file": upload}])
    )
    assert response.status_code == 302, errors_of(response)
    edition = Edition.objects.get()
    assert edition.page_count == 3 and edition.file_size > 0
    assert "Final report" not in edition.file.name and edition.file.name.endswith(".pdf")
    publication = edition.publication
    assert publication.cover_origin == "pdf" and publication.cover_card
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "3 pages" in page
    assert publication.cover_large.url in page
    assert "简体中文" in page
    download = client.get(
        reverse("publications:edition-download", args=[publication.slug, edition.pk])
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert f"{publication.slug}-zh-hans.pdf" in download["Content-Disposition"]


def test_admin_refuses_html_named_pdf_and_saves_nothing(superuser_client):
    network = NetworkFactory()
    fake = SimpleUploadedFile("report.pdf", HTML_AS_PDF, content_type="application/pdf")
    response = superuser_client.post(reverse(ADD), form_data(network, [{"file": fake}]))
    assert response.status_code == 200
    assert "This file is not a PDF" in errors_of(response)
    assert not Publication.objects.exists() and not Edition.objects.exists()


def refused_cover(client, cover) -> str:
    """The errors of the add form posted with `cover` as the cover, which it refuses."""
    response = client.post(
        reverse(ADD), form_data(NetworkFactory(), [{"link": "https://example.org/a"}], cover=cover)
    )
    assert response.status_code == 200
    assert not Publication.objects.exists()
    return errors_of(response)


def test_admin_refuses_svg_cover_with_script(superuser_client):
    svg = SimpleUploadedFile("cover.svg", SVG_WITH_SCRIPT, content_type="image/svg+xml")
    # Django's image field refuses it first, in its own words.
    assert "Upload a valid image" in refused_cover(superuser_client, svg)


def test_admin_refuses_gif_cover_naming_the_accepted_formats(superuser_client):
    """An image Pillow reads but that is not JPEG, PNG or WebP is refused by the upload rules."""
    gif = SimpleUploadedFile("cover.gif", image_bytes("GIF"), content_type="image/gif")
    assert "Upload a JPEG, PNG or WebP image" in refused_cover(superuser_client, gif)


def test_admin_uploaded_cover_is_used(superuser_client):
    network = NetworkFactory()
    response = superuser_client.post(
        reverse(ADD),
        form_data(network, [{"link": "https://example.org/a"}], cover=png_upload("my cover.PNG")),
    )
    assert response.status_code == 302, errors_of(response)
    publication = Publication.objects.get()
    assert publication.cover_origin == "uploaded"
    assert publication.cover.name.endswith(".png") and "my cover" not in publication.cover.name


def test_admin_refuses_two_editions_in_one_language(superuser_client):
    network = NetworkFactory()
    editions = [{"link": "https://example.org/a"}, {"link": "https://example.org/b"}]
    response = superuser_client.post(reverse(ADD), form_data(network, editions))
    assert response.status_code == 200
    assert "Two editions are in the same language" in errors_of(response)
    assert not Publication.objects.exists()


def test_admin_refuses_edition_without_file_or_link(superuser_client):
    network = NetworkFactory()
    response = superuser_client.post(reverse(ADD), form_data(network, [{"language": "ko"}]))
    assert response.status_code == 200
    assert "Give this edition a PDF file or a link" in errors_of(response)
    assert not Publication.objects.exists()


def test_admin_list_filters_and_search_open(superuser_client):
    EditionFactory(language="zh-hans", publication=PublicationFactory(title="REGREEN Fact Sheets"))
    url = reverse("admin:publications_publication_changelist")
    for params in ({"q": "REGREEN"}, {"language": "zh-hans"}, {"year": "2022"}, {"kind": "report"}):
        response = superuser_client.get(url, params)
        assert response.status_code == 200
    assert (
        "REGREEN Fact Sheets" in superuser_client.get(url, {"language": "zh-hans"}).content.decode()
    )


def test_admin_change_page_of_edition_without_file_still_saves(superuser_client):
    """Editions named by the documents have no file; editing other fields must not be blocked."""
    publication = PublicationFactory(title="Seeded")
    edition = EditionFactory(publication=publication, link="", language="ko")
    url = reverse("admin:publications_publication_change", args=[publication.pk])
    page = superuser_client.get(url)
    assert page.status_code == 200
    data = form_data(
        publication.networks.get(),
        [{"id": edition.pk, "publication": publication.pk, "language": "ko", "date": "2020-06-01"}],
        title="Seeded",
        slug=publication.slug,
    )
    data["editions-INITIAL_FORMS"] = "1"
    data["_record_version"] = record_version(page.content.decode())
    response = superuser_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    edition.refresh_from_db()
    assert edition.date.isoformat() == "2020-06-01"
