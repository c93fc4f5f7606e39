"""The sixth sealed family's generator: the truth it records is on its pages, read without the project's intake."""

from __future__ import annotations

import io
import json
import random
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from tests.consent import corpus, corpus_sealed6
from tests.consent.corpus_sealed6 import SEALED6_HELD_OUT

SKILLS_JSON = Path(__file__).resolve().parents[2] / "privacy" / "data" / "skills.json"
SCANNED = tuple(layout for layout in SEALED6_HELD_OUT if layout.startswith(("scan_", "photo_")))
TEXT_LAYOUTS = tuple(layout for layout in SEALED6_HELD_OUT if layout not in SCANNED)
# How a Traditional page writes skills a reader maps to the vocabulary (the vocabulary itself is simplified).
TRADITIONAL_TERMS = {
    "機器學習": "machine_learning", "深度學習": "deep_learning", "統計學": "statistics", "數據分析": "data_analysis",
    "產品規劃": "product_management", "使用者研究": "ux_research", "介面設計": "ui_design", "專案管理": "project_management",
    "商務談判": "negotiation", "客戶服務": "customer_service", "市場行銷": "marketing", "會計": "accounting",
    "財務分析": "financial_analysis", "審計": "auditing", "稅務": "tax", "數位行銷": "digital_marketing",
    "文案撰寫": "content_writing", "電商營運": "ecommerce_operations", "招募": "recruiting", "教育訓練": "training",
    "薪資核算": "payroll", "溝通協調": "communication", "英文": "english", "汽車駕照": "driving",
}  # fmt: skip


@cache
def samples() -> tuple:
    return tuple(corpus.corpus(SEALED6_HELD_OUT))


@cache
def vocabulary() -> tuple[tuple[str, str], ...]:
    """(term, id) pairs, longest first, so that "Digital Marketing" is read as one skill and not also "marketing"."""
    pairs = {}
    for skill in json.loads(SKILLS_JSON.read_text(encoding="utf-8"))["skills"]:
        for term in (skill["id"].replace("_", " "), skill["en"], skill["zh"], *skill["synonyms"]):
            pairs[term.lower()] = skill["id"]
    pairs.update(TRADITIONAL_TERMS)
    return tuple(sorted(pairs.items(), key=lambda pair: -len(pair[0])))


def named_skills(text: str) -> set[str]:
    """The vocabulary skills a page names: ASCII terms as whole words, Chinese terms anywhere; each span once."""
    text = re.sub(r"\s+", " ", text.lower())
    text = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text)  # a line wrapped inside Chinese words
    found = set()
    for term, skill in vocabulary():
        if term.isascii():
            pattern = r"(?<![a-z0-9+#.])" + re.escape(term) + r"(?![a-z0-9+#])"
        else:
            pattern = re.escape(term)
        if re.search(pattern, text):
            found.add(skill)
            text = re.sub(pattern, " ", text)
    return found


def page_text(sample) -> str:
    if sample.fmt == "txt":
        return sample.data.decode("utf-8")
    if sample.fmt == "docx":
        from docx import Document

        doc = Document(io.BytesIO(sample.data))
        parts = [p.text for section in doc.sections for p in section.header.paragraphs]
        parts += [p.text for p in doc.paragraphs]
        parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(sample.data)).pages)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def salary_forms(monthly: int) -> list[str]:
    forms = [f"{monthly // 1000}K", f"{monthly // 1000}-", f"{monthly}元", f"{monthly:,}", f"{monthly / 10000:g}万/月"]
    if monthly * 12 % 60000 == 0:
        forms += [f"期望年薪：{monthly * 12 // 10000}万", f"期望年薪{monthly * 12 // 10000}万"]
    forms.append(f"{monthly * 12:,}peryear")
    return [squeeze(form) for form in forms]


def test_layouts_are_new_unique_and_named_by_the_rules():
    counts = Counter(corpus.LAYOUTS)
    assert all(counts[layout] == 1 for layout in SEALED6_HELD_OUT)
    assert ("sealed6_held_out", SEALED6_HELD_OUT) in corpus.GROUPS
    assert "sealed6_held_out" in corpus.OPENABLE  # opened for tuning after its summary figures
    assert len(SEALED6_HELD_OUT) == 8
    for layout in SCANNED:
        assert set(corpus_sealed6.formats(layout)) <= {"pdf", "jpg", "png"}
    for layout in TEXT_LAYOUTS:
        assert set(corpus_sealed6.formats(layout)) <= {"pdf", "docx", "txt"}


def test_seed_is_its_own():
    seeds = [corpus.TUNED_SEED, corpus.HELD_OUT_SEED]
    for name in dir(corpus):
        module = getattr(corpus, name)
        if name.startswith("corpus_") and module is not corpus_sealed6:
            seeds += [getattr(module, attr) for attr in dir(module) if attr.endswith("_SEED")]
    assert len(seeds) >= 9
    assert corpus_sealed6.SEALED6_SEED not in seeds


def test_every_layout_and_format_is_drawn():
    drawn = Counter((s.layout, s.fmt) for s in samples())
    for layout in SEALED6_HELD_OUT:
        for fmt in corpus_sealed6.formats(layout):
            assert drawn[(layout, fmt)] >= 2, (layout, fmt)
    assert len({s.name for s in samples()}) == len(samples())


def test_truth_has_every_measured_field_with_sane_values():
    vocabulary_ids = {skill["id"] for skill in json.loads(SKILLS_JSON.read_text(encoding="utf-8"))["skills"]}
    for sample in samples():
        truth = sample.truth
        assert set(corpus.FIELDS_MEASURED) <= set(truth), sample.name
        assert truth["full_name"]
        assert truth["phone"] is None or re.fullmatch(r"1[3-9]\d{9}", truth["phone"])
        assert "@" in truth["contact_email"]
        assert truth["gender"] in ("F", "M", None)
        assert truth["education_level"] in ("high_school", "associate", "bachelor", "master", "doctorate")
        assert truth["role_category"] in ("engineering", "data", "product", "sales", "finance", "operations", "hr", "other")
        assert isinstance(truth["years_experience"], int) and 1 <= truth["years_experience"] <= 19
        assert truth["skills"] == sorted(truth["skills"]) and set(truth["skills"]) <= vocabulary_ids
        assert truth["expected_salary"] is None or (
            isinstance(truth["expected_salary"], int) and truth["expected_salary"] >= 1000
        )
        for key in ("province", "city"):
            assert truth[key] is None or not truth[key].endswith(("省", "市"))
        assert (truth["province"] is None) == (truth["city"] is None)
        english = "_en_" in f"_{sample.layout}_"
        assert truth["full_name"].isascii() == english, sample.name
        if english:
            assert truth["birth_year"] is None and truth["gender"] is None


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_the_truth_is_on_the_page(layout):
    for sample in (s for s in samples() if s.layout == layout):
        truth, text = sample.truth, page_text(sample)
        flat = squeeze(text)
        where = sample.name
        assert squeeze(truth["full_name"]).lower() in flat.lower(), where
        assert truth["contact_email"] in flat, where
        if truth["phone"]:
            assert truth["phone"] in re.sub(r"[\s\-()]", "", text), where
        assert squeeze(truth["current_employer"]) in flat, where
        assert squeeze(truth["current_title"]) in flat, where
        if truth["desired_role"]:
            assert squeeze(truth["desired_role"]) in flat, where
        if truth["field_of_study"]:
            assert squeeze(truth["field_of_study"]) in flat, where
        if truth["birth_year"]:
            assert str(truth["birth_year"]) in flat or f"民國{truth['birth_year'] - 1911}年" in flat, where
        if truth["gender"] is None:
            assert "性别" not in text and "性別" not in text, where
        if truth["expected_salary"]:
            assert any(form in flat for form in salary_forms(truth["expected_salary"])), where
        if truth["city"]:
            spelled = {s["city"]: s["en_city"] for s in corpus_sealed6.PLACES}
            assert truth["city"] in text or spelled[truth["city"]] in text or layout == "zh_trad_hk_tw", where
        assert named_skills(text) == set(truth["skills"]), (where, named_skills(text), truth["skills"])


def test_years_are_whole_years_from_the_first_start_shown():
    for sample in (s for s in samples() if s.layout in TEXT_LAYOUTS):
        text = page_text(sample)
        years = [int(y) for y in re.findall(r"(?<!\d)(20[0-2]\d)(?!\d)", text)]
        first = corpus.TODAY.year - sample.truth["years_experience"]
        # the first job's start year is on the page, and no job starts earlier (education years may be earlier)
        assert first in years, sample.name
        pattern = r"工作年限：(\d+)年|从业(\d+)年|(\d+)年工作经验|(\d+) years? of experience|工作(\d+)年來"
        stated = [int(next(v for v in match if v)) for match in re.findall(pattern, text)]
        assert all(value == sample.truth["years_experience"] for value in stated), (sample.name, stated)


def test_the_page_header_holds_the_contacts_of_the_word_resume():
    from docx import Document

    for sample in (s for s in samples() if s.layout == "zh_docx_header" and s.fmt == "docx"):
        doc = Document(io.BytesIO(sample.data))
        header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
        body = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
        assert sample.truth["full_name"] in header and sample.truth["contact_email"] in header
        assert sample.truth["full_name"] not in body and sample.truth["contact_email"] not in body
        assert len(doc.tables) == 1 and len(doc.tables[0].columns) == 2
    for sample in (s for s in samples() if s.layout == "zh_docx_header" and s.fmt == "pdf"):
        from pypdf import PdfReader

        for page in PdfReader(io.BytesIO(sample.data)).pages:
            assert sample.truth["contact_email"] in page.extract_text()


def test_scans_and_photos_are_real_images_without_a_text_layer():
    from PIL import Image
    from pypdf import PdfReader

    for sample in (s for s in samples() if s.layout in SCANNED):
        if sample.fmt == "pdf":
            reader = PdfReader(io.BytesIO(sample.data))
            assert all(not (page.extract_text() or "").strip() for page in reader.pages), sample.name
            assert all(page.images for page in reader.pages), sample.name
            continue
        image = Image.open(io.BytesIO(sample.data))
        assert image.format == {"jpg": "JPEG", "png": "PNG"}[sample.fmt]
        width, height = image.size
        if sample.layout.startswith("photo_zh_wechat"):
            assert width == 1080 and height >= 1.8 * width  # a tall phone screen
        else:
            assert 1500 <= width <= 2000 and height >= 1.3 * width  # an A4 page at about 200 dpi
        grey = image.convert("L")
        assert 20 < sum(grey.getdata()) / (width * height) < 250  # neither blank nor black


def test_people_are_drawn_the_same_from_the_same_seed():
    one = corpus_sealed6.person(random.Random(3), english=False, today=corpus.TODAY)
    two = corpus_sealed6.person(random.Random(3), english=False, today=corpus.TODAY)
    assert {k: v for k, v in one.items() if k != "_place"} == {k: v for k, v in two.items() if k != "_place"}


def test_the_skill_reader_reads_a_term_once():
    assert named_skills("Digital Marketing, MySQL, Go") == {"digital_marketing", "mysql", "go"}
    assert named_skills("Golang、英语六级、电商运营") == {"go", "english", "ecommerce_operations"}
    assert named_skills("Managed accounts in Hangzhou") == set()
