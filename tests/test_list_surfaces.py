"""Every list has one query function and one FilterSet: its page, feeds and API list give the
same records for the same query, and the same answer to a bad year."""

import datetime as dt

import pytest

from tests.answers import assert_api_refuses, assert_page_refuses
from tests.factories import (
    EditionFactory,
    EventFactory,
    EventPlaceFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    ProjectFactory,
    PublicationFactory,
    RegionFactory,
    StoryFactory,
    TermFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def page_records(client, url, name, params, key="slug"):
    response = client.get(url, params)
    assert response.status_code == 200, response.context["filterset"].form.errors
    return [getattr(record, key) for record in response.context[name]]


def api_records(client, url, params, key="slug"):
    response = client.get(url, {**params, "page_size": 100})
    assert response.status_code == 200, response.json()
    return [row[key] for row in response.json()["results"]]


# --- A bad year: 400 naming the parameter, on every page, feed and API list that takes one ---

YEAR_PAGES = [
    ("/members/", "joined_year", "Joined in (year)"),
    ("/events/", "year", "Year"),
    ("/events/feed.ics", "year", "Year"),
    ("/publications/", "year", "Year of an edition"),
    ("/publications/feed.atom", "year", "Year of an edition"),
    ("/stories/", "year", "Year"),
    ("/stories/feed/", "year", "Year"),
    ("/networks/net/governance/", "year", "In force in year"),
    ("/networks/net/team/", "year", "Year"),
]
YEAR_API_LISTS = [
    ("/api/v1/members/", "joined_year"),
    ("/api/v1/events/", "year"),
    ("/api/v1/publications/", "year"),
    ("/api/v1/stories/", "year"),
    ("/api/v1/governance/", "year"),
]
BAD_YEARS = [
    ("abc", "Enter a number."),
    ("1899", "greater than or equal to 1900"),
    ("2101", "less than or equal to 2100"),
    ("2022.5", "no more than 0 decimal places"),
    # A superscript two is a digit to str.isdigit() but not a number to int() or Decimal().
    ("²", "Enter a number."),
]


@pytest.mark.parametrize(("value", "message"), BAD_YEARS)
@pytest.mark.parametrize(
    ("url", "parameter", "label"),
    YEAR_PAGES + [(url, parameter, None) for url, parameter in YEAR_API_LISTS],
)
def test_a_bad_year_answers_400_naming_the_parameter(client, url, parameter, label, value, message):
    NetworkFactory(slug="net")
    MembershipFactory()
    assert client.get(url, {parameter: "2022"}).status_code == 200
    response = client.get(url, {parameter: value})
    assert response.status_code == 400
    if label is None:  # the API: JSON keyed by the parameter
        assert any(message in text for text in response.json()[parameter])
    else:  # a page or a feed: the filter's label (which says "year") with the message
        assert f"{label}: " in response.content.decode()
        assert message in response.content.decode()


@pytest.mark.parametrize("value", ["٢٠٢٢", "２０２２", "۲۰۲۲"])
@pytest.mark.parametrize(
    ("url", "parameter"),
    [(url, parameter) for url, parameter, _label in YEAR_PAGES] + YEAR_API_LISTS,
)
def test_a_year_in_any_scripts_decimal_digits_is_that_year(client, url, parameter, value):
    """Decimal digits of any script are read as the year they spell (Django's number fields
    read them so, through Decimal() and int()), the same on every page, feed and API list."""
    NetworkFactory(slug="net")
    MembershipFactory()
    ascii_year = client.get(url, {parameter: "2022"})
    other_script = client.get(url, {parameter: value})
    assert other_script.status_code == ascii_year.status_code == 200
    if url.startswith("/api/"):
        assert other_script.json() == ascii_year.json()


@pytest.mark.parametrize("value", ["٢٠٢٢", "２０２２"])
def test_the_admin_reads_a_year_in_any_scripts_decimal_digits(superuser_client, value):
    EventFactory(title="In 2022", start=dt.date(2022, 3, 1))
    EventFactory(title="In 2021", start=dt.date(2021, 3, 1))
    response = superuser_client.get("/admin/events/event/", {"year": value})
    assert response.status_code == 200
    assert "In 2022" in response.content.decode() and "In 2021" not in response.content.decode()


# --- Any bad parameter: 400; the API names the parameter, a page or feed says what is wrong ------

PUBLICATION_FILTERS = [
    ({"network": "no-such-network"}, "Select a valid choice"),
    ({"kind": "novel"}, "Select a valid choice"),
    ({"language": "xx"}, "Select a valid choice"),
    ({"year": "last year"}, "Enter a number"),
    ({"year": "99999"}, "less than or equal to 2100"),
    ({"series": "nope"}, "Select a valid choice"),
    ({"theme": "nope"}, "Select a valid choice"),
]
#: list → (the record it holds while asked, [(bad parameters, what the answer names)])
BAD_PARAMETERS = {
    "/members/": (
        MembershipFactory,
        [
            ({"network": "no-such-network"}, "Select a valid choice"),
            ({"membership_type": "gold"}, "Select a valid choice"),
            ({"country": "XX"}, "Select a valid choice"),
            ({"joined_year": "last year"}, "Enter a number"),
        ],
    ),
    "/publications/": (PublicationFactory, PUBLICATION_FILTERS),
    "/publications/feed.atom": (PublicationFactory, PUBLICATION_FILTERS),
    "/api/v1/members/": (
        MembershipFactory,
        [
            ({"joined_year": "abc"}, "joined_year"),
            ({"joined_year": "1200"}, "joined_year"),
            ({"updated_since": "yesterday"}, "updated_since"),
            ({"membership_type": "gold"}, "membership_type"),
            ({"network": "no-such-network"}, "network"),
            ({"page": "99"}, "page"),
            ({"page": "last"}, "page"),
            ({"page_size": "0"}, "page_size"),
        ],
    ),
    "/api/v1/events/": (
        EventFactory,
        [
            ({"year": "abc"}, "year"),
            ({"year": "1200"}, "year"),
            ({"start_after": "2022-02-30"}, "start_after"),
            ({"start_before": "soon"}, "start_before"),
            ({"updated_since": "yesterday"}, "updated_since"),
            ({"kind": "party"}, "kind"),
            ({"status": "maybe"}, "status"),
            ({"format": "paper"}, "format"),
            ({"network": "no-such-network"}, "network"),
            ({"ordering": "secret"}, "ordering"),
            ({"page": "99"}, "page"),
        ],
    ),
    "/api/v1/publications/": (
        EditionFactory,
        [
            ({"year": "abc"}, "year"),
            ({"kind": "novel"}, "kind"),
            ({"language": "xx"}, "language"),
            ({"updated_since": "2022-13-45"}, "updated_since"),
            ({"page": "5"}, "page"),
        ],
    ),
    "/api/v1/stories/": (
        StoryFactory,
        [({"year": "abc"}, "year"), ({"network": "nope"}, "network"), ({"page": "3"}, "page")],
    ),
}


@pytest.mark.parametrize(
    ("url", "params", "named"),
    [
        (url, params, named)
        for url, (_make, cases) in BAD_PARAMETERS.items()
        for params, named in cases
    ],
)
def test_a_bad_parameter_answers_400_saying_what_is_wrong(client, url, params, named):
    """An unknown or malformed filter is a 400 naming the problem, never a 500."""
    make, _cases = BAD_PARAMETERS[url]
    make()
    refuses = assert_api_refuses if url.startswith("/api/") else assert_page_refuses
    refuses(client.get(url, params), named)


def test_page_forms_leave_out_the_api_only_filters(client):
    """The pages offer the visitors' filters; incremental sync and the API's sort keys are for
    programs (the API list takes them)."""
    events = client.get("/events/").content.decode()
    members = client.get("/members/").content.decode()
    assert 'name="q"' in events and 'name="q"' in members
    for html in (events, members):
        assert 'name="updated_since"' not in html
    assert 'name="start_after"' not in events and 'name="ordering"' not in events
    assert 'name="ordering"' in members  # the directory's sort is the visitor's
    assert client.get("/api/v1/events/", {"ordering": "title"}).status_code == 200


# --- The same records on the page and in the API list -----------------------------------------


def test_members_page_and_api_agree_on_network_type_and_region(client, settings):
    # Reads the template context of a page it read before: a page cache hit renders none.
    settings.PAGE_CACHE_SECONDS = 0
    citynet = NetworkFactory(slug="citynet")
    south = RegionFactory(network=citynet, slug="south")
    for name in ("Colombo", "Almaty", "Bhopal"):
        MembershipFactory(
            network=citynet,
            region=south,
            type="associate",
            organisation=OrganisationFactory(name=name, slug=name.lower()),
        )
    MembershipFactory(network=citynet, region=south, type="full")
    MembershipFactory(network=citynet, type="associate")
    MembershipFactory(network=NetworkFactory(), region=south, type="associate")
    query = {"network": "citynet", "membership_type": "associate", "region": "south"}
    page = page_records(client, "/members/", "organisations", query)
    assert page == ["almaty", "bhopal", "colombo"]
    assert api_records(client, "/api/v1/members/", query) == page
    page_memberships = client.get("/members/", query).context["organisations"][0]
    api_memberships = client.get("/api/v1/members/", query).json()["results"][0]["memberships"]
    assert [m.network.slug for m in page_memberships.current_memberships] == [
        m["network"] for m in api_memberships
    ]


def test_projects_page_and_api_agree_on_theme_and_status(client):
    network = NetworkFactory(slug="citynet")
    theme = ThemeFactory(network=network, slug="climate")
    for title, status in (("B", "active"), ("A", "active"), ("C", "completed")):
        project = ProjectFactory(network=network, title=title, slug=title.lower(), status=status)
        project.themes.add(theme)
    ProjectFactory(network=network, status="active")
    query = {"theme": "climate", "status": "active"}
    page = page_records(client, "/projects/", "projects", query)
    assert page == ["a", "b"]
    assert api_records(client, "/api/v1/projects/", query) == page


def test_events_page_and_api_agree_on_year_and_kind(client):
    """The same events; the page lists upcoming before past, the API latest first."""
    for slug, start in (("may", dt.date(2022, 5, 1)), ("oct", dt.date(2022, 10, 1))):
        event = EventFactory(slug=slug, kind="training", start=start)
        EventPlaceFactory(event=event, city="Seoul")
        EventPlaceFactory(event=event, city="Busan")  # two places: still listed once
    EventFactory(kind="training", start=dt.date(2021, 5, 1))
    EventFactory(kind="webinar", start=dt.date(2022, 5, 1))
    query = {"year": "2022", "kind": "training"}
    page = page_records(client, "/events/", "events", query)
    assert sorted(page) == ["may", "oct"]
    assert sorted(api_records(client, "/api/v1/events/", query)) == sorted(page)


def test_publications_page_and_api_agree_on_language(client):
    for slug, date in (("older", dt.date(2020, 1, 1)), ("newer", dt.date(2022, 1, 1))):
        publication = PublicationFactory(slug=slug)
        EditionFactory(publication=publication, language="zh-hans", date=date)
        EditionFactory(publication=publication, language="zh-hant", date=date)
    EditionFactory(publication=PublicationFactory(slug="english"), language="en")
    page = page_records(client, "/publications/", "publications", {"language": "zh"})
    assert page == ["newer", "older"]
    assert api_records(client, "/api/v1/publications/", {"language": "zh"}) == page


def test_stories_page_feed_and_api_agree_on_network(client):
    network = NetworkFactory(slug="citynet")
    for slug, date in (("spring", dt.date(2022, 4, 1)), ("autumn", dt.date(2022, 10, 1))):
        StoryFactory(slug=slug, title=f"Story of {slug}", network=network, date=date)
    StoryFactory(slug="elsewhere", title="Story elsewhere", network=NetworkFactory())
    StoryFactory(slug="draft", title="Draft story", network=network, is_published=False)
    query = {"network": "citynet"}
    page = page_records(client, "/stories/", "stories", query)
    assert page == ["autumn", "spring"]
    assert api_records(client, "/api/v1/stories/", query) == page
    feed = client.get("/stories/feed/", query).content.decode()
    assert "Story of spring" in feed and "Story of autumn" in feed
    assert "Story elsewhere" not in feed and "Draft story" not in feed


def test_governance_page_and_api_agree_on_network_and_year(client):
    network = NetworkFactory(slug="citynet")
    current = TermFactory(body__network=network, start=dt.date(2021, 1, 1))
    TermFactory(body=current.body, start=dt.date(2017, 1, 1), end=dt.date(2020, 12, 31))
    TermFactory(body__network=NetworkFactory(), start=dt.date(2021, 1, 1))
    page = page_records(client, "/networks/citynet/governance/", "terms", {"year": 2022}, "pk")
    assert page == [current.pk]
    query = {"network": "citynet", "year": 2022}
    assert api_records(client, "/api/v1/governance/", query, "id") == page
