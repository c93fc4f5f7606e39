"""The fifth sealed corpus family as a generator: valid files, consistent truth, deterministic output.

These tests look at the generated resumes and their truth only; they never run the parser.
"""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

import pytest

from tests.consent import corpus, corpus_sealed5
from tests.consent.corpus_sealed5 import SEALED5_HELD_OUT, document, formats, person

TODAY = corpus.TODAY
NOW = TODAY.year * 12 + TODAY.month - 1
VOCABULARY = json.loads((Path(__file__).resolve().parents[2] / "privacy" / "data" / "skills.json").read_text())["skills"]
SKILL_IDS = {skill["id"] for skill in VOCABULARY}
ROLE_CATEGORIES = {"engineering", "data", "product", "sales", "finance", "hr", "operations"}
LEVELS = ["high_school", "associate", "bachelor", "master", "doctorate"]


def _english(layout: str) -> bool:
    return "_en_" in f"_{layout}_"


def _scanned(layout: str) -> bool:
    return layout.startswith(("scan_", "photo_"))


def _docx_text(data: bytes) -> str:
    from docx import Document

    document_ = Document(io.BytesIO(data))
    texts = [p.text for p in document_.paragraphs]
    for table in document_.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _text_of(data: bytes, fmt: str) -> str:
    return {"pdf": _pdf_text, "docx": _docx_text, "txt": lambda d: d.decode("utf-8")}[fmt](data)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _samples(per_format: int, seed: int = 20261204, layouts=SEALED5_HELD_OUT):
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
    return _samples(5, layouts=tuple(layout for layout in SEALED5_HELD_OUT if not _scanned(layout)))


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


def test_layouts_formats_and_seed_are_the_familys_own():
    assert len(SEALED5_HELD_OUT) == len(set(SEALED5_HELD_OUT)) == 8
    assert set(SEALED5_HELD_OUT) <= set(corpus.LAYOUTS)
    assert not set(SEALED5_HELD_OUT) & (set(corpus.LAYOUTS) - set(corpus.SEALED5_HELD_OUT))
    others = [corpus.TUNED_SEED, corpus.HELD_OUT_SEED]
    for name in ("corpus_new", "corpus_fresh", "corpus_unseen", "corpus_sealed", "corpus_sealed2", "corpus_sealed3"):
        module = __import__(f"tests.consent.{name}", fromlist=["_"])
        others += [value for key, value in vars(module).items() if key.endswith("_SEED")]
    assert corpus_sealed5.SEALED5_SEED not in others
    for layout in SEALED5_HELD_OUT:
        assert formats(layout) and set(formats(layout)) <= {"pdf", "docx", "txt", "jpg", "png"}
        if _scanned(layout):
            assert "txt" not in formats(layout) and "docx" not in formats(layout)
    cells = sum((2 if _scanned(layout) else 6) * len(formats(layout)) for layout in SEALED5_HELD_OUT)
    assert 85 <= cells <= 110  # as many resumes as the harness draws


def test_every_document_is_a_valid_file_of_its_format(one_each):
    from docx import Document
    from PIL import Image
    from pypdf import PdfReader

    assert {(layout, fmt) for layout, fmt, _p, _d in one_each} == {
        (layout, fmt) for layout in SEALED5_HELD_OUT for fmt in formats(layout)
    }
    for layout, fmt, _p, data in one_each:
        if fmt == "pdf":
            reader = PdfReader(io.BytesIO(data))
            text = "".join(page.extract_text() or "" for page in reader.pages)
            if _scanned(layout):
                assert not text.strip(), layout  # image-only: no text layer
                assert reader.pages[0].images
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
    for _layout, _fmt, p, _data in text_samples + one_each:
        truth = {key: value for key, value in p.items() if not key.startswith("_")}
        assert set(truth) == set(corpus.FIELDS_MEASURED)
        assert truth["gender"] in ("F", "M", None)
        assert truth["education_level"] in LEVELS
        assert truth["role_category"] in ROLE_CATEGORIES | {None}
        assert set(truth["skills"]) <= SKILL_IDS and truth["skills"] == sorted(set(truth["skills"]))
        assert truth["phone"] is None or re.fullmatch(r"1[3-9]\d{9}", truth["phone"])
        assert truth["birth_year"] is None or 1960 <= truth["birth_year"] <= 2006
        assert truth["expected_salary"] is None or 4000 < truth["expected_salary"] <= 70000
        assert truth["phone"] or truth["contact_email"]
        if truth["education_level"] == "high_school":
            assert truth["field_of_study"] is None


def test_the_trade_form_gives_trades_and_the_waiqi_resume_english_jobs(text_samples):
    trades = {title for track in corpus_sealed5._TRADE for title in track[1]}
    for layout, _fmt, p, _data in text_samples:
        titles = [job["title"].removesuffix("实习生") for job in p["_jobs"]]
        if layout == "zh_trade_form":
            assert set(titles) <= trades
        if layout in ("zh_waiqi_mixed", "en_short_dates", "en_two_column_flow"):
            assert not re.search(r"[\u4e00-\u9fff]", " ".join(titles) + (p["current_employer"] or ""))


def test_years_of_experience_sum_the_full_time_jobs_and_the_newest_is_current():
    rng = random.Random(11)
    layouts = ("zh_dense_contact", "zh_trade_form", "zh_waiqi_mixed", "en_short_dates")
    for index in range(400):
        layout = layouts[index % len(layouts)]
        p = person(rng, english=_english(layout), today=TODAY)
        corpus_sealed5._fit(p, layout)
        full_time = sorted((job for job in p["_jobs"] if not job["intern"]), key=lambda job: job["start"])
        months = sum((NOW if job["end"] is None else job["end"]) - job["start"] for job in full_time)
        assert p["years_experience"] == months // 12
        for before, after in zip(full_time, full_time[1:], strict=False):
            assert before["end"] is not None and before["end"] <= after["start"]  # no overlap
        for job in p["_jobs"]:
            assert job["start"] < (NOW if job["end"] is None else job["end"]) <= NOW
            assert job["intern"] == ("实习" in job["title"] or "Intern" in job["title"])
        if full_time:
            newest = full_time[-1]
            assert newest["end"] is None
            assert p["current_employer"] == newest["employer"] and p["current_title"] == newest["title"]
            assert p["role_category"] is None or p["role_category"] in ROLE_CATEGORIES
        else:
            assert p["current_employer"] is p["current_title"] is None and p["years_experience"] == 0
            assert p["desired_role"] is not None or p["role_category"] is None
        top = max(p["_stages"], key=lambda stage: LEVELS.index(stage["level"]))
        assert p["education_level"] == top["level"] and p["_stages"][-1] is top
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
            assert p["phone"] in re.sub(r"\D", "", flat), where
        else:
            assert not re.search(r"(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)", text), where
        if p["birth_year"] is not None:
            assert str(p["birth_year"]) in flat, where
        place = p["_place"]
        if p["city"] is not None:
            assert _flat(place["city_en"] if _english(layout) else place["city"]) in flat, where
        if p["_pay_text"]:
            assert _flat(p["_pay_text"]) in flat, where
        for skill in p["skills"]:
            shown = [spelling for shown_skill, spelling in p["_skills_shown"] if shown_skill == skill]
            shown += [cert for cert, cert_id in p["_certs"] if cert_id == skill]
            assert shown and all(_flat(spelling) in flat for spelling in shown), (where, skill)


def test_fields_a_page_does_not_state_are_none(text_samples):
    for layout, fmt, p, data in text_samples:
        text = _text_of(data, fmt)
        where = f"{layout}.{fmt}"
        if not p["_show"]["city"]:
            assert p["city"] is p["province"] is None
            assert "现居" not in text and "现住址" not in text and ", China" not in text, where
        if not p["_show"]["gender"]:
            assert p["gender"] is None
            assert not re.search(r"Female|Male|性\s*别|[|｜·/]\s*[男女]\s*[|｜·/]", text), where
        if not p["_show"]["birth"]:
            assert p["birth_year"] is None and "出生" not in text and "Born" not in text, where
        if p["desired_role"] is None:
            assert not re.search(r"期望职位|意向岗位|应聘岗位|Position:|Seeking|Target role", text), where
        if "面议" in text or "Negotiable" in text or not p["_pay_text"]:
            assert p["expected_salary"] is None, where


def _read_salary(text: str) -> int | None:
    """An independent reading of a pay text by the docstring's rules."""
    if text in ("面议", "Negotiable"):
        return None
    first = float(re.findall(r"\d[\d,]*(?:\.\d+)?", text)[0].replace(",", ""))
    if "万" in text:
        first *= 10000
    elif re.search(r"\d\s*k", text.lower()):
        first *= 1000
    if "年薪" in text or "year" in text:
        first /= 12
    return round(first)


def test_salary_texts_and_their_truth_agree():
    rng = random.Random(5)
    for amount in (5000, 6000, 8000, 10000, 12000, 15000, 18000, 20000, 25000, 33000, 40000, 60000):
        for _ in range(40):
            for text, truth in (corpus_sealed5._pay_zh(amount, rng), corpus_sealed5._pay_en(amount, rng)):
                assert _read_salary(re.sub(r"×\d+薪", "", text)) == truth, (amount, text, truth)
                assert truth is None or truth <= amount


def test_generation_is_deterministic_for_a_seed(one_each):
    second = _samples(1, seed=7)
    for (layout, fmt, p, data), (_l, _f, q, other) in zip(one_each, second, strict=True):
        assert {k: v for k, v in p.items() if not k.startswith("_")} == {k: v for k, v in q.items() if not k.startswith("_")}
        if fmt in ("jpg", "png", "txt") or (fmt == "pdf" and not _scanned(layout)):
            assert data == other, (layout, fmt)
        elif fmt == "docx":
            assert _docx_text(data) == _docx_text(other)
    rng, other_rng = random.Random(7), random.Random(8)
    assert [person(rng, False, TODAY)["full_name"] for _ in range(5)] != [
        person(other_rng, False, TODAY)["full_name"] for _ in range(5)
    ]


def test_a_layouts_people_do_not_depend_on_the_layouts_drawn():
    chosen = ("zh_trade_form",)
    everything = [s for s in corpus.corpus(SEALED5_HELD_OUT[:4], per_cell=1) if s.layout in chosen]
    alone = corpus.corpus(chosen, per_cell=1)
    assert [s.truth for s in everything] == [s.truth for s in alone] and alone


def test_duties_self_evaluations_extras_and_certificates_name_no_vocabulary_skill():
    texts = list(corpus_sealed5._SELF_ZH + corpus_sealed5._SELF_EN + corpus_sealed5._INTERN_ZH + corpus_sealed5._INTERN_EN)
    for track in corpus_sealed5._OFFICE:
        texts += track[10] + track[11] + track[9]
        assert set(track[8]) <= SKILL_IDS
    for track in corpus_sealed5._TRADE:
        texts += track[9] + track[7]
        assert set(track[6]) <= SKILL_IDS
        for cert, cert_id in track[8]:
            assert cert_id is None or cert_id in SKILL_IDS
            if cert_id is None:
                texts.append(cert)
    texts += ["Mandarin (native)"]
    for text in texts:
        assert not _vocabulary_hits(text.format(city="襄阳")), text
    assert set(corpus_sealed5._SKILL_SPELLINGS) <= SKILL_IDS


def test_people_live_in_any_prefecture_of_the_division_list():
    listed, by_city = corpus_sealed5._places()
    assert len(listed) > 300
    assert {"西双版纳", "延边", "大兴安岭", "克孜勒苏", "锡林郭勒", "海西", "恩施", "黔东南"} <= set(by_city)
    assert by_city["西双版纳"]["province"] == "云南" and by_city["重庆"]["province"] == "重庆"
    for place in listed:
        assert not place["city"].endswith(("自治州", "地区", "盟")) and not place["province"].endswith(("省", "自治区"))
    rng = random.Random(3)
    people = [person(rng, english=False, today=TODAY) for _ in range(300)]
    assert len({p["_place"]["province"] for p in people}) >= 25
    assert len({p["_place"]["city"] for p in people}) >= 150
    big = sum(p["_place"]["city"] in corpus_sealed5._BIG for p in people)
    assert 50 <= big <= 110  # about a quarter in the big cities
