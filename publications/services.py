"""Writes of publications: every path that saves one (admin, API, spreadsheet, seed) comes here, so
the same input gets the same result and the same message on each, and the cover follows.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from core.services import set_relations
from publications.covers import refresh_cover
from publications.languages import UNDETERMINED, normalise
from publications.models import Edition, Publication

MANY_TO_MANY = ["networks", "projects", "organisations", "themes", "sdgs"]

NEEDS_FILE_OR_LINK = _(
    "Give this edition a PDF file or a link (or both): readers need one of them."
)
SAME_LANGUAGE = _(
    "Two editions are in the same language. Keep one per language (a summary may be a separate "
    "edition)."
)


def edition_check_readable(*, file, link: str) -> None:
    """An edition whose file or link is set must keep one of them: readers need it. (Editions
    taken from the source documents, which name editions of which no file exists, may have
    neither until someone sets one.)"""
    if not file and not link:
        raise ValidationError(NEEDS_FILE_OR_LINK)


def publication_editions(
    *, publication: Publication, rows: list[dict], replace: bool = True
) -> list[Edition]:
    """The editions `rows` describe, checked, unsaved: each row ({"language": "en", "link": …})
    is matched to the publication's edition in its language (and summary or not) and changes
    only the fields it names; a row naming no edition makes a new one.

    `replace`: the rows are all of the publication's editions (the API), so editions whose
    language is not stated ("und"), which nothing tells apart, are made anew; otherwise rows are
    added to the editions (a spreadsheet), an "und" row changing the first such edition.
    Raises a ValidationError naming the row: `editions[1].language`."""
    existing: dict[tuple[str, bool], Edition] = {}
    for edition in publication.editions.all() if publication.pk else ():
        existing.setdefault((edition.language, edition.is_summary), edition)
    seen, editions, errors = set(), [], {}
    for index, row in enumerate(rows):
        prefix = f"editions[{index}]"
        language = normalise(row.get("language"))
        key = (language, bool(row.get("is_summary", False)))
        if language != UNDETERMINED and key in seen:
            raise ValidationError({f"{prefix}.language": SAME_LANGUAGE})
        seen.add(key)
        edition = None if replace and language == UNDETERMINED else existing.get(key)
        edition = edition or Edition(publication=publication)
        for name, value in {**row, "language": language}.items():
            setattr(edition, name, value)
        try:
            if "link" in row or "file" in row:
                edition_check_readable(file=edition.file, link=edition.link)
        except ValidationError as error:
            errors[f"{prefix}.link"] = error.messages
        try:
            # The publication may be new: the per-language rule is checked just above.
            edition.full_clean(exclude=["publication"], validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                name = prefix if field == NON_FIELD_ERRORS else f"{prefix}.{field}"
                errors.setdefault(name, []).extend(messages)
        editions.append(edition)
    if errors:
        raise ValidationError(errors)
    return editions


@transaction.atomic
def publication_save(
    *,
    publication: Publication,
    networks=None,
    projects=None,
    organisations=None,
    themes=None,
    sdgs=None,
    editions: list[dict] | None = None,
    replace_editions: bool = True,
    cover: bool = True,
) -> Publication:
    """Check and save a publication (new or changed) with its relations and editions, then its
    cover.

    A relation left as None stays as it is; one given replaces the publication's own.
    `editions` and `replace_editions`: as `publication_editions`; with `replace_editions`
    the editions not listed are removed. `cover=False` leaves the cover to a later call of
    `publication_relations_saved` (a spreadsheet's preview, which is rolled back, makes none).
    Raises a ValidationError naming the field and saves nothing when anything is wrong."""
    publication.full_clean(exclude=MANY_TO_MANY)
    if editions is not None:
        editions = publication_editions(
            publication=publication, rows=editions, replace=replace_editions
        )
    publication.save()
    set_relations(
        publication,
        networks=networks,
        projects=projects,
        organisations=organisations,
        themes=themes,
        sdgs=sdgs,
    )
    if editions is not None:
        for edition in editions:
            edition.publication = publication
            edition.save()
        if replace_editions:
            publication.editions.exclude(pk__in=[e.pk for e in editions]).delete()
    refresh_latest_edition_dates(Publication.objects.filter(pk=publication.pk))
    if cover:
        publication_relations_saved(publication=publication)
    return publication


def publication_relations_saved(*, publication: Publication) -> Publication:
    """After a publication's editions or networks changed (also when the admin's inline rows
    saved them): its latest edition's date, and its cover, made anew if its source changed."""
    refresh_latest_edition_dates(Publication.objects.filter(pk=publication.pk))
    refresh_cover(publication)
    return publication


def refresh_latest_edition_dates(publications) -> None:
    """Store each publication's latest edition date (Publication.latest_edition_date), the
    library's order: one UPDATE, for one publication after a save or for many after a bulk
    insert (portal.bench_data)."""
    latest = (
        Edition.objects.filter(publication=OuterRef("pk"))
        .order_by()
        .values("publication")
        .annotate(latest=Max("date"))
        .values("latest")
    )
    publications.update(latest_edition_date=Subquery(latest))
