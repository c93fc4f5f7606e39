"""The documented JSON form of each template's parameters (the API's schema) and the strict check that enforces it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy import templates


def test_each_template_documents_exactly_its_parameters_and_the_required_ones():
    for name, spec in templates.TEMPLATES.items():
        schema = templates.params_schema(name)
        assert set(schema["properties"]) == set(spec.params)
        assert schema.get("required", []) == list(spec.required)
        assert schema["additionalProperties"] is False
    assert templates.params_schema("salary_distribution")["required"] == ["role_category"]


def _value(name: str):
    schema = templates.PARAMETERS[name]
    if schema["type"] == "integer":
        return st.integers(schema["minimum"], schema["maximum"])
    if schema["type"] == "array":
        return st.lists(st.sampled_from(schema["items"]["enum"]), max_size=schema["maxItems"])
    return st.sampled_from(schema["enum"])


@st.composite
def _documented_params(draw):
    name = draw(st.sampled_from(sorted(templates.TEMPLATES)))
    spec = templates.TEMPLATES[name]
    chosen = draw(st.sets(st.sampled_from(spec.params))) | set(spec.required)
    return name, {param: draw(_value(param)) for param in chosen}


@given(_documented_params())
def test_whatever_the_schema_allows_the_strict_check_accepts(case):
    name, params = case
    plan = templates.plan(name, params, strict=True)
    assert set(plan.params) <= set(params)


@pytest.mark.parametrize(
    ("template", "params", "code"),
    [
        ("candidates_count", {"min_experience": "5"}, "bad_experience"),
        ("candidates_count", {"min_experience": True}, "bad_experience"),
        ("candidates_count", {"min_experience": 2.5}, "bad_experience"),
        ("candidates_count", {"province": None}, "bad_province"),
        ("candidates_count", {"province": ""}, "bad_province"),
        ("candidates_count", {"min_education": 3}, "bad_education"),
        ("candidates_count", {"skills": "python"}, "bad_skill"),
        ("candidates_count", {"skills": ["Python"]}, "bad_skill"),
        ("candidates_count", {"skills": ["python"] * 4}, "too_many_skills"),
        ("top_skills", {"role_category": ""}, "bad_role"),
        ("top_skills", {}, "missing_param"),
        ("top_skills", {"role_category": "data", "skills": []}, "bad_param"),
    ],
)
def test_the_strict_check_refuses_what_the_schema_does_not_allow(template, params, code):
    with pytest.raises(templates.TemplateError) as error:
        templates.plan(template, params, strict=True)
    assert error.value.code == code


def test_forms_keep_the_lenient_reading_empty_means_not_given_and_skills_are_normalised():
    plan = templates.plan("candidates_count", {"province": "", "skills": ["Python "], "min_experience": "5"})
    assert plan.params == {"skills": ["python"], "min_experience": 5}
    assert templates.plan("candidates_count", {"min_experience": 5.0, "skills": []}, strict=True).params == {"min_experience": 5}
