"""Reloading the seed content (`make run` does it every time) never brings back what staff
deleted, never re-creates a record staff changed under the seed's key, and loads a new record
that links to a deleted one without that link (issue 13, item 8)."""

import io
import shutil

import yaml
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError

from events.models import Event
from network.models import GovernanceBody, Organisation, Person, Project, Region
from portal.models import AnnualReport, Story
from portal.seed.files import SEED_DIR
from tests.staff.flows import link_models

SEEDED_APPS = ("network", "events", "publications", "portal")

# Rows the migrations create (reference data), not the loader.
REFERENCE_DATA = {"network.SDG"}


def seeded_models() -> list:
    """Every model of which the seed content has rows: what the loader creates, found from the
    database, so a new seeded type is covered without being listed here."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in SEEDED_APPS
        and not model.__name__.startswith("Historical")
        and model not in link_models()  # kept with their record (an event's networks)
        and model._meta.label not in REFERENCE_DATA
        and model._default_manager.exists()
    ]


def dependency_depth(model, models, seen=()) -> int:
    """How many seeded models stand above `model` (a seat: term, body, network): deleting the
    deepest first deletes each model's own record before a parent's cascade could."""
    parents = [
        field.related_model
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in models and field.related_model not in seen
    ]
    return 1 + max((dependency_depth(p, models, (*seen, model)) for p in parents), default=0)


def delete_as_staff(record) -> None:
    """Delete `record` the way staff must: first what protects it, then the record itself (the
    history records each deletion, as the admin's delete does)."""
    while True:
        try:
            with transaction.atomic():
                record.delete()
            return
        except (ProtectedError, RestrictedError) as error:
            blockers = getattr(error, "protected_objects", None) or error.restricted_objects
            for blocker in list(blockers):
                delete_as_staff(blocker)


def counts(models) -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in models}


def reload(directory=SEED_DIR) -> str:
    out = io.StringIO()
    call_command("load_seed_content", directory=directory, stdout=out)
    return out.getvalue()


def test_every_seeded_type_has_history(seeded):
    """The loader finds deletions and changes in the history: a seeded type without history
    would come back after staff deleted it."""
    missing = [m._meta.label for m in seeded_models() if not hasattr(m, "history")]
    assert not missing, f"Seeded models without history: {missing}"


def test_reloading_leaves_one_deleted_record_of_every_seeded_type_deleted(seeded):
    models = seeded_models()
    assert len(models) > 20  # networks, members, governance, projects, events, publications…
    at_start = counts(models)
    order = sorted(models, key=lambda m: (-dependency_depth(m, models), m._meta.label))
    for model in order:
        # Networks: the last one, so the records deleted before mostly belong to others and
        # are left deleted by their own rule, not because their network is gone.
        ordering = "-pk" if model._meta.label == "network.Network" else "pk"
        record = model._default_manager.order_by(ordering).first()
        if record is not None:  # else a parent's deletion took all of them
            delete_as_staff(record)
    before = counts(models)
    not_deleted = [label for label, count in before.items() if count >= at_start[label]]
    assert not not_deleted, f"No record deleted of {not_deleted}"

    out = reload()

    after = counts(models)
    recreated = {
        label: after[label] - before[label] for label in after if after[label] != before[label]
    }
    assert after == before, f"Re-created after staff deleted them: {recreated}"
    assert "nothing changed" in out
    assert "Left deleted, as staff deleted them:" in out


def test_reloading_keeps_records_as_staff_changed_them(seeded):
    """A record staff edited, even its name or slug (the key the loader finds it by), is neither
    overwritten nor re-created beside the edited one."""
    region = Region.objects.order_by("pk").first()
    region.name, region.slug = "Renamed by staff", "renamed-by-staff"
    region.save()
    body = GovernanceBody.objects.order_by("pk").first()
    body.name = "Board (renamed)"
    body.save()
    event = Event.objects.order_by("pk").first()
    event.title = "Title edited by staff"
    event.save()
    before = (Region.objects.count(), GovernanceBody.objects.count(), Event.objects.count())

    out = reload()

    assert (Region.objects.count(), GovernanceBody.objects.count(), Event.objects.count()) == (
        before
    )
    region.refresh_from_db()
    body.refresh_from_db()
    event.refresh_from_db()
    assert (region.slug, body.name, event.title) == (
        "renamed-by-staff",
        "Board (renamed)",
        "Title edited by staff",
    )
    assert "nothing changed" in out


def test_new_story_and_report_load_without_their_links_to_deleted_records(seeded, tmp_path):
    """Seed files that gain a story, a report and a person linking to records staff deleted load
    them without those links, and the command lists each link it left out."""
    directory = tmp_path / "seed"
    shutil.copytree(SEED_DIR, directory)
    deleted_event = Event.objects.order_by("pk").first()
    deleted_organisation = Organisation.objects.order_by("pk").first()
    deleted_project = Project.objects.order_by("-pk").first()
    deleted_story = Story.objects.order_by("pk").first()
    deleted_person = Person.objects.order_by("-pk").first()
    network = deleted_story.network or Event.objects.first().networks.first()
    keys = {
        "event": deleted_event.slug,
        "organisation": deleted_organisation.slug,
        "project": deleted_project.slug,
        "story": deleted_story.slug,
        "person": deleted_person.slug,
    }
    for record in (deleted_event, deleted_organisation, deleted_project, deleted_story):
        delete_as_staff(record)
    delete_as_staff(deleted_person)
    kept_event = Event.objects.order_by("pk").first()
    with (directory / "stories.yaml").open("a", encoding="utf-8") as stories:
        stories.write(
            yaml.safe_dump(
                [
                    {
                        "key": "new-story",
                        "title": "A story added to the seed files later",
                        "date": "2024-05",
                        "network": network.slug,
                        "events": [keys["event"], kept_event.slug],
                        "organisations": [keys["organisation"]],
                        "projects": [keys["project"]],
                    }
                ]
            )
        )
    with (directory / "people-events.yaml").open("a", encoding="utf-8") as people:
        people.write(
            yaml.safe_dump(
                [{"key": "new-person", "name": "New Person", "organisation": keys["organisation"]}]
            )
        )
    with (directory / "reports.yaml").open("a", encoding="utf-8") as reports:
        reports.write(
            yaml.safe_dump(
                [
                    {
                        "network": network.slug,
                        "year": 2099,
                        "highlights": [keys["story"], "new-story"],
                        "forewords": [{"author": keys["person"], "text": "Welcome."}],
                    }
                ]
            )
        )

    out = reload(directory)

    story = Story.objects.get(slug="new-story")
    assert list(story.events.all()) == [kept_event]
    assert not story.organisations.exists()
    assert not story.projects.exists()
    report = AnnualReport.objects.get(network=network, year=2099)
    assert list(report.highlights.all()) == [story]
    assert not report.forewords.exists()
    assert not Story.objects.filter(slug=keys["story"]).exists()
    assert Person.objects.get(slug="new-person").organisation is None
    assert f"people-events.yaml 'new-person' → organisation '{keys['organisation']}'" in out
    for kind in ("event", "organisation", "project"):
        assert f"stories.yaml 'new-story' → {kind} '{keys[kind]}'" in out
    assert f"→ story '{keys['story']}'" in out
    assert "1 forewords" in out
