"""The spreadsheet of publications (admin list of publications): one row per publication with
its editions, saved through publications.services, so a sheet gets the admin's and the API's rules
and messages, and the cover follows."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from core.partial_dates import entered_text, parse_entered
from network.spreadsheets import NetworkedResource
from publications import services
from publications.languages import normalise
from publications.models import Publication, PublicationKind, Series
from staff.spreadsheets.cells import ChoiceWidget, column, derived, split_list
from staff.spreadsheets.resource import named_in

EDITION_INDEX = re.compile(r"^editions\[(\d+)\]")


class PublicationResource(NetworkedResource):
    """One row per publication; its editions as "language:date:link" separated by ";".

    An edition is matched by its language: listed editions are added or updated, editions not
    listed are kept (a sheet never deletes an uploaded file). Editions with an uploaded PDF are
    exported without a link, and an empty link leaves an edition's link or file as it is.
    """

    title = column("title")
    kind = column("kind", ChoiceWidget(PublicationKind))
    series = derived("series")
    issue = column("issue")
    summary = column("summary")
    editions = derived("editions")
    reported_in = column("reported_in")

    required_columns = ("title", "kind", "networks")

    class Meta:
        model = Publication
        fields = (
            "slug",
            "title",
            "kind",
            "networks",
            "series",
            "issue",
            "summary",
            "editions",
            "source",
            "reported_in",
            "published",
            "publish_at",
        )

    @classmethod
    def with_related(cls, queryset):
        return super().with_related(queryset).select_related("series").prefetch_related("editions")

    def import_derived(self, publication, row, errors):
        super().import_derived(publication, row, errors)
        if "series" in row:
            publication.series = named_in(
                row,
                "series",
                Series.objects,
                errors,
                gettext("No publication series '%(name)s'. Add it in the admin first."),
            )
        publication.pending_editions = None
        if "editions" in row:
            publication.pending_editions = self.read_editions(publication, row, errors)

    def read_editions(self, publication, row, errors) -> list[dict]:
        """The cell's editions as the service's rows; an empty date or link is left out, so it
        leaves the edition's own as it is."""
        entries, rows, problems = [], [], []
        for entry in split_list(row.get("editions")):
            language, _, rest = entry.partition(":")
            date_text, _, link = rest.partition(":")
            edition = {"language": language}
            try:
                date = parse_entered(date_text)
            except ValueError as error:
                problems.append(f"{entry}: {error}")
                continue
            if date:
                edition["date"], edition["date_precision"] = date.first, date.precision
            if link.strip():
                edition["link"] = link.strip()
            entries.append(entry)
            rows.append(edition)
        try:
            services.publication_editions(publication=publication, rows=rows, replace=False)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                entry = entries[int(EDITION_INDEX.match(key)[1])]
                problems.extend(f"{entry}: {message}" for message in messages)
        if problems:
            errors["editions"] = problems
        return rows

    def save_record(self, publication, row, *, dry_run):
        # No cover for the preview: it is rolled back, the image files would stay.
        services.publication_save(
            publication=publication,
            networks=publication.pending_networks,
            editions=publication.pending_editions,
            replace_editions=False,
            cover=not dry_run,
        )

    def dehydrate_series(self, publication):
        return publication.series.name if publication.series else ""

    def dehydrate_editions(self, publication):
        pending = getattr(publication, "pending_editions", None)
        if pending is not None:
            return "; ".join(
                f"{normalise(row['language'])}:"
                f"{entered_text(row.get('date'), row.get('date_precision'))}:{row.get('link', '')}"
                for row in pending
            )
        if publication.pk is None:
            return ""
        return "; ".join(
            f"{edition.language}:{entered_text(edition.date, edition.date_precision)}:"
            f"{edition.link}"
            for edition in publication.editions.all()
            if not edition.is_summary
        )
