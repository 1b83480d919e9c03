from django.db.models import Count, F, Prefetch
from django.views.generic import DetailView, ListView

from core.api import narrowed, of
from core.dates import today
from core.filters import YearForm
from core.publishing import published_q
from core.time_scope import stored_years
from core.views import FilteredListView
from network import queries
from network.filters import GovernanceFilter, MemberFilter, ProjectFilter
from network.models import (
    MEMBERSHIP_TYPE_PLURALS,
    MembershipType,
    Network,
    Organisation,
    Project,
    Theme,
)
from staff.preview import StaffPreviewMixin, visible_to


class QueriedDetailView(StaffPreviewMixin, DetailView):
    """A network's page that reads parameters (`?year=`) through `get_query_form()`: a bad
    value answers 400 with the form's messages, as the list pages do."""

    model = Network

    def get_query_form(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.query_form = self.get_query_form()
        status = 200 if self.query_form.is_valid() else 400
        return self.render_to_response(self.get_context_data(object=self.object), status=status)


class NetworkListView(ListView):
    context_object_name = "networks"

    def get_queryset(self):
        return queries.published_networks()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cards"] = queries.network_cards()
        return context


def _once_each(positions) -> list:
    """One line per person, role and office: a post that two reports list is recorded once per
    report (each with its report year), but it is one post."""
    seen, lines = set(), []
    for position in positions:
        key = (position.person_id, position.role, position.office_id)
        if key not in seen:
            seen.add(key)
            lines.append(position)
    return lines


class NetworkDetailView(StaffPreviewMixin, DetailView):
    model = Network

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network, day = self.object, today()
        clusters, chapters, partners = queries.network_roles(network, year=day.year)
        counts = queries.member_counts_with_types(network, day)
        # The lists that grow with the years hold the latest LATEST: all the projects are on
        # the projects page filtered to the network, each year's figures in its annual report.
        figures, more_figures = queries.latest(queries.stated_figures(network))
        projects, more_projects = queries.latest(
            queries.published_projects()
            .filter(network=network)
            .prefetch_related(None)  # the page shows no project's themes
            .order_by(F("start").desc(nulls_last=True), "title", "pk")
        )
        figure_rows = queries.figures_beside_counts(network, counts, figures)
        context.update(
            counts=counts,
            figures=figure_rows,
            stated_total=queries.stated_total_leading(figure_rows),
            # Read only for a network whose directory lists no member.
            participating=[]
            if counts["total"]
            else list(queries.participating_local_governments(network)),
            more_figures=more_figures,
            offices=network.offices.all(),
            terms=queries.terms_with_seat_rows(
                queries.governance_terms(network, year=day.year), as_of=day.year
            ),
            clusters=clusters,
            chapters=chapters,
            team=_once_each(queries.team(network)),
            partners=partners,
            projects=projects,
            more_projects=more_projects,
            themes=network.themes.all(),
        )
        return context


class NetworkGovernanceView(QueriedDetailView):
    """Governance bodies, terms and seats: all terms, or those in force in ?year= (the API's
    governance list with the network of the page's address)."""

    template_name = "network/network_governance.html"

    def get_query_form(self):
        data = self.request.GET.copy()
        data.pop("network", None)  # the page's network is in its address (staff may preview it)
        self.filterset = GovernanceFilter(
            data,
            queryset=queries.governance_terms(self.object),
            request=self.request,
            page_form=True,
        )
        return self.filterset.form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = self.query_form.is_valid()
        year = self.query_form.cleaned_data.get("year") if valid else None
        context.update(
            year=year,
            query_form=self.query_form,
            terms=queries.terms_with_seat_rows(self.filterset.qs, as_of=year) if valid else [],
            clusters=queries.cluster_leads(self.object, year=year) if valid else [],
            chapters=queries.national_chapters(self.object),
            committee_seats=queries.committee_seats(self.object, year=year) if valid else [],
            today=today(),
        )
        return context


class NetworkTeamView(QueriedDetailView):
    """The secretariat team now, or in post during ?year= (departed staff only then)."""

    template_name = "network/network_team.html"

    def get_query_form(self):
        return YearForm(self.request.GET)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = self.query_form.is_valid()
        year = self.query_form.cleaned_data.get("year") if valid else None
        # The years of the reports that list the team (core.time_scope).
        listed = self.object.staff.exclude(reported_in="").values_list("reported_in", flat=True)
        years = sorted({year for text in listed.distinct() for year in stored_years(text)})
        context.update(
            year=year,
            query_form=self.query_form,
            team=queries.team(self.object, year=year) if valid else [],
            report_years=years[::-1],
        )
        return context


class MemberListView(FilteredListView):
    filterset_class = MemberFilter
    read_query = staticmethod(queries.member_directory)
    template_name = "network/member_list.html"
    context_object_name = "organisations"

    def get_base_queryset(self):
        # Only the columns the page shows (directory_rows()): not the networks' descriptions
        # and every organisation's text for each row.
        return narrowed(
            queries.member_directory(),
            ("slug", "name", "native_name", "kind", "country"),
            current_memberships=(
                "organisation",
                "type",
                *of("network", "name"),
                *of("region", "name"),
            ),
        )

    def get_queryset(self):
        return self.object_list

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if self.filterset.is_valid():
            paginator.count = self.filterset.member_count()  # the same number, counted faster
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["organisations"] = list(page.object_list) if page else []
        context["member_rows"] = queries.directory_rows(context["organisations"])
        if self.filterset.is_valid():
            matching = self.filterset.counted_memberships().order_by()
            # Grouped by (network, type), the order of the members index: no sort of every row.
            by_type: dict = {}
            for membership_type, n in (
                matching.values("network_id", "type")
                .annotate(n=Count("id"))
                .values_list("type", "n")
            ):
                by_type[membership_type] = by_type.get(membership_type, 0) + n
            context["type_counts"] = [
                (MEMBERSHIP_TYPE_PLURALS[value], by_type[value])
                for value in MembershipType.values
                if by_type.get(value)
            ]
        return context


class MemberDetailView(StaffPreviewMixin, DetailView):
    model = Organisation
    template_name = "network/member_detail.html"

    def get_queryset(self):
        return queries.with_profile_flags(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(queries.organisation_profile(self.object))
        return context


def _projects_page():
    """published_projects() with what the page shows: themes in a list (through the relation's
    cache, a manager and a queryset per project), no SDGs (not shown)."""
    themes = Prefetch("themes", queryset=Theme.objects.all(), to_attr="theme_list")
    return queries.published_projects().prefetch_related(None).prefetch_related(themes)


class ProjectListView(FilteredListView):
    filterset_class = ProjectFilter
    read_query = staticmethod(_projects_page)
    context_object_name = "projects"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["project_items"] = queries.project_items(context["projects"])
        return context


class ProjectDetailView(StaffPreviewMixin, DetailView):
    model = Project

    def get_queryset(self):
        # A project of a draft network is a draft too (queries.published_projects()).
        networks = visible_to(Network.objects.all(), self.request.user)
        return (
            super()
            .get_queryset()
            .filter(network__in=networks)
            .select_related("network")
            .prefetch_related("themes", "sdgs")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        participants = project.participants.select_related("organisation")
        user = self.request.user
        if user.is_active and user.is_staff:  # may preview drafts of their networks
            participants = participants.filter(
                organisation__in=visible_to(Organisation.objects.all(), user)
            )
        else:  # published(), tested on the joined row: no list of every published organisation
            participants = participants.filter(published_q("organisation__"))
        participants = participants.order_by("role", "organisation__name")
        context["participant_groups"] = queries.participant_groups(participants)
        # The page shows no agreements: not read.
        pairings = queries.published_pairings(agreements=False).filter(programme=project)
        context["pairing_items"] = queries.project_pairing_items(pairings)
        return context
