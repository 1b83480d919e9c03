"""The one place the pages render a link that staff typed (an event's or a project's links, an
edition's link, a website): `{% web_link address %}` or `{% web_link address label %}`.

Only an address that passes core.validators.is_web_address (http, https, mailto) becomes an
href; anything else (a `javascript:` or `data:` address stored before the validation refused
it, or written around it) is shown as plain text, so no stored value can run in a visitor's
browser.
"""

from django import template
from django.utils.html import format_html

from core.validators import is_web_address

register = template.Library()


@register.simple_tag
def web_link(address, label=None, rel="external noopener"):
    """`<a href="address" rel="…">label</a>`, or the label as text when `address` may not be a
    link. `label` defaults to the address itself."""
    text = address if label is None else label
    if not is_web_address(address):
        return format_html("{}", text)
    return format_html('<a href="{}" rel="{}">{}</a>', str(address).strip(), rel, text)
