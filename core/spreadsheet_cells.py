"""The one rule for text the portal writes into a spreadsheet cell (CSV or XLSX): a cell that
begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula by a
spreadsheet program (OWASP's "CSV injection": `=cmd|' /C calc'!A0`, `@SUM(…)`), so it is written
with a single quote in front, which makes it text. The API's CSV (core.api) and the admin's
exports (staff.spreadsheets) call `defused`; the admin's import calls `undefused`, so a sheet
exported, edited and imported back gives back exactly the values it was exported with.

Only text is defused: numbers (an attendance figure, a population, negative or not) are values,
not formulas, and are left to the writer as they are.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_FORMULA_START = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
# A text the export prefixes: one that starts with a formula character, or with quotes followed
# by one. The second part keeps the rule reversible: a title that really begins with `'=` is
# written `''=`, so that removing one quote on import gives back the title itself.
_DEFUSED_ON_EXPORT = re.compile("'*" + _FORMULA_START)
# What the import reads back: the same text with the one quote the export added.
_DEFUSED_ON_IMPORT = re.compile("'+" + _FORMULA_START)


def defused(value):
    """`value` as a spreadsheet cell that no spreadsheet program runs as a formula: text that
    starts with a formula character gets a `'` in front; anything else is returned as it is."""
    if isinstance(value, str) and _DEFUSED_ON_EXPORT.match(value):
        return "'" + value
    return value


def undefused(text: str) -> str:
    """The text `defused` was given: without the one quote it put in front (only in front of
    a formula character, so a cell such as `'s-Hertogenbosch` stays as it is)."""
    if _DEFUSED_ON_IMPORT.match(text):
        return text[1:]
    return text
