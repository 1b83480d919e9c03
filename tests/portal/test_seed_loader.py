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
