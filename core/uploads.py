"""Uploaded files are untrusted input: check them before anything stores or serves them.

The rules, shared by every app that accepts uploads (publication files, covers, logos…):
- PDFs must start like a PDF, end like one (a truncated file is refused) and parse with pypdf;
  the page count is read on the way.
- Images must be JPEG, PNG or WebP that Pillow identifies, decodes and verifies, under a pixel
  limit (a small file that expands to gigabytes in memory — a "decompression bomb" — is refused
  before it is decoded). SVG, HTML and everything else are refused: they can carry scripts.
- Every upload has a size limit, named in the message.
- Stored files get generated names (`GeneratedName`): a user-supplied name never reaches the disk,
  and the extension is the one of the detected type, so the media server's content type is right.

A refused upload raises `ValidationError` with a message that says why; nothing is stored.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Limits; each can be changed in settings without touching code.
MAX_PDF_BYTES = getattr(settings, "UPLOAD_MAX_PDF_BYTES", 50 * 1024 * 1024)
MAX_IMAGE_BYTES = getattr(settings, "UPLOAD_MAX_IMAGE_BYTES", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = getattr(settings, "UPLOAD_MAX_IMAGE_PIXELS", 25_000_000)  # e.g. 5000 × 5000

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}


@dataclass(frozen=True)
class PdfFacts:
    size: int
    pages: int


@dataclass(frozen=True)
class ImageFacts:
    size: int
    format: str
    extension: str
    width: int
    height: int


def _limits(setting: str, default: int) -> int:
    # Read at call time so tests (and deployments) can change a limit with override_settings.
    return getattr(settings, setting, default)


def _size_of(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(position)
    return size


def _check_size(file, limit: int) -> int:
    size = _size_of(file)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Upload a smaller file.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    return size


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def inspect_pdf(file) -> PdfFacts:
    """Size and page count of an uploaded PDF; ValidationError if it is not a sound PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    size = _check_size(file, _limits("UPLOAD_MAX_PDF_BYTES", MAX_PDF_BYTES))
    data = _read_all(file)
    not_pdf = _("This file is not a PDF. Upload the document as a PDF file.")
    if not data.lstrip()[:5] == b"%PDF-":
        raise ValidationError(not_pdf, code="not_pdf")
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError(
            _("This PDF is incomplete (it ends too early): upload the whole file again."),
            code="truncated_pdf",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValidationError(
                    _("This PDF is password-protected. Upload a copy anyone can open."),
                    code="encrypted_pdf",
                )
            pages = len(reader.pages)
            if pages:
                reader.pages[0].mediabox  # noqa: B018 - reading the first page proves it parses
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise ValidationError(
            _("This PDF is damaged and cannot be read. Export it again and upload the new file."),
            code="damaged_pdf",
        ) from None
    if not pages:
        raise ValidationError(_("This PDF has no pages."), code="empty_pdf")
    return PdfFacts(size=size, pages=pages)


def inspect_image(file) -> ImageFacts:
    """Format and dimensions of an uploaded JPEG, PNG or WebP; ValidationError otherwise."""
    size = _check_size(file, _limits("UPLOAD_MAX_IMAGE_BYTES", MAX_IMAGE_BYTES))
    max_pixels = _limits("UPLOAD_MAX_IMAGE_PIXELS", MAX_IMAGE_PIXELS)
    data = _read_all(file)
    wrong_type = _(
        "Upload a JPEG, PNG or WebP image; this file is not one of those "
        "(SVG, HTML and other formats are refused)."
    )
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns before it raises; treat both as a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                if image.format not in IMAGE_FORMATS:
                    raise ValidationError(wrong_type, code="image_type")
                width, height = image.size
                if width * height > max_pixels:
                    raise _too_many_pixels(width, height, max_pixels)
                image_format = image.format
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # verify() does not decode; a broken stream shows here
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(0, 0, max_pixels) from None
    except UnidentifiedImageError:
        raise ValidationError(wrong_type, code="image_type") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("This image is damaged and cannot be read. Save it again and upload the new file."),
            code="damaged_image",
        ) from None
    return ImageFacts(
        size=size,
        format=image_format,
        extension=IMAGE_FORMATS[image_format],
        width=width,
        height=height,
    )


def _too_many_pixels(width: int, height: int, limit: int) -> ValidationError:
    if width and height:
        message = _(
            "This image is %(width)s × %(height)s pixels; the limit is %(limit)s million pixels. "
            "Upload a smaller image."
        ) % {"width": width, "height": height, "limit": round(limit / 1_000_000, 1)}
    else:
        message = _(
            "This image is too large in pixels; the limit is %(limit)s million. "
            "Upload a smaller image."
        ) % {"limit": round(limit / 1_000_000, 1)}
    return ValidationError(message, code="too_many_pixels")


def _is_new_upload(value) -> bool:
    # Files already stored were checked when they were uploaded; do not re-read them.
    return bool(value) and not getattr(value, "_committed", True)


def validate_pdf_upload(value) -> None:
    """Model-field validator: a new upload must be a sound PDF; it is stored as `*.pdf`."""
    if not _is_new_upload(value):
        return
    inspect_pdf(value.file)
    value.name = "upload.pdf"


def validate_image_upload(value) -> None:
    """Model-field validator: a new upload must be JPEG, PNG or WebP, stored with that extension."""
    if not _is_new_upload(value):
        return
    facts = inspect_image(value.file)
    value.name = f"upload.{facts.extension}"


@deconstructible
class GeneratedName:
    """`upload_to` that stores every file as `<folder>/<year>/<random>.<ext>`.

    The name the uploader gave is thrown away; only an extension of a type the validators
    accept is kept (the validators set it from the detected type), so what the media server
    serves is what was checked.
    """

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = PurePosixPath(filename).suffix.lower().lstrip(".")
        if extension == "jpeg":
            extension = "jpg"
        if extension not in CONTENT_TYPES:
            raise ValidationError(_("This kind of file is not accepted."), code="file_type")
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder


def content_type_for(name: str) -> str:
    """The content type to serve a stored upload with (by the extension we gave it)."""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    return CONTENT_TYPES.get(extension, "application/octet-stream")
