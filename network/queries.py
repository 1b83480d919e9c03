"""Read-side queries of the network app, named after what they return.

Pages, the API and the annual-report builder call these, so every public surface applies the
same published() rules and the same joins.
"""

from __future__ import annotations

import datetime as dt
from html import escape  # Django's escape() without its lazy-string wrapper: same text
from operator import itemgetter

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.choices import choice_label
from core.dates import today
from core.links import slug_path_maker, slug_url
from core.publishing import published_joined, published_q
from core.time_scope import as_last_reported, in_report_q, in_year_q
from network.models import (
    MEMBERSHIP_TYPE_PLURALS,
    CityPairing,
    Cluster,
    ClusterLead,
    ClusterRole,
    CommitteeSeat,
    Membership,
    MembershipType,
    NationalChapter,
    Network,
    NetworkPartner,
    Organisation,
    OrganisationKind,
    PairingAgreement,
    PartnerRole,
    Person,
    Project,
    ProjectParticipant,
    ProjectResult,
    ProjectRole,
    ProjectStatus,
    Seat,
    StaffPosition,
    StatedFigure,
    StudyVisit,
    Term,
    Theme,
    VisitStatus,
)

# An organisation's or a network's page shows the latest LATEST records of each list that grows
# with the years (events, publications, projects, pairings, people), with a link to the list page
# filtered to it, which shows them all.
LATEST = 12


def latest(queryset, limit: int = LATEST) -> tuple[list, bool]:
    """The first `limit` records of `queryset`, and whether it holds more: one query of
    `limit` + 1 rows, whatever the size of the table."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def published_networks():
    return Network.objects.published().order_by("order", "name")


def published_themes():
    """Themes of published networks, in each network's order."""
    return Theme.objects.filter(network__in=Network.objects.published()).select_related("network")


def people_with_organisation():
    """People, each with its organisation if that is published (else None): joined."""
    return published_joined(Person.objects.all(), "organisation")


def published_people():
    """Published people with their organisation, by name."""
    return people_with_organisation().published().order_by("name", "pk")


def network_cards(day: dt.date | None = None) -> list[dict]:
    """Each published network with its member counts by type on `day` and its latest stated
    member total, in a fixed number of queries however many networks there are."""
    day = day or today()
    networks = list(published_networks())
    by_network: dict = {network.pk: {} for network in networks}
    rows = (
        public_memberships()
        .current_on(day)
        .order_by()
        .values("network_id", "type")
        .annotate(n=Count("id"))
        .values_list("network_id", "type", "n")
    )
    for network_id, membership_type, count in rows:
        by_network.setdefault(network_id, {})[membership_type] = count
    stated: dict = {}
    for figure in StatedFigure.objects.filter(
        network__in=networks, metric="members", membership_type="", as_of__lte=day
    ).order_by("network_id", "-as_of"):
        stated.setdefault(figure.network_id, figure)
    member_list = reverse("network:member-list")
    # Paths and labels made once per call, not once per card.
    detail_path = slug_path_maker("network:network-detail")
    governance_path = slug_path_maker("network:network-governance")
    labels = {value: str(label) for value, label in MEMBERSHIP_TYPE_PLURALS.items()}
    lowered = {value: label.lower() for value, label in labels.items()}
    cards = []
    for network in networks:
        by_type = by_network[network.pk]
        types = [
            {"type": value, "label": labels[value], "count": by_type[value]}
            for value in MembershipType.values
            if by_type.get(value)
        ]
        cards.append(
            {
                "network": network,
                "counts": {"total": sum(by_type.values()), "by_type": by_type, "types": types},
                "stated_total": stated.get(network.pk),
                # What a card shows, computed once per card rather than looked up in a template.
                "url": detail_path(network.slug),
                "members_url": f"{member_list}?network={network.slug}",
                "governance_url": governance_path(network.slug),
                "types_text": ", ".join(f"{t['count']} {lowered[t['type']]}" for t in types),
            }
        )
    return card_items(cards)


def card_items(cards: list[dict]) -> list[dict]:
    """`cards` (network_cards()), each given `html`: its <li> as the card template wrote it
    (templates/network/_network_cards.html), written here once per card with the fixed words
    translated once per call; a dozen template lookups and a translation block per card cost
    more than the page's queries."""
    browse_members = escape(_("Browse members"))
    governance = escape(_("Governance"))
    states = _("The network states %(value)s %(label)s (%(as_of)s).")
    stated_as_of = _("stated, %(as_of)s")
    none_listed = _("The directory lists no members of %(name)s.")
    for card in cards:
        network, total, stated = card["network"], card["counts"]["total"], card["stated_total"]
        full_name = f'<p class="meta">{escape(network.full_name)}</p>' if network.full_name else ""
        # Types only when there are several: "2 members: 2 members" says nothing.
        several = len(card["counts"]["types"]) > 1
        types = f":\n        {escape(card['types_text'])}" if several else ""
        in_directory = escape(
            ngettext("member in the directory", "members in the directory", total)
        )
        counts = f"<p><strong>{total}</strong> {in_directory}{types}</p>"
        stated_html = ""
        if stated and stated.value > total:
            # The directory is incomplete: the stated figure leads (as on the network page).
            as_of = stated_as_of % {"as_of": escape(str(stated.as_of_display))}
            counts = (
                f"<p><strong>{escape(str(stated.value_display))}</strong> {escape(stated.label)} "
                f'<span class="meta">({as_of})</span></p>\n'
                f"      <p>{total} {in_directory}{types}</p>"
            )
        elif not total:
            counts = f"<p>{escape(none_listed % {'name': network.name})}</p>"
        elif stated and stated.value != total:
            sentence = states % {
                "value": escape(str(stated.value_display)),
                "label": escape(stated.label),
                "as_of": escape(str(stated.as_of_display)),
            }
            stated_html = f'<p class="stated">{sentence}</p>'
        card["html"] = SafeString(
            '\n    <li class="card">\n'
            f'      <h2><a href="{escape(card["url"])}">{escape(network.name)}</a></h2>\n'
            f"      {full_name}\n"
            f"      {counts}\n"
            f"      {stated_html}\n"
            f'      <p><a href="{escape(card["members_url"])}">{browse_members}</a> · '
            f'<a href="{escape(card["governance_url"])}">{governance}</a></p>\n'
            "    </li>\n  "
        )
    return cards


def _with_type_labels(counts: dict) -> dict:
    counts["types"] = [
        {"type": value, "label": MEMBERSHIP_TYPE_PLURALS[value], "count": counts["by_type"][value]}
        for value in MembershipType.values
        if counts["by_type"].get(value)
    ]
    return counts


def public_memberships():
    """Memberships of published organisations in published networks, with their joins."""
    return Membership.objects.public().select_related("network", "region", "organisation")


def current_memberships():
    """Memberships in force today of published organisations in published networks."""
    return Membership.objects.public().current()


def member_directory():
    """The member directory (page, API list and CSV): published organisations by name, each
    with its current memberships in `current_memberships`, in the networks' order.

    Not narrowed to members: MemberFilter keeps the organisations with a current membership
    that matches its filters, and the API's record of one organisation is there even when it
    is not (or no longer) a member."""
    memberships = current_memberships().select_related("network", "region")
    return (
        Organisation.objects.published()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=memberships.order_by("network__order", "pk"),
                to_attr="current_memberships",
            )
        )
        .order_by("name", "pk")
    )


def directory_rows(organisations) -> list[dict]:
    """The member directory page's rows, as display strings computed once per row: the
    organisation's address, names, kind and country, and a tag per current membership
    ("Network: type, region"; member_directory()'s `current_memberships`); `html`, the
    row's <li> as the page's row template wrote it."""
    path = slug_path_maker("network:member-detail")
    countries: dict = {}  # a country's name looked up (and translated) once per page
    rows = []
    for organisation in organisations:
        tags = []
        for membership in organisation.current_memberships:
            tag = f"{membership.network.name}: {choice_label(MembershipType, membership.type)}"
            if membership.region:
                tag += f", {membership.region.name}"
            tags.append(tag)
        country = organisation.country
        if country:
            if country.code not in countries:
                countries[country.code] = str(country.name)
            country_name = countries[country.code]
        else:
            country_name = ""
        row = {
            "url": path(organisation.slug),
            "name": organisation.name,
            "native_name": organisation.native_name,
            "kind": choice_label(OrganisationKind, organisation.kind),
            "country": country_name,
            "tags": tags,
        }
        tags_html = "".join(f'<span class="tag">{escape(tag)}</span> ' for tag in tags)
        native = (
            f' <span class="meta">{escape(row["native_name"])}</span>' if row["native_name"] else ""
        )
        row["html"] = SafeString(
            "\n        <li>\n"
            f'          <h2><a href="{escape(row["url"])}">{escape(row["name"])}</a>{native}</h2>\n'
            f'          <p class="meta">{escape(row["kind"])}'
            f"{f' · {escape(country_name)}' if country_name else ''}</p>\n"
            f"          <p>{tags_html}</p>\n"
            "        </li>\n      "
        )
        rows.append(row)
    return rows


def network_memberships(network: Network):
    """public_memberships() of one network: the organisation's publication is tested on the
    membership's copy of it (Membership.public()), the network's on the joined row."""
    return Membership.objects.filter(
        published_q("network__"),
        organisation_public_from__lte=timezone.now(),
        network=network,
    ).select_related("network", "region", "organisation")


def members_on(network: Network, day: dt.date):
    """The network's memberships in force on `day`, with organisations and regions."""
    return network_memberships(network).current_on(day)


def member_counts(network: Network, day: dt.date) -> dict:
    """Members on `day` counted by type and by region, computed from the records."""
    rows = (
        members_on(network, day)
        .order_by("region__order", "region__name", "region__slug", "type")
        .values_list("region__name", "region__slug", "type")
        .annotate(n=Count("id"))
    )
    # One GROUP BY (region, type), summed here both ways.
    by_type: dict = {}
    by_region: dict = {}
    for region_name, region_slug, membership_type, n in rows:
        by_type[membership_type] = by_type.get(membership_type, 0) + n
        region = by_region.setdefault(
            region_slug, {"region__name": region_name, "region__slug": region_slug, "n": 0}
        )
        region["n"] += n
    return {
        "total": sum(by_type.values()),
        "by_type": by_type,
        "by_region": list(by_region.values()),
    }


def member_counts_with_types(network: Network, day: dt.date) -> dict:
    """member_counts() with each type's label, for templates and the report."""
    return _with_type_labels(member_counts(network, day))


def stated_figures(network: Network, *, until: dt.date | None = None):
    figures = StatedFigure.objects.filter(network=network)
    if until:
        figures = figures.filter(as_of__lte=until)
    return figures.order_by("-as_of", "label")


def figures_beside_counts(network: Network, counts: dict, figures) -> list[dict]:
    """Each stated figure with the computed figure it is compared with, if there is one."""
    rows = []
    for figure in figures:
        computed = None
        if figure.metric == "members":
            computed = (
                counts["by_type"].get(figure.membership_type, 0)
                if figure.membership_type
                else counts["total"]
            )
        rows.append(
            {
                "figure": figure,
                "computed": computed,
                "differs": computed is not None and computed != figure.value,
            }
        )
    return rows


def stated_total_leading(figure_rows: list[dict]) -> dict | None:
    """Of figures_beside_counts()' rows (latest first), the first stating all the network's
    members (no membership type) as more than the directory holds: the directory is incomplete,
    so that figure leads and the directory's count reads "members in the directory"."""
    for row in figure_rows:
        figure = row["figure"]
        if (
            figure.metric == "members"
            and not figure.membership_type
            and row["computed"] is not None
            and row["computed"] < figure.value
        ):
            return row
    return None


# The kinds of organisation that are local governments ("participating cities").
LOCAL_GOVERNMENTS = (
    OrganisationKind.CITY,
    OrganisationKind.DISTRICT,
    OrganisationKind.COUNTY,
    OrganisationKind.REGENCY,
    OrganisationKind.PROVINCE,
)


def participating_local_governments(network: Network):
    """Published local governments taking part in the network's published projects, by name:
    who a network without members in its directory works with (NEASPEC's source names no
    member States)."""
    roles = ProjectParticipant.objects.filter(
        published_q("project__"), project__network=network
    ).values("organisation_id")
    return (
        Organisation.objects.published()
        .filter(kind__in=LOCAL_GOVERNMENTS, pk__in=roles)
        .order_by("name")
        .only("slug", "name", "short_name", "country")
    )


def governance_terms(
    network: Network | None = None, *, year: int | None = None, report: bool = False
):
    """Governance terms with their seats, by network, body and latest term first: of published
    networks (the API's list) or of `network` (its page, which staff may preview); all, those
    in force in `year`, or (for an annual report) those in force or elected for the next year.
    GovernanceFilter's `year` is the same rule as `year` here."""
    terms = Term.objects.select_related("body__network")
    if network is None:
        terms = terms.filter(body__network__in=Network.objects.published())
    else:
        terms = terms.filter(body__network=network)
    if year and report:
        terms = terms.of_report_year(year)
    elif year:
        terms = terms.in_force_during(year)
    return terms.order_by(
        "body__network__order", "body__network__name", "body__order", "body__name", "-start", "pk"
    ).prefetch_related(
        Prefetch("seats", queryset=public_seats().order_by("order", "id"), to_attr="seat_list")
    )


def public_seats():
    """Seats held by a published person or a published organisation, each showing only its
    published holders (a draft person or organisation reads as None)."""
    # Tested on the joined rows (published_q), not with `IN (subquery)`: with those, SQLite
    # read the seats of every published person and organisation to find one organisation's.
    # The holders are joined in the seats' query, not read by a query each.
    seats = Seat.objects.filter(published_q("person__") | published_q("organisation__"))
    return published_joined(seats, "person", "organisation")


class SeatRow:
    """A seat as the API and the governance pages show it, read as a row (no model instances):
    role, portfolio, order, and its holders, each None unless published (public_seats()' rule):
    the person with its name, the organisation with its slug, name and page's `url`."""

    __slots__ = ("role", "portfolio", "order", "person", "organisation", "reported_in")

    def __init__(
        self, role, portfolio, order, person_name, slug, name, *, urls: bool, reported_in=""
    ):
        self.role, self.portfolio, self.order = role, portfolio, order
        self.reported_in = reported_in
        self.person = None if person_name is None else Holder(name=person_name)
        self.organisation = None
        if slug is not None:
            url = slug_url("network:member-detail", slug) if urls else None
            self.organisation = Holder(slug=slug, name=name, url=url)


class Holder:
    """A seat holder as SeatRow shows it."""

    __slots__ = ("name", "slug", "url")

    def __init__(self, name=None, slug=None, url=None):
        self.name, self.slug, self.url = name, slug, url


def attach_seat_rows(terms, *, urls: bool = False, as_of: int | None | bool = False) -> None:
    """Each term's public_seats() in `seat_list` (by order), as SeatRows (with the
    organisations' page addresses if `urls`): one query of rows for all the terms (the
    governance API's page of up to 100 terms holds ~900 seats, which as model instances with
    their person and organisation were most of its time). `as_of`: a year, or None for the
    latest: only the seats the term's last report up to then lists (as_last_reported()); by
    default (False) every seat any report listed."""
    by_pk = {term.pk: term for term in terms}
    for term in terms:
        term.seat_list = []
    if not by_pk:
        return
    # A holder that is a draft reads as None, as published_joined() makes it.
    public_organisation = published_q("organisation__")
    rows = (
        public_seats()
        .filter(term__in=by_pk)
        .annotate(
            holder_name=Case(When(published_q("person__"), then=F("person__name"))),
            holder_slug=Case(When(public_organisation, then=F("organisation__slug"))),
            holder_title=Case(When(public_organisation, then=F("organisation__name"))),
        )
        .order_by("order", "id")
        .values_list(
            "term_id",
            "role",
            "portfolio",
            "order",
            "holder_name",
            "holder_slug",
            "holder_title",
            "reported_in",
        )
    )
    if as_of is not False:
        rows = as_last_reported(rows, as_of, group=itemgetter(0), years=itemgetter(-1))
    for term_id, *row, reported_in in rows:
        by_pk[term_id].seat_list.append(SeatRow(*row, urls=urls, reported_in=reported_in))


def terms_with_seat_rows(terms, *, as_of: int | None = None) -> list:
    """governance_terms() `terms` for a page: their seats as SeatRows with the organisations'
    addresses (attach_seat_rows), not prefetched model instances; each term's seats as its last
    report up to `as_of` (a year; None: the latest) lists them."""
    terms = list(terms.prefetch_related(None))
    attach_seat_rows(terms, urls=True, as_of=as_of)
    for term in terms:
        term.seat_html = seat_items(term.seat_list)
    return terms


def seat_items(seats) -> SafeString:
    """`seats` (SeatRows with addresses) as the governance templates list them: the <li> of
    each, written here once per seat instead of a few template lookups each (a network's
    terms hold hundreds of seats)."""
    items = []
    for seat in seats:
        portfolio = f" · {escape(seat.portfolio)}" if seat.portfolio else ""
        person, organisation = seat.person, seat.organisation
        holder = ""
        if person:
            holder = escape(person.name) + (", " if organisation else "")
        link = (
            f'<a href="{escape(organisation.url)}">{escape(organisation.name)}</a>'
            if organisation
            else ""
        )
        items.append(
            "\n          <li>\n"
            f'            <span class="role">{escape(seat.role)}{portfolio}</span>\n'
            f"            {holder}\n"
            f"            {link}\n"
            "          </li>\n        "
        )
    return SafeString("".join(items))


def network_cluster_leads(network: Network, *, year: int | None = None, report: bool = False):
    """The ClusterLeads of cluster_leads(), not joined nor ordered."""
    leads = ClusterLead.objects.filter(published_q("organisation__"), cluster__network=network)
    if year:
        leads = leads.filter(in_report_q(year) if report else in_year_q(year))
    return leads


def _grouped_by_cluster(leads) -> list[dict]:
    clusters: dict = {}
    for lead in leads:
        entry = clusters.setdefault(
            lead.cluster, {"cluster": lead.cluster, "leads": [], "co_leads": []}
        )
        entry["leads" if lead.role == ClusterRole.LEAD else "co_leads"].append(lead)
    return list(clusters.values())


def cluster_leads(network: Network, *, year: int | None = None, report: bool = False):
    """Leads and co-leads of the network's clusters (for `year`, if given, and for an annual
    report also those elected for the next year), grouped by cluster."""
    leads = network_cluster_leads(network, year=year, report=report)
    leads = leads.select_related("cluster", "organisation")
    return _grouped_by_cluster(leads.order_by("cluster__order", "cluster__name", "role", "order"))


def network_roles(network: Network, *, year: int) -> tuple[list, list, list]:
    """cluster_leads(network, year=year), national_chapters(network) and partners(network)
    read by one UNION query of their rows, as unsaved records with what the network's page
    shows (names, slugs, roles, periods): the same records, in the same order."""
    empty, zero = Value(""), Value(0)
    no_year = Value(None, output_field=IntegerField())
    host_public = published_q("host__")

    def host(column):
        return Case(When(host_public, then=F(f"host__{column}")))

    columns = (
        "row_kind", "group_id", "group_name", "group_order", "role", "order", "from_year",
        "until_year", "country", "org_slug", "org_name", "org_short",
    )  # fmt: skip
    leads = network_cluster_leads(network, year=year).annotate(
        row_kind=Value("lead"),
        group_id=F("cluster_id"),
        group_name=F("cluster__name"),
        group_order=F("cluster__order"),
        no_country=empty,
        org_slug=F("organisation__slug"),
        org_name=F("organisation__name"),
        org_short=F("organisation__short_name"),
    )
    leads = leads.values_list(
        "row_kind", "group_id", "group_name", "group_order", "role", "order", "from_year",
        "until_year", "no_country", "org_slug", "org_name", "org_short",
    )  # fmt: skip
    chapters = network.national_chapters.annotate(
        row_kind=Value("chapter"),
        group_id=Value(None, output_field=IntegerField()),
        group_name=empty,
        group_order=zero,
        no_role=empty,
        no_order=zero,
        no_from=no_year,
        no_until=no_year,
        org_slug=host("slug"),
        org_name=host("name"),
        org_short=host("short_name"),
    ).values_list(
        "row_kind", "group_id", "group_name", "group_order", "no_role", "no_order", "no_from",
        "no_until", "country", "org_slug", "org_name", "org_short",
    )  # fmt: skip
    partner_rows = (
        NetworkPartner.objects.filter(published_q("organisation__"), network=network)
        .annotate(
            row_kind=Value("partner"),
            group_id=Value(None, output_field=IntegerField()),
            group_name=empty,
            group_order=zero,
            no_from=no_year,
            no_until=no_year,
            no_country=empty,
            org_slug=F("organisation__slug"),
            org_name=F("organisation__name"),
            org_short=F("organisation__short_name"),
        )
        .values_list(
            "row_kind",
            "group_id",
            "group_name",
            "group_order",
            "role",
            "order",
            "no_from",
            "no_until",
            "no_country",
            "org_slug",
            "org_name",
            "org_short",
        )  # fmt: skip
    )
    # Each kind in its own function's order: leads by cluster (order, name), role and order;
    # chapters by country; partners by role, order and organisation name.
    rows = (
        leads.order_by()
        .union(chapters.order_by(), partner_rows.order_by(), all=True)
        .order_by(
            "row_kind", "group_order", "group_name", "role", "order", "no_country", "org_name"
        )
    )
    clusters: dict = {}
    leads, chapters, partner_list = [], [], []
    for row in rows:
        row = dict(zip(columns, row, strict=True))
        organisation = None
        if row["org_slug"] is not None:
            organisation = Organisation(
                slug=row["org_slug"], name=row["org_name"], short_name=row["org_short"]
            )
        if row["row_kind"] == "lead":
            cluster = clusters.get(row["group_id"])
            if cluster is None:
                cluster = clusters[row["group_id"]] = Cluster(
                    pk=row["group_id"], name=row["group_name"], order=row["group_order"]
                )
            lead = ClusterLead(
                role=row["role"],
                order=row["order"],
                from_year=row["from_year"],
                until_year=row["until_year"],
            )
            lead.cluster, lead.organisation = cluster, organisation
            leads.append(lead)
        elif row["row_kind"] == "chapter":
            chapter = NationalChapter(country=row["country"])
            chapter.host = organisation
            chapters.append(chapter)
        else:
            partner = NetworkPartner(role=row["role"], order=row["order"])
            partner.organisation = organisation
            partner_list.append(partner)
    return _grouped_by_cluster(leads), chapters, partner_list


def national_chapters(network: Network, *, year: int | None = None):
    """The network's chapters by country, each with its host if published (else None): all, or
    those the report of `year` lists (core.time_scope)."""
    chapters = network.national_chapters.all()
    if year is not None:
        chapters = chapters.filter(in_report_q(year))
    return published_joined(chapters, "host").order_by("country")


def committee_seats(network: Network | None, *, year: int | None = None):
    """The network's seats on other bodies' committees (held in `year` if given), each with the
    convening body if published (else None), by committee; with no network, every network's
    (to prefetch for a list of networks)."""
    seats = CommitteeSeat.objects.all() if network is None else network.committee_seats.all()
    if year is not None:
        seats = seats.held_in(year)
    return published_joined(seats, "convened_by").order_by("committee", "pk")


def team(network: Network, *, year: int | None = None):
    """Staff in post: now (departed excluded) or at some point of `year` (departed included)."""
    staff = StaffPosition.objects.filter(published_q("person__"), network=network)
    staff = staff.select_related("person", "office")
    if year is None:
        return staff.filter(departed=False).filter(Q(ended__isnull=True) | Q(ended__gte=today()))
    return staff.filter(in_year_q(year))


def partners(network: Network, *, year: int | None = None):
    """The network's partners: all, or those the report of `year` lists (core.time_scope)."""
    partners = NetworkPartner.objects.filter(published_q("organisation__"), network=network)
    if year is not None:
        partners = partners.filter(in_report_q(year))
    return partners.select_related("organisation").order_by("role", "order", "organisation__name")


def published_projects():
    """Published projects of published networks, with what a card shows, by title: the
    projects page; project_detail_queryset() adds what the API shows."""
    return (
        Project.objects.published()
        .select_related("network")
        .filter(network__in=Network.objects.published())
        .prefetch_related("themes", "sdgs")
        .order_by("title", "pk")
    )


def project_detail_queryset():
    """published_projects() with their participants: the API's list and record (which do not
    show the pairings: their prefetch read ~1,200 pairings with visits per 100 projects)."""
    return published_projects().prefetch_related(
        project_participants(),
        Prefetch(
            "results", queryset=ProjectResult.objects.order_by("order", "pk"), to_attr="result_list"
        ),
    )


def project_participants() -> Prefetch:
    """A prefetch of projects' participants that are published organisations, with them, into
    `participant_list`."""
    participants = ProjectParticipant.objects.filter(published_q("organisation__"))
    return Prefetch(
        "participants",
        queryset=participants.select_related("organisation"),
        to_attr="participant_list",
    )


def project_and_organisation_lists() -> tuple[Prefetch, Prefetch]:
    """Prefetches of a record's published projects (by title) and organisations (by name) into
    `project_list` and `organisation_list`: what a story or a publication is about."""
    return (
        Prefetch(
            "projects",
            queryset=Project.objects.published().order_by("title"),
            to_attr="project_list",
        ),
        Prefetch(
            "organisations",
            queryset=Organisation.objects.published().order_by("name"),
            to_attr="organisation_list",
        ),
    )


def pairing_visits():
    """Study visits as pages and the API show them: the place is a visit's only label, so a
    visit to a draft is left out."""
    return StudyVisit.objects.filter(published_q("place__"))


def published_pairings(*, agreements: bool = True):
    """Published pairings of published organisations and programmes, with their visits (and
    their agreements unless `agreements` is false: a page that shows none reads none)."""
    visits = pairing_visits().select_related("place").order_by("start")
    # Each side's publication is tested on the row select_related() joins anyway: three
    # `IN (subquery)` filters made SQLite probe the (programme, first, second) index for every
    # combination of published projects and organisations (minutes at 12,000 organisations).
    return (
        CityPairing.objects.published()
        .filter(published_q("first__"), published_q("second__"), published_q("programme__"))
        .select_related("programme", "first", "second")
        .prefetch_related(
            Prefetch("visits", queryset=visits, to_attr="visit_list"),
            *(["agreements"] if agreements else []),
        )
        .annotate(theme_label=pairing_theme_label())
    )


def pairing_theme_label():
    """A pairing's theme as people read it: the name of its programme's network's theme when
    the theme names one by its slug ("circular" → "Circular Development"), else as written
    ("Air Quality"). In the pairing's own query, so no page or report shows the code."""
    names = Theme.objects.filter(
        network=OuterRef("programme__network"), slug=OuterRef("theme")
    ).values("name")[:1]
    return Coalesce(Subquery(names), F("theme"))


def project_items(projects) -> list[SafeString]:
    """`projects` (a page of published_projects(), themes in `theme_list`) as the projects
    page lists them: each <li> written once here instead of a dozen template lookups, a
    reverse() and a status translation per row."""
    path = slug_path_maker("network:project-detail")
    items = []
    for project in projects:
        acronym = (
            f' <span class="meta">({escape(project.acronym)})</span>' if project.acronym else ""
        )
        when = project.when
        themes = "".join(
            f'<span class="tag">{escape(theme.name)}</span> ' for theme in project.theme_list
        )
        items.append(
            SafeString(
                "\n        <li>\n"
                f'          <h2><a href="{escape(path(project.slug))}">{escape(project.title)}</a>'
                f"{acronym}</h2>\n"
                f'          <p class="meta">{escape(project.network.name)}'
                f"{f' · {escape(when)}' if when else ''}"
                f" · {escape(choice_label(ProjectStatus, project.status))}</p>\n"
                f"          {f'<p>{themes}</p>' if project.theme_list else ''}\n"
                "        </li>\n      "
            )
        )
    return items


def participant_groups(participants) -> list[SafeString]:
    """`participants` (ProjectParticipant rows with their organisation, ordered by role) as
    the project page shows them: one heading and list per role (the template's former
    `regroup` by role label), written once per page here instead of a few template lookups
    and a label translation per organisation."""
    path = slug_path_maker("network:member-detail")
    groups: list[tuple[str, list[str]]] = []
    for participant in participants:
        label = choice_label(ProjectRole, participant.role)
        organisation = participant.organisation
        item = (
            f'<li><a href="{escape(path(organisation.slug))}">{escape(organisation.name)}</a></li>'
        )
        if groups and groups[-1][0] == label:
            groups[-1][1].append(item)
        else:
            groups.append((label, [item]))
    return [
        SafeString(f"\n    <h2>{escape(label)}</h2>\n    <ul>{''.join(items)}</ul>\n  ")
        for label, items in groups
    ]


def project_pairing_items(pairings) -> list[SafeString]:
    """`pairings` (published_pairings(), with their visits) as the project page lists them:
    each <li> written once here (the pair, the theme, the visits)."""
    path = slug_path_maker("network:member-detail")

    def link(organisation) -> str:
        name = organisation.short_name or organisation.name
        return f'<a href="{escape(path(organisation.slug))}">{escape(name)}</a>'

    items = []
    for pairing in pairings:
        theme = f" — {escape(pairing.theme_label)}" if pairing.theme else ""
        visits = "".join(
            f"<li>{escape(visit.place.short_name or visit.place.name)}: {escape(visit.when)}"
            f" ({escape(choice_label(VisitStatus, visit.status))})</li>"
            for visit in pairing.visit_list
        )
        items.append(
            SafeString(
                f"<li>{link(pairing.first)} &amp; {link(pairing.second)}{theme}\n    "
                f"{f'<ul>{visits}</ul>' if visits else ''}</li>"
            )
        )
    return items


def _exists(model, column: str, *, through: str = "") -> str:
    """SQL: whether a row of `model` has `column` = the organisation's id, or, `through` a
    foreign key of `model` to Person, a row whose person's organisation is it."""
    table, organisation = model._meta.db_table, Organisation._meta.db_table
    target = f'"{table}"."{column}"'
    join = ""
    if through:
        people = Person._meta.db_table
        join = f' INNER JOIN "{people}" ON "{table}"."{through}" = "{people}"."id"'
        target = f'"{people}"."organisation_id"'
    return f'EXISTS (SELECT 1 FROM "{table}"{join} WHERE {target} = "{organisation}"."id")'


# Each flag of with_profile_flags(): written as SQL once (the same EXISTS probes the ORM would
# write, whose construction cost more per page than running them).
PROFILE_FLAGS = {
    "may_have_seats": (
        f"({_exists(Seat, 'organisation_id')} OR "
        f"{_exists(Seat, 'organisation_id', through='person_id')})"
    ),
    "may_have_roles": (
        f"({_exists(ClusterLead, 'organisation_id')} OR "
        f"{_exists(NetworkPartner, 'organisation_id')} OR "
        f"{_exists(CommitteeSeat, 'convened_by_id')})"
    ),
    "may_have_projects": _exists(ProjectParticipant, "organisation_id"),
    "may_have_pairings": (
        f"({_exists(CityPairing, 'first_id')} OR {_exists(CityPairing, 'second_id')})"
    ),
    "may_have_people": _exists(Person, "organisation_id"),
}


def with_profile_flags(organisations):
    """Organisations annotated with whether each section of their page may hold a row (one
    EXISTS probe of an index each, in the organisation's own query): organisation_profile()
    skips the query of a section that cannot (most members hold no seat, pairing or project).
    A flag is a superset of the section (publication is tested by the section's query)."""
    return organisations.annotate(
        **{
            name: RawSQL(sql, (), output_field=BooleanField())
            for name, sql in PROFILE_FLAGS.items()
        }
    )


CLUSTER_ROLES = dict(ClusterRole.choices)
PARTNER_ROLES = dict(PartnerRole.choices)


def organisation_roles(organisation: Organisation) -> tuple[list[dict], list[dict], list[dict]]:
    """The organisation's cluster roles (by network and cluster name), network partnerships
    (in the networks' order, each with its note) and the committee seats networks hold on its
    committees, in published networks, as display rows: one UNION query."""
    published = Network.objects.published()
    leads = ClusterLead.objects.filter(organisation=organisation, cluster__network__in=published)
    partners = NetworkPartner.objects.filter(organisation=organisation, network__in=published)
    committees = CommitteeSeat.objects.filter(convened_by=organisation, network__in=published)
    columns = (
        "kind", "role", "cluster", "from_year", "until_year", "name", "slug", "position", "note",
    )  # fmt: skip
    leads = leads.annotate(
        row_kind=Value("lead"),
        cluster_name=F("cluster__name"),
        network_name=F("cluster__network__name"),
        network_slug=F("cluster__network__slug"),
        network_order=F("cluster__network__order"),
        no_note=Value(""),
    ).values_list(
        "row_kind", "role", "cluster_name", "from_year", "until_year", "network_name",
        "network_slug", "network_order", "no_note", "order",
    )  # fmt: skip
    partners = partners.annotate(
        row_kind=Value("partner"),
        cluster_name=Value(""),
        no_from=Value(None, output_field=IntegerField()),
        no_until=Value(None, output_field=IntegerField()),
        network_name=F("network__name"),
        network_slug=F("network__slug"),
        network_order=F("network__order"),
    ).values_list(
        "row_kind", "role", "cluster_name", "no_from", "no_until", "network_name", "network_slug",
        "network_order", "note", "order",
    )  # fmt: skip
    committees = committees.annotate(
        row_kind=Value("committee"),
        network_name=F("network__name"),
        network_slug=F("network__slug"),
        network_order=F("network__order"),
        no_order=Value(0, output_field=IntegerField()),
    ).values_list(
        "row_kind", "role", "committee", "joined_year", "left_year", "network_name",
        "network_slug", "network_order", "note", "no_order",
    )  # fmt: skip
    rows = list(leads.order_by().union(partners.order_by(), committees.order_by(), all=True))
    cluster_roles, partnerships, committee_seats = [], [], []
    for row in rows:
        role = dict(zip(columns, row[:-1], strict=True))
        if role["kind"] == "lead":
            lead = ClusterLead(from_year=role["from_year"], until_year=role["until_year"])
            role.update(role=CLUSTER_ROLES.get(role["role"], role["role"]), period=lead.period)
            cluster_roles.append(role)
        elif role["kind"] == "committee":
            seat = CommitteeSeat(joined_year=role["from_year"], left_year=role["until_year"])
            role.update(
                committee=role["cluster"],
                period=seat.period,
                url=slug_url("network:network-governance", role["slug"]),
            )
            committee_seats.append(role)
        else:
            role.update(
                role=PARTNER_ROLES.get(role["role"], role["role"]),
                order=row[-1],
                url=slug_url("network:network-detail", role["slug"]),
            )
            partnerships.append(role)
    cluster_roles.sort(key=lambda r: (r["name"], r["cluster"]))
    partnerships.sort(key=lambda r: (r["position"], r["name"], r["role"], r["order"]))
    committee_seats.sort(key=lambda r: (r["committee"], r["position"], r["name"]))
    return cluster_roles, partnerships, committee_seats


def visit_and_agreement_rows(pairing_ids) -> list[tuple]:
    """The study visits (pairing_visits()) and agreements of the pairings `pairing_ids`, as
    rows of one UNION query, visits then agreements, each by date: (kind "visit" or
    "agreement", pairing id, status, date, end date, date precision, note, the place's name or
    the agreement's kind, the place's short name, the place's slug)."""
    visits = (
        pairing_visits()
        .filter(pairing__in=pairing_ids)
        .annotate(
            row_kind=Value("visit"),
            place_name=F("place__name"),
            short=F("place__short_name"),
            place_slug=F("place__slug"),
        )
        .values_list(
            "row_kind",
            "pairing_id",
            "status",
            "start",
            "end",
            "date_precision",
            "note",
            "place_name",
            "short",
            "place_slug",
            "id",
        )  # fmt: skip
    )
    agreements = (
        PairingAgreement.objects.filter(pairing__in=pairing_ids)
        .annotate(
            row_kind=Value("agreement"),
            no_date=Value(None, output_field=DateField()),
            none=Value(""),
        )
        .values_list(
            "row_kind",
            "pairing_id",
            "status",
            "date",
            "no_date",
            "date_precision",
            "note",
            "kind",
            "none",
            "none",
            "id",
        )  # fmt: skip
    )
    rows = visits.order_by().union(agreements.order_by(), all=True)
    return [row[:-1] for row in rows.order_by("row_kind", "start", "id")]


def visits_and_agreements(pairings: list) -> None:
    """Each pairing's study visits (pairing_visits(), by start) in `visit_list` and its
    agreements (by date) in `agreement_list`, as display rows: one UNION query for all."""
    for pairing in pairings:
        pairing.visit_list, pairing.agreement_list = [], []
    if not pairings:
        return
    by_pk = {pairing.pk: pairing for pairing in pairings}
    for (
        kind,
        pairing_id,
        status,
        start,
        end,
        precision,
        note,
        name,
        short,
        _slug,
    ) in visit_and_agreement_rows(list(by_pk)):
        pairing = by_pk[pairing_id]
        if kind == "visit":
            visit = StudyVisit(start=start, end=end, date_precision=precision, status=status)
            pairing.visit_list.append(
                {
                    "place": short or name,
                    "when": visit.when,
                    "status": visit.get_status_display(),
                    "note": note,
                }
            )
        else:
            agreement = PairingAgreement(
                kind=name, status=status, date=start, date_precision=precision
            )
            pairing.agreement_list.append(
                {
                    "kind": agreement.get_kind_display(),
                    "status": agreement.get_status_display(),
                    "when": agreement.when,
                    "note": note,
                }
            )


class Row:
    """A record read as a row (no model instance), with the attributes given."""

    def __init__(self, **values):
        self.__dict__.update(values)


def attach_visit_and_agreement_rows(pairings) -> None:
    """Each pairing's visits in `visit_list` (start, end, date_precision, status, and the
    place with its slug) and agreements in `agreement_list` (kind, status, date, note), as Rows
    of one query for all: the API's pairings (100 a page, each with its visits and their places
    as model instances, were most of its time)."""
    by_pk = {pairing.pk: pairing for pairing in pairings}
    for pairing in pairings:
        pairing.visit_list, pairing.agreement_list = [], []
    if not by_pk:
        return
    for (
        kind,
        pairing_id,
        status,
        date,
        end,
        precision,
        note,
        name,
        _short,
        slug,
    ) in visit_and_agreement_rows(list(by_pk)):
        pairing = by_pk[pairing_id]
        if kind == "visit":
            pairing.visit_list.append(
                Row(
                    start=date,
                    end=end,
                    date_precision=precision,
                    status=status,
                    place=Row(slug=slug),
                )
            )
        else:
            pairing.agreement_list.append(Row(kind=name, status=status, date=date, note=note))


def organisation_profile(organisation: Organisation) -> dict:
    """Everything about one organisation across networks, for its page: the lists that grow
    with the years hold the latest LATEST, with `more_…` saying whether there are more.

    A section whose flag (with_profile_flags()) says it is empty is not read."""

    def may_have(section: str) -> bool:
        return getattr(organisation, f"may_have_{section}", True)

    memberships = (
        Membership.objects.filter(
            organisation=organisation, network__in=Network.objects.published()
        )
        .select_related("network", "region")
        .order_by("network__order", "network__name")
    )
    seats = []
    if may_have("seats"):
        seats = (
            public_seats()
            .filter(
                Q(organisation=organisation)
                | Q(person__in=Person.objects.filter(organisation=organisation).values("pk")),
                published_q("term__body__network__"),
            )
            .select_related("term__body__network")
            .order_by("-term__start", "term__body__name", "order")
        )
    cluster_roles, partnerships, committee_seats = (
        organisation_roles(organisation) if may_have("roles") else ([], [], [])
    )
    project_roles, more_projects = [], False
    if may_have("projects"):
        project_roles, more_projects = latest(
            # published_projects()' rule on the rows joined for the page (project, its network)
            ProjectParticipant.objects.filter(
                published_q("project__"),
                published_q("project__network__"),
                organisation=organisation,
            )
            .select_related("project__network")
            .order_by(F("project__start").desc(nulls_last=True), "project__title", "pk")
        )
    pairings, more_pairings = [], False
    if may_have("pairings"):
        pairings, more_pairings = latest(
            published_pairings()
            .prefetch_related(None)  # read below, with the agreements, in one query
            .filter(Q(first=organisation) | Q(second=organisation))
            .order_by("programme__title", "first__name", "second__name", "pk")
        )
        visits_and_agreements(pairings)
    people, more_people = [], False
    if may_have("people"):
        people, more_people = latest(
            Person.objects.published().filter(organisation=organisation).order_by("name", "pk")
        )
    return {
        "memberships": memberships,
        "seats": seats,
        "cluster_roles": cluster_roles,
        "project_roles": project_roles,
        "more_projects": more_projects,
        "pairings": pairings,
        "more_pairings": more_pairings,
        "people": people,
        "more_people": more_people,
        "partnerships": partnerships,
        "committee_seats": committee_seats,
    }
