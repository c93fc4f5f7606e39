"""The third sealed corpus family as a generator: valid files, consistent truth, deterministic output.

These tests look at the generated resumes and their truth only; they never run the parser.
"""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

import pytest

from tests.consent import corpus, corpus_sealed3
from tests.consent.corpus_sealed3 import SEALED3_HELD_OUT, document, formats, person

TODAY = corpus.TODAY
VOCABULARY = json.loads((Path(__file__).resolve().parents[2] / "privacy" / "data" / "skills.json").read_text())["skills"]
SKILL_IDS = {skill["id"] for skill in VOCABULARY}
ROLE_CATEGORIES = {"engineering", "data", "product", "sales", "finance", "hr", "operations"}
LEVELS = {"high_school", "associate", "bachelor", "master", "doctorate"}


def _english(layout: str) -> bool:
    return "_en_" in f"_{layout}_"


def _scanned(layout: str) -> bool:
    return layout.startswith(("scan_", "photo_"))


def _docx_text(data: bytes) -> str:
    from docx import Document

    def cells(table) -> list[str]:
        out = []
        for row in table.rows:
            for cell in row.cells:
                out += [p.text for p in cell.paragraphs]
                for inner in cell.tables:
                    out += cells(inner)
        return out

    document_ = Document(io.BytesIO(data))
    texts = [p.text for p in document_.paragraphs]
    for table in document_.tables:
        texts += cells(table)
    return "\n".join(texts)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _text_of(data: bytes, fmt: str) -> str:
    return {"pdf": _pdf_text, "docx": _docx_text, "txt": lambda d: d.decode("utf-8")}[fmt](data)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _samples(per_format: int, seed: int = 20261201, layouts=SEALED3_HELD_OUT):
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
    return _samples(1, seed=7)


@pytest.fixture(scope="module")
def text_samples():
    return _samples(4, layouts=tuple(layout for layout in SEALED3_HELD_OUT if not _scanned(layout)))


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


def test_layouts_and_formats_are_as_the_harness_expects():
    assert len(SEALED3_HELD_OUT) == len(set(SEALED3_HELD_OUT)) == 8
    assert set(SEALED3_HELD_OUT) <= set(corpus.LAYOUTS)
    assert all(corpus.LAYOUTS.count(layout) == 1 for layout in SEALED3_HELD_OUT)  # no other family's layout
    assert corpus_sealed3.SEALED3_SEED not in (corpus.TUNED_SEED, corpus.HELD_OUT_SEED)
    for layout in SEALED3_HELD_OUT:
        assert formats(layout) and set(formats(layout)) <= {"pdf", "docx", "txt", "jpg", "png"}
        if _scanned(layout):
            assert "txt" not in formats(layout) and "docx" not in formats(layout)
    assert {layout for layout in SEALED3_HELD_OUT if _english(layout)} == {
        "en_linkedin_export", "en_europass", "en_skills_matrix",
    }  # fmt: skip


def test_every_document_is_a_valid_file_of_its_format(one_each):
    from docx import Document
    from PIL import Image
    from pypdf import PdfReader

    for layout, fmt, _p, data in one_each:
        if fmt == "pdf":
            text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
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
            assert picture.size[0] >= 1200 and picture.size[1] >= 1700


def test_the_truth_has_exactly_the_measured_fields_and_legal_values(text_samples, one_each):
    for layout, _fmt, p, _data in text_samples + one_each:
        truth = {key: value for key, value in p.items() if not key.startswith("_")}
        assert set(truth) == set(corpus.FIELDS_MEASURED)
        assert truth["gender"] in ("F", "M", None)
        assert truth["education_level"] in LEVELS
        assert truth["role_category"] in ROLE_CATEGORIES | {None}
        assert set(truth["skills"]) <= SKILL_IDS and truth["skills"] == sorted(set(truth["skills"]))
        assert truth["phone"] is None or re.fullmatch(r"1\d{10}", truth["phone"])
        assert truth["birth_year"] is None or 1960 <= truth["birth_year"] <= 2006
        assert truth["expected_salary"] is None or 4000 < truth["expected_salary"] <= 70000
        if truth["education_level"] == "high_school":
            assert truth["field_of_study"] is None
        if layout == "en_linkedin_export":
            assert truth["gender"] is truth["birth_year"] is truth["desired_role"] is truth["expected_salary"] is None


def test_years_of_experience_sum_the_full_time_jobs_and_the_newest_is_current():
    rng = random.Random(11)
    now = TODAY.year * 12 + TODAY.month - 1
    for index in range(400):
        p = person(rng, english=index % 2 == 0, today=TODAY)
        full_time = sorted((job for job in p["_jobs"] if not job["intern"]), key=lambda job: job["start"])
        months = sum((now if job["end"] is None else job["end"]) - job["start"] for job in full_time)
        assert p["years_experience"] == months // 12
        for before, after in zip(full_time, full_time[1:], strict=False):
            assert before["end"] is not None and before["end"] <= after["start"]  # no overlap
        for job in p["_jobs"]:
            assert job["start"] < (now if job["end"] is None else job["end"]) <= now
            if job["intern"]:
                assert "实习" in job["title"] or "Intern" in job["title"]
            else:
                assert "实习" not in job["title"] and "Intern" not in job["title"]
        if full_time:
            newest = full_time[-1]
            assert newest["end"] is None
            assert p["current_employer"] == newest["employer"]["name"] and p["current_title"] == newest["title"]
            assert p["role_category"] == newest["track"][0]
        else:
            assert p["current_employer"] is p["current_title"] is None and p["years_experience"] == 0
        top = max(p["_stages"], key=lambda s: ["high_school", "associate", "bachelor", "master", "doctorate"].index(s["level"]))
        assert p["education_level"] == top["level"]
        for stage in p["_stages"]:
            assert stage["start"] < stage["end"] <= now


def test_what_the_truth_states_is_on_the_page(text_samples):
    for layout, fmt, p, data in text_samples:
        text = _text_of(data, fmt)
        flat = _flat(text)
        where = f"{layout}.{fmt}"
        for key in ("full_name", "contact_email", "current_employer", "current_title", "desired_role", "field_of_study"):
            if p[key] is not None:
                assert _flat(p[key]) in flat, (where, key, p[key])
        if p["phone"]:
            assert p["phone"] in re.sub(r"\D", "", flat), where
        else:
            assert not re.search(r"1[3-9]\d{9}", re.sub(r"[\s+()-]", "", flat)), where
        if p["birth_year"] is not None:
            assert str(p["birth_year"]) in flat, where
        place = p["_place"]
        if p["city"] is not None:
            assert _flat(place["city_en"] if p["_english"] else place["city"]) in flat, where
        for skill in p["skills"]:
            spellings = [s.lower() for s in sum(corpus_sealed3._SPELLINGS.get(skill, ([], [])), [])]
            assert any(_flat(s) in flat for s in spellings) or skill in _vocabulary_hits(text), (where, skill)


def test_fields_a_page_does_not_state_are_none(text_samples):
    for layout, fmt, p, data in text_samples:
        text = _text_of(data, fmt)
        if layout == "en_europass":
            assert ("Gender" in text) == (p["gender"] is not None)
            assert ("Desired employment" in text) == (p["desired_role"] is not None)
            if "Expected salary" not in text:
                assert p["expected_salary"] is None
        if layout == "zh_one_table":
            assert ("现居住地" in text) == (p["city"] is not None)
        if layout == "zh_symbol_marked" and fmt == "txt":
            assert (text.split("\n")[1].split(" ｜ ")[0] in ("男", "女")) == (p["gender"] is not None)
        if layout == "en_skills_matrix":
            assert p["gender"] is None
            assert ("Target role" in text) == (p["desired_role"] is not None)
        if "面议" in text or "negotiable" in text:
            assert p["expected_salary"] is None


def _read_salary(text: str) -> int | None:
    """An independent reading of a pay text by the docstring's rules."""
    if text in ("面议", "negotiable"):
        return None
    numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]
    first = numbers[0]
    low = text.lower()
    if "万" in text:
        first *= 10000
    elif re.search(r"\d\s*k", low):
        first *= 1000
    if "年薪" in text or "year" in low or "annum" in low:
        first /= 12
    return round(first)


def test_salary_texts_and_their_truth_agree():
    rng = random.Random(5)
    for amount in (5000, 6000, 8000, 10000, 12000, 15000, 18000, 20000, 25000, 30000, 35000, 40000, 50000):
        for _ in range(30):
            for text, truth in (corpus_sealed3._salary_zh(amount, rng), corpus_sealed3._salary_zh(amount, rng, True),
                                corpus_sealed3._salary_en(amount, rng)):  # fmt: skip
                text = re.sub(r"·\d+薪", "", text)  # "15K·14薪": the monthly figure is the first number
                assert _read_salary(text) == truth, (amount, text, truth)
    assert corpus_sealed3._salary_zh(15000, random.Random(0), True)[1] in (15001, None)


def test_generation_is_deterministic_for_a_seed(one_each):
    first, second = one_each, _samples(1, seed=7)
    for (layout, fmt, p, data), (_l, _f, q, other) in zip(first, second, strict=True):
        assert {k: v for k, v in p.items() if not k.startswith("_")} == {k: v for k, v in q.items() if not k.startswith("_")}
        if fmt in ("jpg", "png", "txt") or (fmt == "pdf" and not _scanned(layout)):
            assert data == other, (layout, fmt)
        elif fmt == "docx":
            assert _docx_text(data) == _docx_text(other)
    rng, other_rng = random.Random(7), random.Random(8)
    assert [person(rng, False, TODAY)["full_name"] for _ in range(5)] != [
        person(other_rng, False, TODAY)["full_name"] for _ in range(5)
    ]


def test_descriptions_and_self_evaluations_name_no_vocabulary_skill():
    texts = [line for zh, en in corpus_sealed3._DUTIES.values() for line in zh + en]
    texts += corpus_sealed3._INTERN_DUTIES[0] + corpus_sealed3._INTERN_DUTIES[1]
    texts += [part for projects in corpus_sealed3._PROJECTS.values() for project in projects for part in project]
    texts += corpus_sealed3._SELF_ZH + corpus_sealed3._SELF_EN + [h for pair in corpus_sealed3._HOBBIES for h in pair]
    for text in texts:
        assert not _vocabulary_hits(text), text
    for track in corpus_sealed3._TRACKS:
        assert set(track[5]) <= SKILL_IDS and set(track[5]) <= set(corpus_sealed3._SPELLINGS)
        for other in track[6]:
            assert not _vocabulary_hits(other), other  # spellings outside the vocabulary are no ids
    for skill, (zh, en) in corpus_sealed3._SPELLINGS.items():
        for spelling in zh + en:
            assert skill in _vocabulary_hits(spelling), (skill, spelling)
    for certs in corpus_sealed3._CERTS.values():
        for zh, en, zh_id, en_id in certs:
            assert _vocabulary_hits(zh) == ({zh_id} if zh_id else set()), zh
            assert _vocabulary_hits(en) == ({en_id} if en_id else set()), en


def test_people_live_in_any_prefecture_of_the_division_list():
    listed, by_city = corpus_sealed3._places()
    assert len(listed) > 300
    assert {"西双版纳", "延边", "大兴安岭", "克孜勒苏", "锡林郭勒", "海西"} <= set(by_city)
    assert by_city["西双版纳"]["province"] == "云南" and by_city["重庆"]["province"] == "重庆"
    for place in listed:
        assert not place["city"].endswith(("自治州", "地区", "盟")) and not place["province"].endswith(("省", "自治区"))
    rng = random.Random(3)
    people = [person(rng, english=False, today=TODAY) for _ in range(300)]
    assert len({p["province"] for p in people}) >= 25
    assert len({p["city"] for p in people}) >= 150
