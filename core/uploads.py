"""Uploaded files are untrusted input: check them before anything stores or serves them.

The rules, shared by every app that accepts uploads (publication files, covers, logos…):
- PDFs must start like a PDF, end like one (a truncated file is refused) and parse with pypdf;
  the page count is read on the way. The first page (the cover) must have a size a PDF page can
  have (3 to 14,400 pt a side) and a shape that can be shown (at most 10 times as long as wide).
- Images must be JPEG, PNG or WebP that Pillow identifies, decodes and verifies, under a pixel
  limit (a small file that expands to gigabytes in memory — a "decompression bomb" — is refused
  before it is decoded). SVG, HTML and everything else are refused: they can carry scripts.
- Every upload has a size limit, named in the message.
- Photos are stored upright and without their metadata: the EXIF orientation is applied to the
  pixels, then the image is saved again without EXIF (GPS position, camera, date), XMP or
  comments (`ImageUploadField`, on every save, whatever path the upload came through).
- Files that must only be served through a checked view (publication PDFs) are stored with
  `PrivateFileStorage`, outside MEDIA_ROOT, under `PRIVATE_MEDIA_ROOT`.
- Stored files get generated names (`GeneratedName`): a user-supplied name never reaches the disk,
  and the extension is the one of the detected type, so the media server's content type is right.

A refused upload raises `ValidationError` with a message that says why; nothing is stored.
"""

from __future__ import annotations

import io
import os
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Limits; each can be changed in settings without touching code.
MAX_PDF_BYTES = getattr(settings, "UPLOAD_MAX_PDF_BYTES", 50 * 1024 * 1024)
MAX_IMAGE_BYTES = getattr(settings, "UPLOAD_MAX_IMAGE_BYTES", 10 * 1024 * 1024)
MAX_IMAGE_PIXELS = getattr(settings, "UPLOAD_MAX_IMAGE_PIXELS", 25_000_000)  # e.g. 5000 × 5000
# A PDF page is 3 to 14,400 units a side (ISO 32000, annex C); a cover at most 1:10.
MIN_PAGE_POINTS, MAX_PAGE_POINTS, MAX_PAGE_RATIO = 3, 14_400, 10

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
            if pages:  # reading the first page proves it parses
                box = reader.pages[0].mediabox
                page_size = (abs(float(box.width)), abs(float(box.height)))
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise ValidationError(
            _("This PDF is damaged and cannot be read. Export it again and upload the new file."),
            code="damaged_pdf",
        ) from None
    if not pages:
        raise ValidationError(_("This PDF has no pages."), code="empty_pdf")
    _check_page_shape(*page_size)
    return PdfFacts(size=size, pages=pages)


def _points(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")  # 100, 0.01, 9,000,000


def _check_page_shape(width: float, height: float) -> None:
    """The cover is rendered from the first page: refuse a size no viewer can show."""
    size = {"width": _points(width), "height": _points(height)}
    if not all(MIN_PAGE_POINTS <= side <= MAX_PAGE_POINTS for side in (width, height)):
        raise ValidationError(
            _(
                "The first page of this PDF is %(width)s × %(height)s pt; a PDF page is 3 to "
                "14,400 pt a side. Export it again with a normal page size."
            )
            % size,
            code="pdf_page_size",
        )
    if max(width, height) > MAX_PAGE_RATIO * min(width, height):
        raise ValidationError(
            _(
                "The first page of this PDF is %(width)s × %(height)s pt: more than 10 times as "
                "long as it is wide, too narrow to show as a cover. Export it again with a normal "
                "page shape."
            )
            % size,
            code="pdf_page_shape",
        )


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


# --- Photos: upright, without metadata -----------------------------------------------------------

SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
}


def without_metadata(data: bytes) -> bytes:
    """The image turned as its EXIF orientation says, saved again without EXIF (GPS position,
    camera, date), XMP or comments; the colour profile is kept. ValidationError if unreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format
                if image_format not in IMAGE_FORMATS:
                    raise ValidationError(_("This kind of file is not accepted."), code="file_type")
                icc_profile = image.info.get("icc_profile")
                upright = ImageOps.exif_transpose(image)  # a copy, without the orientation tag
                # Nothing of the original's metadata is carried over but its transparency.
                upright.info = {
                    k: v for k, v in upright.info.items() if k in ("transparency", "background")
                }
                buffer = io.BytesIO()
                options = dict(SAVE_OPTIONS[image_format])
                if icc_profile:
                    options["icc_profile"] = icc_profile
                upright.save(buffer, format=image_format, **options)
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        raise ValidationError(
            _("This image is damaged and cannot be read. Save it again and upload the new file."),
            code="damaged_image",
        ) from None
    except Image.DecompressionBombWarning:
        raise _too_many_pixels(0, 0, _limits("UPLOAD_MAX_IMAGE_PIXELS", MAX_IMAGE_PIXELS)) from None
    return buffer.getvalue()


class CheckedImageFormField(forms.ImageField):
    """Django's image form field, but an image too large in pixels gets the pixel-limit message.

    Django's field opens the upload with Pillow, whose own bomb check (at twice
    `Image.MAX_IMAGE_PIXELS`) raises before our validator runs; Django then says "not an image
    or a corrupted image", which sends the uploader looking for the wrong fault."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            if data is not None and hasattr(data, "read"):
                try:
                    inspect_image(data)
                except ValidationError as specific:
                    if specific.code == "too_many_pixels":
                        raise specific from None
            raise


class ImageUploadField(models.ImageField):
    """An uploaded image (photo, logo, cover): checked by `validate_image_upload`, refused with
    the pixel-limit message when too large, stored upright and without its metadata.

    In migrations it is a plain ImageField (it stores the same thing)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.file.seek(0)
            clean = without_metadata(file.file.read())
            file.file = ContentFile(clean, name=file.name)
        return super().pre_save(model_instance, add)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


# --- Files served only through a checked view --------------------------------------------------


@deconstructible(path="core.uploads.PrivateFileStorage")
class PrivateFileStorage(FileSystemStorage):
    """Files on disk under `settings.PRIVATE_MEDIA_ROOT`, outside MEDIA_ROOT: the media server
    (and `runserver`'s /media/) never sees them; a view that checks who may read them serves them.

    The folder is read from settings at each use, so a test (or a deployment) can move it.
    `url()` names the view given as `url_name` (called with `name=`), never a media address."""

    def __init__(self, url_name: str | None = None):
        super().__init__()
        self.url_name = url_name

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        if not self.url_name:
            raise ValueError("Private files have no public address.")
        return reverse(self.url_name, kwargs={"name": name})

    def __eq__(self, other):
        return isinstance(other, PrivateFileStorage) and other.url_name == self.url_name

    def __hash__(self):
        return hash((PrivateFileStorage, self.url_name))
