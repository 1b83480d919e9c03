"""Real small files made in the tests: a sound PDF, broken ones, images, a bomb, an SVG."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def pdf_bytes(pages: int = 2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name="report.pdf", pages=2):
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


def image_bytes(format="PNG", size=(60, 85), mode="RGB", colour="#1d4e89") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, format=format)
    return buffer.getvalue()


def png_upload(name="cover.png", **kwargs):
    return SimpleUploadedFile(name, image_bytes("PNG", **kwargs), content_type="image/png")


def png_bomb() -> bytes:
    """A few kilobytes that decode to 64 million pixels."""
    return image_bytes("PNG", size=(8000, 8000), mode="1", colour=0)


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_AS_PDF = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
