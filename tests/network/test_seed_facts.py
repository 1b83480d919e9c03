"""Facts the seed records beyond the lists (project results, a committee seat, the NEASPEC note's
annexes), held against the source documents (tests/seed_documents.py) and the public pages."""

import re

import pytest

from network.models import CommitteeSeat, ProjectResult
from portal.models import Annex
from portal.seed.files import DOCUMENTS
from tests.seed_documents import SEED_DOCUMENTS as SEEDS

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEEDS.exists(), reason="source documents not beside the repo"),
]

TITLES = {title: code for code, title in DOCUMENTS.items()}


def document_lines(code: str) -> list[str]:
    [path] = SEEDS.glob(f"{code}_*.txt")
    return path.read_text(encoding="utf-8").splitlines()


def cited_text(source: str, around: int = 4) -> str:
    """The words of the document and line a stored source cites, with the lines around it
    (the 2020 report breaks its sentences over lines), whitespace folded."""
    [title] = [title for title in TITLES if source.startswith(title)]
    lines = document_lines(TITLES[title])
    number = int(re.search(r", line (\d+)$", source).group(1))
    return " ".join(" ".join(lines[number - 1 - around : number + around]).split())


def test_every_result_quotes_its_document(seeded):
    """Each result's quote is the document's words at the line it cites, and holds its number."""
    results = list(ProjectResult.objects.select_related("project"))
    assert len(results) >= 19
    for result in results:
        text = cited_text(result.source)
        quote = " ".join(result.quote.split())
        assert quote in text, (result.project.slug, result.label)


def test_retrofitting_results_as_the_2020_report_states_them(seeded):
    """001:504 "of an environmental education center and 24" / 001:509 "energy savings from
    retrofitting will reach 2.9" / 001:510 "million MWh by 2030, which is equivalent to 3"."""
    lines = document_lines("001")
    assert lines[503].strip() == "of an environmental education center and 24"
    assert lines[508].strip().endswith("will reach 2.9")
    results = {
        r.label: r
        for r in ProjectResult.objects.filter(project__slug="building-efficiency-accelerator")
    }
    insulated = results[
        "building blocks with improved external insulation (besides an environmental education center)"
    ]
    assert (insulated.value, insulated.kind, insulated.reported_years) == (24, "achieved", (2020,))
    savings = results["cumulative energy savings from retrofitting (WRI simulation)"]
    assert (savings.value, savings.unit, savings.kind, savings.year) == (
        2900000,
        "MWh",
        "estimate",
        2030,
    )


def test_results_page_and_report(seeded, client):
    """The project's page and its 2020 report show the figures; the 2022 report does not."""
    page = client.get("/projects/building-efficiency-accelerator/").content.decode()
    assert "<strong>2,900,000 MWh</strong> cumulative energy savings" in page
    report = client.get("/api/v1/reports/iclei-east-asia/2020/").json()
    shown = {p["slug"]: p["results"] for group in report["projects"] for p in group["projects"]}
    assert [r["display"] for r in shown["building-efficiency-accelerator"]][0].startswith(
        "24 building"
    )
    later = client.get("/api/v1/reports/iclei-east-asia/2022/").json()
    for group in later["projects"]:
        for project in group["projects"]:
            assert not any(
                r["source"].startswith("ICLEI East Asia Annual Report 2020")
                for r in project["results"]
            )


def test_committee_seat_as_000_states_it(seeded, client):
    """000:730 "... and joined the Advisory Committee for International Organizations of Busan."."""
    line = document_lines("000")[729]
    seat = CommitteeSeat.objects.get()
    assert line.endswith(f"joined the {seat.committee}.")
    assert (seat.network.slug, seat.convened_by.slug, seat.joined_year) == (
        "iclei-east-asia",
        "busan",
        2022,
    )
    governance = client.get("/networks/iclei-east-asia/governance/").content.decode()
    assert seat.committee in governance
    assert seat.committee in client.get("/members/busan/").content.decode()


def test_neaspec_note_annexes_as_its_contents_list_them(seeded, client):
    """002:35-41: "Annex I. Report of the 2nd International Forum on Low Carbon Cities" … "Annex
    IV. Low Carbon Cities Compendium of Best Practices"."""
    lines = document_lines("002")
    printed = [lines[n - 1].strip() for n in (35, 37, 39, 41)]
    annexes = Annex.objects.filter(
        document__slug="low-carbon-cities-note-by-the-secretariat-som-26"
    )
    assert [f"{a.label}. {a.title}" for a in annexes] == printed
    page = client.get(
        "/publications/low-carbon-cities-note-by-the-secretariat-som-26/"
    ).content.decode()
    for text in printed:
        label, title = text.split(". ", 1)
        assert re.search(rf"{re.escape(label)}\. (<a [^>]+>)?{re.escape(title)}", page), text
    forum = client.get("/events/2nd-international-forum-on-low-carbon-cities/").content.decode()
    assert "Annex I, “Report of the 2nd International Forum on Low Carbon Cities”, of" in forum


def test_public_source_names_document_and_section(seeded, client):
    """The CityNet project's page ends with its document and section (003:562 is in "City-to-City
    Cooperation with the EU", heading at 003:493); staff keep the line in the admin."""
    lines = document_lines("003")
    assert lines[492].strip() == "CITY-TO-CITY COOPERATION WITH THE EU"
    html = client.get("/projects/icp-agir/").content.decode()
    assert (
        "Source: CityNet Annual Report 2022, section \u201cCity-to-City Cooperation with the EU\u201d</p>"
        in html
    )


def test_no_public_page_shows_a_source_line(seeded, client):
    """Seeded pages name the source document, never its extraction's line."""
    for path in (
        "/events/2nd-international-forum-on-low-carbon-cities/",
        "/publications/low-carbon-cities-compendium-of-best-practices/",
        "/projects/icp-agir/",
        "/members/busan/",
        "/networks/iclei-east-asia/",
        "/networks/citynet/",
        "/reports/citynet/2022/",
        "/reports/citynet/2022/?live=1",
        "/reports/iclei-east-asia/2022/print/",
    ):
        html = client.get(path).content.decode()
        assert not re.search(r"\bline \d+", html), path
