"""Reports computed from the seed content, held against the source documents."""

from pathlib import Path

import pytest

from network.models import Network, Seat, StaffPosition
from portal.reports import build_report
from portal.seed.files import DOCUMENT_YEARS

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
DOCUMENTS = {
    ("iclei-east-asia", 2022): SEEDS / "000_800bfa15565b1cec.txt",
    ("iclei-east-asia", 2020): SEEDS / "001_9a6a136c5758927e.txt",
    ("citynet", 2022): SEEDS / "003_cce3dc6effbeefe6.txt",
}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEEDS.exists(), reason="source documents not beside the repo"),
]


def flatten(text):
    return " ".join(text.split())


@pytest.mark.parametrize(("network", "year"), list(DOCUMENTS))
def test_report_names_every_seat_and_staff_member_of_its_document(seeded, network, year):
    """Every governance seat and team member the document names appears in the computed report."""
    report = build_report(Network.objects.get(slug=network), year)
    seats = [s for body in report["governance"] for term in body["terms"] for s in term["seats"]]
    expected_seats = Seat.objects.filter(
        term__body__network__slug=network, source__contains=f"Report {year}"
    )
    for seat in expected_seats:
        assert any(
            s["role"] == seat.role
            and (s["person"] or None) == (seat.person.name if seat.person else None)
            for s in seats
        ), seat
    team = {member["name"] for member in report["team"]}
    listed = StaffPosition.objects.filter(network__slug=network, reported_in__contains=str(year))
    assert {p.person.name for p in listed} <= team
    text = flatten(DOCUMENTS[(network, year)].read_text(encoding="utf-8"))
    for name in team:
        assert name.split()[-1].casefold() in text.casefold(), name


def test_citynet_2022_report_membership_and_new_members(seeded):
    report = build_report(Network.objects.get(slug="citynet"), 2022)
    membership = report["membership"]
    assert membership["total"] == 151
    assert {row["type"]: row["count"] for row in membership["by_type"]} == {
        "full": 102,
        "associate": 49,
    }
    assert len(membership["new_members"]) == 6
    stated = {row["label"]: row for row in membership["stated"]}
    assert stated["members"]["value"] == "154" and stated["members"]["computed"] == 151
    assert len(report["pairings"]) == 8
    assert {cluster["name"] for cluster in report["clusters"]} == {
        "Climate Change",
        "Disaster",
        "Sustainable Development Goals (SDGs)",
    }


def test_citynet_2022_report_editorial_from_the_document(seeded):
    report = build_report(Network.objects.get(slug="citynet"), 2022)
    text = flatten(DOCUMENTS[("citynet", 2022)].read_text(encoding="utf-8"))
    editorial = report["editorial"]
    assert editorial["title"] == "Accelerating Climate Actions for 2030"
    assert [f["author"] for f in editorial["forewords"]] == ["Se-hoon Oh", "Vijay Jagannathan"]
    for foreword in editorial["forewords"]:
        first_paragraph = foreword["text"].split("\n\n")[0]
        assert flatten(first_paragraph)[:80] in text
    assert "9th CityNet Congress" in [h["title"] for h in report["highlights"]]


def test_iclei_reports_new_members_by_year(seeded):
    network = Network.objects.get(slug="iclei-east-asia")
    assert [m["slug"] for m in build_report(network, 2020)["membership"]["new_members"]] == [
        "chengdu"
    ]
    assert [m["slug"] for m in build_report(network, 2022)["membership"]["new_members"]] == [
        "kunming"
    ]
    stated_2022 = {row["value"] for row in build_report(network, 2022)["membership"]["stated"]}
    assert "101" in stated_2022


def seed_events(document: str, year: int) -> set[str]:
    """Keys of the seed events a document states for `year` (the seed files cite "NNN:LINE")."""
    from portal.seed.files import read_keyed

    keys = set()
    for key, record in read_keyed("events*.yaml").items():
        start = str(record.get("start") or "")
        if str(record.get("source", "")).startswith(f"{document}:") and start.startswith(str(year)):
            keys.add(key)
    return keys


@pytest.mark.parametrize(
    ("network", "year", "document"),
    [
        ("iclei-east-asia", 2022, "000"),
        ("iclei-east-asia", 2020, "001"),
        ("citynet", 2022, "003"),
        ("neaspec", 2022, "002"),
        ("neaspec", 2023, "002"),
    ],
)
def test_report_lists_every_event_its_document_states_for_the_year(seeded, network, year, document):
    report = build_report(Network.objects.get(slug=network), year)
    listed = {e["slug"] for g in report["activities"]["groups"] for e in g["events"]}
    listed |= {e["slug"] for e in report["preview"]}
    listed |= {e["slug"] for e in report["activities"]["not_held"]}  # cancelled, postponed
    expected = seed_events(document, year)
    if DOCUMENT_YEARS[document] == str(year):
        # The document's own year previews the next year's plans it announces; a year it does
        # not report on (NEASPEC 2022, from the 2023 note) previews none of them.
        expected |= seed_events(document, year + 1)
    from events.models import Event

    expected = set(
        Event.objects.filter(slug__in=expected, networks__slug=network).values_list(
            "slug", flat=True
        )
    )
    assert expected and expected <= listed, expected - listed


def test_iclei_2020_report_lists_the_translated_publications(seeded):
    report = build_report(Network.objects.get(slug="iclei-east-asia"), 2020)
    translated = [
        p for p in report["publications"] if any(e["translated_by"] for e in p["editions"])
    ]
    assert translated, "the 2020 report lists translations by the East Asia Secretariat"
    assert all(e["date"].startswith("2020") for p in report["publications"] for e in p["editions"])


@pytest.mark.parametrize(
    ("network", "year", "document"), [("iclei-east-asia", 2022, "000"), ("citynet", 2022, "003")]
)
def test_report_lists_the_projects_and_pairings_its_document_names(seeded, network, year, document):
    from network.models import CityPairing, Project

    report = build_report(Network.objects.get(slug=network), year)
    listed = {p["slug"] for group in report["projects"] for p in group["projects"]}
    named = Project.objects.filter(network__slug=network, source__contains=f"Report {year}")
    missing = {
        p.slug for p in named if p.slug not in listed and (p.end is None or p.end.year >= year)
    }
    assert named.exists() and not missing, missing
    pairings = {(p["first"]["slug"], p["second"]["slug"]) for p in report["pairings"]}
    for pairing in CityPairing.objects.filter(
        programme__network__slug=network, source__contains=f"Report {year}"
    ):
        assert (pairing.first.slug, pairing.second.slug) in pairings


# CityNet 2022 is not here: its report prints no dates for its publications, so none is dated in 2022.
@pytest.mark.parametrize(
    ("network", "year"), [("iclei-east-asia", 2022), ("iclei-east-asia", 2020)]
)
def test_report_lists_every_publication_dated_in_its_year(seeded, network, year):
    """Every publication of the network with an edition dated in the year is in that year's report."""
    from publications.models import Publication

    report = build_report(Network.objects.get(slug=network), year)
    listed = {p["slug"] for p in report["publications"]}
    dated = set(
        Publication.objects.filter(networks__slug=network, editions__date__year=year).values_list(
            "slug", flat=True
        )
    )
    assert dated and dated <= listed, dated - listed
