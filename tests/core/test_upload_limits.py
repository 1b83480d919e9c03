"""Uploads at the edges: odd PDF page shapes, images too large in pixels, photos with GPS in them.

Each is answered with a clear message (or handled) — never a server error — and what is stored
carries no more than the picture."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from core.uploads import inspect_pdf
from publications.covers import refresh_cover, render_first_page
from publications.models import Edition, Publication
from tests.factories import EditionFactory, NetworkFactory, PersonFactory, PublicationFactory
from tests.publications.test_admin import ADD, errors_of, form_data

ODD_PAGES = {
    "long strip (WebP size limit)": (100, 14_400),
    "kilometres long (MemoryError)": (100, 9_000_000),
    "0.01 pt wide (OverflowError)": (0.01, 842),
}


def pdf_with_page(width, height) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=width, height=height)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG of a few dozen bytes whose header says width × height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


# --- PDFs whose first page has an odd shape -------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("shape", ODD_PAGES)
def test_admin_refuses_pdf_with_absurd_first_page_and_saves_nothing(superuser_client, shape):
    """Such a PDF passed validation and then crashed the cover rendering (500)."""
    upload = SimpleUploadedFile(
        "odd.pdf", pdf_with_page(*ODD_PAGES[shape]), content_type="application/pdf"
    )
    response = superuser_client.post(reverse(ADD), form_data(NetworkFactory(), [{"file": upload}]))
    assert response.status_code == 200
    assert "The first page of this PDF is" in errors_of(response)
    assert not Publication.objects.exists() and not Edition.objects.exists()


@pytest.mark.parametrize("shape", ODD_PAGES)
def test_pdf_check_names_the_page_size(shape):
    with pytest.raises(ValidationError) as refused:
        inspect_pdf(io.BytesIO(pdf_with_page(*ODD_PAGES[shape])))
    assert "pt" in refused.value.messages[0]


def test_pdf_with_ordinary_pages_still_passes():
    for width, height in [(595, 842), (842, 595), (200, 1_800), (14_400, 14_400)]:
        assert inspect_pdf(io.BytesIO(pdf_with_page(width, height))).pages == 1


@pytest.mark.django_db
@pytest.mark.parametrize("shape", ODD_PAGES)
def test_cover_of_a_stored_odd_pdf_is_bounded_and_never_crashes(shape):
    """A file stored before the check (or by another path) still gets a cover of sane size."""
    publication = PublicationFactory()
    edition = EditionFactory(publication=publication, link="")
    edition.file.save("odd.pdf", ContentFile(pdf_with_page(*ODD_PAGES[shape])), save=False)
    Edition.objects.filter(pk=edition.pk).update(file=edition.file.name)
    image = render_first_page(edition.file)
    if image is not None:
        assert 1 <= image.width <= 2000 and 1 <= image.height <= 2000
    assert refresh_cover(publication, force=True)
    publication.refresh_from_db()
    with publication.cover_large.open("rb") as handle, Image.open(handle) as cover:
        assert cover.width == 640 and cover.height <= 640 * 4


# --- Images too large in pixels --------------------------------------------------------------


@pytest.mark.django_db
def test_admin_gives_the_pixel_limit_for_a_400_megapixel_cover(superuser_client):
    """A 20,000 × 20,000 image (a 60-byte file) got "not an image or a corrupted image"."""
    data = png_claiming(20_000, 20_000)
    assert len(data) < 200
    upload = SimpleUploadedFile("huge.png", data, content_type="image/png")
    response = superuser_client.post(
        reverse(ADD),
        form_data(NetworkFactory(), [{"link": "https://example.org/a"}], cover=upload),
    )
    assert response.status_code == 200
    page = errors_of(response)
    assert "too large in pixels; the limit is 25.0 million" in page
    assert "corrupted image" not in page
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_admin_gives_the_pixel_limit_for_a_huge_person_photo(superuser_client):
    person = PersonFactory()
    upload = SimpleUploadedFile("huge.png", png_claiming(30_000, 30_000), content_type="image/png")
    url = reverse("admin:network_person_change", args=[person.pk])
    form = superuser_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, (list, tuple))
    }
    response = superuser_client.post(url, {**data, "photo": upload})
    assert response.status_code == 200
    assert "too large in pixels" in errors_of(response)


# --- Photos keep their picture, not their EXIF ------------------------------------------------


def jpeg_with_gps_rotated() -> bytes:
    """40 × 20 pixels, left half red; EXIF says "rotate 90° clockwise" and where it was taken."""
    image = Image.new("RGB", (40, 20), "white")
    image.paste((255, 0, 0), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def test_generated_jpeg_carries_gps_and_orientation():
    with Image.open(io.BytesIO(jpeg_with_gps_rotated())) as image:
        exif = image.getexif()
        assert exif[0x0112] == 6 and exif.get_ifd(0x8825)[1] == "N"


@pytest.mark.django_db
def test_uploaded_cover_is_stored_upright_without_exif(superuser_client):
    upload = SimpleUploadedFile("phone.jpg", jpeg_with_gps_rotated(), content_type="image/jpeg")
    response = superuser_client.post(
        reverse(ADD),
        form_data(NetworkFactory(), [{"link": "https://example.org/a"}], cover=upload),
    )
    assert response.status_code == 302, errors_of(response)
    publication = Publication.objects.get()
    with publication.cover.open("rb") as handle:
        stored = handle.read()
    assert b"Exif" not in stored and b"PhoneMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert image.size == (20, 40)  # turned as the camera said
        top = image.convert("RGB").getpixel((10, 5))
        bottom = image.convert("RGB").getpixel((10, 35))
    assert top[0] > 200 and top[1] < 80  # turned clockwise: the red left half is on top
    assert bottom[0] > 200 and bottom[1] > 200  # and the white right half at the bottom


@pytest.mark.django_db
def test_person_photo_saved_by_code_is_stored_without_exif():
    """Every path that saves the photo strips it, not only the admin's form."""
    person = PersonFactory()
    person.photo = SimpleUploadedFile("me.jpg", jpeg_with_gps_rotated())
    person.full_clean()
    person.save()
    with person.photo.open("rb") as handle, Image.open(handle) as image:
        assert not image.getexif() and image.size == (20, 40)
