"""Every released table is re-checked by pycanon, an independent k-anonymity implementation."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycanon import anonymity

from privacy.kanon import KAnonymityError, anonymize, remove_records

QIS = ["age", "gender", "province", "education_level"]

record = st.fixed_dictionaries(
    {
        "age": st.integers(min_value=16, max_value=70),
        "gender": st.sampled_from(["F", "M", "U"]),
        "province": st.sampled_from(["广东", "北京", "上海", "浙江", "四川", "新疆"]),
        "education_level": st.sampled_from(["associate", "bachelor", "master", "doctorate"]),
        "expected_salary": st.integers(min_value=3000, max_value=60000),
        "skills": st.lists(st.sampled_from(["python", "sql", "excel", "java"]), max_size=3),
    }
)


def pycanon_k(rows, qis) -> int:
    frame = pd.DataFrame([{q: str(row[q]) for q in qis} | {"salary": str(row.get("expected_salary"))} for row in rows])
    return anonymity.k_anonymity(frame, qis)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(record, min_size=5, max_size=120), k=st.integers(min_value=2, max_value=6))
def test_released_table_is_k_anonymous_according_to_pycanon(records, k):
    try:
        result = anonymize(records, quasi_identifiers=QIS, k=k, max_suppression=0.2, set_fields=("skills",))
    except KAnonymityError:
        return
    if result.rows:
        assert pycanon_k(result.rows, QIS) >= k
        assert pycanon_k(result.rows, QIS) == result.report.k_achieved


@settings(max_examples=40, deadline=None)
@given(records=st.lists(record, min_size=10, max_size=80), data=st.data())
def test_removing_people_for_a_buyer_keeps_the_table_k_anonymous(records, data):
    try:
        result = anonymize(records, quasi_identifiers=QIS, k=3, max_suppression=0.3, set_fields=())
    except KAnonymityError:
        return
    drop = data.draw(st.sets(st.integers(min_value=0, max_value=max(len(result.rows) - 1, 0))))
    kept = remove_records(result.rows, QIS, 3, drop)
    assert not set(kept) & drop
    if kept:
        assert pycanon_k([result.rows[i] for i in kept], QIS) >= 3
