import datetime as dt

import pytest
from django.utils import timezone

from network.models import Organisation
from portal.reports import build_report
from tests.answers import slugs
from tests.factories import (
    CityPairingFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def test_members_filtered_like_the_directory(client):
    """CityNet's associate members in one region, as JSON with the documented fields."""
    citynet = NetworkFactory(slug="citynet")
    south = RegionFactory(
        network=citynet, slug="south-southwest-asia", name="South & Southwest Asia"
    )
    match = MembershipFactory(
        network=citynet,
        region=south,
        type="associate",
        joined=dt.date(2022, 1, 1),
        organisation=OrganisationFactory(slug="tdf", name="Town Development Fund", country="NP"),
    )
    MembershipFactory(network=citynet, region=south, type="full")
    response = client.get(
        "/api/v1/members/",
        {"network": "citynet", "membership_type": "associate", "region": "south-southwest-asia"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    member = body["results"][0]
    assert (member["slug"], member["name"], member["kind"], member["country"]) == (
        "tdf",
        "Town Development Fund",
        "city",
        "NP",
    )
    assert member["memberships"] == [
        {
            "network": "citynet",
            "type": "associate",
            "region": "South & Southwest Asia",
            "joined": "2022-01-01",
            "left": None,
            "date_precision": match.date_precision,
        }
    ]


def test_members_ordering_that_names_no_field_is_the_default_order(client):
    """Found by schemathesis: "?ordering=," left the list unordered (a 500 under tests)."""
    network = NetworkFactory()
    for name in ("Busan", "Almaty", "Chengdu"):
        MembershipFactory(network=network, organisation=OrganisationFactory(name=name, slug=name))
    assert slugs(client.get("/api/v1/members/", {"ordering": ","})) == [
        "Almaty",
        "Busan",
        "Chengdu",
    ]
    assert slugs(client.get("/api/v1/members/", {"ordering": "-name"})) == [
        "Chengdu",
        "Busan",
        "Almaty",
    ]


def test_members_as_csv_with_the_same_filters(client):
    citynet = NetworkFactory(slug="citynet")
    MembershipFactory(
        network=citynet,
        type="associate",
        organisation=OrganisationFactory(slug="sdf", name="Seoul Digital Foundation"),
    )
    MembershipFactory(
        network=citynet, type="full", organisation=OrganisationFactory(slug="busan", name="Busan")
    )
    response = client.get(
        "/api/v1/members/", {"network": "citynet", "membership_type": "associate", "format": "csv"}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = response.getvalue().decode().splitlines()
    assert lines[0] == "slug,name,short_name,native_name,kind,country,website,memberships"
    assert lines[1].startswith("sdf,Seoul Digital Foundation") and len(lines) == 2


def test_members_joined_year_and_updated_since(client):
    MembershipFactory(joined=dt.date(2022, 3, 1), organisation=OrganisationFactory(slug="new"))
    MembershipFactory(joined=dt.date(2019, 3, 1), organisation=OrganisationFactory(slug="old"))
    assert slugs(client.get("/api/v1/members/", {"joined_year": 2022})) == ["new"]
    Organisation.objects.filter(slug="old").update(updated_at=timezone.now() - dt.timedelta(days=3))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert slugs(client.get("/api/v1/members/", {"updated_since": since})) == ["new"]


def test_page_size_is_capped_at_100(client):
    for _ in range(3):
        MembershipFactory()
    response = client.get("/api/v1/members/", {"page_size": 500})
    assert response.status_code == 200 and len(response.json()["results"]) == 3


BAD_PAGES = [("page_size", value) for value in ["²", "0", "-1", "x", " 1", "1_0", "9" * 5000]] + [
    ("page", value) for value in ["²", "٣", "0", "x", "9" * 5000]
]


@pytest.mark.parametrize("url", ["/api/v1/members/", "/api/v1/events/", "/api/v1/publications/"])
@pytest.mark.parametrize(("parameter", "value"), BAD_PAGES)
def test_a_bad_page_or_page_size_answers_400_naming_it(client, url, parameter, value):
    """A superscript digit passes str.isdigit() but not int(): it was a 500. "٣" (Arabic-Indic
    three) is a whole number to int() but past the only page, so `page` refuses it."""
    MembershipFactory()
    response = client.get(url, {parameter: value})
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.parametrize("value", ["2", "٢", "２"])
def test_page_size_in_any_scripts_decimal_digits_is_read_as_a_number(client, value):
    """The one rule for whole numbers in a query (page, page_size, year): decimal digits of any
    script, as int() reads them."""
    for _ in range(3):
        MembershipFactory()
    response = client.get("/api/v1/members/", {"page_size": value})
    assert response.status_code == 200 and len(response.json()["results"]) == 2


def test_drafts_never_appear_in_the_api(client):
    """Draft organisations, people, projects, pairings and networks are neither listed nor fetchable."""
    draft_org = OrganisationFactory(slug="draft-city", is_published=False)
    MembershipFactory(organisation=draft_org)
    PersonFactory(slug="draft-person", is_published=False)
    ProjectFactory(slug="draft-project", is_published=False)
    CityPairingFactory(slug="draft-pairing", is_published=False)
    NetworkFactory(slug="draft-network", is_published=False)
    for kind, slug in [
        ("members", "draft-city"),
        ("people", "draft-person"),
        ("projects", "draft-project"),
        ("pairings", "draft-pairing"),
        ("networks", "draft-network"),
    ]:
        assert slug not in slugs(client.get(f"/api/v1/{kind}/"))
        assert client.get(f"/api/v1/{kind}/{slug}/").status_code == 404


def test_non_member_organisation_detail_is_available(client):
    OrganisationFactory(slug="dublin", name="Dublin")
    response = client.get("/api/v1/members/dublin/")
    assert response.status_code == 200 and response.json()["memberships"] == []


def test_report_json_is_the_builders_structure(client):
    network = NetworkFactory(slug="citynet")
    MembershipFactory(network=network, joined=dt.date(2022, 5, 1))
    response = client.get("/api/v1/reports/citynet/2022/")
    assert response.status_code == 200
    # No published report for the year: the live report, saying so.
    assert response.json() == {
        **build_report(network, 2022),
        "edition": None,
        "latest_edition": None,
    }
    assert client.get("/api/v1/reports/citynet/2999/").status_code == 404
    assert client.get("/api/v1/reports/citynet/abc/").json() == {"detail": "Not found."}


def test_conditional_get_answers_304_when_nothing_changed(client):
    NetworkFactory()
    first = client.get("/api/v1/networks/")
    assert first.has_header("ETag")
    assert client.get("/api/v1/networks/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    NetworkFactory()
    assert client.get("/api/v1/networks/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_cors_open_for_reads(client):
    response = client.get("/api/v1/networks/", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_anonymous_rate_limit_answers_429_with_retry_after(client, settings):
    settings.API_ANONYMOUS_RATE = "2/minute"
    settings.PAGE_CACHE_SECONDS = 0  # an answer from the page cache is not counted
    assert client.get("/api/v1/sdgs/").status_code == 200
    assert client.get("/api/v1/sdgs/").status_code == 200
    response = client.get("/api/v1/sdgs/")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_sdgs_are_the_17_goals(client):
    goals = client.get("/api/v1/sdgs/").json()
    assert len(goals) == 17 and goals[10] == {
        "number": 11,
        "name": "Sustainable Cities and Communities",
    }


def test_docs_page_uses_only_local_assets(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn." not in html and "unpkg" not in html


@pytest.mark.parametrize("value", ["0745-09-12T14:31:12-16:04", "2022-05-01T00:00:00+23:59"])
def test_updated_since_with_any_iso_offset_is_not_a_server_error(client, value):
    """Offsets ISO 8601 allows but PostgreSQL refuses are converted, not passed on."""
    MembershipFactory()
    assert client.get("/api/v1/members/", {"updated_since": value}).status_code == 200


def test_network_lists_its_regions_with_the_slugs_the_member_filter_takes(client):
    network = NetworkFactory(slug="citynet")
    RegionFactory(network=network, slug="southeast-asia", name="Southeast Asia")
    body = client.get("/api/v1/networks/citynet/").json()
    assert body["regions"] == [{"slug": "southeast-asia", "name": "Southeast Asia"}]


def test_openapi_schema_validates_without_warnings_and_documents_tokens():
    """`spectacular --validate --fail-on-warn` passes; the schema says how staff authenticate."""
    import io

    import yaml
    from django.core.management import call_command

    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    assert schema["components"]["securitySchemes"]["tokenAuth"]["name"] == "Authorization"
    assert "drf_create_token" in schema["info"]["description"]
    for path in ("/api/v1/events/", "/api/v1/publications/", "/api/v1/stories/"):
        assert {} in schema["paths"][path]["get"]["security"]  # reads need no credentials
    assert "post" in schema["paths"]["/api/v1/events/"]


def test_event_api_does_not_publish_the_editors_note(client):
    from tests.factories.events import EventFactory

    event = EventFactory(note="Also in 000:242 with another date.")
    assert "note" not in client.get(f"/api/v1/events/{event.slug}/").json()
