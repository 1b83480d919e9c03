"""Files follow their record: a PDF is only reachable through the checked download, and a file
that no record names any more (replaced, or of a deleted record) is removed from storage."""

import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve

from network.models import Person
from publications.models import Edition, Publication
from tests.factories import EditionFactory, PersonFactory, PublicationFactory
from tests.publications.files import image_bytes, pdf_bytes, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def edition_with_pdf(**publication_fields) -> Edition:
    edition = EditionFactory(
        publication=PublicationFactory(**publication_fields), link="", file=pdf_upload()
    )
    edition.refresh_from_db()
    return edition


def download_of(edition) -> str:
    return reverse("publications:edition-download", args=[edition.publication.slug, edition.pk])


def media_answer(name: str) -> int:
    """What /media/<name> answers where Django serves media (runserver, DEBUG)."""
    request = RequestFactory().get(f"/media/{name}")
    try:
        serve(request, name, document_root=settings.MEDIA_ROOT)
    except Http404:
        return 404
    return 200


# --- PDFs only through the checked download ---------------------------------------------------


def test_pdf_is_not_in_the_served_media_folder():
    edition = edition_with_pdf()
    assert edition.file.storage.exists(edition.file.name)
    assert not (Path(settings.MEDIA_ROOT) / edition.file.name).exists()
    assert media_answer(edition.file.name) == 404
    assert Path(edition.file.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))


def test_unpublished_publication_pdf_is_not_served_anywhere(client):
    """Unpublishing left the old /media/…pdf answering 200."""
    edition = edition_with_pdf()
    assert client.get(download_of(edition)).status_code == 200
    Publication.objects.filter(pk=edition.publication_id).update(is_published=False)
    assert client.get(download_of(edition)).status_code == 404
    assert media_answer(edition.file.name) == 404
    # The stored name's address (the admin's link) leads to the same check.
    assert client.get(edition.file.url, follow=True).status_code == 404


def test_api_and_csv_give_the_checked_download_never_media(client):
    edition = edition_with_pdf()
    body = client.get(f"/api/v1/publications/{edition.publication.slug}/").json()
    address = body["editions"][0]["file"]
    assert address == f"http://testserver{download_of(edition)}"
    assert "/media/" not in address
    csv = client.get("/api/v1/publications/", {"format": "csv"}).getvalue().decode()
    assert download_of(edition) in csv and "/media/" not in csv


def test_staff_follow_the_stored_file_link_to_a_draft_pdf(superuser_client):
    edition = edition_with_pdf(is_published=False)
    response = superuser_client.get(edition.file.url)
    assert response.status_code == 302 and response["Location"] == download_of(edition)
    assert superuser_client.get(download_of(edition)).status_code == 200


def test_pages_link_the_checked_download(client):
    edition = edition_with_pdf()
    page = client.get(edition.publication.get_absolute_url()).content.decode()
    assert download_of(edition) in page and "/media/publications/files" not in page


# --- Replaced and deleted files leave storage -------------------------------------------------


def test_replaced_pdf_is_deleted_after_commit(client, django_capture_on_commit_callbacks):
    """Replacing the PDF left the old file on disk (and, before, served under /media/)."""
    edition = edition_with_pdf()
    old = edition.file.name
    with django_capture_on_commit_callbacks(execute=True):
        edition.file = pdf_upload("second.pdf", pages=5)
        edition.save()
    assert not edition.file.storage.exists(old)
    assert edition.file.storage.exists(edition.file.name)
    response = client.get(download_of(edition))
    assert response.status_code == 200 and edition.page_count == 5


def test_nothing_is_deleted_when_the_change_is_rolled_back(django_capture_on_commit_callbacks):
    edition = edition_with_pdf()
    old = edition.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        edition.file = pdf_upload("second.pdf")
        edition.save()
    assert callbacks  # the deletion waits for the commit, which a rollback never brings
    assert edition.file.storage.exists(old)


def test_deleted_publication_takes_its_files(django_capture_on_commit_callbacks):
    edition = edition_with_pdf()
    publication = edition.publication
    publication.cover = png_upload()
    publication.save()
    from publications.covers import refresh_cover

    refresh_cover(publication, force=True)
    publication.refresh_from_db()
    names = [
        (edition.file.storage, edition.file.name),
        *((f.storage, f.name) for f in (publication.cover, publication.cover_card)),
    ]
    assert all(storage.exists(name) for storage, name in names)
    with django_capture_on_commit_callbacks(execute=True):
        publication.delete()
    assert not any(storage.exists(name) for storage, name in names)


def test_a_file_another_record_names_is_kept(django_capture_on_commit_callbacks):
    first = PersonFactory(photo=png_upload())
    second = PersonFactory()
    Person.objects.filter(pk=second.pk).update(photo=first.photo.name)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert default_storage.exists(first.photo.name)


def test_replaced_photo_is_deleted(django_capture_on_commit_callbacks):
    person = PersonFactory(photo=png_upload())
    old = person.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        person.photo = png_upload("new.png")
        person.save()
    assert not default_storage.exists(old) and default_storage.exists(person.photo.name)


def test_reverting_to_a_version_whose_file_was_replaced_answers_missing(
    client, django_capture_on_commit_callbacks
):
    """History keeps names, not files: the restored edition's download says the file is missing."""
    edition = edition_with_pdf()
    with django_capture_on_commit_callbacks(execute=True):
        edition.file = pdf_upload("second.pdf")
        edition.save()
    first_version = edition.history.earliest()
    with django_capture_on_commit_callbacks(execute=True):
        first_version.instance.save()
    assert client.get(download_of(edition)).status_code == 404


# --- prune_media -----------------------------------------------------------------------------


def age(storage, name, hours=2):
    then = time.time() - hours * 3600
    os.utime(storage.path(name), (then, then))


def test_prune_media_lists_then_deletes_only_unreferenced_files():
    """14 files on disk against 3 referenced after a few edits: the rest can be found and removed."""
    kept = edition_with_pdf()
    person = PersonFactory(photo=png_upload())
    private = kept.file.storage
    orphans = [
        (private, private.save("publications/files/2020/orphan.pdf", ContentFile(pdf_bytes()))),
        (
            default_storage,
            default_storage.save("people/photos/2020/orphan.png", ContentFile(image_bytes())),
        ),
        (
            default_storage,
            default_storage.save(
                "publications/thumbnails/1-abc-card.webp", ContentFile(image_bytes("WEBP"))
            ),
        ),
    ]
    fresh = default_storage.save("people/photos/2020/just-uploaded.png", ContentFile(image_bytes()))
    outside = default_storage.save("not-ours/keep.txt", ContentFile(b"x"))
    for storage, name in [
        *orphans,
        (private, kept.file.name),
        (default_storage, person.photo.name),
    ]:
        age(storage, name)

    out = io.StringIO()
    call_command("prune_media", stdout=out)
    listing = out.getvalue()
    assert "3 unreferenced files" in listing and "--delete" in listing
    assert all(name in listing for _storage, name in orphans)
    assert all(storage.exists(name) for storage, name in orphans)  # a dry run by default

    out = io.StringIO()
    call_command("prune_media", "--delete", stdout=out)
    assert "Deleted 3 of 3" in out.getvalue()
    assert not any(storage.exists(name) for storage, name in orphans)
    assert private.exists(kept.file.name) and default_storage.exists(person.photo.name)
    assert default_storage.exists(fresh)  # too young: its save may not be committed yet
    assert default_storage.exists(outside)  # not a folder records store into
