"""The input of an API call, read strictly: what the OpenAPI schema says is the whole truth.

DRF is lenient where a published contract must not be: it ignores fields it does not know
(a typo such as `plan` for `plan_id` silently buys the default plan), turns a JSON number into
text for a text field, and takes an empty query value (`?sort=`) as "not given". A
`StrictInput` refuses all three with a specific message per field, and its schema says
`additionalProperties: false`, so clients and the schema agree on what is accepted.
"""

from collections.abc import Mapping

from django.utils.translation import gettext as _
from rest_framework import serializers

_STRICT_COMPONENTS: set[str] = set()


class StrictInput(serializers.Serializer):
    # Base of every API input serializer (a JSON body or a query string). No docstring on purpose:
    # drf-spectacular would print it as the description of every input without one of its own.

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _STRICT_COMPONENTS.add(cls.__name__.removesuffix("Serializer"))

    def to_internal_value(self, data):
        errors: dict[str, list[str]] = {}
        if hasattr(data, "getlist"):  # a query string (or a form): every value arrives as text
            for name, field in self.fields.items():
                if name in data and data.get(name) == "" and not getattr(field, "allow_blank", False):
                    errors[name] = [_("Leave this parameter out or give it a value; it cannot be empty.")]
        elif isinstance(data, Mapping):  # a JSON body
            for name in sorted(set(data) - set(self.fields)):
                errors[str(name)[:100]] = [_("This field is not part of this request; check its spelling.")]
            for name, field in self.fields.items():
                value = data.get(name)
                if isinstance(field, serializers.CharField) and value is not None and not isinstance(value, str):
                    errors[name] = [_("Send this field as text (a JSON string).")]
        if errors:
            raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def strict_inputs_closed(result, generator, request, public):
    """drf-spectacular postprocessing hook: a `StrictInput`'s request body allows no other property."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name in _STRICT_COMPONENTS and schema.get("type") == "object":
            schema["additionalProperties"] = False
    return result
