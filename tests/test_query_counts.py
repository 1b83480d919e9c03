"""The exact number of SQL queries of every public page, feed and API list, at 1 row and at 30.

PINS is the one table to update when a change is meant to alter a count: a failure names the
URL and the number of rows, and lists the SQL it ran. A count that differs between the two sizes
is a query per row: fix the read (a select_related or prefetch_related in the app's queries.py),
not the pin. The rows are tests/factories/rows.py: every list and every section of a detail
page gets one row, then 29 more; {term}, {theme} and {sdg} are the ids of its records.
"""

import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

from portal import pdf
from tests.factories.rows import Rows
from tests.queries import assert_pinned, measure

pytestmark = pytest.mark.django_db  # makes pytest-django create the database the rows go in

API = "/api/v1"
ALL = "page_size=100"  # one API page holds every row

# A list of publishable records (m2m, reverse) is read through core.publishing.published_related(),
# one query per relation (the comments name them); a foreign key to one (an event's project and
# host, a place's organisation, an edition's publisher and translator, a seat's holders, a
# story's network, a person's organisation, a chapter's host) is joined in the row's own query
# by published_joined(), no query of its own. Either way a linked draft never shows.
PINS = {
    # Site shell
    # networks, member counts, stated figures; events, their networks, places (organisation
    # joined); stories (network joined); publications, their networks, editions (publisher and
    # translator joined)
    "/": 10,
    "/search/?q=city": 6,  # people's organisations joined
    # the record sections' counts and latest changes in one query; the reports' a page per network
    "/sitemap.xml": 2,
    "/sitemap-sections.xml": 0,  # fixed URLs
    "/sitemap-networks.xml": 1,  # one page of (slug, change time) rows
    "/sitemap-members.xml": 1,
    "/sitemap-projects.xml": 1,
    "/sitemap-events.xml": 1,
    "/sitemap-publications.xml": 1,
    "/sitemap-stories.xml": 1,
    "/sitemap-reports.xml": 2,  # the page's network; its reports' years (a UNION of four)
    "/stories/": 3,  # the filter form lists the networks; the stories' network joined
    "/stories/award/": 6,  # its network
    "/stories/feed/": 1,  # the stories, their network joined
    "/reports/": 2,  # the networks; their reports' years (one UNION of four aggregates)
    # One query per section or per relation of a section (seat holders, chapter hosts, event
    # places and their organisations, the year's editions, projects' themes and participants,
    # pairings' visits and agreements…): 16 sections from 20 tables, so not 12. Members are
    # counted by one GROUP BY (region, type); projects and publications no longer prefetch
    # what the report does not show (pairings, SDGs, every edition, networks).
    # Seat holders, chapter hosts, event places' organisations and projects, editions'
    # publishers and translators are joined (published_joined), no query each.
    # The year's events and the next year's preview are one query (and one for their places,
    # no networks); projects' themes carry their order (no query for the network's themes).
    # The highlights are one query (the chosen stories and the year's, each flagged).
    # The network is read with its report's edition (portal.editions: one query); the edition
    # is compared with the live report, and the records it lists that the live one no longer
    # does (here a story no longer a highlight) are looked up by one UNION: still public?
    "/reports/net/2022/": 12,  # one UNION ALL of the small lists (portal.report_network.RowParts)
    "/reports/net/2022/print/": 12,  # as the report
    # as the print view (its PDF cache, like the page cache, is off for the pins); without
    # WeasyPrint it answers 404 before any query (tests/reports/test_report_pdf.py)
    "/reports/net/2022.pdf": 12,
    "/reports/net/2022/?live=1": 11,  # the live report alone
    # Networks, members and projects
    "/networks/": 3,
    # seat holders (read as rows), chapter hosts; members counted by one GROUP BY (region,
    # type), the report years by one UNION, projects without their themes and SDGs (not shown);
    # cluster leads, national chapters and partners by one UNION
    "/networks/net/": 9,
    # seat holders, chapter hosts and committee seats' convening bodies joined
    "/networks/net/governance/": 6,
    "/networks/net/governance/?year=2022": 6,  # as above
    "/networks/net/team/": 3,
    "/networks/net/team/?year=2022": 3,
    "/members/": 7,
    "/members/?network=net&membership_type=full&region=south": 9,
    "/members/?q=city&country=KR&kind=city&joined_year=2022&ordering=-name": 8,
    # the organisation (with an EXISTS flag per section: an empty section is not read); project
    # roles; pairings; their visits and agreements (one UNION); people; memberships; seats
    # (holders joined); cluster roles and partnerships (one UNION); events held, organised,
    # their roles; publications, their networks, editions (publishers joined). Over 12: the
    # events' and publications' sections are 6 of them.
    "/members/city/": 14,
    "/projects/": 5,  # themes, no SDGs (not shown)
    "/projects/?network=net&theme=climate": 7,
    # publishers and translators joined; pairings without agreements; results; annexes about it
    "/projects/proj/": 11,
    # Events
    # Projects and places' organisations are joined, no query each, whatever the rows hold.
    # The page reads each of its groups (upcoming, past, undated) by its own indexed query,
    # after one aggregate of their sizes: the 1-row page holds an upcoming and a past event (one
    # query more), the 30-row first page only upcoming ones. The report-group filter's choices
    # (each network's own groups) are one query.
    "/events/": (9, 8),
    "/events/?year=2022&country=KR": 8,  # the country choices read once for check and form
    "/events/?network=net&theme=climate&kind=webinar&status=held&q=city": 10,
    "/events/calendar/2022/10/": 2,  # events (the columns it shows), their sessions
    "/events/next-year/": 4,  # events, networks, places; the count of its pages
    # the event (project, host joined), networks, places (organisation joined), sessions,
    # organisers, speakers, themes, SDGs, images, other editions
    "/events/forum/": 11,  # + annexes reporting on it (document joined)
    "/events/forum/event.ics": 4,  # the event, networks, places, sessions
    "/events/feed.ics": 3,  # events (the columns it writes), sessions, places' labels as rows
    "/events/feed.ics?year=2022": 3,  # as above
    "/events/feed.atom": 2,  # events, their networks (its categories)
    # Publications
    "/publications/": 8,  # editions' publishers and translators joined
    "/publications/?language=zh&year=2022": 9,  # as above
    "/publications/?network=net&theme=climate&kind=report&q=city": 10,  # as above
    "/publications/book/": 9,  # + its annexes and those it is, one query
    "/publications/feed.atom": 3,  # publications, networks, editions (publishers joined)
    # API
    f"{API}/": 0,
    f"{API}/networks/?{ALL}": 5,  # + committee seats (convening member joined)
    f"{API}/networks/net/": 4,  # as above
    f"{API}/members/?{ALL}": 3,
    f"{API}/members/?{ALL}&format=csv": 2,
    f"{API}/members/city/": 2,
    f"{API}/governance/?{ALL}": 3,  # seat holders (people, organisations) joined
    f"{API}/governance/{{term}}/": 2,  # as above
    f"{API}/people/?{ALL}": 2,  # their organisations joined
    f"{API}/people/speaker/": 1,  # its organisation joined
    # network joined; themes, SDGs, participants (organisations joined): not the pairings, which
    # the API does not show (at bench scale their visits and agreements were 9 queries)
    f"{API}/projects/?{ALL}": 6,  # + results
    f"{API}/projects/proj/": 5,  # + results
    # programme and both organisations joined; visits (places joined) and agreements: one UNION
    f"{API}/pairings/?{ALL}": 3,
    f"{API}/pairings/pair/": 2,
    f"{API}/themes/?{ALL}": 2,
    f"{API}/themes/{{theme}}/": 1,
    f"{API}/sdgs/": 1,
    f"{API}/sdgs/{{sdg}}/": 1,
    # count; events (series, project, host joined); networks; places (organisation joined);
    # sessions; organisers; speakers; themes; SDGs (not the images: the API does not show them)
    f"{API}/events/?{ALL}": 10,  # with each network's report group of the events (one query)
    f"{API}/events/?{ALL}&format=csv": 9,  # as above, no count
    f"{API}/events/forum/": 9,  # as the list, no count
    f"{API}/publications/?{ALL}": 10,  # editions' publishers and translators joined; annexes
    f"{API}/publications/?{ALL}&format=csv": 9,  # as above
    f"{API}/publications/book/": 9,  # + annexes (their records joined)
    f"{API}/stories/?{ALL}": 5,  # the stories' network joined
    f"{API}/stories/award/": 4,  # its network joined
    f"{API}/reports/net/2022/": 12,  # as the report page
    f"{API}/reports/net/editions/": 3,  # the network; the editions counted, then listed
}

# Named routes with no pin, and why.
NOT_PINNED = {
    "api:docs": "a static page",
    "api:schema": "made from the code, not the rows",
    "content-health": "staff only",
    "events:event-calendar-now": "a redirect to the month's calendar",
    "publications:edition-download": "a redirect to the file",
    "publications:stored-file": "a redirect to the edition's download",
    "set_language": "a redirect that sets the language",
}

if not pdf.available():  # a machine without WeasyPrint or Pango (CI has them: .ci/run)
    del PINS["/reports/net/2022.pdf"]
    NOT_PINNED["portal:report-pdf"] = "WeasyPrint is not installed here: a 404"


@pytest.fixture(scope="module")
def runs(django_db_setup, django_db_blocker, tmp_path_factory):
    """The runs of every URL of PINS with 1 row and with 30, on one set of rows built once."""
    with (
        django_db_blocker.unblock(),
        # The pins count the reads of each page: not the API rate limit's count, which is kept
        # in a table of the database without CACHE_URL and in Redis with it, nor the page
        # cache's (a hit is one query of the cache: tests/core/test_page_cache.py).
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("query-counts"),
            API_ANONYMOUS_RATE=None,
            PAGE_CACHE_SECONDS=0,
        ),
        translation.override("en"),
        transaction.atomic(),
    ):
        cache.clear()  # the API's rate limit counts in the cache
        rows = Rows()
        urls = {pin: pin.format(**rows.keys) for pin in PINS}
        measured = measure(Client(), urls.values(), rows.add)
        yield {pin: measured[url] for pin, url in urls.items()}
        transaction.set_rollback(True)


@pytest.mark.parametrize("url", PINS)
def test_query_count_is_pinned(runs, url):
    assert_pinned(PINS[url], runs[url])


def route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_public_route_has_a_pin():
    """A new page, feed or API route fails here until PINS has its count."""
    routes = set(route_names(get_resolver().url_patterns))
    public = {name for name in routes if not name.startswith("admin:")} - set(NOT_PINNED)
    pinned = {resolve(re.sub(r"\{\w+\}", "1", pin.split("?")[0])).view_name for pin in PINS}
    assert sorted(public - pinned) == []
    assert set(NOT_PINNED) <= routes, "NOT_PINNED names a route that is gone"
