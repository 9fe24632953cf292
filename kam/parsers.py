"""Request parsers shared by every API endpoint."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, with every way a body can fail to parse answered as a 400.

    DRF catches ``ValueError`` only; a body of a thousand nested ``[`` makes the decoder
    raise ``RecursionError``, which would be a 500 for an anonymous client.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("JSON parse error - the document is nested too deeply.")) from exc
