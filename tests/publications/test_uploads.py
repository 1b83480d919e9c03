"""core/uploads.py with real files: sound ones pass, malicious or broken ones are refused."""

import io

import pytest
from django.core.exceptions import ValidationError

from core.uploads import GeneratedName, inspect_image, inspect_pdf
from tests.publications.files import (
    HTML_AS_PDF,
    SVG_WITH_SCRIPT,
    image_bytes,
    pdf_bytes,
    png_bomb,
)


def refused(check, data: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        check(io.BytesIO(data))
    return " ".join(error.value.messages)


def test_real_pdf_passes_with_its_page_count():
    """A PDF made by pypdf is accepted and its pages and size are read."""
    data = pdf_bytes(pages=3)
    facts = inspect_pdf(io.BytesIO(data))
    assert (facts.pages, facts.size) == (3, len(data))


def test_html_named_pdf_is_refused():
    """An HTML page (with a script) uploaded as .pdf is not a PDF."""
    assert "not a PDF" in refused(inspect_pdf, HTML_AS_PDF)


def test_truncated_pdf_is_refused():
    """Half a PDF is refused as incomplete."""
    data = pdf_bytes()
    assert "incomplete" in refused(inspect_pdf, data[: len(data) // 2])


def test_fake_pdf_with_header_only_is_refused():
    """A file that only starts like a PDF but does not parse is refused as damaged."""
    assert "damaged" in refused(inspect_pdf, b"%PDF-1.7\nnot really a pdf\n%%EOF\n")


def test_pdf_over_the_size_limit_is_refused_with_the_limit(settings):
    """The message names the file's size and the limit."""
    settings.UPLOAD_MAX_PDF_BYTES = 100
    message = refused(inspect_pdf, pdf_bytes())
    assert "the limit is 100\xa0bytes" in message


@pytest.mark.parametrize(
    ("format", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")]
)
def test_jpeg_png_webp_pass(format, extension):
    facts = inspect_image(io.BytesIO(image_bytes(format)))
    assert (facts.extension, facts.width, facts.height) == (extension, 60, 85)


def test_svg_with_script_is_refused():
    """SVG can carry scripts: refused, saying which formats are accepted."""
    assert "JPEG, PNG or WebP" in refused(inspect_image, SVG_WITH_SCRIPT)


def test_gif_is_refused():
    assert "JPEG, PNG or WebP" in refused(inspect_image, image_bytes("GIF"))


def test_png_bomb_is_refused_before_decoding():
    """8000 × 8000 pixels in a few kilobytes: refused by the pixel limit."""
    data = png_bomb()
    assert len(data) < 100_000
    assert "8000 × 8000 pixels" in refused(inspect_image, data)


def test_oversized_image_file_is_refused(settings):
    settings.UPLOAD_MAX_IMAGE_BYTES = 50
    assert "Upload a smaller file" in refused(inspect_image, image_bytes("PNG"))


def test_truncated_png_is_refused():
    data = image_bytes("PNG", size=(400, 400), colour=None)
    assert refused(inspect_image, data[: len(data) // 2])


def test_generated_names_drop_the_uploaders_name():
    """Stored names are random, keep only an accepted extension and never the user's name."""
    name = GeneratedName("publications/files")(None, "../../etc/passwd Ünïcode.pdf")
    assert name.startswith("publications/files/") and name.endswith(".pdf")
    assert "passwd" not in name and ".." not in name
    with pytest.raises(ValidationError):
        GeneratedName("x")(None, "page.html")
