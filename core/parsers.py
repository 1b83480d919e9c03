"""The API's JSON parser, in a module of its own: DRF imports the parser classes while loading its
views, so this must not import anything that imports them back (as core.pagination)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, with a body nested too deep for Python's parser (RecursionError, which
    DRF does not catch: a 500) answered as the 400 of any malformed JSON."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - the data is nested too deeply.")) from None
