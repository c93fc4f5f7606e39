"""Migration 0009 moves the names outside the vocabulary out of existing resumes' skills, and back on reverse."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ..factories import UserFactory

BEFORE, AFTER = [("consent", "0008_admin_labels")], [("consent", "0009_other_skills")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_existing_skills_are_split_forward_and_merged_back():
    person = UserFactory()
    try:
        old = _migrate(BEFORE).get_model("consent", "Resume")
        resume = old.objects.create(
            owner_id=person.pk, birth_year=1990, province="广东", education_level="bachelor", years_experience=3,
            skills=["python", "粤语", "sql"],
        )  # fmt: skip
        new = _migrate(AFTER).get_model("consent", "Resume").objects.get(pk=resume.pk)
        assert (new.skills, new.other_skills) == (["python", "sql"], ["粤语"])
        back = _migrate(BEFORE).get_model("consent", "Resume").objects.get(pk=resume.pk)
        assert sorted(back.skills) == ["python", "sql", "粤语"]
    finally:
        _migrate(AFTER)
