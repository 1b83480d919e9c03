"""The site shell's own content: stories and annual reports."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.links import slug_url
from core.models import SluggedModel
from core.partial_dates import PartialDate, Precision, format_period, iso_period
from core.publishing import Publishable, PublishableQuerySet
from core.uploads import GeneratedName, ImageUploadField, validate_image_upload


class Story(SluggedModel, Publishable):
    """A dated highlight or news item, tied to the network, projects and organisations it is about."""

    network_path = "network"
    history = HistoricalRecords(m2m_fields=["projects", "events", "organisations"])

    slug_source_field = "title"

    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(
        _("date"),
        db_index=True,
        help_text=_(
            "The day the story happened or was published; for a month, quarter or year, any day "
            "in it (stored as the period's first day)."
        ),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=7,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("How exactly the date is known: shown as e.g. 3 Oct 2022, Oct 2022, 2022."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and feeds.")
    )
    body = models.TextField(
        _("text"), blank=True, help_text=_("Plain text; blank lines separate paragraphs.")
    )
    network = models.ForeignKey(
        "network.Network",
        on_delete=models.PROTECT,
        related_name="stories",
        null=True,
        blank=True,
        verbose_name=_("network"),
    )
    projects = models.ManyToManyField(
        "network.Project", blank=True, related_name="stories", verbose_name=_("projects")
    )
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="stories", verbose_name=_("events")
    )
    organisations = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="stories", verbose_name=_("organisations")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        indexes = [
            # The sitemap index's latest change of a published story: the newest entry of the
            # published ones read from this index alone, not every row's change time.
            models.Index(
                fields=["is_published", "updated_at", "publish_at"], name="story_published_changes"
            ),
        ]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("portal:story-detail", self.slug)

    def save(self, *args, **kwargs):
        if self.date:  # the period's first day, as partial dates are stored everywhere
            self.date = PartialDate.of(self.date, self.date_precision).first
        super().save(*args, **kwargs)

    @property
    def when(self) -> str:
        """The date at its precision: "11 Dec 2022", "Dec 2022", "2022"."""
        return format_period(self.date, None, self.date_precision) if self.date else ""

    @property
    def period(self) -> str:
        """The date as entered: "2022-12-11", "2022-12", "2022"."""
        return iso_period(self.date, None, self.date_precision)


class StoryImage(models.Model):
    """A picture of a story, with the caption and credit the publication prints."""

    network_path = "story__network"
    history = HistoricalRecords()

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="images", verbose_name=_("story")
    )
    image = ImageUploadField(
        _("image"),
        upload_to=GeneratedName("stories"),
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG or WebP, up to 10 MB."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("text alternative"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it. Empty if the caption says it."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["story", "order", "id"]
        verbose_name = _("story image")
        verbose_name_plural = _("story images")

    def __str__(self):
        return self.caption or self.image.name


class AnnualReport(Publishable):
    """The parts of a network's annual report that staff write; everything else is computed."""

    network_path = "network"
    history = HistoricalRecords(m2m_fields=["highlights"])

    network = models.ForeignKey(
        "network.Network",
        on_delete=models.CASCADE,
        related_name="annual_reports",
        verbose_name=_("network"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("E.g. 'Accelerating Climate Actions for 2030'."),
    )
    cover = ImageUploadField(
        _("cover image"),
        upload_to=GeneratedName("reports/covers"),
        validators=[validate_image_upload],
        blank=True,
        help_text=_("JPEG, PNG or WebP, up to 10 MB."),
    )
    cover_credit = models.CharField(_("cover credit"), max_length=200, blank=True)
    cover_caption = models.TextField(_("cover story"), blank=True)
    highlights = models.ManyToManyField(
        Story,
        blank=True,
        related_name="annual_reports",
        help_text=_("Stories chosen as the year's highlights, shown in date order."),
        verbose_name=_("highlights"),
    )
    closing_title = models.CharField(_("closing section title"), max_length=200, blank=True)
    closing_text = models.TextField(_("closing section"), blank=True)

    class Meta:
        ordering = ["network", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year"],
                name="one_report_per_network_year",
                violation_error_message=_("This network already has a report for this year."),
            ),
        ]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self):
        return f"{self.network} {self.year}"

    @classmethod
    def from_db(cls, db, field_names, values):
        report = super().from_db(db, field_names, values)
        # Whether it was public when read: a save that makes it public freezes an edition
        # (portal.editions.report_saved); None when the columns were not read.
        loaded = report.get_deferred_fields()
        report.was_public = (
            report.is_public if not loaded & {"is_published", "publish_at"} else None
        )
        return report

    def get_absolute_url(self):
        return reverse(
            "portal:report-detail", kwargs={"network": self.network.slug, "year": self.year}
        )


class AnnualReportEdition(models.Model):
    """A frozen edition of a published annual report: the structure its page showed, kept as
    it was on the day it was frozen (portal.editions)."""

    network_path = "report__network"

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="editions", verbose_name=_("report")
    )
    number = models.PositiveSmallIntegerField(_("edition"))
    frozen_at = models.DateTimeField(_("frozen"), default=timezone.now)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    reason = models.CharField(
        _("why it was frozen"),
        max_length=20,
        choices=[
            ("published", _("The report was published")),
            ("refrozen", _("Staff froze a new edition")),
        ],
        default="published",
    )
    # portal.reports.build_report()'s plain data, as it was: an older edition may lack sections
    # added since, and the page leaves those out.
    structure = models.JSONField(_("report as frozen"), encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="one_edition_number_per_report"
            ),
        ]
        verbose_name = _("report edition")
        verbose_name_plural = _("report editions")

    def __str__(self):
        return f"{self.report} — {self.number}"


class Foreword(models.Model):
    """A foreword of an annual report: its author, their role and the text."""

    network_path = "report__network"
    history = HistoricalRecords()

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="forewords", verbose_name=_("report")
    )
    author = models.ForeignKey(
        "network.Person",
        on_delete=models.PROTECT,
        related_name="forewords",
        verbose_name=_("author"),
    )
    role = models.CharField(
        _("role"), max_length=200, help_text=_("As printed, e.g. 'Mayor of Seoul, President City'.")
    )
    heading = models.CharField(
        _("heading"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Foreword from the President City'."),
    )
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["report", "order", "id"]
        verbose_name = _("foreword")
        verbose_name_plural = _("forewords")

    def __str__(self):
        return f"{self.heading or _('Foreword')} — {self.author}"


class Annex(models.Model):
    """A part annexed to a document (the NEASPEC note's "Annex I. Report of the 2nd International
    Forum on Low Carbon Cities"), with the record it is, or reports on, where the portal has one."""

    network_path = "document__networks"
    history = HistoricalRecords()

    document = models.ForeignKey(
        "publications.Publication",
        on_delete=models.CASCADE,
        related_name="annexes",
        help_text=_("The document the annex belongs to."),
        verbose_name=_("document"),
    )
    label = models.CharField(_("label"), max_length=40, help_text=_("As printed: 'Annex I'."))
    title = models.CharField(_("title"), max_length=300, help_text=_("As printed."))
    publication = models.ForeignKey(
        "publications.Publication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annexed_to",
        help_text=_("The annex as a publication of its own, if the portal has it."),
        verbose_name=_("publication"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annexes",
        help_text=_("The event the annex reports on."),
        verbose_name=_("event"),
    )
    project = models.ForeignKey(
        "network.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annexes",
        help_text=_("The project the annex is about or plans."),
        verbose_name=_("project"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["document", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "label"], name="unique_annex_label"),
        ]
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")

    def __str__(self):
        return f"{self.label}. {self.title}"
