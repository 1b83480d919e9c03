"""Publications, their editions per language, the people behind them, and series."""

from __future__ import annotations

import functools
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.links import PLACEHOLDER, SAFE, slug_url
from core.models import SluggedModel, SourcedModel
from core.partial_dates import Precision, format_period
from core.publishing import Publishable, PublishableQuerySet
from core.time_scope import TimeScoped
from core.uploads import (
    GeneratedName,
    ImageUploadField,
    PrivateFileStorage,
    validate_image_upload,
    validate_pdf_upload,
)
from network.models import SDG, Network, Organisation, Person, Project, Theme
from publications.languages import (
    UNDETERMINED,
    language_choices,
    language_name,
    language_name_local,
    normalise,
    validate_language_tag,
)


class PublicationKind(models.TextChoices):
    ANNUAL_REPORT = "annual-report", _("Annual report")
    REPORT = "report", _("Report")
    CASE_STUDY = "case-study", _("Case study")
    NEWSLETTER = "newsletter", _("Newsletter")
    FACT_SHEET = "fact-sheet", _("Fact sheet")
    PLAYBOOK = "playbook", _("Playbook")
    HANDBOOK = "handbook", _("Handbook")
    COMPENDIUM = "compendium", _("Compendium")
    LEAFLET = "leaflet", _("Leaflet")
    VIDEO = "video", _("Video")
    BROCHURE = "brochure", _("Brochure")
    POLICY_BRIEF = "policy-brief", _("Policy brief")
    TOOLKIT = "toolkit", _("Toolkit")
    OTHER = "other", _("Other")


class Series(SluggedModel):
    """A run of publications with issue numbers: a newsletter, a periodical, annual reports."""

    network_path = None
    history = HistoricalRecords()

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.name


class CoverOrigin(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded image")
    PDF = "pdf", _("First page of the PDF")
    GENERATED = "generated", _("Generated (title on a coloured ground)")


class PublicationQuerySet(PublishableQuerySet):
    pass


class Publication(SluggedModel, SourcedModel, Publishable, TimeScoped):
    """A report, case study, newsletter issue, fact sheet… that a network publishes or translates."""

    network_path = "networks"
    history = HistoricalRecords(
        m2m_fields=["networks", "projects", "organisations", "themes", "sdgs"]
    )

    slug_source_field = "title"

    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_("In the original language; each edition may carry its own title."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=PublicationKind.choices, db_index=True
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("series"),
    )
    issue = models.CharField(
        _("issue"),
        max_length=20,
        blank=True,
        help_text=_("Number or year within the series, as printed: '2', '7', '2022'."),
    )
    summary = models.TextField(_("summary"), blank=True)
    networks = models.ManyToManyField(
        Network,
        related_name="publications",
        blank=True,
        help_text=_("The networks that publish, translate or present it."),
        verbose_name=_("networks"),
    )
    projects = models.ManyToManyField(
        Project, related_name="publications", blank=True, verbose_name=_("projects")
    )
    organisations = models.ManyToManyField(
        Organisation,
        related_name="publications",
        blank=True,
        help_text=_(
            "Cities and other bodies it is about or that took part. Publishers and translators "
            "are set on each edition."
        ),
        verbose_name=_("organisations"),
    )
    themes = models.ManyToManyField(
        Theme, related_name="publications", blank=True, verbose_name=_("themes")
    )
    sdgs = models.ManyToManyField(
        SDG, related_name="publications", blank=True, verbose_name=_("SDGs")
    )
    # Related events: the events app is being built separately; its Event model will add a
    # ManyToManyField to Publication (events may import publications' neighbours, not the
    # reverse). Until then the seed notes name related events in `internal_note`.
    cover = ImageUploadField(
        _("cover image"),
        upload_to=GeneratedName("publications/covers"),
        validators=[validate_image_upload],
        blank=True,
        help_text=_(
            "JPEG, PNG or WebP, up to 10 MB. Leave empty to use the first page of the PDF, or a "
            "cover made from the title."
        ),
    )
    # Made once, when the cover's source changes (publications.covers.refresh_cover), never per
    # request.
    cover_card = models.ImageField(
        _("cover thumbnail"), upload_to="publications/thumbnails/", blank=True, editable=False
    )
    cover_large = models.ImageField(
        _("cover, large"), upload_to="publications/thumbnails/", blank=True, editable=False
    )
    cover_origin = models.CharField(
        _("cover from"), max_length=10, choices=CoverOrigin.choices, blank=True, editable=False
    )
    cover_key = models.CharField(
        max_length=300, blank=True, editable=False, verbose_name=_("cover key")
    )
    internal_note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_("For editors only; never shown publicly."),
    )
    # Derived by the write service (publications.services.refresh_latest_edition_dates) after
    # every change of the editions, so that the library's order ("newest" = latest dated edition)
    # is read from an index instead of a MAX over every edition on each request.
    latest_edition_date = models.DateField(
        _("latest edition"),
        null=True,
        editable=False,
        help_text=_("Computed: the date of the latest dated edition."),
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at"]
        indexes = [
            # published() counted from the index alone (the library's pages count them on every
            # request): with only publish_at's, each of 15,000 rows was read from the table.
            models.Index(fields=["publish_at", "is_published"], name="publication_published"),
            # The Atom feed's order, newest published first: with publish_at alone PostgreSQL
            # sorts every publication sharing a publish time (a seed or an import gives
            # thousands the same) to break the tie by id.
            models.Index(fields=["publish_at", "id"], name="publication_publish_order"),
            # The sitemap index's latest change of a published publication: the newest entry of the
            # published ones read from this index alone, not every row's change time.
            models.Index(
                fields=["is_published", "updated_at", "publish_at"],
                name="publication_published_changes",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "issue"],
                condition=Q(series__isnull=False) & ~Q(issue=""),
                name="one_publication_per_series_issue",
                violation_error_message=_("This series already has a publication with this issue."),
            ),
        ]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("publications:publication-detail", self.slug)

    def get_kind_display(self):
        """The kind's label, as Django's get_kind_display() gives it, by one look-up: Django's
        builds a dict of every choice, each label translated, on each call (24 times a page)."""
        kind = PublicationKind._value2member_map_.get(self.kind)
        return str(kind.label) if kind is not None else self.kind

    @property
    def latest_edition(self):
        """The date of the latest dated edition (None if no edition is dated)."""
        return self.latest_edition_date

    def clean(self):
        super().clean()
        if self.issue and not self.series_id:
            raise ValidationError({"issue": _("An issue number needs a series.")})


# A number standing for every edition's pk in the download address reversed once (download_path).
_PK_MARK = 9876543210


@functools.lru_cache(maxsize=256)
def _download_parts(language, script_prefix: str, urlconf) -> tuple[str, str, str]:
    path = reverse("publications:edition-download", args=[PLACEHOLDER, _PK_MARK])
    before, found, after = path.partition(PLACEHOLDER)
    middle, found_pk, suffix = after.rpartition(str(_PK_MARK))
    assert found and found_pk and PLACEHOLDER not in after, path
    return before, middle, suffix


def download_path(slug: str, pk: int) -> str:
    """reverse("publications:edition-download", args=[slug, pk]) without a reverse() per edition
    (an API page or a CSV export lists hundreds): the address is reversed once per language,
    script prefix and URLconf, and the slug quoted as reverse() quotes it (core.links)."""
    if not slug or "/" in slug or not isinstance(pk, int):
        return reverse("publications:edition-download", args=[slug, pk])
    before, middle, suffix = _download_parts(get_language(), get_script_prefix(), get_urlconf())
    return f"{before}{quote(slug, safe=SAFE)}{middle}{pk}{suffix}"


class Edition(models.Model):
    """One language version of a publication: its title, date, office, and file or link."""

    network_path = "publication__networks"
    history = HistoricalRecords()

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="editions",
        verbose_name=_("publication"),
    )
    language = models.CharField(
        _("language"),
        max_length=35,
        choices=language_choices,
        validators=[validate_language_tag],
        db_index=True,  # the library's language filter (also "zh" for "zh-hans": a LIKE prefix)
        help_text=_(
            "BCP 47 code (en, zh-hans, ko). 'Language not stated' (und) when the source does not say."
        ),
    )
    is_summary = models.BooleanField(
        _("summary"), default=False, help_text=_("A summary, not the full text, in this language.")
    )
    title = models.CharField(
        _("title in this language"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty when it is the publication's title."),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        db_index=True,  # the library's year filter
        help_text=_("For a month or year, any day in it; the precision says how it is shown."),
    )
    date_precision = models.CharField(
        _("date precision"), max_length=7, choices=Precision.choices, default=Precision.MONTH
    )
    publisher = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_editions",
        help_text=_("The office that published this edition."),
        verbose_name=_("publisher"),
    )
    translated_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translated_editions",
        help_text=_("The office that translated it, for a translation."),
        verbose_name=_("translated by"),
    )
    file = models.FileField(
        _("PDF file"),
        upload_to=GeneratedName("publications/files"),
        # Outside MEDIA_ROOT: served only by the download view, which checks the publication
        # is published (core.uploads.PrivateFileStorage).
        storage=PrivateFileStorage(url_name="publications:stored-file"),
        validators=[validate_pdf_upload],
        blank=True,
        help_text=_("A PDF of up to 50 MB. Its size and page count are read from the file."),
    )
    link = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where this edition is published elsewhere (http or https)."),
    )
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["publication", "is_summary", "order", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "language", "is_summary"],
                condition=~Q(language=UNDETERMINED),
                name="one_edition_per_language",
                violation_error_message=_(
                    "This publication already has an edition in this language."
                ),
            ),
        ]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        return f"{self.publication} ({self.language})"

    def save(self, *args, **kwargs):
        self.language = normalise(self.language)
        if self.file and not self.file._committed:
            self.read_file_facts()
        elif not self.file:
            self.file_size = self.page_count = None
        super().save(*args, **kwargs)

    def read_file_facts(self):
        """Size and page count, read from the uploaded file itself (never typed in)."""
        from core.uploads import inspect_pdf

        facts = inspect_pdf(self.file.file)
        self.file_size, self.page_count = facts.size, facts.pages

    def download_url(self, publication=None) -> str:
        """The one address of this edition's PDF: the download view, which checks that the
        publication is published (the file itself is never served from /media/)."""
        return download_path((publication or self.publication).slug, self.pk)

    @property
    def display_title(self):
        return self.title or self.publication.title

    @property
    def when(self):
        return format_period(self.date, None, self.date_precision) if self.date else ""

    @property
    def language_name(self):
        return language_name(self.language)

    @property
    def language_name_local(self):
        return language_name_local(self.language)

    @property
    def is_undetermined(self):
        return self.language == UNDETERMINED


class PersonRole(models.TextChoices):
    AUTHOR = "author", _("Author")
    EDITOR = "editor", _("Editor")
    CONTRIBUTOR = "contributor", _("Contributor")
    PUBLISHER = "publisher", _("Publisher")
    DESIGNER = "designer", _("Designer")
    TRANSLATOR = "translator", _("Translator")
    FOREWORD = "foreword", _("Foreword")
    PRESENTER = "presenter", _("Presenter")


class PublicationPerson(models.Model):
    """A person's part in a publication: editor, contributor, publisher, designer…"""

    network_path = "publication__networks"
    history = HistoricalRecords()

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="credits", verbose_name=_("publication")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="publication_credits",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["publication", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "person", "role"],
                name="one_credit_per_person_role",
                violation_error_message=_("This person already has this role here."),
            ),
        ]
        verbose_name = _("person and role")
        verbose_name_plural = _("people and roles")

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"
