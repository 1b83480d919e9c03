"""Validators for what editors type in: links must be web addresses, nothing a browser runs.

One rule for every link a record holds (a website, an edition's link, the "one address per
line" lists of events and projects): an http:// or https:// address as Django's URLValidator
reads one. The model fields and `clean()` methods call it, so the admin forms, the API, the
spreadsheet imports and the seed loader (all through the write services, which run the model's
validation) refuse the same addresses with the same message. `is_web_address` is the same rule
for the pages: a link is rendered as a link only when it passes (core.templatetags.web_links),
so a bad address stored before the rule existed is shown as text, never as an href.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

#: The schemes a link may have; `mailto:` is rendered as a link too (see `is_web_address`).
WEB_SCHEMES = ("http", "https")

#: Model-field validator for every user-supplied link: http:// or https:// only, so a
#: `javascript:` or `data:` address (which would run in a visitor's browser) is refused, and so
#: is ftp:// (which Django's URLField accepts by default but browsers no longer open).
http_url_validator = URLValidator(
    schemes=list(WEB_SCHEMES),
    message=_("Enter a web address that starts with http:// or https://."),
)


def link_lines(text: str) -> list[str]:
    """The addresses of a "one address per line" field, without blank lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def validate_links(text: str) -> None:
    """Each line of `text` must be a web address (http:// or https://); the ValidationError
    names the first one that is not."""
    for line in link_lines(text):
        try:
            http_url_validator(line)
        except ValidationError:
            raise ValidationError(
                _("Each link must start with http:// or https://: %(link)s"),
                code="invalid",
                params={"link": line},
            ) from None


def is_web_address(value) -> bool:
    """May `value` be rendered as a link (an href)? http(s) addresses by the rule above, and
    mailto: addresses; anything else (javascript:, data:, vbscript:, a relative path…) not."""
    text = str(value or "").strip()
    if text.casefold().startswith("mailto:"):
        return "@" in text and not any(char in text for char in "<>\"'\n\r\t ")
    try:
        http_url_validator(text)
    except ValidationError:
        return False
    return True
