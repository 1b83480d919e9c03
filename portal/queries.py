"""Read-side queries of stories, named after what they return.

The stories page, its feed, the home page and the API list call these, so every surface shows
the same published stories in the same order, with a fixed number of queries.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from core.publishing import published_joined, published_q, published_related
from events.models import Event
from network.models import Network, Organisation, Project
from network.queries import project_and_organisation_lists
from portal.models import Annex, AnnualReport, Story


def published_stories() -> QuerySet[Story]:
    """Published stories with their network (None if a draft: joined), newest first."""
    return published_joined(Story.objects.published(), "network").order_by("-date", "title", "pk")


def with_story_links(queryset: QuerySet[Story]) -> QuerySet[Story]:
    """`queryset` with the images and the published projects and organisations of each story,
    as the API shows them (`project_list`, `organisation_list`)."""
    return queryset.prefetch_related("images", *project_and_organisation_lists())


def latest_stories() -> QuerySet[Story]:
    """published_stories() by date, the most recently published first among those of a day:
    what the feed announces."""
    return published_stories().order_by("-date", "-publish_at", "-pk")


def report_highlights(network, year: int, editorial=None) -> list[Story]:
    """The published stories an annual report highlights, by date: those staff chose for the
    report (`editorial`, an AnnualReport), or else the network's stories of the year.

    One query: both sets, each story saying whether it is chosen and whether staff chose any
    (a chosen draft still counts as a choice, and shows nothing)."""
    stories = Story.objects.published().order_by("date", "title", "pk")
    of_the_year = Q(network=network, date__year=year)
    if editorial is None:
        return list(stories.filter(of_the_year))
    choices = AnnualReport.highlights.through.objects.filter(annualreport=editorial)
    rows = list(
        stories.filter(of_the_year | Q(pk__in=choices.values("story_id"))).annotate(
            chosen=Exists(choices.filter(story=OuterRef("pk"))), any_chosen=Exists(choices)
        )
    )
    if rows and rows[0].any_chosen:
        return [story for story in rows if story.chosen]
    return rows


def story_page_queryset(base: QuerySet[Story]) -> QuerySet[Story]:
    """`base` (what the visitor may see) with everything a story's page shows."""
    return base.prefetch_related(
        published_related("network", Network),
        "images",
        Prefetch("projects", queryset=Project.objects.published()),
        Prefetch("events", queryset=Event.objects.published().order_by("start")),
        Prefetch("organisations", queryset=Organisation.objects.published()),
    )


def publication_annexes(publication) -> tuple[list[Annex], list[Annex]]:
    """The annexes of `publication` (in order, each with the publication, event and project it
    is or reports on; a draft one reads as None), and the annexes of published documents that
    `publication` is: one query."""
    rows = published_joined(
        Annex.objects.filter(
            Q(document=publication) | Q(published_q("document__"), publication=publication)
        ),
        "publication",
        "event",
        "project",
    ).select_related("document")
    own = sorted((a for a in rows if a.document_id == publication.pk), key=_annex_order)
    annexed_in = [a for a in rows if a.document_id != publication.pk]
    return own, sorted(annexed_in, key=lambda a: (a.document.title, *_annex_order(a)))


def _annex_order(annex: Annex) -> tuple[int, int]:
    return annex.order, annex.pk


def annexes_about(record) -> QuerySet[Annex]:
    """The annexes of published documents that report on `record` (an event or a project),
    with their document joined, in the documents' order."""
    field = {"Event": "event", "Project": "project"}.get(type(record).__name__)
    if field is None:
        raise TypeError("annexes_about() takes an event or a project.")
    return (
        Annex.objects.filter(published_q("document__"), **{field: record})
        .select_related("document")
        .order_by("document__title", "order", "pk")
    )
