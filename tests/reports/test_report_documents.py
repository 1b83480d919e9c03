"""Each source document against the annual report computed for its network and year, section by
section and both ways: the report lists everything its document lists for the year, and nothing
that only another document lists (tests/reports/document_lists.py quotes the lines)."""

from functools import cache

import pytest

from network.models import Network
from portal.reports import build_report
from tests.reports.document_lists import DOCUMENTS, LISTED, NOT_FOR_THE_YEAR, UNDATED_EVENTS
from tests.seed_documents import SEED_DOCUMENTS

pytestmark = pytest.mark.skipif(
    not SEED_DOCUMENTS.exists(), reason="source documents not beside the repo"
)

SECTIONS = (
    "new_members",
    "seats",
    "clusters",
    "chapters",
    "team",
    "activities",
    "preview",
    "projects",
    "partners",
    "pairings",
    "publications",
)


def report_items(report: dict, section: str) -> set:
    """What the report lists in `section`, named as document_lists.py names it."""
    if section == "new_members":
        return {member["slug"] for member in report["membership"]["new_members"]}
    if section == "seats":
        return {
            (body["body"], seat["role"], seat["person"] or (seat["organisation"] or {}).get("slug"))
            for body in report["governance"]
            for term in body["terms"]
            for seat in term["seats"]
        }
    if section == "clusters":
        return {
            (cluster["name"], role, organisation["slug"])
            for cluster in report["clusters"]
            for role, key in (("lead", "leads"), ("co-lead", "co_leads"))
            for organisation in cluster[key]
        }
    if section == "chapters":
        return {chapter["country"] for chapter in report["national_chapters"]}
    if section == "team":
        return {member["name"] for member in report["team"]}
    if section == "activities":
        # The cancelled and postponed events the document names are listed apart (not_held).
        activities = report["activities"]
        held = {e["slug"] for group in activities["groups"] for e in group["events"]}
        return held | {e["slug"] for e in activities["not_held"]}
    if section == "preview":
        return {event["slug"] for event in report["preview"]}
    if section == "projects":
        return {p["slug"] for group in report["projects"] for p in group["projects"]}
    if section == "partners":
        return {
            (group["role"], organisation["slug"])
            for group in report["partners"]
            for organisation in group["organisations"]
        }
    if section == "pairings":
        return {
            (p["programme"], p["first"]["slug"], p["second"]["slug"]) for p in report["pairings"]
        }
    if section == "publications":
        return {publication["slug"] for publication in report["publications"]}
    raise ValueError(section)


@cache
def computed_report(document: str) -> dict:
    """The report of the document's network and year, built once per run: the seed content
    does not change between the tests that read it (each test's own writes are rolled back)."""
    network, year, _ = DOCUMENTS[document]
    return build_report(Network.objects.get(slug=network), year)


def listed(document: str, section: str, lists=LISTED) -> dict:
    return {entry.item: entry for entry in lists[document].get(section, [])}


def who_else_lists(item, section: str, document: str) -> str:
    """The other documents (same section) that list `item`, for the failure message."""
    others = [
        f"{other}:{entry.line} {entry.quote!r}"
        for other in DOCUMENTS
        if other != document
        for lists in (LISTED, NOT_FOR_THE_YEAR)
        for entry in lists[other].get(section, [])
        if entry.item == item
    ]
    return "; ".join(others) or "no document"


def by_section(*known_failures):
    """(document, section) parameters; `known_failures`: pairs marked xfail(strict), each with
    the reason, so a fix shows as an unexpected pass."""
    failing = {pair[:2]: pair[2] for pair in known_failures}
    return [
        pytest.param(
            document,
            section,
            id=f"{document}-{section}",
            marks=[pytest.mark.xfail(reason=failing[(document, section)], strict=True)]
            if (document, section) in failing
            else [],
        )
        for document in DOCUMENTS
        for section in SECTIONS
    ]


def lines_of(document: str) -> list[str]:
    return (SEED_DOCUMENTS / DOCUMENTS[document][2]).read_text(encoding="utf-8").splitlines()


def flat(text: str) -> str:
    return " ".join(text.split()).casefold()


@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_document_lists_quote_their_documents_lines(document):
    """Every quoted line of document_lists.py says, at that line (or the next), what it quotes."""
    lines = lines_of(document)
    entries = [
        entry
        for lists in (LISTED, NOT_FOR_THE_YEAR)
        for section in lists[document].values()
        for entry in section
    ] + UNDATED_EVENTS[document]
    wrong = [
        entry
        for entry in entries
        if flat(entry.quote) not in flat(" ".join(lines[entry.line - 1 : entry.line + 1]))
    ]
    assert entries and not wrong, wrong


@pytest.mark.parametrize(("document", "section"), by_section())
def test_report_lists_what_its_document_lists(seeded, document, section):
    """The document's year's report shows every item the document lists in that section."""
    expected = listed(document, section)
    shown = report_items(computed_report(document), section)
    missing = [
        f"{item!r} ({document}:{entry.line} {entry.quote!r})"
        for item, entry in expected.items()
        if item not in shown
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    ("document", "section"),
    by_section(),
)
def test_report_lists_nothing_its_document_does_not(seeded, document, section):
    """The report shows no item in that section that its document does not list: nothing that
    only another document lists, nothing of another year. (ICLEI's 2020 report does not
    preview the 1st International Forum on Low Carbon Cities, which only NEASPEC's note (002:51)
    and, as a year, ICLEI's 2022 report (000:437) name.)"""
    expected = listed(document, section)
    if section in ("activities", "preview"):
        # The events it lists without a date (UNDATED_EVENTS) are its activities too.
        expected = {**expected, **{entry.item: entry for entry in UNDATED_EVENTS[document]}}
    shown = report_items(computed_report(document), section)
    extra = [
        f"{item!r}, listed by {who_else_lists(item, section, document)}"
        for item in sorted(shown - set(expected), key=repr)
    ]
    assert not extra, "\n".join(extra)


@pytest.mark.parametrize(("document", "section"), by_section())
def test_report_leaves_out_what_its_document_gives_to_another_year(seeded, document, section):
    """What a document names as a plan for the next year, or as the work of earlier years, is
    not in that section of its year's report (KOICA and NIBR are 2021's partners in 001)."""
    elsewhere = listed(document, section, NOT_FOR_THE_YEAR)
    shown = report_items(computed_report(document), section)
    wrong = [
        f"{item!r} ({document}:{entry.line} {entry.quote!r})"
        for item, entry in elsewhere.items()
        if item in shown
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_report_shows_the_undated_events_its_document_lists(seeded, document):
    """An event the document lists without a date is in its report's activities or preview."""
    report = computed_report(document)
    shown = report_items(report, "activities") | report_items(report, "preview")
    missing = [entry for entry in UNDATED_EVENTS[document] if entry.item not in shown]
    assert not missing, missing


@pytest.mark.parametrize(
    ("document", "stated", "not_stated"),
    [
        # 000:80 "As of 2022, 101 local governments in the East Asian region have joined"
        # 001:81-82 "By the end of 2020, 91 local governments in the East Asian region have joined"
        ("000", "101", "91"),
        ("001", "91", "101"),
        # 003:142 CityNet's 154 members; ICLEI's figures are not CityNet's
        ("003", "154", "101"),
    ],
)
def test_report_states_its_documents_member_total(seeded, document, stated, not_stated):
    """The membership section states the member total of its own document, not another's."""
    values = {
        row["value"]
        for row in computed_report(document)["membership"]["stated"]
        if "members" in row["label"] or "local governments in the East Asian" in row["label"]
    }
    assert stated in values and not_stated not in values, values
