"""`manage.py shell` imports every model, history tables included, without complaint."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_shell_imports_every_model_including_history(capsys):
    """A developer's shell has Seat and its history (from the network/models/ package) at hand
    and names no model it could not import."""
    call_command("shell", "-c", "print(Seat.__name__, HistoricalSeat.__name__)")
    out = capsys.readouterr().out
    assert "Seat HistoricalSeat" in out
    assert "could not be automatically imported" not in out
