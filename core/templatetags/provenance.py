"""`{% source_note record.source %}`: the one way a page ends with where its facts come from.

The public reads the document's title (core.provenance.public_source); signed-in staff also read
the stored source with its line, to check the record against the extraction. Staff pages are
never stored by the page cache (it serves only requests without a session), so the public never
receives the staff's copy.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.provenance import public_source as public_form
from core.provenance import without_line_references

register = template.Library()


@register.filter
def public_source(source):
    """The public form of a stored source: the document's title, without line numbers."""
    return public_form(source)


@register.filter
def public_note(text):
    """A note quoting a document, without the line references editors put in brackets."""
    return without_line_references(text)


@register.simple_tag(takes_context=True)
def source_note(context, source, css_class="stated"):
    """`<p class="stated">Source: <title></p>`, with the stored source added for staff."""
    public = public_form(source)
    if not source:
        return ""
    user = context.get("user")
    if user is not None and getattr(user, "is_staff", False) and str(source).strip() != public:
        return format_html(
            '<p class="{}">{} {} <span class="staff-notice">({} {})</span></p>',
            css_class,
            _("Source:"),
            public,
            _("for staff:"),
            source,
        )
    if not public:
        return ""
    return format_html('<p class="{}">{} {}</p>', css_class, _("Source:"), public)
