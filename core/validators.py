"""Validators for what editors type in: links must be web addresses, nothing a browser runs."""

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

#: Model-field validator for every user-supplied link: http:// or https:// only, so a
#: `javascript:` or `data:` address (which would run in a visitor's browser) is refused, and so
#: is ftp:// (which Django's URLField accepts by default but browsers no longer open).
http_url_validator = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."),
)
