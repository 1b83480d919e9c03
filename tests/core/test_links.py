"""core.links.slug_url gives exactly what reverse() gives, whatever the script of the slug."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from core.links import slug_url

NAMES = [
    "network:network-detail",
    "network:network-governance",
    "network:member-detail",
    "network:project-detail",
    "events:event-detail",
    "publications:publication-detail",
    "portal:story-detail",
]
SLUGS = [
    "seoul",
    "bench-city-00001",
    "서울특별시",
    "北京市",
    "улаанбаатар",
    "tōkyō-2022",
    "a b&c?d#e%f",
    "100%_café",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("slug", SLUGS)
def test_slug_url_is_what_reverse_gives(name, slug):
    assert slug_url(name, slug) == reverse(name, kwargs={"slug": slug})


def test_slug_url_follows_the_script_prefix_and_language():
    try:
        set_script_prefix("/portal/")
        with translation.override("ko"):
            assert slug_url("network:member-detail", "서울") == reverse(
                "network:member-detail", kwargs={"slug": "서울"}
            )
            assert slug_url("network:member-detail", "서울").startswith("/portal/members/")
    finally:
        set_script_prefix("/")
    assert slug_url("network:member-detail", "seoul") == "/members/seoul/"


@pytest.mark.parametrize("slug", ["", "a/b"])
def test_a_slug_reverse_refuses_is_refused(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("network:member-detail", slug)
