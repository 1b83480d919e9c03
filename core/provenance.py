"""Where a record's facts come from, as the public may read it: one rule for every surface.

A record's `source` is written for editors checking it against the document: "ICLEI East Asia
Annual Report 2022, line 192" (the seed loader cites the line of the plain-text extraction it
read). A line number of an extraction means nothing to a reader of the printed report, and the
extraction is not published; so the public sees the document's title and what a reader can
find in the printed document (a page, a section, a paragraph), never the line.

`public_source()` is that rule. Pages (through the `{% source_note %}` tag), the annual report's
builder, the public API and its CSV call it; the raw field stays in the admin, in the staff's
view of the pages and in the staff-only write API.
"""

from __future__ import annotations

import re

# ", line 192", ", lines 192-195", "(line 192)" and the seed's raw "000:192" citations (with an
# "also" or "see" before them): an extraction's line numbers, which only editors can look up.
_LINE_PART = re.compile(
    r"""
    [,;]?\s*                                            # the separator before it
    (?:\b(?:also|see|cf\.)\s+)?
    (?:
        \blines?\s*\d+(?:\s*(?:-|–|to|and|,)\s*\d+)*     # line 192 / lines 192-195
      | \bl{1,2}\.\s*\d+(?:\s*(?:-|–)\s*\d+)?           # l. 192 / ll. 192-5
      | \b\d{3}:\d+(?:\s*(?:-|–)\s*\d+)?\b               # 000:192 (a seed citation)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_EMPTY_BRACKETS = re.compile(r"\s*\(\s*[;,]?\s*\)")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:)])")
_OPEN_BRACKET_STOP = re.compile(r"\(\s*[;,]\s*")
_TRAILING = re.compile(r"[\s,;:]+$")


def _strip_lines(text: str) -> str:
    text = _LINE_PART.sub("", text)
    text = _OPEN_BRACKET_STOP.sub("(", text)
    text = _EMPTY_BRACKETS.sub("", text)
    text = _SPACE_BEFORE_STOP.sub(r"\1", re.sub(r"\s{2,}", " ", text))
    return text.strip()


def public_source(source: str | None) -> str:
    """The public form of a stored `source`: the document's title and any page or section,
    without the extraction's line numbers.

    >>> public_source("ICLEI East Asia Annual Report 2022, line 192")
    'ICLEI East Asia Annual Report 2022'
    >>> public_source("CityNet Annual Report 2022, p. 5")
    'CityNet Annual Report 2022, p. 5'
    """
    text = str(source or "").strip()
    if not text:
        return ""
    return _TRAILING.sub("", _strip_lines(text)).strip()


def without_line_references(text: str | None) -> str:
    """`text` (a note quoting a document) without the bracketed line references editors added:
    "Hosted by the Seoul Metropolitan Government (000:74; also 001:65)." → "Hosted by the Seoul
    Metropolitan Government."
    """
    return _strip_lines(str(text or ""))
