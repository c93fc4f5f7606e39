"""Loaded by schemathesis (SCHEMATHESIS_HOOKS) in tests/exchange/test_api_schema.py.

OpenAPI cannot state a rule across two fields. The API has two, stated in the schema's
descriptions and refused with a specific 400 each: a salary range's upper end is not below its
lower end (talent search and invitations), and an invitation names a city unless the job is remote.
A case generated as *valid* that breaks one of them is not valid, so it is not sent as such;
invalid cases are all still sent, and every check still runs on everything that is.

Nor can it state a rule across requests: an Idempotency-Key names one request (the same key with
another request is a 422, as its description says). A valid case that would reuse a key already
sent with another request gets a key of its own instead.
"""

import json

import schemathesis
from schemathesis import GenerationMode


def _breaks_a_cross_field_rule(values) -> bool:
    if not isinstance(values, dict):
        return False
    low, high = values.get("salary_min"), values.get("salary_max")
    try:
        if low not in (None, "") and high not in (None, "") and int(high) < int(low):
            return True
    except (TypeError, ValueError):
        return False
    if "job_title" in values and values.get("remote") is not True:
        city = values.get("city", "")
        return isinstance(city, str) and not city.strip()
    return False


@schemathesis.hook
def filter_case(context, case):
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return True
    path = case.operation.path
    if path.endswith("/talent/search/"):
        return not _breaks_a_cross_field_rule(case.query)
    if path.endswith("/talent/invitations/") and case.method.upper() == "POST":
        return not _breaks_a_cross_field_rule(case.body)
    return True


_FIRST_SENT_WITH: dict[str, tuple[str, str, str]] = {}  # Idempotency-Key → the request it was first sent with


@schemathesis.hook
def before_call(context, case, **kwargs):
    key = (case.headers or {}).get("Idempotency-Key")
    if not isinstance(key, str) or not key.strip():
        return
    request = (case.method.upper(), case.formatted_path, json.dumps(case.body, sort_keys=True, default=str))
    key = key.strip()
    if _FIRST_SENT_WITH.setdefault(key, request) == request:
        return
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return  # an invalid case may fail for this reason too: any refusal is right for it
    number = len(_FIRST_SENT_WITH)
    while _FIRST_SENT_WITH.setdefault(f"{key[:80]}-{number}", request) != request:
        number += 1
    case.headers = {**case.headers, "Idempotency-Key": f"{key[:80]}-{number}"}
