"""The fourth sealed corpus family as a generator: valid files, consistent truth, deterministic output.

These tests look at the generated resumes and their truth only; they never run the parser.
"""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

import pytest

from tests.consent import corpus, corpus_sealed4
from tests.consent.corpus_sealed4 import SEALED4_HELD_OUT, document, formats, person

TODAY = corpus.TODAY
NOW = TODAY.year * 12 + TODAY.month - 1
VOCABULARY = json.loads((Path(__file__).resolve().parents[2] / "privacy" / "data" / "skills.json").read_text())["skills"]
SKILL_IDS = {skill["id"] for skill in VOCABULARY}
ROLE_CATEGORIES = set(corpus_sealed4.TRACKS)


def _english(layout: str) -> bool:
    return "_en_" in f"_{layout}_"


def _scanned(layout: str) -> bool:
    return layout.startswith(("scan_", "photo_"))


def _docx_text(data: bytes) -> str:
    from docx import Document

    document_ = Document(io.BytesIO(data))
    texts = [p.text for p in document_.paragraphs]
    for table in document_.tables:
        for row in table.rows:
            previous = None
            for cell in row.cells:
                if cell._tc is not previous:  # a merged cell comes once for each grid column it spans
                    texts.append(cell.text)
                previous = cell._tc
    return "\n".join(texts)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _text_of(data: bytes, fmt: str) -> str:
    return {"pdf": _pdf_text, "docx": _docx_text, "txt": lambda d: d.decode("utf-8")}[fmt](data)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _samples(per_format: int, seed: int = 20261204, layouts=SEALED4_HELD_OUT):
    """(layout, fmt, person, bytes), drawn the way the harness draws them."""
    rng = random.Random(seed)
    out = []
    for layout in layouts:
        for fmt in formats(layout):
            for _ in range(per_format):
                p = person(rng, english=_english(layout), today=TODAY)
                data = document(p, layout, fmt, random.Random(rng.getrandbits(64)))
                out.append((layout, fmt, p, data))
    return out


@pytest.fixture(scope="module")
def one_each():
    """One resume of every layout and format."""
    return _samples(1, seed=5)


@pytest.fixture(scope="module")
def text_samples():
    return _samples(5, layouts=tuple(layout for layout in SEALED4_HELD_OUT if not _scanned(layout)))


def _terms() -> dict[str, str]:
    terms: dict[str, str] = {}
    for skill in VOCABULARY:
        for term in [skill["en"], skill["zh"], *skill["synonyms"]]:
            terms.setdefault(term.lower(), skill["id"])
    return terms


def _vocabulary_hits(text: str) -> set[str]:
    low, hits = text.lower(), set()
    for term, skill in _terms().items():
        if re.search(r"[\u4e00-\u9fff]", term):
            if term in low:
                hits.add(skill)
        elif re.search(r"(?<![a-z0-9])" + re.escape(term) + r"(?![a-z0-9])", low):
            hits.add(skill)
    return hits


PAY_WORDS = r"期望薪|薪资|月薪|年薪|薪金|\d薪|/月|\dK\b|[Ss]alary|per month|per year|/month|/year"


def _mobiles(text: str) -> set[str]:
    bare = re.sub(r"\(?\+86\)?[ -]?", " ", text)  # +86, (+86)
    joined = re.sub(r"(?<=\d)[ -](?=\d)", "", bare)  # 138 1234 5678, 138-1234-5678
    return set(re.findall(r"(?<!\d)1[3-9]\d{9}(?!\d)", joined))


def test_layouts_and_formats_are_as_the_harness_expects():
    assert len(SEALED4_HELD_OUT) == len(set(SEALED4_HELD_OUT)) == 8
    assert set(SEALED4_HELD_OUT) <= set(corpus.LAYOUTS)
    assert all(corpus.LAYOUTS.count(layout) == 1 for layout in SEALED4_HELD_OUT)  # no other family's layout
    assert ("sealed4_held_out", SEALED4_HELD_OUT) in corpus.GROUPS and "sealed4_held_out" in corpus.OPENABLE  # opened for tuning
    other_seeds = {corpus.TUNED_SEED, corpus.HELD_OUT_SEED}
    for family in (corpus.corpus_new, corpus.corpus_fresh, corpus.corpus_unseen, corpus.corpus_sealed, corpus.corpus_sealed2,
                   corpus.corpus_sealed3):  # fmt: skip
        other_seeds |= {value for name, value in vars(family).items() if name.endswith("_SEED")}
    assert corpus_sealed4.SEALED4_SEED not in other_seeds
    for layout in SEALED4_HELD_OUT:
        assert formats(layout) and set(formats(layout)) <= {"pdf", "docx", "txt", "jpg", "png"}
        if _scanned(layout):
            assert "txt" not in formats(layout) and "docx" not in formats(layout)
    assert {layout for layout in SEALED4_HELD_OUT if _english(layout)} == {"en_academic_cv", "en_markdown", "en_job_rows"}
    text_cells = sum(len(formats(layout)) for layout in SEALED4_HELD_OUT if not _scanned(layout))
    scan_cells = sum(len(formats(layout)) for layout in SEALED4_HELD_OUT if _scanned(layout))
    assert 90 <= 6 * text_cells + 2 * scan_cells <= 120  # about a hundred resumes as the harness draws them


def test_every_document_is_a_valid_file_of_its_format(one_each):
    from docx import Document
    from PIL import Image
    from pypdf import PdfReader

    for layout, fmt, _p, data in one_each:
        if fmt == "pdf":
            text = _pdf_text(data)
            if _scanned(layout):
                assert not text.strip(), layout  # image-only: no text layer
                assert PdfReader(io.BytesIO(data)).pages[0].images
            else:
                assert len(text.strip()) > 200, layout
        elif fmt == "docx":
            Document(io.BytesIO(data))
            assert len(_docx_text(data)) > 200, layout
        elif fmt == "txt":
            assert len(data.decode("utf-8")) > 200
        else:
            picture = Image.open(io.BytesIO(data))
            assert picture.format == {"jpg": "JPEG", "png": "PNG"}[fmt]
            assert picture.size[0] >= 1500 and picture.size[1] >= 2000  # about 200 dpi or more for A4


def test_the_truth_has_exactly_the_measured_fields_and_legal_values(text_samples, one_each):
    for layout, _fmt, p, _data in text_samples + one_each:
        truth = {key: value for key, value in p.items() if not key.startswith("_")}
        assert set(truth) == set(corpus.FIELDS_MEASURED)
        assert truth["gender"] in ("F", "M", None)
        assert truth["education_level"] in corpus_sealed4.LEVELS
        assert truth["role_category"] in ROLE_CATEGORIES | {None}
        assert set(truth["skills"]) <= SKILL_IDS and truth["skills"] == sorted(set(truth["skills"]))
        assert truth["phone"] is None or re.fullmatch(r"1[3-9]\d{9}", truth["phone"])
        assert truth["birth_year"] is None or 1970 <= truth["birth_year"] <= 2006
        assert truth["expected_salary"] is None or 4000 < truth["expected_salary"] <= 70000
        if truth["education_level"] == "high_school":
            assert truth["field_of_study"] is None
        if truth["current_title"] is None and truth["desired_role"] is None:
            assert truth["role_category"] is None
        if layout == "en_academic_cv":
            assert truth["gender"] is truth["birth_year"] is truth["desired_role"] is truth["expected_salary"] is None
        if layout == "zh_app_export":
            assert truth["birth_year"] is None  # an age is no birth year
        if layout.endswith("application_form"):
            assert truth["expected_salary"] is None and truth["desired_role"] in corpus_sealed4.POSTS.values()


def test_years_of_experience_sum_the_full_time_jobs_and_the_newest_is_current():
    rng = random.Random(11)
    for index in range(400):
        p = person(rng, english=index % 2 == 0, today=TODAY)
        full_time = sorted((job for job in p["_jobs"] if not job["intern"]), key=lambda job: job["start"])
        months = sum((NOW if job["end"] is None else job["end"]) - job["start"] for job in full_time)
        assert p["years_experience"] == months // 12
        for before, after in zip(full_time, full_time[1:], strict=False):
            assert before["end"] is not None and before["end"] <= after["start"]  # no overlap
        language = 1 if index % 2 == 0 else 0
        for job in p["_jobs"]:
            assert job["start"] < (NOW if job["end"] is None else job["end"]) <= NOW
            intern_word = "实习" in job["title"][0] and "Intern" in job["title"][1]
            assert intern_word is job["intern"]
        if full_time:
            newest = full_time[-1]
            assert newest["end"] is None
            assert p["current_employer"] == newest["employer"]["en" if language else "zh"]
            assert p["current_title"] == newest["title"][language]
            assert p["role_category"] == newest["track"]
            assert all(job["start"] >= p["_stages"][-1]["end"] for job in full_time)  # work begins after school
        else:
            assert p["current_employer"] is p["current_title"] is None and p["years_experience"] == 0
        levels = [stage["level"] for stage in p["_stages"]]
        assert p["education_level"] == max(levels, key=corpus_sealed4.LEVELS.index) == levels[-1]
        for stage in p["_stages"]:
            assert stage["start"] < stage["end"] <= NOW


def test_what_the_truth_states_is_on_the_page(text_samples):
    for layout, fmt, p, data in text_samples:
        text = _text_of(data, fmt)
        flat = _flat(text)
        where = f"{layout}.{fmt}"
        for key in ("full_name", "contact_email", "current_employer", "current_title", "desired_role", "field_of_study"):
            if p[key] is not None:
                assert _flat(p[key]) in flat, (where, key, p[key])
        if p["phone"]:
            assert p["phone"] in _mobiles(text), where
        if p["birth_year"]:
            assert str(p["birth_year"]) in text, where
        if p["city"]:
            shown = corpus_sealed4._city_pinyin(p["city"]).lower() if _english(layout) else p["city"]
            assert shown in flat, where
        if p["gender"]:
            assert re.search(r"男|女|♂|♀|\bMale\b|\bFemale\b", text), where
        if p["years_experience"] and layout == "zh_app_export":
            assert f"{p['years_experience']}年经验" in text


def test_fields_a_page_does_not_state_are_none(text_samples):
    for layout, fmt, p, data in text_samples:
        text = _text_of(data, fmt)
        where = f"{layout}.{fmt}"
        if p["phone"] is None:
            assert not _mobiles(text), where  # none, or masked as 138****5678
        if p["contact_email"] is None:
            assert "@" not in text, where
        if p["gender"] is None:
            assert not re.search(r"性别|♂|♀|Gender|Sex", text), where
            assert not re.search(r"(^|[|:：])\s*[男女]\s*(\||$)", text, re.M), where
        if p["birth_year"] is None:
            assert not re.search(r"出生|Date of birth|Date of Birth", text), where
        if p["province"] is None:
            assert not re.search(r"现居|现住址|住址|Location", text), where
            if _english(layout):
                assert ", China" not in text and not re.search(r"· [A-Z][a-z']+, [A-Z][a-z]+ ·", text), where
        if p["desired_role"] is None:
            assert not re.search(r"求职期望|求职意向|应征职位|报考岗位|Looking for|Target position", text) or (
                layout == "zh_app_export" and "求职期望" in text and p["_pay"]  # only the pay is wished for
            ), where
        if p["expected_salary"] is None and p["_pay"] and p["_pay"][0] != "negotiable":
            assert not re.search(PAY_WORDS, text), where


def test_salary_texts_and_their_truth_agree():
    rng = random.Random(3)
    cases = [
        (("month", 18000, None), 18000, ["18000元/月", "月薪1.8万", "18000/月"], "每月人民币18,000元", "18K"),
        (("range", 15000, 20000), 15000, ["15000-20000元/月", "1.5-2万/月", "15-20K"], "月薪人民币15,000至20,000元", "15-20K"),
        (("year", 360000, None), 30000, ["年薪36万"], "年薪人民币36万元", "年薪36万"),
        (("year", 300000, 360000), 25000, ["年薪30-36万"], "年薪人民币30万元至36万元", "年薪30万-36万"),
        (("months", 15000, 14), 15000, ["15K·14薪", "月薪15000元，14薪"], "月薪人民币15,000元（14个月）", "15K·14薪"),
        (("negotiable", None, None), None, ["面议"], "可商议 Negotiable", "面议"),
    ]
    for pay, truth, zh_forms, hk, app in cases:
        assert corpus_sealed4._pay_truth(pay) == truth
        assert {corpus_sealed4._pay_zh(pay, rng) for _ in range(40)} == set(zh_forms)
        assert corpus_sealed4._pay_hk(pay) == hk and corpus_sealed4._pay_app(pay) == app
    assert corpus_sealed4._pay_en(("range", 15000, 20000), random.Random(1)) in (
        "RMB 15,000–20,000 per month",
        "15k–20k RMB/month",
    )
    assert corpus_sealed4._pay_truth(None) is None
    for index in range(600):
        p = person(rng, english=index % 2 == 0, today=TODAY)
        pay = p["_pay"]
        if pay and pay[0] == "year":
            assert pay[1] % 12 == 0 and pay[1] % 10000 == 0  # 年薪N万 divides into whole yuan a month
        if pay and pay[0] in ("range", "year") and pay[2] is not None:
            assert pay[2] > pay[1]
        assert p["expected_salary"] == corpus_sealed4._pay_truth(pay)


def test_generation_is_deterministic_for_a_seed(one_each):
    again = _samples(1, seed=5)
    for (layout, fmt, p, data), (_layout, _fmt, q, other) in zip(one_each, again, strict=True):
        assert p == q, layout
        if fmt == "docx":
            assert _docx_text(data) == _docx_text(other), layout
        else:
            assert data == other, (layout, fmt)
    assert [s[2]["full_name"] for s in _samples(1, seed=6)] != [s[2]["full_name"] for s in one_each]


def test_people_of_a_layout_do_not_depend_on_the_layouts_selected():
    wanted = ("en_markdown",)
    alone = [(s.name, s.truth) for s in corpus.corpus(wanted, per_cell=1, ocr_per_cell=1)]
    text_layouts = tuple(layout for layout in SEALED4_HELD_OUT if not _scanned(layout))
    among = [(s.name, s.truth) for s in corpus.corpus(text_layouts, per_cell=1, ocr_per_cell=1) if s.layout in wanted]
    assert alone == among and alone


def test_descriptions_and_self_evaluations_name_no_vocabulary_skill():
    texts = [text for pool in corpus_sealed4.DESCRIPTIONS.values() for pair in pool for text in pair]
    texts += [text for pool in corpus_sealed4.PROJECTS.values() for pair in pool for text in pair]
    texts += [text for interests, papers in corpus_sealed4.RESEARCH.values() for text in interests + papers]
    texts += corpus_sealed4.STRENGTHS + corpus_sealed4.SUMMARIES + corpus_sealed4.AWARDS_ZH + corpus_sealed4.AWARDS_EN
    for text in texts:
        assert not _vocabulary_hits(text), (text, _vocabulary_hits(text))


def test_skill_items_map_to_their_vocabulary_id_or_to_none():
    pools = [item for pool in corpus_sealed4.SKILLS.values() for item in pool]
    pools += corpus_sealed4.COMMON_SKILLS + corpus_sealed4.LANGUAGES + corpus_sealed4.CERTIFICATES
    for zh, en, skill, _kind in pools:
        for shown in (zh, en):
            if skill is None:
                assert not _vocabulary_hits(shown), shown  # a spelling outside the vocabulary is no id
            else:
                assert skill in SKILL_IDS and skill in _vocabulary_hits(shown), shown


def test_people_live_in_any_prefecture_of_the_division_list():
    rng = random.Random(17)
    people = [person(rng, english=False, today=TODAY) for _ in range(400)]
    places = {(place["province"], place["city"]) for place in corpus_sealed4.PLACES}
    assert len(places) > 330  # every prefecture of the mainland, municipalities as one
    assert {("云南", "西双版纳"), ("北京", "北京"), ("内蒙古", "锡林郭勒"), ("新疆", "伊犁")} <= places
    lived = [(p["province"], p["city"]) for p in people]
    assert set(lived) <= places and len(set(lived)) > 150
    big = sum(city in corpus_sealed4.BIG_CITIES for _province, city in lived) / len(lived)
    assert 0.18 < big < 0.4
