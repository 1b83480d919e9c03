"""publications.models.download_path gives exactly what reverse() gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from publications.models import download_path

SLUGS = [
    "low-carbon-cities",
    "bench-publication-00001",
    "저탄소-도시",
    "低碳城市",
    "улаанбаатар",
    "tōkyō-2022",
    "a b&c?d#e%f",
    "100%_café",
]


def reversed_path(slug, pk):
    return reverse("publications:edition-download", args=[slug, pk])


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("pk", [1, 42, 1234567])
def test_download_path_is_what_reverse_gives(slug, pk):
    """Latin, Hangul, Han, Cyrillic, accented and reserved characters: reverse()'s string."""
    assert download_path(slug, pk) == reversed_path(slug, pk)


def test_download_path_follows_the_script_prefix_and_language():
    """Under a script prefix and another language, still reverse()'s string."""
    try:
        set_script_prefix("/portal/")
        with translation.override("ko"):
            assert download_path("저탄소", 7) == reversed_path("저탄소", 7)
            assert download_path("저탄소", 7).startswith("/portal/")
    finally:
        set_script_prefix("/")
    assert download_path("report", 7) == "/publications/report/files/7/"


@pytest.mark.parametrize("slug", ["", "a/b"])
def test_download_path_refuses_what_reverse_refuses(slug):
    """A slug reverse() refuses is refused the same way."""
    with pytest.raises(NoReverseMatch):
        download_path(slug, 1)
