"""The seeded publications, held against the source documents (tests/seed_documents.py)."""

import io
import re

import pytest
from django.core.management import call_command

from publications.models import Edition, Publication
from tests.seed_documents import SEED_DOCUMENTS as SEEDS

ICLEI_2020 = next(SEEDS.glob("001_*.txt"), None) if SEEDS.exists() else None
ICLEI_2022 = next(SEEDS.glob("000_*.txt"), None) if SEEDS.exists() else None

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(ICLEI_2020 is None, reason="source documents not beside the repo"),
]

LANGUAGES = {"English": "en", "Chinese": "zh-hans"}
MONTHS = {"May": 5, "June": 6}


def _line_of(source: str) -> int:
    return int(re.search(r"line (\d+)", source).group(1))


def test_2020_knowledge_sharing_editions_match_the_report(seeded):
    """Every "2020.5 / Chinese by the ICLEI East Asia Secretariat" line of the 2020 report's
    KNOWLEDGE SHARING list is one edition with that month, language, summary flag and office."""
    lines = ICLEI_2020.read_text(encoding="utf-8").splitlines()[1284:1342]
    stated = sorted(
        (
            int(year),
            int(month),
            LANGUAGES[language],
            bool(summary),
            (office or "").replace("Wecretariat", "Secretariat"),  # OCR slip in the document
        )
        for year, month, language, summary, office in re.findall(
            r"(\d{4})\.(\d{1,2}) / (English|Chinese)( Summary)?(?: by the (.+))?", "\n".join(lines)
        )
    )
    assert len(stated) == 13
    editions = [
        e
        for e in Edition.objects.filter(date__isnull=False).select_related(
            "publication", "publisher", "translated_by"
        )
        if "Annual Report 2020" in e.publication.source
        and 1285 <= _line_of(e.publication.source) <= 1342
    ]
    seeded_editions = sorted(
        (
            e.date.year,
            e.date.month,
            e.language,
            e.is_summary,
            (e.translated_by or e.publisher).name if (e.translated_by or e.publisher) else "",
        )
        for e in editions
    )
    assert seeded_editions == stated
    assert all(e.date_precision == "month" for e in editions)


def test_resilient_cities_chinese_edition_says_who_translated_it_and_when(seeded, client):
    """The newcomer's question: the Chinese edition, translated by ICLEI East Asia in May 2020."""
    publication = Publication.objects.get(title__startswith="Resilient Cities, Thriving Cities")
    chinese = publication.editions.get(language="zh-hans")
    assert chinese.translated_by.name == "ICLEI East Asia Secretariat"
    assert chinese.when == "May 2020"
    english = publication.editions.get(language="en")
    assert (english.publisher.name, english.when) == ("ICLEI World Secretariat", "Nov 2019")
    found = client.get("/publications/", {"q": "Resilient Cities", "language": "zh-hans"})
    assert [p.slug for p in found.context["publications"]] == [publication.slug]
    page = " ".join(client.get(publication.get_absolute_url()).content.decode().split())
    assert "May 2020 · translated by ICLEI East Asia Secretariat" in page


def test_2022_knowledge_sharing_list_languages_and_months(seeded):
    """Each "2022 May / English, Chinese" of the 2022 report is an edition per language."""
    text = ICLEI_2022.read_text(encoding="utf-8").splitlines()
    block = text[815:850]
    items = []
    for index, line in enumerate(block):
        match = re.fullmatch(r"(\d{4}) (May|June) / (.+)", line.strip())
        if match:
            title = next(t for t in reversed(block[:index]) if t.strip())
            languages = {LANGUAGES[lang.strip()] for lang in match.group(3).split(",")}
            items.append((title.strip(), int(match.group(1)), MONTHS[match.group(2)], languages))
    assert len(items) == 5
    for title, year, month, languages in items:
        publication = Publication.objects.get(title=title)
        editions = list(publication.editions.all())
        assert {e.language for e in editions} == languages, title
        assert {(e.date.year, e.date.month) for e in editions} == {(year, month)}, title


def test_citynet_leaflet_in_seven_languages_and_undetermined_editions(seeded):
    """The leaflet has seven editions; Chinese stays plain zh; unstated languages are 'und'."""
    leaflet = Publication.objects.get(slug="citynet-leaflet")
    assert sorted(leaflet.editions.values_list("language", flat=True)) == sorted(
        ["en", "ko", "zh", "ja", "id", "bn", "ne"]
    )
    study = Publication.objects.get(
        slug="comparative-study-of-national-policies-on-low-carbon-cities"
    )
    assert list(study.editions.values_list("language", "link")) == [
        (
            "und",
            "https://neaspec.org/sites/default/files/Comparative%20Study%20on%20LCC-final_0.pdf",
        )
    ]


def test_each_document_is_an_annual_report_or_note_of_its_network(seeded):
    assert set(Publication.objects.filter(kind="annual-report").values_list("slug", flat=True)) >= {
        "iclei-east-asia-annual-report-2020",
        "iclei-east-asia-annual-report-2022",
        "citynet-annual-report-2022",
    }
    note = Publication.objects.get(slug="low-carbon-cities-note-by-the-secretariat-som-26")
    assert note.networks.get().slug == "neaspec"


def test_seeded_publications_have_generated_covers_and_no_files(seeded):
    """No files exist for the seeded editions: each publication shows a generated cover."""
    assert not Edition.objects.exclude(file="").exists()
    assert set(Publication.objects.values_list("cover_origin", flat=True)) == {"generated"}


def test_second_load_changes_nothing(seeded):
    out = io.StringIO()
    call_command("load_seed_content", stdout=out)
    assert "nothing changed" in out.getvalue()
