"""The review page shows every coded value as its label in the reader's language, and after an
upload the form puts the missing and doubtful fields first."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ..factories import ResumeFactory, UserFactory

pytestmark = pytest.mark.django_db

CODES = ["F", "master", "internet", "data", "project_management"]


def _review(resume, language: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(resume.owner)
    page = client.get("/me/resume/review/").content.decode()
    return re.search(r'<dl class="row" id="resume-fields">(.*?)</dl>', page, re.S).group(1)


def _values(fields_html: str) -> list[str]:
    return [value.strip() for value in re.findall(r"<dd[^>]*>(.*?)</dd>", fields_html, re.S)]


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Female", "Master&#x27;s degree", "Internet and software", "Data and analytics", "Project management"]),
        ("zh-hans", ["女", "硕士研究生", "互联网与软件", "数据与分析", "项目管理"]),
    ],
)
def test_the_review_page_shows_labels_never_codes(language, labels):
    resume = ResumeFactory(
        gender="F", education_level="master", industry="internet", role_category="data", skills=["project_management", "sql"]
    )
    values = _values(_review(resume, language))
    for code in CODES:
        assert code not in values and not any(value.split("、")[0].split(", ")[0] == code for value in values)
    joined = " | ".join(values)
    for label in labels:
        assert label in joined
    assert "project_management" not in joined


def test_the_form_after_an_upload_lists_missing_and_doubtful_fields_first(django_capture_on_commit_callbacks):
    person = UserFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    text = "Name: Li Wei\nMobile: 13912345678\nEmail: li.wei@example.com\nSKILLS\nPython, Project management\n"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/me/resume/upload/", {"file": SimpleUploadedFile("cv.txt", text.encode())})
    page = client.get("/me/resume/?from=upload").content.decode()
    check_first = re.search(r'<section[^>]*id="check-first">(.*?)</section>', page, re.S).group(1)
    flagged = re.findall(r'data-field="([a-z_]+)"', check_first)
    # what the file never says comes first, marked as not found; what it said clearly is not flagged
    assert {"birth_year", "expected_salary", "desired_role", "province"} <= set(flagged)
    assert not {"full_name", "phone", "contact_email"} & set(flagged)
    assert "Not found: please fill in" in check_first
    assert page.index('id="check-first"') < page.index('name="full_name"')
    # skills are shown by name in the reader's language, not as vocabulary codes
    assert "Python, Project management" in page and "project_management" not in page


def _review_rows(resume, language: str = "en") -> list[tuple[str, str]]:
    """(field, flag) of each row of the review page, in the order shown."""
    return re.findall(r'<dt class="col-sm-4" data-field="([a-z_]+)"(?: data-flag="([a-z]+)")?>', _review(resume, language))


def test_the_review_page_lists_missing_then_doubtful_fields_first_and_trusts_what_the_person_changed():
    from consent.models import Resume, ResumeUpload
    from consent.parsing import field_confidence, flat_fields, parse_resume

    text = "Name: Li Wei\nMobile: 13912345678\nWORK EXPERIENCE\n"
    text += "Jul 2019 - Present  Pearl River Software Co Ltd  Backend Engineer\n"
    parsed = parse_resume(text)
    proposed = flat_fields(parsed)
    assert field_confidence(parsed)["years_experience"] < 0.7  # summed from the work history: a guess to check
    resume = ResumeFactory(
        status=Resume.Status.DRAFT, confirmed_at=None, full_name="Li Wei", desired_role="", expected_salary=None,
        years_experience=proposed["years_experience"], current_employer=proposed["current_employer"],
    )  # fmt: skip
    ResumeUpload.objects.create(
        owner=resume.owner, kind="txt", size=len(text), stored_name="x", status=ResumeUpload.Status.PARSED, parsed=parsed
    )
    rows = _review_rows(resume)
    flags = dict(rows)
    assert flags["desired_role"] == flags["expected_salary"] == "missing"
    assert flags["birth_year"] == ""  # the file did not say, but the person filled it in
    assert flags["years_experience"] == "check" and flags["full_name"] == ""
    order = [field for field, _flag in rows]
    assert max(order.index("desired_role"), order.index("expected_salary")) < order.index("years_experience")
    assert order.index("years_experience") < order.index("full_name")
    page = _review(resume, "en")
    assert "Not found: please fill in" in page and "Please check" in page
    zh = _review(resume, "zh-hans")
    assert "未找到：请填写" in zh and "请核对" in zh

    resume.years_experience = proposed["years_experience"] + 1  # the person corrected it: no longer in doubt
    resume.save()
    assert dict(_review_rows(resume))["years_experience"] == ""


def test_other_skills_are_saved_apart_and_shown_on_the_review_page():
    from consent.services.resumes import resume_save

    resume = ResumeFactory(skills=["sql"])
    data = {"birth_year": resume.birth_year, "skills": "SQL, Cantonese", "other_skills": "Python、用友U8、cantonese"}
    saved = resume_save(user=resume.owner, data=data)
    # a vocabulary name typed among the other skills is a skill; each other name is kept once, as first typed
    assert saved.skills == ["python", "sql"]
    assert saved.other_skills == ["Cantonese", "用友U8"]
    values = " | ".join(_values(_review(saved, "en")))
    assert "Cantonese, 用友U8" in values and "Python, SQL" in values


def test_too_many_other_skills_are_refused_and_nothing_is_saved():
    from consent.exceptions import ResumeError
    from consent.services.resumes import resume_save

    resume = ResumeFactory(skills=["sql"], other_skills=None)
    with pytest.raises(ResumeError) as refused:
        names = ", ".join(f"s{i}" for i in range(60))
        resume_save(user=resume.owner, data={"birth_year": resume.birth_year, "other_skills": names})
    assert refused.value.code == "other_skills_too_long"
    resume.refresh_from_db()
    assert (resume.skills, resume.other_skills) == (["sql"], None)
