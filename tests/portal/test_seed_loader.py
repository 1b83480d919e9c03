import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from network.models import Network, Organisation

pytestmark = pytest.mark.django_db


def test_broken_seed_file_is_refused_and_nothing_is_written(db, tmp_path):
    """A seed file naming an unknown organisation stops the load with a message; no row is written."""
    (tmp_path / "networks").mkdir()
    (tmp_path / "organisations-test.yaml").write_text(
        "- {key: somewhere, name: Somewhere, kind: city}\n"
    )
    (tmp_path / "networks" / "test.yaml").write_text(
        "network: {key: test-network, name: Test}\n"
        "memberships:\n  - {organisation: nowhere, type: full}\n"
    )
    with pytest.raises(CommandError, match="organisation 'nowhere' is not defined"):
        call_command("load_seed_content", directory=tmp_path)
    assert not Organisation.objects.exists() and not Network.objects.exists()


def test_missing_seed_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No seed-content folder"):
        call_command("load_seed_content", directory=tmp_path / "nowhere")


def test_reloading_leaves_deleted_seed_records_deleted(seeded, superuser_client):
    """`make run` loads the seed content every time: an event and a publication staff deleted in
    the admin stay deleted, and the loader says it left them."""
    import io

    from django.core.management import call_command
    from django.urls import reverse

    from events.models import Event
    from publications.models import Publication

    event = Event.objects.published().order_by("slug").first()
    publication = Publication.objects.published().order_by("slug").first()
    for record in (event, publication):
        url = reverse(
            f"admin:{record._meta.app_label}_{record._meta.model_name}_delete", args=[record.pk]
        )
        assert superuser_client.post(url, {"post": "yes"}).status_code == 302

    out = io.StringIO()
    call_command("load_seed_content", stdout=out)

    assert not Event.objects.filter(slug=event.slug).exists()
    assert not Publication.objects.filter(slug=publication.slug).exists()
    assert "nothing changed" in out.getvalue()
    assert "Left deleted, as staff deleted them: 1 events, 1 publications." in out.getvalue()
