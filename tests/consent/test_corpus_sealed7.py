"""The seventh sealed family's generator: the truth it records is on its pages, read without the project's intake."""

from __future__ import annotations

import io
import json
import random
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from tests.consent import corpus, corpus_sealed7
from tests.consent.corpus_sealed7 import SEALED7_HELD_OUT

SKILLS_JSON = Path(__file__).resolve().parents[2] / "privacy" / "data" / "skills.json"
SCANNED = tuple(layout for layout in SEALED7_HELD_OUT if layout.startswith(("scan_", "photo_")))
TEXT_LAYOUTS = tuple(layout for layout in SEALED7_HELD_OUT if layout not in SCANNED)
# The cover letter speaks of the company's hiring (招聘) without naming a skill of the writer's.
HIRING = ("招聘负责人", "招聘网站", "正在招聘")


@cache
def samples() -> tuple:
    return tuple(corpus.corpus(SEALED7_HELD_OUT))


@cache
def vocabulary_ids() -> frozenset[str]:
    return frozenset(skill["id"] for skill in json.loads(SKILLS_JSON.read_text(encoding="utf-8"))["skills"])


@cache
def terms() -> tuple[tuple[str, str], ...]:
    """(term, id), longest first: each skill's vocabulary names (id, English, Chinese) and the family's own wordings."""
    pairs = {}
    for skill in json.loads(SKILLS_JSON.read_text(encoding="utf-8"))["skills"]:
        for term in (skill["id"].replace("_", " "), skill["en"], skill["zh"]):
            pairs[term.lower()] = skill["id"]
    for skill, (zh, en) in corpus_sealed7.SKILL_WORDS.items():
        pairs.update({word.lower(): skill for word in (*zh, *en)})
    for skill, words in corpus_sealed7.WORKER_WORDS.items():
        pairs.update({word.lower(): skill for word in words})
    return tuple(sorted(pairs.items(), key=lambda pair: -len(pair[0])))


def named_skills(text: str) -> set[str]:
    """The skills a page names: ASCII terms as whole words, Chinese terms anywhere; each span read once."""
    text = re.sub(r"\s+", " ", text.lower())
    text = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text)  # a line wrapped inside Chinese words
    found = set()
    for term, skill in terms():
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
        parts = [p.text for section in doc.sections for p in (*section.header.paragraphs, *section.footer.paragraphs)]
        parts += [p.text for p in doc.paragraphs]
        parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(sample.data)).pages)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def salary_forms(monthly: int) -> list[str]:
    k = monthly // 1000
    forms = [f"{k}K", f"{k}k", f"{monthly}元", f"{monthly / 10000:g}万/月", f"月薪{monthly}", f"工资{monthly}",
             f"{monthly}左右", f"{k}千到", f"包吃住{monthly}", f"RMB{k * 1000:,}", f"RMB{k * 12}k",
             f"RMB{k * 12000:,}"]  # fmt: skip
    if monthly * 12 % 30000 == 0:
        forms.append(f"年薪{monthly * 12 // 10000}万")
    return [squeeze(form) for form in forms]


def test_layouts_are_new_unique_and_registered_as_sealed():
    counts = Counter(corpus.LAYOUTS)
    assert all(counts[layout] == 1 for layout in SEALED7_HELD_OUT)
    assert ("sealed7_held_out", SEALED7_HELD_OUT) in corpus.GROUPS
    assert "sealed7_held_out" not in corpus.OPENABLE  # sealed: its misses are never printed
    assert len(SEALED7_HELD_OUT) == 8
    for layout in SCANNED:
        assert set(corpus_sealed7.formats(layout)) <= {"pdf", "jpg", "png"}
    for layout in TEXT_LAYOUTS:
        assert set(corpus_sealed7.formats(layout)) <= {"pdf", "docx", "txt"}
    assert {fmt for layout in TEXT_LAYOUTS for fmt in corpus_sealed7.formats(layout)} == {"pdf", "docx", "txt"}


def test_seed_is_its_own():
    seeds = [corpus.TUNED_SEED, corpus.HELD_OUT_SEED]
    for name in dir(corpus):
        module = getattr(corpus, name)
        if name.startswith("corpus_") and module is not corpus_sealed7:
            seeds += [getattr(module, attr) for attr in dir(module) if attr.endswith("_SEED")]
    assert len(seeds) >= 10
    assert corpus_sealed7.SEALED7_SEED not in seeds


def test_every_layout_and_format_is_drawn():
    drawn = Counter((s.layout, s.fmt) for s in samples())
    for layout in SEALED7_HELD_OUT:
        for fmt in corpus_sealed7.formats(layout):
            assert drawn[(layout, fmt)] == (2 if layout in SCANNED else 6), (layout, fmt)
    assert len({s.name for s in samples()}) == len(samples())
    assert all(s.data for s in samples())


def test_truth_has_every_measured_field_with_sane_values():
    places = {(province, city) for province, city, *_rest in corpus_sealed7.PLACES}
    worker_titles = {job["title"] for job in corpus_sealed7.WORKER_JOBS}
    for sample in samples():
        truth, where = sample.truth, sample.name
        assert set(corpus.FIELDS_MEASURED) <= set(truth), where
        assert truth["full_name"]
        assert re.fullmatch(r"1[3-9]\d{9}", truth["phone"]), where
        assert truth["contact_email"] is None or re.fullmatch(r"[\w.]+@[\w.]+\.[a-z]+", truth["contact_email"]), where
        assert truth["gender"] in ("F", "M", None)
        assert truth["education_level"] in ("high_school", "associate", "bachelor", "master", "doctorate", None)
        assert truth["role_category"] in ("engineering", "data", "product", "sales", "finance", "operations", "hr", "other")
        assert isinstance(truth["years_experience"], int) and 1 <= truth["years_experience"] <= 30, where
        assert truth["skills"] == sorted(set(truth["skills"])) and set(truth["skills"]) <= vocabulary_ids(), where
        assert truth["expected_salary"] is None or (
            isinstance(truth["expected_salary"], int) and truth["expected_salary"] >= 1000
        )
        assert (truth["province"], truth["city"]) in places, where
        assert truth["current_employer"] and truth["current_title"]
        english = "_en_" in f"_{sample.layout}_"
        assert truth["full_name"].isascii() == english, where
        if truth["birth_year"] is not None:
            assert 1966 <= truth["birth_year"] <= 2006, where
        if "worker" in sample.layout:
            assert truth["current_title"] in worker_titles and truth["role_category"] in ("other", "operations"), where
        else:
            assert truth["education_level"] is not None, where  # only a worker's 初中 is no level
        if sample.layout == "en_expat_china":
            assert truth["gender"] is None and "english" in truth["skills"], where
        if truth["education_level"] == "high_school":
            assert truth["field_of_study"] is None, where


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_the_truth_is_on_the_page(layout):
    for sample in (s for s in samples() if s.layout == layout):
        truth, text = sample.truth, page_text(sample)
        flat, where = squeeze(text), sample.name
        assert squeeze(truth["full_name"]).lower() in flat.lower(), where  # names are compared case-blind
        assert re.sub(r"\D", "", truth["phone"]) in re.sub(r"[\s\-()+]", "", text), where
        if truth["contact_email"]:
            assert truth["contact_email"] in flat, where
        else:
            assert "@" not in text, where
        assert squeeze(truth["current_employer"]) in flat, where
        assert squeeze(truth["current_title"]) in flat, where
        if truth["desired_role"]:
            assert squeeze(truth["desired_role"]) in flat, where
        if truth["field_of_study"]:
            assert squeeze(truth["field_of_study"]) in flat, where
        if truth["birth_year"]:
            assert str(truth["birth_year"]) in flat or f"{truth['birth_year'] % 100:02d}年" in flat, where
        if truth["gender"]:
            assert {"F": ("女", "Female"), "M": ("男", "Male")}[truth["gender"]][layout.startswith("en_")] in text, where
        else:
            assert "性别" not in text and "Gender" not in text, where
        if truth["expected_salary"]:
            assert any(form in flat for form in salary_forms(truth["expected_salary"])), where
        place = next(p for p in corpus_sealed7.PLACES if p[:2] == (truth["province"], truth["city"]))
        assert (place[3] if layout.startswith("en_") else place[1]) in text, where
        skills_text = text
        if layout == "zh_cover_letter_first":
            for phrase in HIRING:
                skills_text = skills_text.replace(phrase, " ")
        assert named_skills(skills_text) == set(truth["skills"]), (where, named_skills(skills_text), truth["skills"])


def test_years_are_whole_years_from_the_first_start_shown():
    pattern = r"工作年限：(\d+)年|已有(\d+)年工作经验|(\d+) years of experience|出来打工(\d+)年|工作(\d+)年了"
    for sample in (s for s in samples() if s.layout in TEXT_LAYOUTS):
        text, years = page_text(sample), sample.truth["years_experience"]
        first = corpus.TODAY.year - years
        # the first job's start year is on the page (a terse page may write it in two digits)
        assert str(first) in text or f"{first % 100:02d}年" in text, sample.name
        stated = [int(next(value for value in match if value)) for match in re.findall(pattern, text)]
        assert all(value == years for value in stated), (sample.name, stated)
    stating = [s for s in samples() if s.layout in TEXT_LAYOUTS and re.search(pattern, page_text(s))]
    assert len(stating) >= 20  # many pages say the figure in words as well


def test_the_registration_form_keeps_residence_hometown_and_referees_apart():
    from docx import Document

    differ = 0
    for sample in (s for s in samples() if s.layout == "zh_soe_registration" and s.fmt == "docx"):
        table = Document(io.BytesIO(sample.data)).tables[0]
        cells = {}
        for row in table.rows:
            texts = [cell.text for cell in row.cells]
            for label, value in zip(texts, texts[1:], strict=False):
                cells.setdefault(label, value)
        assert sample.truth["city"] in cells["现居住地址"], sample.name
        assert cells["姓名"] == sample.truth["full_name"]
        differ += sample.truth["city"] not in cells["籍贯"]
        work = [row for row in table.rows if any(cell.text == sample.truth["current_employer"] for cell in row.cells)]
        assert work and sample.truth["phone"] not in "".join(cell.text for cell in work[0].cells)  # the referee's number
        assert "照片" in {cell.text for row in table.rows for cell in row.cells}
    assert differ >= 4


def test_the_paged_resume_repeats_its_header_on_every_page():
    from docx import Document
    from pypdf import PdfReader

    for sample in (s for s in samples() if s.layout == "zh_paged_header"):
        name, phone = sample.truth["full_name"], sample.truth["phone"]
        if sample.fmt == "pdf":
            pages = PdfReader(io.BytesIO(sample.data)).pages
            assert len(pages) >= 2, sample.name
            for number, page in enumerate(pages, start=1):
                text = page.extract_text()
                assert name in text and phone in re.sub(r"[\s\-+]", "", text), sample.name
                assert re.search(rf"第\s*{number}\s*页\s*[/，]\s*共\s*{len(pages)}\s*页", text), sample.name
        elif sample.fmt == "docx":
            doc = Document(io.BytesIO(sample.data))
            header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
            footer = doc.sections[0].footer.paragraphs[0]
            assert name in header and phone in re.sub(r"[\s\-+]", "", header), sample.name
            assert "PAGE" in footer._p.xml and "NUMPAGES" in footer._p.xml
        else:
            text = page_text(sample)
            footers = re.findall(r"第\s*(\d+)\s*页\s*[/，]\s*共\s*(\d+)\s*页", text)
            assert len(footers) >= 2 and len({total for _page, total in footers}) == 1, sample.name
            header = text.splitlines()[0]
            assert name in header and text.count(header) == len(footers), sample.name


def test_the_date_column_is_at_the_right_margin():
    from docx import Document
    from docx.enum.text import WD_TAB_ALIGNMENT
    from pypdf import PdfReader

    dates = re.compile(r"^(\d{2}/\d{4}|\d{4}/\d{2}) [–-] (\d{2}/\d{4}|\d{4}/\d{2}|Present)$")
    for sample in (s for s in samples() if s.layout == "en_date_column"):
        if sample.fmt == "pdf":
            starts = []

            def visit(text, _cm, tm, _font, _size, starts=starts):
                if dates.match(text.strip()):
                    starts.append(tm[4])

            for page in PdfReader(io.BytesIO(sample.data)).pages:
                page.extract_text(visitor_text=visit)
            assert starts and all(x > 400 for x in starts), (sample.name, starts)
        elif sample.fmt == "docx":
            tabbed = [p for p in Document(io.BytesIO(sample.data)).paragraphs if "\t" in p.text]
            assert tabbed and all(dates.match(p.text.split("\t")[1]) for p in tabbed)
            assert all(stop.alignment == WD_TAB_ALIGNMENT.RIGHT for p in tabbed for stop in p.paragraph_format.tab_stops)
        else:
            lines = [line for line in page_text(sample).splitlines() if dates.search(line[-20:].strip())]
            assert lines and {len(line) for line in lines} == {84}, sample.name


def test_the_cover_letter_comes_first():
    for sample in (s for s in samples() if s.layout == "zh_cover_letter_first"):
        text = page_text(sample).lstrip()
        assert text.startswith(("求职信", "自荐信")), sample.name
        lines = [line.strip() for line in text.splitlines()]
        resume = lines.index("个人简历")  # the resume's own heading, after the letter's mention of it
        letter = "\n".join(lines[:resume])
        assert "此致" in letter and "敬礼" in letter and "个人简历" not in lines[resume + 1 :], sample.name
        assert sample.truth["full_name"] in letter and f"已有{sample.truth['years_experience']}年工作经验" in letter
        for company in re.findall(r"尊敬的(.+?)(?:领导|人力资源部负责人)：", letter):
            assert company != sample.truth["current_employer"], sample.name


def test_terse_resumes_run_facts_together_with_few_labels():
    for sample in (s for s in samples() if s.layout == "zh_worker_terse"):
        lines = [line for line in page_text(sample).splitlines() if line.strip()]
        assert len(lines) <= 14, sample.name
        name_line = next(line for line in lines if sample.truth["full_name"] in line)
        assert ("男" in name_line or "女" in name_line) and "人" in name_line, sample.name  # name, sex, hometown at once
        assert sum(line.count("：") for line in lines) <= 6, sample.name  # a labelled resume has a dozen
        # the hometown ("河南周口人") comes before the place of residence, and is never it
        home = next(f"{province}{city}人" for province, city in corpus_sealed7.HOMETOWNS if f"{province}{city}人" in name_line)
        text = "\n".join(lines)
        assert sample.truth["city"] not in home and text.index(home) < text.rindex(sample.truth["city"]), sample.name


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
        if sample.layout.startswith("photo_"):
            assert (width, height) == (1536, 2048) and image.mode == "RGB"
        else:
            assert width == 1728 and height >= 1.2 * width and image.mode == "1"  # a fax: 1,728 dots a line, black or white
        grey = image.convert("L")
        mean = sum(grey.getdata()) / (width * height)
        assert 60 < mean < 254 and grey.getextrema()[0] < 60  # neither blank nor black, and some ink


def test_people_are_drawn_and_cast_the_same_from_the_same_seed():
    one = corpus_sealed7.person(random.Random(3), english=False, today=corpus.TODAY)
    two = corpus_sealed7.person(random.Random(3), english=False, today=corpus.TODAY)
    assert one == two
    seed = one["_seed"]
    corpus_sealed7.cast(one, "zh_worker_terse")
    corpus_sealed7.cast(two, "photo_zh_worker_terse")
    assert one == two and one["_kind"] == "worker" and one["_seed"] == seed
    corpus_sealed7.cast(one, "zh_worker_terse")  # already a worker: unchanged
    assert one == two
    expat = corpus_sealed7.cast(corpus_sealed7.person(random.Random(3), english=True, today=corpus.TODAY), "en_expat_china")
    assert expat["_kind"] == "expat" and expat["full_name"].isascii()


def test_the_skill_reader_reads_a_term_once():
    assert named_skills("Digital marketing, MySQL, Golang") == {"digital_marketing", "mysql", "go"}
    assert named_skills("大学英语六级、电商运营、有驾照（C1）") == {"english", "ecommerce_operations", "driving"}
    assert named_skills("Worked with headquarters; HR Officer; Chicago") == set()
