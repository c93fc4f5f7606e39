"""JSON bodies for the API, read with limits: a size cap (413) and a nesting cap (400).

Python's json module recurses once per nested array or object, so a body of a few thousand
brackets would end in RecursionError (a 500). The depth is counted on the raw text before
anything is parsed, and every refusal is a JSON error in the reader's language.
"""

import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

# A JSON string (escapes included); what is left once strings are blanked holds only structure.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def max_body_bytes() -> int:
    return settings.API_MAX_BODY_BYTES


def max_depth() -> int:
    return settings.API_MAX_JSON_DEPTH


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self, limit: int | None = None):
        limit = limit or max_body_bytes()
        super().__init__(
            _("The request body is larger than the %(limit)s KiB this API accepts.") % {"limit": f"{limit // 1024:,}"}
        )


def too_deep(text: str, limit: int) -> bool:
    """Whether arrays and objects in `text` nest deeper than `limit` (brackets inside strings do not count)."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def json_loads_limited(body: bytes | str, *, encoding: str = "utf-8"):
    """Parse a JSON body under the API's limits; raises PayloadTooLarge or ParseError (both with JSON answers)."""
    if len(body) > max_body_bytes():
        raise PayloadTooLarge()
    if isinstance(body, bytes):
        try:
            text = body.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(_("The request body is not valid %(encoding)s text.") % {"encoding": encoding}) from exc
    else:
        text = body
    limit = max_depth()
    if too_deep(text, limit):
        raise ParseError(
            _("The JSON body nests arrays and objects deeper than %(limit)d levels, the most this API accepts.")
            % {"limit": limit}
        )
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "column": exc.colno}
        raise ParseError(_("The request body is not valid JSON (line %(line)d, column %(column)d).") % where) from exc
    except (ValueError, RecursionError) as exc:
        raise ParseError(_("The request body is not valid JSON.")) from exc


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


class LimitedJSONParser(JSONParser):
    """DRF's JSON parser with the size and depth limits above (REST_FRAMEWORK's DEFAULT_PARSER_CLASSES)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding") or settings.DEFAULT_CHARSET
        request = parser_context.get("request")
        limit = max_body_bytes()
        if request is not None:
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit:
                raise PayloadTooLarge(limit)
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise PayloadTooLarge(limit)
        return json_loads_limited(body, encoding=encoding)
