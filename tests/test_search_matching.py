"""Search finds what a visitor types, whatever the accents, the case or the script, by one rule
(core.text_search) on every surface: the site search, each list's `q` and the API's `q`.
On SQLite and PostgreSQL alike."""

import pytest
from django.db import connection

from core.text_search import FOLD_FUNCTION, fold
from tests.factories import (
    EventFactory,
    EventPlaceFactory,
    MembershipFactory,
    OrganisationFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db


# What a visitor types, and the events it must find (by their title, or the city they were
# held in), and none of the others.
MALMO = ("Malmo Harbour Day", "Malmö Climate Forum")
EVENT_SEARCHES = [
    ("Malmo", MALMO),
    ("malmö", MALMO),
    ("MALMÖ", MALMO),
    ("malmö climate", ("Malmö Climate Forum",)),
    ("Da Nang", ("Đà Nẵng Green Growth Dialogue",)),
    ("улаанбаатар", ("УЛААНБААТАР ХОТЫН ЧУУЛГАН",)),  # Mongolian Cyrillic capitals
    ("Улаанбаатар", ("УЛААНБААТАР ХОТЫН ЧУУЛГАН",)),
    ("αθηνα", ("ΑΘΗΝΑ ΔΗΜΟΣ",)),  # Greek capitals, final sigma
    ("δημος", ("ΑΘΗΝΑ ΔΗΜΟΣ",)),
    ("서울", ("서울특별시 기후 포럼",)),  # a Korean substring, no word boundary
    ("首尔", ("2023首尔气候论坛",)),  # a Chinese substring
    ("ソウル", ("ソウル特別市会議",)),
    ("Kunming", ("Lake Restoration Workshop",)),  # held in Kunming: a place's city
    ("kunming restoration", ("Lake Restoration Workshop",)),
]
EVENT_TITLES = sorted({title for _q, titles in EVENT_SEARCHES for title in titles})


@pytest.fixture
def events():
    for title in EVENT_TITLES:
        if title != "Lake Restoration Workshop":
            EventPlaceFactory(event=EventFactory(title=title), city="", venue="", country="")
    EventPlaceFactory(event=EventFactory(title="Lake Restoration Workshop"), city="Kunming")
    EventFactory(title="Malmö Draft Meeting", is_published=False)


def shown(html: str) -> list[str]:
    return sorted(title for title in EVENT_TITLES if title in html)


@pytest.mark.parametrize(("q", "titles"), EVENT_SEARCHES)
def test_the_events_page_finds_it(client, events, q, titles):
    assert shown(client.get("/events/", {"q": q}).content.decode()) == sorted(titles)


@pytest.mark.parametrize(("q", "titles"), EVENT_SEARCHES)
def test_the_events_api_finds_it(client, events, q, titles):
    results = client.get("/api/v1/events/", {"q": q}).json()["results"]
    assert sorted(e["title"] for e in results) == sorted(titles)


@pytest.mark.parametrize(("q", "titles"), EVENT_SEARCHES)
def test_the_site_search_finds_it(client, events, q, titles):
    assert shown(client.get("/search/", {"q": q}).content.decode()) == sorted(titles)


def test_a_draft_is_never_found(client, events):
    for url in ("/events/", "/search/"):
        assert "Malmö Draft Meeting" not in client.get(url, {"q": "malmo"}).content.decode()
    assert client.get("/api/v1/events/", {"q": "malmo draft"}).json()["results"] == []


@pytest.mark.parametrize("q", ["Malmo", "malmö", "MALMO"])
def test_members_by_accent_and_case_on_the_list_its_api_and_the_site_search(client, q):
    MembershipFactory(organisation=OrganisationFactory(name="Malmö Stad", country="SE"))
    MembershipFactory(organisation=OrganisationFactory(name="Lund", country="SE"))
    assert "Malmö Stad" in client.get("/members/", {"q": q}).content.decode()
    assert "Lund" not in client.get("/members/", {"q": q}).content.decode()
    api = client.get("/api/v1/members/", {"q": q}).json()["results"]
    assert [m["name"] for m in api] == ["Malmö Stad"]
    assert "Malmö Stad" in client.get("/search/", {"q": q}).content.decode()


@pytest.mark.parametrize(
    ("q", "found"),
    [("Ulaanbaatar", True), ("хотын", True), ("ХОТЫН тайлан", True), ("улаанбаатар", False)],
)
def test_publications_by_any_script_and_case(client, q, found):
    """A publication found by a word of its title in either script, whatever the case; on the
    list, its API and the site search. Latin letters are not Cyrillic ones."""
    PublicationFactory(title="ULAANBAATAR ХОТЫН ТАЙЛАН")
    PublicationFactory(title="Unrelated Guidebook")
    for url in ("/publications/", "/search/"):
        html = client.get(url, {"q": q}).content.decode()
        assert ("ULAANBAATAR ХОТЫН ТАЙЛАН" in html) == found
        assert "Unrelated Guidebook" not in html
    api = client.get("/api/v1/publications/", {"q": q}).json()["results"]
    assert [p["title"] for p in api] == (["ULAANBAATAR ХОТЫН ТАЙЛАН"] if found else [])


@pytest.mark.parametrize("q", ["%", "_", "\\", "100%"])
def test_like_wildcards_are_plain_characters(client, q):
    """% and _ typed in a search are characters, not wildcards that find everything."""
    EventFactory(title="Ordinary Meeting")
    EventFactory(title="Reaching 100% Renewables")
    titles = [e["title"] for e in client.get("/api/v1/events/", {"q": q}).json()["results"]]
    assert titles == (["Reaching 100% Renewables"] if "%" in q else [])


@pytest.mark.parametrize(
    ("q", "title"),
    [("カ", "ガス会議"), ("서", "선진 도시")],
)
def test_other_scripts_keep_their_marks(client, q, title):
    """Only Latin, Greek and Cyrillic accents are folded: a kana's voicing mark or a Hangul
    syllable's final consonant makes another letter, which a search does not confuse."""
    EventFactory(title=title)
    assert client.get("/api/v1/events/", {"q": q}).json()["results"] == []


SAMPLES = [
    "Malmö",
    "MALMÖ",
    "Đà Nẵng",
    "São Paulo",
    "København",
    "Łódź",
    "Straße",
    "İstanbul",
    "ΑΘΗΝΑΣ",
    "Улаанбаатар",
    "Ёлка",
    "서울특별시",
    "首尔",
    "ガス",
    "ＡＢＣ１２３",
    "ﬁnance",
    "Œuvre",
    "Ærø",
    "plain ascii",
]


def test_the_database_folds_as_python_does():
    """The SQL function a search runs in the database gives what fold() gives: on PostgreSQL
    it is a separate definition (core's migration), which must not drift from fold()."""
    with connection.cursor() as cursor:
        for text in SAMPLES:
            cursor.execute(f"SELECT {FOLD_FUNCTION}(%s)", [text])
            assert cursor.fetchone()[0] == fold(text), text


def test_fold():
    assert [fold(t) for t in ("Malmö", "Đà Nẵng", "ΑΘΗΝΑΣ", "Straße", "ガス", "서울")] == [
        "malmo",
        "da nang",
        "αθηνασ",
        "strasse",
        "ガス",
        "서울",
    ]


def test_the_site_search_shows_a_few_per_kind_and_links_to_the_filtered_list(client):
    from portal.search import RESULTS_PER_GROUP

    for n in range(RESULTS_PER_GROUP + 2):
        EventFactory(title=f"Ocean Forum {n:02}")
    html = client.get("/search/", {"q": "ocean forum"}).content.decode()
    assert html.count("Ocean Forum ") == RESULTS_PER_GROUP
    assert 'href="/events/?q=ocean+forum"' in html
    listed = client.get("/events/", {"q": "ocean forum"}).content.decode()
    assert all(f"Ocean Forum {n:02}" in listed for n in range(RESULTS_PER_GROUP + 2))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes: PostgreSQL only")
def test_postgresql_searches_through_the_trigram_indexes(client):
    """The searched columns' trigram indexes match the SQL a search runs: each table's match,
    planned with sequential and plain index scans off (as at a real size, where they cost more),
    reads its index, so a search does not fold every row. Each table is explained on its own, as
    the whole query's plan depends on the other indexes and the sizes."""
    from events.filters import EventFilter
    from events.models import Event, EventPlace

    EventPlaceFactory(event=EventFactory(title="Lake Restoration Workshop"), city="Kunming")
    # Enough other rows that reading a whole index costs more than the trigram index, as at a
    # real size (on a handful of rows the planner rightly reads everything).
    others = Event.objects.bulk_create(
        Event(slug=f"other-{i}", title=f"Other meeting {i:05d}", kind="webinar")
        for i in range(3000)
    )
    EventPlace.objects.bulk_create(EventPlace(event=e, city=f"Town {e.pk:05d}") for e in others)
    with connection.cursor() as cursor:
        # Rows inserted after a GIN index is built wait in its pending list, which the planner
        # prices as a scan; VACUUM (not allowed in a test's transaction) would move them in.
        for index in ("events_event_title_fold_trgm", "events_eventplace_city_fold_trgm"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE events_event, events_eventplace")
    matches = {
        "events_event_title_fold_trgm": Event.objects.filter(title__folded_contains="kunming"),
        "events_eventplace_city_fold_trgm": EventPlace.objects.filter(
            city__folded_contains="kunming"
        ),
    }
    for index, match in matches.items():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            sql, params = match.order_by().values("pk").query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan
    queryset = EventFilter({"q": "kunming"}, queryset=Event.objects.published()).qs
    assert [e.title for e in queryset] == ["Lake Restoration Workshop"]
