"""Editions of annual reports: a published report kept as it was when it was published.

A network's report for a year is computed from the records (portal.reports.build_report()), so
it changes whenever they do. When staff publish the year's AnnualReport (its editorial part),
what the report shows is frozen as an edition: build_report()'s plain data, stored as JSON with
the time (AnnualReportEdition). The report page, the print view and the API show the latest
edition of a public report, link to the live computation and list what changed since
(changes_between()). A year with no AnnualReport record, or whose record is a draft, is shown
live, as before: a draft report has no public edition.

When an edition is frozen (freeze_edition(), the one write):
- A save that makes the report public. Every path saves through the model (the admin's form
  and its "publish" action, a history revert or restore, the seed loader, a spreadsheet or API
  write if one is ever added), so report_saved(), connected to post_save in portal.apps, sees
  them all; it freezes when the transaction commits, so that the forewords and highlights saved
  with the report are in the edition.
- A scheduled publish time passing. There is no background job (core.publishing): the first
  read of a report that is public but has no edition since its publish time freezes it
  (report_to_show()), and the page cache's window ends at that publish time, so no cached page
  hides it.
- Deliberately: the admin action "Freeze a new edition", after a correction.
Every edition is kept, numbered from 1 and dated; the latest is shown, the others on request
(`?edition=2`). Each is built from published records only, as build_report() reads them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models import CharField, Max, OuterRef, Subquery, Value
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.publishing import published_q
from events.models import Event
from network.models import Organisation, Project
from portal.models import AnnualReport, AnnualReportEdition, Story
from portal.reports import build_report
from publications.models import Publication

PUBLISHED, REFROZEN = "published", "refrozen"


# --- Freezing ---------------------------------------------------------------------------------
def freeze_edition(*, report: AnnualReport, reason: str = PUBLISHED, user=None):
    """A new edition of `report` (public) with what its report shows now, numbered after the
    last one."""
    if not report.is_public:
        raise ValidationError(
            _("Only a published report can be frozen: publish “%(report)s” first.")
            % {"report": report}
        )
    # Stored as it reads back, so the page renders the same data from either.
    structure = json.loads(
        json.dumps(_in_edition_language(report.network, report.year), cls=DjangoJSONEncoder)
    )
    with transaction.atomic():
        last = report.editions.aggregate(last=Max("number"))["last"] or 0
        return AnnualReportEdition.objects.create(
            report=report,
            number=last + 1,
            structure=structure,
            reason=reason,
            frozen_by=user,
            frozen_at=timezone.now(),
        )


def _in_edition_language(network, year: int) -> dict:
    """build_report() in the language editions are frozen in (settings.LANGUAGE_CODE).

    The structure holds text already formatted ("23 Feb 2022", "online"): frozen in whichever
    language the publishing editor uses, and compared with the live report in the reader's,
    every date would read as changed ("23 Feb 2022 → 2022年2月23日"). So an edition is frozen,
    and compared, in one language; it is shown in it, as the printed report is."""
    with translation.override(settings.LANGUAGE_CODE):
        return build_report(network, year)


def is_due(publish_at: dt.datetime | None, latest_frozen_at: dt.datetime | None) -> bool:
    """Whether a public report published at `publish_at` needs its edition: it has none frozen
    since then (none at all, or a scheduled publish time has passed since the last)."""
    return publish_at is not None and (latest_frozen_at is None or latest_frozen_at < publish_at)


def report_saved(sender, instance: AnnualReport, created: bool = False, raw=False, **kwargs):
    """post_save of AnnualReport: a save that leaves it public freezes an edition when the
    transaction commits, if it was read as a draft (publishing again after unpublishing), or
    if it is due one (is_due(): new, or restored from history, with no edition since its
    publish time)."""
    if raw or not instance.is_public:
        return
    became_public = getattr(instance, "was_public", None) is False
    pk = instance.pk
    transaction.on_commit(lambda: _freeze_if_needed(pk, became_public))


def _freeze_if_needed(pk: int, became_public: bool) -> AnnualReportEdition | None:
    report = AnnualReport.objects.select_related("network").filter(pk=pk).first()
    if report is None or not report.is_public:
        return None
    latest = report.editions.order_by("-number").values_list("frozen_at", flat=True).first()
    if not became_public and not is_due(report.publish_at, latest):
        return None
    return freeze_edition(report=report, reason=PUBLISHED)


def _freeze_on_read(pk: int) -> AnnualReportEdition | None:
    """The edition of a report found due by a read; None if another request froze it first."""
    report = AnnualReport.objects.select_related("network").get(pk=pk)
    try:
        with transaction.atomic():
            return freeze_edition(report=report, reason=PUBLISHED)
    except IntegrityError:  # the same number, frozen by a request at the same moment
        return report.editions.order_by("-number").first()


# --- Reading ----------------------------------------------------------------------------------
def networks_with_edition(networks, year: int, *, number: int | None = None, live: bool = False):
    """`networks` (a Network queryset), each with its public report of `year` and the edition
    to show (the latest, or `number`), read in the same query: `report_pk`, `report_publish_at`,
    `latest_number`, `latest_frozen_at`, `edition_number`, `edition_frozen_at`, and, unless
    `live`, `edition_structure`."""
    reports = AnnualReport.objects.filter(published_q(), network=OuterRef("pk"), year=year)
    editions = AnnualReportEdition.objects.filter(
        published_q("report__"), report__network=OuterRef("pk"), report__year=year
    ).order_by("-number")
    chosen = editions.filter(number=number) if number is not None else editions
    columns = {
        "report_pk": Subquery(reports.values("pk")[:1]),
        "report_publish_at": Subquery(reports.values("publish_at")[:1]),
        "latest_number": Subquery(editions.values("number")[:1]),
        "latest_frozen_at": Subquery(editions.values("frozen_at")[:1]),
        "edition_number": Subquery(chosen.values("number")[:1]),
        "edition_frozen_at": Subquery(chosen.values("frozen_at")[:1]),
    }
    if not live:
        columns["edition_structure"] = Subquery(
            chosen.values("structure")[:1], output_field=models.JSONField()
        )
    return networks.annotate(**columns)


@dataclass
class ShownReport:
    """What a report page, print view or API answer shows."""

    report: dict  # the structure to render: an edition's, or the live one
    edition: dict | None  # the edition shown (number, frozen_at, latest); None when live
    latest_edition: int | None  # the newest edition's number, if the report has any
    changes: list[dict] | None  # what changed since the edition shown (None when live)


def report_to_show(network, year: int, *, live: bool = False, number: int | None = None):
    """The report of `network` (read by networks_with_edition()) for `year`: its edition, or the
    live computation when asked for or when it has none. Freezes the first edition of a public
    report due one (its scheduled publish time has passed). 404 for an edition that is not there.
    """
    latest, latest_frozen_at = network.latest_number, network.latest_frozen_at
    if network.report_pk is not None and is_due(network.report_publish_at, latest_frozen_at):
        frozen = _freeze_on_read(network.report_pk)
        latest = frozen.number
        if number is None:
            network.edition_number, network.edition_frozen_at = frozen.number, frozen.frozen_at
            network.edition_structure = frozen.structure
    if number is not None and network.edition_number is None:
        raise Http404(_("This report has no edition %(number)s.") % {"number": number})
    if live or network.edition_number is None:
        current = build_report(network, year)
        return ShownReport(report=current, edition=None, latest_edition=latest, changes=None)
    current = _in_edition_language(network, year)
    frozen = network.edition_structure
    if not isinstance(frozen, dict):
        frozen = {}
    withdrawn = withdrawn_records(frozen, current)
    return ShownReport(
        report=without_records(frozen, withdrawn),
        edition={
            "number": network.edition_number,
            "frozen_at": network.edition_frozen_at,
            "latest": latest,
        },
        latest_edition=latest,
        changes=changes_between(frozen, current, withdrawn=withdrawn),
    )


TRUE, FALSE = {"1", "true", "yes", "on"}, {"", "0", "false", "no", "off"}


def read_choice(query) -> tuple[bool, int | None]:
    """(live, edition number) from a request's query (`?live=1`, `?edition=2`); a ValueError
    with a message for the visitor when either cannot be read."""
    live = query.get("live", "").strip().lower()
    if live not in TRUE | FALSE:
        raise ValueError(_("“live” must be 1 or 0."))
    raw = query.get("edition", "").strip()
    number = None
    if raw:
        # isdecimal(), not isdigit(): int() refuses "²", a digit (core.pagination).
        if not raw.isdecimal() or len(raw) > 5 or not 1 <= int(raw) <= 32767:
            raise ValueError(_("“edition” must be an edition number such as 1 or 2."))
        number = int(raw)
    if live in TRUE:
        return True, None  # the live report, whichever edition is named
    return False, number


# --- What changed since an edition ------------------------------------------------------------
def _dicts(value) -> list[dict]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def _section(report: dict, key: str) -> dict:
    value = report.get(key)
    return value if isinstance(value, dict) else {}


def _by_slug(rows) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for row in rows:
        slug = row.get("slug")
        if isinstance(slug, str) and slug and slug not in found:
            found[slug] = row
    return found


def _members(report: dict) -> dict[str, dict]:
    """Members the membership section names (the year's new members, and any list of named
    members a later version of the section adds), by slug."""
    rows = []
    for value in _section(report, "membership").values():
        rows += _dicts(value)
    return _by_slug(row for row in rows if "name" in row)


def _events(report: dict) -> dict[str, dict]:
    """The year's activities and next year's preview, by slug."""
    rows = []
    for group in _dicts(_section(report, "activities").get("groups")):
        rows += _dicts(group.get("events"))
    rows += _dicts(report.get("preview"))
    return _by_slug(rows)


def _projects(report: dict) -> dict[str, dict]:
    rows = []
    for group in _dicts(report.get("projects")):
        rows += _dicts(group.get("projects"))
    return _by_slug(rows)


def _figures(report: dict) -> dict[str, tuple[str, object]]:
    """Figures by a key: (label, value)."""
    membership, activities = _section(report, "membership"), _section(report, "activities")
    figures: dict[str, tuple[str, object]] = {}
    if "total" in membership:
        figures["members"] = (_("Members in the records"), membership["total"])
    if "total" in activities:
        figures["events"] = (_("Events in the year"), activities["total"])
    for row in _dicts(membership.get("by_type")):
        figures[f"type:{row.get('type')}"] = (str(row.get("label", "")), row.get("count"))
    for row in _dicts(membership.get("stated")):
        label = str(row.get("label", ""))
        figures[f"stated:{label}"] = (label, row.get("value"))
    return figures


def _title(row: dict) -> str:
    return str(row.get("title") or row.get("name") or row.get("slug") or "")


def _added_removed(what: str, before: dict, after: dict) -> list[dict]:
    changes = [
        {"what": what, "change": "added", "slug": slug, "title": _title(row)}
        for slug, row in after.items()
        if slug not in before
    ]
    changes += [
        {"what": what, "change": "removed", "slug": slug, "title": _title(row)}
        for slug, row in before.items()
        if slug not in after
    ]
    return changes


# --- Records withdrawn since an edition -----------------------------------------------------------
# An edition is frozen from published records only, but a record may be unpublished (or deleted)
# after: the edition then leaves it out, with its name, as every public surface leaves out a
# draft. Its figures (counts, totals) stay as published: they are what the edition said on its
# date, and its list of changes says that a record it listed was withdrawn, which accounts for
# the difference. Where each kind of record is listed in build_report()'s structure, as paths of keys
# ("*" for every item of a list), and the model that says whether it is still public.
LISTED = {
    "event": (
        Event,
        [
            ("activities", "groups", "*", "events"),
            ("preview",),
            ("projects", "*", "projects", "*", "events"),
        ],
    ),
    "project": (Project, [("projects", "*", "projects")]),
    "publication": (
        Publication,
        [("publications",), ("projects", "*", "projects", "*", "publications")],
    ),
    "story": (Story, [("highlights",)]),
    "member": (Organisation, [("membership", "new_members")]),
}


def _lists_at(value, path: tuple) -> list[list]:
    """The lists `path` leads to in `value`."""
    if not path:
        return [value] if isinstance(value, list) else []
    key, rest = path[0], path[1:]
    if key == "*":
        return [found for item in _dicts(value) for found in _lists_at(item, rest)]
    return _lists_at(value.get(key), rest) if isinstance(value, dict) else []


def _slugs(report: dict, kind: str) -> set[str]:
    return {
        row["slug"]
        for path in LISTED[kind][1]
        for rows in _lists_at(report, path)
        for row in _dicts(rows)
        if isinstance(row.get("slug"), str)
    }


def withdrawn_records(frozen: dict, live: dict) -> dict[str, set[str]]:
    """Slugs, by kind, of the records `frozen` lists that are no longer public (unpublished or
    deleted). Only those the live report no longer lists are looked up (what it lists is
    public): no query at all when nothing left, one (a UNION) otherwise."""
    candidates = {kind: _slugs(frozen, kind) - _slugs(live, kind) for kind in LISTED}
    queries = [
        model.objects.published()
        .filter(slug__in=sorted(candidates[kind]))
        .annotate(listed_as=Value(kind, output_field=CharField()))
        .values_list("listed_as", "slug")
        .order_by()
        for kind, (model, _paths) in LISTED.items()
        if candidates[kind]
    ]
    if not queries:
        return {}
    public: dict[str, set[str]] = {kind: set() for kind in LISTED}
    for kind, slug in queries[0].union(*queries[1:], all=True):
        public[kind].add(slug)
    return {
        kind: slugs - public[kind] for kind, slugs in candidates.items() if slugs - public[kind]
    }


def without_records(report: dict, withdrawn: dict[str, set[str]]) -> dict:
    """`report` without the rows of the `withdrawn` records (a copy where any is left out)."""
    if not withdrawn:
        return report
    report = json.loads(json.dumps(report))
    for kind, slugs in withdrawn.items():
        for path in LISTED[kind][1]:
            for rows in _lists_at(report, path):
                rows[:] = [
                    row for row in rows if not (isinstance(row, dict) and row.get("slug") in slugs)
                ]
    return report


def changes_between(
    frozen: dict, live: dict, *, withdrawn: dict[str, set[str]] | None = None
) -> list[dict]:
    """What the live report shows differently from the edition `frozen`: members, events,
    projects and publications added or removed, events re-dated and figures changed. Each
    change is plain data: what (member, event, project, publication, figure), change (added,
    removed, redated, changed), slug (none for a figure), title, and before / after for a
    re-dated event or a changed figure. Sections either structure lacks are skipped, so an
    edition frozen before a section existed is compared on what it has. A record `withdrawn`
    (withdrawn_records()) is counted without its name: change "withdrawn", no slug nor title."""
    withdrawn = withdrawn or {}
    frozen = without_records(frozen, withdrawn)
    changes = _added_removed("member", _members(frozen), _members(live))
    before, after = _events(frozen), _events(live)
    changes += _added_removed("event", before, after)
    for slug, old in before.items():
        new = after.get(slug)
        if new is not None and (old.get("when"), old.get("start")) != (
            new.get("when"),
            new.get("start"),
        ):
            changes.append(
                {
                    "what": "event",
                    "change": "redated",
                    "slug": slug,
                    "title": _title(new),
                    "before": old.get("when") or old.get("start") or "",
                    "after": new.get("when") or new.get("start") or "",
                }
            )
    changes += _added_removed("project", _projects(frozen), _projects(live))
    changes += _added_removed(
        "publication",
        _by_slug(_dicts(frozen.get("publications"))),
        _by_slug(_dicts(live.get("publications"))),
    )
    old_figures, new_figures = _figures(frozen), _figures(live)
    for key, (label, value) in new_figures.items():
        if key in old_figures and old_figures[key][1] != value:
            changes.append(
                {
                    "what": "figure",
                    "change": "changed",
                    "slug": "",
                    "title": label,
                    "before": old_figures[key][1],
                    "after": value,
                }
            )
    changes += [
        {"what": kind, "change": "withdrawn", "slug": "", "title": ""}
        for kind in LISTED
        for _slug in sorted(withdrawn.get(kind, ()))
    ]
    return changes


def describe(change: dict) -> str:
    """A change (changes_between()) as a sentence for the report page."""
    what, kind = change.get("what"), change.get("change")
    values = {
        "title": change.get("title", ""),
        "before": change.get("before", ""),
        "after": change.get("after", ""),
    }
    sentences = {
        ("member", "added"): _("Member now listed: %(title)s"),
        ("member", "removed"): _("Member no longer listed: %(title)s"),
        ("event", "added"): _("Event added: %(title)s"),
        ("event", "removed"): _("Event no longer listed: %(title)s"),
        ("event", "redated"): _("Event re-dated: %(title)s, %(before)s → %(after)s"),
        ("project", "added"): _("Project added: %(title)s"),
        ("project", "removed"): _("Project no longer listed: %(title)s"),
        ("publication", "added"): _("Publication added: %(title)s"),
        ("publication", "removed"): _("Publication no longer listed: %(title)s"),
        ("figure", "changed"): _("%(title)s: %(before)s → %(after)s"),
    }
    if kind == "withdrawn":
        return {
            "event": _("An event this edition listed has been withdrawn."),
            "project": _("A project this edition listed has been withdrawn."),
            "publication": _("A publication this edition listed has been withdrawn."),
            "story": _("A highlight this edition listed has been withdrawn."),
            "member": _("A member this edition listed has been withdrawn."),
        }.get(what, _("A record this edition listed has been withdrawn."))
    return sentences.get((what, kind), _("Changed: %(title)s")) % values
