"""Covers: an uploaded image, else the first page of the PDF, else one made from the title.

`refresh_cover()` makes the thumbnails the pages show, once, when the cover's source changes (a
new upload, a new PDF, a new title): the admin calls it after saving a publication, the seed
loader after creating one, and `manage.py refresh_covers` for all. Pages only read the stored
files, so a list of 30 publications renders nothing.
"""

from __future__ import annotations

import hashlib
import io
import logging
import textwrap
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from core.page_cache import content_changed
from core.stored_files import delete_when_committed
from publications.models import CoverOrigin, Publication

logger = logging.getLogger(__name__)

CARD_WIDTH = 320  # list pages, organisation and project pages (shown at up to 160 CSS px)
LARGE_WIDTH = 640  # the publication page (shown at up to 320 CSS px)
ASPECT = 1.414  # A4 portrait, the shape of nearly every publication
MAX_RENDER_SIDE = 2000  # pixels: a page is rendered no larger than this on either side
MAX_COVER_RATIO = 4  # a cover is at most 4 times as tall as wide (a longer page is cut)

# Grounds for generated covers: dark enough that white text passes WCAG AA.
PALETTE = ["#1d4e89", "#00635d", "#7a2e8a", "#8a3b12", "#2f5d1e", "#5b3a29", "#334155"]

# Fonts with wide script coverage, tried in order; Pillow's built-in font is the last resort.
DEFAULT_FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
]


def _font(size: int):
    for path in getattr(settings, "COVER_FONTS", DEFAULT_FONTS):
        if Path(path).exists():
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    return ImageFont.load_default(size=size)


def cover_source(publication: Publication):
    """(origin, key, edition or None): what the cover is made from, and a key that changes
    whenever the result would."""
    if publication.cover:
        return CoverOrigin.UPLOADED, f"upload:{publication.cover.name}", None
    edition = (
        publication.editions.exclude(file="").order_by("is_summary", "order", "date", "id").first()
    )
    if edition is not None:
        return CoverOrigin.PDF, f"pdf:{edition.file.name}", edition
    networks = ", ".join(
        publication.networks.order_by("order", "name").values_list("name", flat=True)
    )
    text = f"{publication.title}|{publication.get_kind_display()}|{networks}"
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return CoverOrigin.GENERATED, f"generated:{digest}", None


def refresh_cover(publication: Publication, *, force: bool = False) -> bool:
    """Make the cover thumbnails if their source changed; True if it made new ones."""
    origin, key, edition = cover_source(publication)
    if not force and key == publication.cover_key and publication.cover_card:
        return False
    image = None
    if origin == CoverOrigin.UPLOADED:
        image = _open_upload(publication.cover)
    elif origin == CoverOrigin.PDF:
        image = render_first_page(edition.file)
    if image is None:  # an unreadable source still gets a cover, never a blank
        origin = CoverOrigin.GENERATED
        image = generated_cover(publication)
    old = [f.name for f in (publication.cover_card, publication.cover_large) if f]
    stem = f"{publication.pk}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
    card = _save_webp(_fit(image, CARD_WIDTH))
    large = _save_webp(_fit(image, LARGE_WIDTH))
    publication.cover_card.save(f"{stem}-card.webp", ContentFile(card), save=False)
    publication.cover_large.save(f"{stem}-large.webp", ContentFile(large), save=False)
    publication.cover_origin, publication.cover_key = origin, key
    # update(): no save() side effects, and `updated_at` (the API's sync clock) is not moved by
    # a derived image.
    Publication.objects.filter(pk=publication.pk).update(
        cover_card=publication.cover_card.name,
        cover_large=publication.cover_large.name,
        cover_origin=origin,
        cover_key=key,
    )
    content_changed()  # update() sends no signal: pages showing the old cover are out of date
    storage = publication.cover_card.storage
    for name in old:
        if name not in (publication.cover_card.name, publication.cover_large.name):
            delete_when_committed(storage, name)  # a rolled-back change keeps its thumbnails
    return True


def _open_upload(field_file):
    try:
        with field_file.open("rb") as handle, Image.open(handle) as image:
            image.load()
            return image.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("Cover image %s could not be read; using a generated cover.", field_file)
        return None


def render_first_page(field_file, width: int = LARGE_WIDTH):
    """The first page of a stored PDF as an RGB image `width` pixels wide, or None."""
    import pypdfium2

    try:
        with field_file.open("rb") as handle:
            data = handle.read()
        document = pypdfium2.PdfDocument(data)
        try:
            page = document[0]
            scale = render_scale(page.get_width(), page.get_height(), width)
            if scale is None:
                raise ValueError("page size")
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil().convert("RGB")
            page.close()
        finally:
            document.close()
        return image
    except (pypdfium2.PdfiumError, OSError, ValueError, OverflowError, MemoryError):
        logger.warning("PDF %s could not be rendered; using a generated cover.", field_file)
        return None


def render_scale(page_width: float, page_height: float, width: int) -> float | None:
    """Pixels per point to render a page `width` px wide, bounded so that neither side exceeds
    MAX_RENDER_SIDE and each is at least 1 px (None: no such scale, e.g. a page 0.01 pt wide
    and 842 pt tall). Uploads refuse such pages (core.uploads); this guards stored files."""
    if not (page_width > 0 and page_height > 0):
        return None
    scale = min(width / page_width, MAX_RENDER_SIDE / page_width, MAX_RENDER_SIDE / page_height, 4)
    if page_width * scale < 1 or page_height * scale < 1:
        return None
    return scale


def _ground_colour(publication: Publication) -> str:
    network = publication.networks.order_by("order", "name").first()
    seed = network.slug if network else publication.kind
    return PALETTE[int(hashlib.sha256(seed.encode()).hexdigest(), 16) % len(PALETTE)]


def _draw_text(draw: ImageDraw.ImageDraw, xy, text: str, font, fill: str) -> None:
    """`text` drawn without its control characters, which no cover shows and on which the
    complex-script layout fails (a title with U+001D was a 500 of the API, found by
    schemathesis). Should the layout still fail on some text, it is drawn with the basic
    layout, and should that fail too, left out: a cover is never worth a lost save."""
    text = "".join(char for char in text if unicodedata.category(char) != "Cc")
    try:
        draw.text(xy, text, fill=fill, font=font)
        return
    except (RuntimeError, OSError, ValueError):
        pass
    if isinstance(font, ImageFont.FreeTypeFont):
        try:
            basic = font.font_variant(layout_engine=ImageFont.Layout.BASIC)
            draw.text(xy, text, fill=fill, font=basic)
        except (RuntimeError, OSError, ValueError):
            logger.warning("Cover text %r could not be drawn; left out.", text)


def generated_cover(publication: Publication) -> Image.Image:
    """Title, kind and network in white on the network's colour, A4-shaped."""
    width = LARGE_WIDTH
    height = round(width * ASPECT)
    image = Image.new("RGB", (width, height), _ground_colour(publication))
    draw = ImageDraw.Draw(image)
    margin = 48
    kind_font, title_font, network_font = _font(26), _font(44), _font(28)
    _draw_text(
        draw, (margin, margin), str(publication.get_kind_display()).upper(), kind_font, "#ffffffcc"
    )
    draw.line((margin, margin + 44, margin + 96, margin + 44), fill="#ffffff", width=4)
    # Wrap by characters: CJK titles have no spaces to break at.
    wrap_at = 22 if publication.title.isascii() else 12
    lines = textwrap.wrap(publication.title, width=wrap_at, break_long_words=True)[:9]
    y = margin + 80
    for line in lines:
        _draw_text(draw, (margin, y), line, title_font, "#ffffff")
        y += 58
    networks = list(publication.networks.order_by("order", "name").values_list("name", flat=True))
    if networks:
        _draw_text(
            draw, (margin, height - margin - 34), " · ".join(networks), network_font, "#ffffff"
        )
    return image


def _fit(image: Image.Image, width: int) -> Image.Image:
    """`width` px wide, at most MAX_COVER_RATIO times as tall (the top of a longer image)."""
    if image.height > MAX_COVER_RATIO * image.width:
        image = image.crop((0, 0, image.width, MAX_COVER_RATIO * image.width))
    height = round(width * image.height / image.width)
    return image.resize((width, max(height, 1)), Image.Resampling.LANCZOS)


def _save_webp(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=82, method=4)
    return buffer.getvalue()
