"""Reading the seed-content YAML files (format: portal/seed_content/SCHEMA.md)."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.core.exceptions import ValidationError

from core.time_scope import parse_years, years_text

SEED_DIR = Path(__file__).resolve().parent.parent / "seed_content"

# The source documents the seed files cite as "NNN:LINE".
DOCUMENTS = {
    "000": "ICLEI East Asia Annual Report 2022",
    "001": "ICLEI East Asia Annual Report 2020",
    "002": "NEASPEC SOM-26 note 'Low Carbon Cities' (2023)",
    "003": "CityNet Annual Report 2022",
}


# The year each document reports on: the date of a figure it states without one.
DOCUMENT_YEARS = {"000": "2022", "001": "2020", "002": "2023", "003": "2022"}


def document_year(source: str | None) -> str | None:
    return DOCUMENT_YEARS.get(str(source or "").partition(":")[0].strip())


def reported_in(item: dict, *, where: str) -> str:
    """The years of the reports that list a record (core.time_scope): its `reported_in`, else
    the year of the document its `source` cites, so that what one document lists never spills
    into another's report."""
    given = item.get("reported_in", item.get("as_of_report"))
    if given is None:
        given = document_year(item.get("source")) or ""
    try:
        return years_text(parse_years(given))
    except ValidationError as error:
        raise SeedError(f"{where}: reported_in {given!r}: {error.messages[0]}") from None


class SeedError(Exception):
    """The seed files are inconsistent; the message names the file and record."""


def cite(source: str | None) -> str:
    """ "003:278" → "CityNet Annual Report 2022, line 278" (for editors checking a record)."""
    if not source:
        return ""
    document, _, line = str(source).partition(":")
    title = DOCUMENTS.get(document.strip())
    if not title:
        return str(source)[:300]
    return f"{title}, line {line.strip()}" if line else title


# libyaml's parser when PyYAML has it (the wheels do): the same documents, read ~6x faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path):
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        raise SeedError(f"{path.name} is not valid YAML: {error}") from None


def _is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def merge_records(first: dict, second: dict) -> dict:
    """Join two records of the same key: lists of plain values are united, else first wins."""
    merged = dict(first)
    for field, value in second.items():
        if _is_empty(merged.get(field)):
            merged[field] = value
        elif (
            isinstance(value, list)
            and isinstance(merged[field], list)
            and all(not isinstance(item, dict) for item in merged[field] + value)
        ):
            merged[field] = merged[field] + [v for v in value if v not in merged[field]]
    return merged


def read_keyed(pattern: str, seed_dir: Path = SEED_DIR) -> dict[str, dict]:
    """Every record of the files matching `pattern`, merged by key, in file order."""
    records: dict[str, dict] = {}
    for path in sorted(seed_dir.glob(pattern)):
        for index, record in enumerate(load_yaml(path) or []):
            key = record.get("key") if isinstance(record, dict) else None
            if not key:
                raise SeedError(f"{path.name}, record {index + 1}: every record needs a 'key'.")
            record = {**record, "_file": path.name}
            records[key] = merge_records(records[key], record) if key in records else record
    return records


def read_networks(seed_dir: Path = SEED_DIR) -> list[dict]:
    return [
        {**load_yaml(path), "_file": path.name}
        for path in sorted((seed_dir / "networks").glob("*.yaml"))
    ]
