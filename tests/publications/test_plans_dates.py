"""Publication dates as precise as known: a card, the CSV and JSON-LD never invent a month."""

import csv
import datetime as dt
import io

import pytest

from tests.factories.publications import EditionFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_card_shows_a_year_dated_edition_as_the_year(client):
    """An edition of "2022" reads "2022" on the library's card, not "Jan 2022"; one of
    3 Dec 2022 reads "Dec 2022" as before."""
    yearly = PublicationFactory(title="Yearly compendium")
    EditionFactory(publication=yearly, date=dt.date(2022, 1, 1), date_precision="year")
    dated = PublicationFactory(title="Dated report")
    EditionFactory(publication=dated, date=dt.date(2022, 12, 3), date_precision="day")
    html = client.get("/publications/").content.decode()
    yearly_card = html[html.index("Yearly compendium") :][:600]
    assert '<span class="meta">2022</span>' in yearly_card and "Jan 2022" not in yearly_card
    dated_card = html[html.index("Dated report") :][:600]
    assert '<span class="meta">Dec 2022</span>' in dated_card


def test_csv_gives_edition_dates_as_entered(client):
    """The CSV's editions column reads en:2022-Q4:…, not en:2022-10-01:…"""
    publication = PublicationFactory(title="Quarterly")
    EditionFactory(publication=publication, date=dt.date(2022, 10, 1), date_precision="quarter")
    response = client.get("/api/v1/publications/?format=csv")
    text = b"".join(response.streaming_content).decode()
    (row,) = [r for r in csv.DictReader(io.StringIO(text)) if r["title"] == "Quarterly"]
    assert row["editions"].startswith("en:2022-Q4:")
