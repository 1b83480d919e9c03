"""The portal's one "today"."""

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Today in the site's time zone (settings.TIME_ZONE), whatever the server's clock zone is:
    what is upcoming, current or past must not depend on where the process runs."""
    return timezone.localdate()
