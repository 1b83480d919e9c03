"""The staff-only "content health" list: what needs an editor's attention.

Each check yields what to look at, with a link to fix it in the admin, for the records of the
networks the user works for (as the admin's lists).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.dates import today as current_day
from events.models import Event, ShownStatus, shown_status_label
from events.models.event import AHEAD_STATUSES
from network import queries as network_queries
from network.models import (
    CityPairing,
    ClusterLead,
    Membership,
    NationalChapter,
    Network,
    NetworkPartner,
    Project,
    Seat,
    StaffPosition,
)
from portal.models import AnnualReport
from publications.models import Edition, Publication
from staff.scope import in_user_networks

LIMIT = 50


def admin_link(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def differing_stated_figures(user):
    today = current_day()
    for network in in_user_networks(user, Network.objects.all()):
        counts = network_queries.member_counts(network, today)
        rows = network_queries.figures_beside_counts(
            network, counts, network_queries.stated_figures(network).filter(metric="members")
        )
        for row in rows:
            if row["differs"]:
                figure = row["figure"]
                yield (
                    _(
                        "%(network)s: “%(label)s” stated %(stated)s (%(as_of)s), computed %(computed)s today"
                    )
                    % {
                        "network": network,
                        "label": figure.label,
                        "stated": figure.value_display,
                        "as_of": figure.as_of_display,
                        "computed": row["computed"],
                    },
                    admin_link(figure),
                )


def members_without_country_or_region(user):
    memberships = (
        in_user_networks(user, Membership.objects.current())
        .filter(
            Q(organisation__country="") | Q(region__isnull=True, network__regions__isnull=False)
        )
        .select_related("organisation", "network", "region")
        .distinct()
        .order_by("network__name", "organisation__name")
    )
    for membership in memberships[:LIMIT]:
        missing = []
        if not membership.organisation.country:
            missing.append(str(_("country")))
        if membership.region_id is None:
            missing.append(str(_("region")))
        yield (
            f"{membership.organisation} ({membership.network}): " + ", ".join(missing),
            admin_link(membership.organisation),
        )


def unpublished_reports_of_last_year(user):
    last_year = current_day().year - 1
    published = set(
        AnnualReport.objects.published().filter(year=last_year).values_list("network_id", flat=True)
    )
    for network in in_user_networks(user, Network.objects.published()).exclude(pk__in=published):
        report = AnnualReport.objects.filter(network=network, year=last_year).first()
        link = admin_link(report) if report else reverse("admin:portal_annualreport_add")
        yield (
            _("%(network)s: the %(year)s report is not published")
            % {"network": network, "year": last_year},
            link,
        )


def _events_date_passed(user):
    return in_user_networks(user, Event.objects.date_passed(current_day()))


def past_events_still_planned(user):
    """Each planned or confirmed event whose dates have passed, the latest first: the public
    sees it as "date passed — not confirmed" (events.models.shown_status) until staff mark
    it held, postponed or cancelled."""
    shown = shown_status_label(ShownStatus.DATE_PASSED)
    for event in _events_date_passed(user).order_by("-ends_on", "title")[: LIMIT + 1]:
        yield (
            _("%(title)s (%(when)s) is over but still “%(status)s”: shown as “%(shown)s”")
            % {
                "title": event.title,
                "when": event.when,
                "status": event.get_status_display(),
                "shown": shown,
            },
            admin_link(event),
        )


def past_events_still_planned_all(user) -> tuple[int, str]:
    """How many there are, and the admin's list of exactly them (to settle in bulk)."""
    query = urlencode(
        {"status__in": ",".join(AHEAD_STATUSES), "ends_on__lt": current_day().isoformat()}
    )
    return (
        _events_date_passed(user).count(),
        f"{reverse('admin:events_event_changelist')}?{query}",
    )


def publications_without_file_or_link(user):
    missing = in_user_networks(
        user,
        Publication.objects.exclude(
            pk__in=Edition.objects.exclude(file="", link="").values("publication_id")
        ),
    ).order_by("title")
    for publication in missing[: LIMIT + 1]:
        yield (
            _("%(title)s has no edition with a file or link") % {"title": publication.title},
            admin_link(publication),
        )


# The records a report lists by their years (core.time_scope.TimeScoped): what their names read
# (so that naming fifty of them takes one query per kind), and the record whose admin page edits
# them where they are edited inline (a seat on its term's page, a cluster lead on its cluster's).
TIME_SCOPED = [
    (Event, (), None),
    (Publication, (), None),
    (Project, (), None),
    (CityPairing, ("first", "second"), None),
    (NetworkPartner, ("organisation", "network"), None),
    (Seat, ("person", "organisation", "term"), "term"),
    (ClusterLead, ("cluster", "organisation"), "cluster"),
    (NationalChapter, ("network",), None),
    (StaffPosition, ("person",), None),
]


def records_without_years(user):
    """Records with neither dates nor report years: they count for the current year's report
    only (core.time_scope), so a past year's report leaves them out. Staff give their dates or
    the years of the reports that list them."""
    year = current_day().year
    found = 0
    for model, related, edited_on in TIME_SCOPED:
        unscoped = in_user_networks(user, model.objects.filter(scope_from__isnull=True))
        for record in unscoped.select_related(*related).order_by("-pk")[: LIMIT + 1 - found]:
            found += 1
            yield (
                _("%(kind)s: %(record)s — counts for %(year)s only")
                % {"kind": capfirst(model._meta.verbose_name), "record": record, "year": year},
                admin_link(getattr(record, edited_on) if edited_on else record),
            )
        if found > LIMIT:
            return


# (title, check, all): `all`, where given, answers how many there are in all and a link to the
# admin's list of every one of them, for a list longer than LIMIT.
CHECKS = [
    (
        _("Past events still marked planned or confirmed"),
        past_events_still_planned,
        past_events_still_planned_all,
    ),
    (_("Stated member figures that differ from the records"), differing_stated_figures, None),
    (_("Members without country or region"), members_without_country_or_region, None),
    (_("Publications without any file or link"), publications_without_file_or_link, None),
    (_("Annual reports of last year not yet published"), unpublished_reports_of_last_year, None),
    (
        _("Records with no dates or report years (in this year's report only)"),
        records_without_years,
        None,
    ),
]


def content_health(user) -> list[dict]:
    sections = []
    for title, check, every in CHECKS:
        items = list(check(user))
        more = len(items) > LIMIT
        total, all_link = every(user) if every is not None and more else (None, "")
        sections.append(
            {
                "title": title,
                "items": items[:LIMIT],
                "more": more,
                "count": total if total is not None else min(len(items), LIMIT),
                "all_link": all_link,
            }
        )
    return sections
