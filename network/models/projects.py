"""Projects and programmes with their participants; city pairings, study visits and agreements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.links import slug_url
from core.models import SluggedModel, SourcedModel
from core.partial_dates import PartialDateRange, Precision, format_period
from core.publishing import Publishable, PublishableQuerySet
from core.time_scope import TimeScoped, in_report_q, in_year_q
from core.validators import link_lines, validate_links
from network.models.members import Organisation
from network.models.networks import SDG, Network, Theme


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class ProjectQuerySet(PublishableQuerySet):
    def in_report_of(self, year: int):
        """Projects the report of `year` lists: active that year by their dates or the reports
        that list them, or announced in it (core.time_scope)."""
        return self.filter(in_report_q(year))


class Project(SluggedModel, SourcedModel, Publishable, TimeScoped):
    """A project or programme a network runs or takes part in."""

    network_path = "network"
    history = HistoricalRecords(m2m_fields=["themes", "sdgs"])

    slug_source_field = "title"

    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        related_name="projects",
        help_text=_("The network that runs or reports the project."),
        verbose_name=_("network"),
    )
    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="projects", verbose_name=_("themes")
    )
    sdgs = models.ManyToManyField(SDG, blank=True, related_name="projects", verbose_name=_("SDGs"))
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Not before the start."))
    date_precision = models.CharField(
        _("date precision"), max_length=7, choices=Precision.choices, default=Precision.YEAR
    )
    status = models.CharField(
        _("project status"),
        max_length=10,
        choices=ProjectStatus.choices,
        default=ProjectStatus.ACTIVE,
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One http(s) address per line."))

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [
            # The sitemap index's latest change of a published project: the newest entry of the
            # published ones read from this index alone, not every row's change time.
            models.Index(
                fields=["is_published", "updated_at", "publish_at"],
                name="project_published_changes",
            ),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.acronym or self.title

    def get_absolute_url(self):
        return slug_url("network:project-detail", self.slug)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The project ends before it starts.")})
        try:
            validate_links(self.links)
        except ValidationError as error:
            raise ValidationError({"links": error.messages}) from None

    @property
    def link_list(self):
        return link_lines(self.links)

    @property
    def when(self):
        if not self.start:
            return ""
        return format_period(self.start, self.end, self.date_precision)

    def period_years(self):
        # A project with a start and no end is ongoing: its reports say how far.
        start = self.start.year if self.start else None
        end = self.end.year if self.end else None
        return start, end, start is not None and end is None


class ProjectRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    FUNDER = "funder", _("Funder")
    PARTNER = "partner", _("Partner")
    PARTICIPANT = "participant", _("Participating organisation")


class ProjectParticipant(models.Model):
    """An organisation's part in a project: funder, partner or participant."""

    network_path = "project__network"
    history = HistoricalRecords()

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participants", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="project_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=ProjectRole.choices)

    class Meta:
        ordering = ["project", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="unique_project_role"
            ),
        ]
        verbose_name = _("project participant")
        verbose_name_plural = _("project participants")

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class ResultKind(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    TARGET = "target", _("Target")
    ESTIMATE = "estimate", _("Estimate")


class ResultQualifier(models.TextChoices):
    # With a context: "About" is also a heading ("About" a network), another word in most
    # languages (約 / 简介).
    EXACT = "", pgettext_lazy("result qualifier", "Exactly")
    OVER = "over", pgettext_lazy("result qualifier", "Over")
    ABOUT = "about", pgettext_lazy("result qualifier", "About")


class ProjectResultQuerySet(models.QuerySet):
    def reported_for(self, year: int):
        """The results a report of `year` lists: those that count for `year` by the reports that
        state them (core.time_scope's rule, as every time-scoped record), and those no report
        dates, which every year's report that lists the project shows."""
        return self.filter(in_year_q(year, unscoped=True))


class ProjectResult(SourcedModel, TimeScoped):
    """A figure a source states for a project's results (24 building blocks retrofitted,
    2.9 million MWh saved by 2030): the number as stated, never computed or rounded."""

    network_path = "project__network"
    history = HistoricalRecords()

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="results", verbose_name=_("project")
    )
    value = models.DecimalField(
        _("value"),
        max_digits=16,
        decimal_places=2,
        help_text=_("The number as the source states it (2.9 million → 2900000)."),
    )
    qualifier = models.CharField(
        _("qualifier"),
        max_length=10,
        choices=ResultQualifier.choices,
        blank=True,
        help_text=_("'Over' for 'over' or 'more than', 'About' for 'around' or 'approximately'."),
    )
    unit = models.CharField(
        _("unit"),
        max_length=40,
        blank=True,
        help_text=_("E.g. 'MWh', 'tonnes'; empty for a count."),
    )
    label = models.CharField(
        _("label"),
        max_length=200,
        help_text=_("What is counted, read after the number: 'building blocks retrofitted'."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=ResultKind.choices,
        default=ResultKind.ACHIEVED,
        help_text=_("Achieved, a target, or an estimate (a projection the source quotes)."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("The year the figure is for (reached, or targeted), if the source says."),
    )
    # reported_in (TimeScoped): the years of the reports that state the figure; empty, every
    # year's report that lists the project shows it (reported_for()).
    quote = models.TextField(_("quote"), blank=True, help_text=_("The source's words."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProjectResultQuerySet.as_manager()

    class Meta:
        ordering = ["project", "order", "pk"]
        verbose_name = _("project result")
        verbose_name_plural = _("project results")

    def __str__(self):
        return self.display

    @property
    def value_display(self) -> str:
        value = int(self.value) if self.value == int(self.value) else self.value.normalize()
        formatted = f"{value:,}"
        if self.qualifier == ResultQualifier.OVER:
            return _("over %(value)s") % {"value": formatted}
        if self.qualifier == ResultQualifier.ABOUT:
            return _("about %(value)s") % {"value": formatted}
        return formatted

    @property
    def display(self) -> str:
        """ "over 2,000 households interested", "2,900,000 MWh cumulative energy savings"."""
        return " ".join(part for part in (self.value_display, self.unit, self.label) if part)


class CityPairing(SluggedModel, SourcedModel, Publishable, TimeScoped):
    """Two organisations paired in a city-to-city cooperation programme (IURC, ICP-AGIR)."""

    network_path = "programme__network"
    history = HistoricalRecords()

    slug_source_field = "pair_name"

    programme = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="pairings", verbose_name=_("programme")
    )
    first = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="pairings_as_first",
        verbose_name=_("first"),
    )
    second = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="pairings_as_second",
        verbose_name=_("second"),
    )
    theme = models.CharField(
        _("theme"), max_length=200, blank=True, help_text=_("E.g. 'Walkable & Cyclable Cities'.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["programme", "first__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "first", "second"], name="unique_pairing_per_programme"
            ),
            models.CheckConstraint(
                condition=~Q(first=models.F("second")), name="pairing_of_two_organisations"
            ),
        ]
        verbose_name = _("city pairing")
        verbose_name_plural = _("city pairings")

    def __str__(self):
        return self.pair_name

    @property
    def pair_name(self):
        return f"{self.first.short_name or self.first.name} & {self.second.short_name or self.second.name}"

    def clean(self):
        super().clean()
        if self.first_id and self.first_id == self.second_id:
            raise ValidationError(_("A pairing needs two different organisations."))


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Done")


class StudyVisit(PartialDateRange):
    """A study visit of a pairing to one of its cities, done or planned."""

    network_path = "pairing__programme__network"
    history = HistoricalRecords()

    pairing = models.ForeignKey(
        CityPairing, on_delete=models.CASCADE, related_name="visits", verbose_name=_("pairing")
    )
    place = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="study_visits_hosted",
        verbose_name=_("place"),
    )
    status = models.CharField(_("status"), max_length=10, choices=VisitStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["pairing", "start"]
        verbose_name = _("study visit")
        verbose_name_plural = _("study visits")

    def __str__(self):
        return f"{self.place} ({self.when})"


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    LETTER_OF_INTENT = "letter-of-intent", _("Letter of intent")
    OTHER = "other", _("Other agreement")


class AgreementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SIGNED = "signed", _("Signed")


class PairingAgreement(models.Model):
    """An agreement between paired cities: an MOU or letter of intent, signed or planned."""

    network_path = "pairing__programme__network"
    history = HistoricalRecords()

    pairing = models.ForeignKey(
        CityPairing, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("pairing")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=AgreementStatus.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=7, choices=Precision.choices, default=Precision.YEAR
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["pairing", "date"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def when(self):
        return format_period(self.date, None, self.date_precision) if self.date else ""
