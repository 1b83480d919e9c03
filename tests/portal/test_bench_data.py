"""`manage.py generate_bench_data`: synthetic data at a scaled real size, marked as synthetic,
that the public pages and the API serve, written only into an empty database, and never part of
what `make run` loads."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from events.models import Event, EventPlace, EventSession
from network.models import (
    CityPairing,
    Membership,
    Network,
    Organisation,
    Person,
    Project,
    Seat,
    StaffPosition,
    StudyVisit,
    Term,
)
from portal.bench_data import SYNTHETIC, scaled_counts
from portal.models import Story
from publications.models import Edition, Publication

SCALE = 0.005
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bench_data(db):
    out = io.StringIO()
    call_command("generate_bench_data", scale=SCALE, seed=7, stdout=out)
    return out.getvalue()


def test_counts_are_the_scaled_counts(bench_data):
    counts = scaled_counts(SCALE)
    assert Network.objects.count() == counts["networks"]
    assert Organisation.objects.count() == counts["organisations"] == 60
    assert Membership.objects.count() == counts["memberships"] == 75
    assert Person.objects.count() == counts["people"] == 10
    assert Event.objects.count() == counts["events"] == 200
    assert Publication.objects.count() == counts["publications"] == 75
    assert Edition.objects.count() == counts["editions"] == 150
    assert Project.objects.count() == counts["projects"] == 15
    assert Story.objects.count() == counts["stories"] == 25
    assert CityPairing.objects.exists() and StudyVisit.objects.exists()
    assert Term.objects.exists() and Seat.objects.exists() and StaffPosition.objects.exists()
    assert EventPlace.objects.exists() and EventSession.objects.exists()
    assert "Synthetic benchmark data written" in bench_data


def test_every_record_is_marked_synthetic(bench_data):
    for model in (Network, Organisation, Membership, Person, Event, Publication, Project, Story):
        assert set(model.objects.values_list("source", flat=True)) == {SYNTHETIC}, model
    assert all(
        name.startswith("Bench ") for name in Organisation.objects.values_list("name", flat=True)
    )
    assert all(name.startswith("Bench ") for name in Person.objects.values_list("name", flat=True))


def test_the_data_looks_like_a_real_network(bench_data):
    """Joint events, partial dates at every precision, drafts and scheduled records, several
    languages; derived fields as the write services compute them."""
    assert Event.objects.filter(networks__isnull=False).distinct().count() == Event.objects.count()
    joint = [e for e in Event.objects.prefetch_related("networks") if e.networks.count() == 2]
    assert joint
    assert set(Event.objects.values_list("date_precision", flat=True)) >= {"day", "month", "year"}
    assert Event.objects.filter(is_published=False).exists()
    assert Event.objects.published().count() < Event.objects.filter(is_published=True).count()
    assert len(set(Edition.objects.values_list("language", flat=True))) >= 4
    for event in Event.objects.filter(start__isnull=False)[:50]:
        assert event.ends_on == event.last_day
        assert event.format == event.derived_format(event.places.exists())
    assert not Event.objects.filter(start__isnull=True, ends_on__isnull=False).exists()


def test_the_main_pages_answer_on_the_data(bench_data, client):
    network = Network.objects.first()
    pairing = CityPairing.objects.published().filter(first__is_published=True).first()
    member = pairing.first if pairing else Organisation.objects.published().first()
    event = Event.objects.published().first()
    for url in (
        "/members/",
        "/events/",
        "/publications/",
        network.get_absolute_url(),
        member.get_absolute_url(),
        event.get_absolute_url(),
        "/api/v1/events/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"Bench " in client.get("/events/").content


def test_same_seed_same_data(db):
    def generated():
        with transaction.atomic():
            call_command("generate_bench_data", scale=0.002, seed=3, stdout=io.StringIO())
            rows = list(
                Event.objects.order_by("slug").values_list(
                    "slug", "start", "end", "date_precision", "is_published", "format"
                )
            ) + list(Membership.objects.order_by("pk").values_list("joined", "type"))
            transaction.set_rollback(True)
        return rows

    first = generated()
    assert first and generated() == first


def test_refuses_a_database_with_content(db):
    Network.objects.create(name="CityNet", slug="citynet")
    with pytest.raises(CommandError, match="already holds content"):
        call_command("generate_bench_data", scale=SCALE, stdout=io.StringIO())
    assert Network.objects.count() == 1
    assert not Organisation.objects.exists()


def test_make_run_and_the_seed_loader_never_load_it():
    makefile = (ROOT / "Makefile").read_text()
    run_recipes = makefile.split("\nrun:")[1].split("\ninstall:")[0]
    seed_recipe = makefile.split("\nseed:")[1].split("\n\n")[0]
    assert "generate_bench_data" not in run_recipes + seed_recipe
    for path in (ROOT / "portal" / "seed").glob("*.py"):
        assert "bench" not in path.read_text(), path
    loader = (ROOT / "portal" / "management" / "commands" / "load_seed_content.py").read_text()
    assert "bench" not in loader


def test_admin_pages_answer_on_records_without_history(bench_data, superuser_client):
    """Bulk inserts record no history: the change and history pages still work."""
    for record in (
        Event.objects.first(),
        Organisation.objects.first(),
        Publication.objects.first(),
    ):
        meta = record._meta
        base = f"/admin/{meta.app_label}/{meta.model_name}/{record.pk}"
        for url in (f"{base}/change/", f"{base}/history/"):
            assert superuser_client.get(url).status_code == 200, url


def test_on_postgresql_the_planner_has_statistics_of_the_new_data(bench_data):
    """The bench starts measuring as soon as the data is written: without ANALYZE, PostgreSQL
    plans the first requests for empty tables (the member directory took 230 ms of SQL, 33 ms
    after ANALYZE)."""
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stats WHERE tablename = 'network_membership'"
            " AND attname = 'network_id'"
        )
        assert cursor.fetchone()[0] == 1
