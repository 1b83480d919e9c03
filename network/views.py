import datetime as dt

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.views import FilteredListView
from network import queries
from network.filters import MemberFilter, ProjectFilter
from network.models import (
    MEMBERSHIP_TYPE_PLURALS,
    Membership,
    MembershipType,
    Network,
    Organisation,
    Project,
)
from staff.preview import StaffPreviewMixin, visible_to


def year_param(request, *, low=1900, high=2100):
    """The ?year= of a page, or None; a malformed year is a 404 with a clear reason, not a 500."""
    value = request.GET.get("year")
    if value in (None, ""):
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        raise Http404(_("'%(value)s' is not a year.") % {"value": value})
    return int(value)


class NetworkListView(ListView):
    template_name = "network/network_list.html"
    context_object_name = "networks"

    def get_queryset(self):
        return queries.published_networks()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cards"] = queries.network_cards()
        return context


class NetworkDetailView(StaffPreviewMixin, DetailView):
    model = Network
    template_name = "network/network_detail.html"
    context_object_name = "network"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network, today = self.object, dt.date.today()
        counts = queries.member_counts_with_types(network, today)
        context.update(
            counts=counts,
            figures=queries.figures_beside_counts(network, counts, queries.stated_figures(network)),
            offices=network.offices.all(),
            terms=queries.governance_terms(network, year=today.year),
            clusters=queries.cluster_leads(network, year=today.year),
            chapters=queries.national_chapters(network),
            team=queries.team(network),
            partners=queries.partners(network),
            projects=queries.published_projects().filter(network=network).order_by("title"),
            themes=network.themes.all(),
        )
        return context


class NetworkGovernanceView(StaffPreviewMixin, DetailView):
    """Governance bodies, terms and seats: all terms, or those in force in ?year=."""

    model = Network
    template_name = "network/network_governance.html"
    context_object_name = "network"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = year_param(self.request)
        context.update(
            year=year,
            terms=queries.governance_terms(self.object, year=year),
            clusters=queries.cluster_leads(self.object, year=year),
            chapters=queries.national_chapters(self.object),
            today=dt.date.today(),
        )
        return context


class NetworkTeamView(StaffPreviewMixin, DetailView):
    """The secretariat team now, or in post during ?year= (departed staff only then)."""

    model = Network
    template_name = "network/network_team.html"
    context_object_name = "network"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = year_param(self.request)
        years = (
            self.object.staff.exclude(reported_year__isnull=True)
            .order_by("-reported_year")
            .values_list("reported_year", flat=True)
            .distinct()
        )
        context.update(
            year=year, team=queries.team(self.object, year=year), report_years=list(years)
        )
        return context


class MemberListView(FilteredListView):
    filterset_class = MemberFilter
    template_name = "network/member_list.html"
    context_object_name = "organisations"

    def get_base_queryset(self):
        return Organisation.objects.published()

    def get_queryset(self):
        return self.object_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        organisations = list(page.object_list) if page else []
        memberships = Membership.objects.public().current().select_related("network", "region")
        by_organisation: dict = {}
        for membership in memberships.filter(organisation__in=organisations).order_by(
            "network__order"
        ):
            by_organisation.setdefault(membership.organisation_id, []).append(membership)
        for organisation in organisations:
            organisation.current_memberships = by_organisation.get(organisation.pk, [])
        context["organisations"] = organisations
        if self.filterset.is_valid():
            matching = self.filterset.matching_memberships().filter(
                organisation__in=self.object_list
            )
            by_type = dict(
                matching.order_by().values("type").annotate(n=Count("id")).values_list("type", "n")
            )
            context["type_counts"] = [
                (MEMBERSHIP_TYPE_PLURALS[value], by_type[value])
                for value in MembershipType.values
                if by_type.get(value)
            ]
        return context


class MemberDetailView(StaffPreviewMixin, DetailView):
    model = Organisation
    template_name = "network/member_detail.html"
    context_object_name = "organisation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(queries.organisation_profile(self.object))
        return context


class ProjectListView(FilteredListView):
    filterset_class = ProjectFilter
    template_name = "network/project_list.html"
    context_object_name = "projects"

    def get_base_queryset(self):
        return queries.published_projects()


class ProjectDetailView(StaffPreviewMixin, DetailView):
    model = Project
    template_name = "network/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return super().get_queryset().select_related("network").prefetch_related("themes", "sdgs")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context["participants"] = (
            project.participants.filter(
                organisation__in=visible_to(Organisation.objects.all(), self.request.user)
            )
            .select_related("organisation")
            .order_by("role", "organisation__name")
        )
        context["pairings"] = queries.published_pairings().filter(programme=project)
        return context
