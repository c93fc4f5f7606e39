"""Scans and photos of resumes are read with Tesseract OCR; without it they are refused as scans.

The OCR tests need Tesseract with its Chinese and English models and the Noto CJK fonts (to draw
the test pages): they skip with the reason when those are missing, and fail under CI=true,
where .ci/run installs them.
"""

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from consent.intake import IntakeRefused, extract_text
from consent.models import ResumeUpload
from consent.ocr import tesseract_available
from consent.parsing import flat_fields, parse_resume
from consent.refusals import REFUSALS

from ..conftest import require
from ..factories import UserFactory
from .corpus import FONT, TODAY, Spec, _as_image, _as_scanned_pdf

pytestmark = pytest.mark.django_db

ZH_PAGE = Spec(
    [
        "## 个人简历",
        "姓名：王秀英",
        "性别：女",
        "出生年份：1991年",
        "手机：13912345678",
        "邮箱：wang.xy@example.com",
        "现居地：贵州省遵义市",
        "最高学历：本科",
        "期望职位：高级会计",
        "期望薪资：1.5万/月",
        "## 工作经历",
        "2019.07 - 至今  遵义红花岗商贸有限公司  会计",
    ]
)
EN_PAGE = Spec(
    [
        "## RESUME",
        "Name: Kevin Wu",
        "Gender: Male",
        "Year of birth: 1988",
        "Mobile: 13612345678",
        "Email: kevin.wu@example.com",
        "Location: Luoyang, Henan",
        "Desired role: Senior Data Analyst",
        "## Skills",
        "Python, SQL, Tableau",
    ]
)


def _need_ocr():
    require(
        tesseract_available(),
        "Tesseract with the chi_sim and eng models is not installed "
        "(apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng)",
    )
    require(FONT.exists(), f"the Noto CJK font to draw test pages is missing ({FONT}; apt-get install fonts-noto-cjk)")


def _fields(kind_text) -> dict:
    return flat_fields(parse_resume(kind_text[1], today=TODAY))


def test_a_photo_of_an_english_resume_is_read():
    _need_ocr()
    for fmt in ("jpg", "png"):
        fields = _fields(extract_text(_as_image(EN_PAGE, random.Random(1), fmt), f"cv.{fmt}"))
        assert (fields["full_name"], fields["phone"], fields["contact_email"]) == (
            "Kevin Wu",
            "13612345678",
            "kevin.wu@example.com",
        )
        assert (fields["province"], fields["city"], fields["birth_year"]) == ("河南", "洛阳", 1988)
        assert sorted(fields["skills"]) == ["python", "sql", "tableau"]


def test_an_image_only_pdf_of_a_chinese_resume_is_read_page_by_page():
    _need_ocr()
    from pypdf import PdfReader, PdfWriter

    one_page = _as_scanned_pdf(ZH_PAGE, random.Random(2))
    writer = PdfWriter()
    for _ in range(2):
        writer.add_page(PdfReader(io.BytesIO(one_page)).pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    pages_seen = []
    kind, text = extract_text(buffer.getvalue(), "scan.pdf", on_page=lambda done, total: pages_seen.append((done, total)))
    assert kind == "pdf" and pages_seen == [(1, 2), (2, 2)]
    fields = _fields((kind, text))
    assert (fields["full_name"], fields["gender"], fields["birth_year"]) == ("王秀英", "F", 1991)
    assert (fields["province"], fields["city"], fields["expected_salary"]) == ("贵州", "遵义", 15000)
    assert fields["current_employer"] == "遵义红花岗商贸有限公司"


def test_an_uploaded_photo_is_parsed_by_the_task_and_the_pages_are_counted(django_capture_on_commit_callbacks):
    _need_ocr()
    person = UserFactory()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/me/resume/upload/", {"file": SimpleUploadedFile("photo.jpg", _as_image(EN_PAGE, random.Random(3), "jpg"))})
    upload = ResumeUpload.objects.get(owner=person)
    assert upload.status == ResumeUpload.Status.PARSED and (upload.pages, upload.pages_read) == (1, 1)
    assert "Kevin Wu" in client.get("/me/resume/?from=upload").content.decode()


def test_the_progress_page_shows_each_scanned_page():
    person = UserFactory()
    upload = ResumeUpload.objects.create(owner=person, kind="pdf", size=10, stored_name="x", progress=50, pages=3, pages_read=1)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    partial = client.get(f"/me/resume/upload/{upload.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Scanned pages read: 1 of 3" in partial
    assert partial.count("bg-success") == 1 and "Page 3" in partial and 'hx-trigger="every 1s"' in partial
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(person)
    assert "已识别扫描页：1 / 3" in client.get(f"/me/resume/upload/{upload.pk}/").content.decode()


@pytest.mark.parametrize(("name", "code"), [("scan.pdf", "scanned_pdf"), ("photo.png", "scanned_image")])
def test_without_tesseract_a_scan_is_refused_saying_it_is_a_scan_and_what_to_do(name, code, monkeypatch, tmp_path):
    from .files import blank_photo, vector_only_pdf

    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without the tesseract program
    data = vector_only_pdf() if name.endswith(".pdf") else blank_photo()
    with pytest.raises(IntakeRefused) as refused:
        extract_text(data, name)
    assert refused.value.code == code
    with translation.override("en"):
        assert "scan" in str(REFUSALS[code]) and "text PDF or DOCX" in str(REFUSALS[code])
    with translation.override("zh-hans"):
        assert "扫描件" in str(REFUSALS[code])


def test_common_ocr_confusions_in_dates_are_repaired():
    from consent.ocr import _tidy

    assert _tidy("2017 年 4 月一至今  成都蓉城电子制造有限公司") == "2017 年 4 月 — 至今  成都蓉城电子制造有限公司"
    assert _tidy("2016.12 一 2O20.09") == "2016.12 — 2020.09"
    assert _tidy("一名工程师，1一2人") == "一名工程师，1一2人"  # a real 一 stays
    assert _tidy("期望薪资: 1.] 万元 /月") == "期望薪资: 1.1 万元 /月"


def test_what_is_left_of_a_cell_border_is_a_gap_between_cells():
    from consent.ocr import _tidy

    assert _tidy("联系电话  | 19938299028  电子邮箱") == "联系电话     19938299028  电子邮箱"
    assert _tidy("2010.09 — 2014.06 “长沙理工大学 ”通信工程") == "2010.09 — 2014.06 长沙理工大学 通信工程"


def test_a_line_cut_in_two_by_page_segmentation_is_joined_again_but_a_second_column_is_not():
    from consent.ocr import _assemble

    def words(*boxes):  # (block, left, top, text): one word per box, 30 px high
        keys = ("block_num", "par_num", "line_num", "left", "top", "width", "height", "text", "conf")
        rows = [(block, 1, 1, left, top, 28 * len(text), 30, text, 90) for block, left, top, text in boxes]
        return {key: [row[i] for row in rows] for i, key in enumerate(keys)}

    # Tesseract filed the end of the first line in a block of its own, read last.
    cut = words((1, 100, 100, "本人男，现居住"), (2, 100, 150, "下一行"), (3, 100 + 28 * 7 + 10, 102, "在遵义市。"))
    assert _assemble(cut).splitlines() == ["本人男，现居住在遵义市。", "下一行"]
    columns = words((1, 100, 100, "左栏文字"), (2, 900, 100, "右栏"))
    assert _assemble(columns).splitlines() == ["左栏文字", "右栏"]


def _form_page(rows, tilt: float = 0.0, shade: bool = False, grain: bool = False):
    """A ruled form drawn with Pillow: each row a list of (cell width, lines of text), the way a
    报名表 is printed; optionally photographed at a tilt on grey, grainy paper with light falling off."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 28)
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    draw.text((80, 60), "应聘人员登记表", fill=0, font=ImageFont.truetype(str(FONT), 40))
    top = 150
    for row in rows:
        height = 20 + 40 * max(len(lines) for _width, lines in row)
        left = 80
        for width, lines in row:
            draw.rectangle((left, top, left + width, top + height), outline=0, width=2)
            for number, line in enumerate(lines):
                draw.text((left + 10, top + 10 + 40 * number), line, fill=0, font=font)
            left += width
        top += height
    if shade:
        page = page.point(lambda value: round(value * 225 / 255))
        light = Image.linear_gradient("L").rotate(90).resize(page.size)
        page = Image.composite(page, page.point(lambda value: round(value * 0.85)), light)
    if grain:
        noise = Image.frombytes("L", page.size, random.Random(5).randbytes(page.size[0] * page.size[1]))
        page = Image.blend(page, noise, 0.07)
    if tilt:
        page = page.rotate(tilt, resample=Image.BICUBIC, fillcolor=200 if shade else 255)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG")
    return buffer.getvalue()


FORM_ROWS = [
    [(150, ["姓名"]), (250, ["王秀英"]), (150, ["性别"]), (120, ["女"]), (190, ["出生年月"]), (220, ["1991.04"])],
    [(150, ["民族"]), (250, ["汉族"]), (150, ["籍贯"]), (530, ["四川成都"])],
    [(150, ["联系电话"]), (400, ["13912345678"]), (150, ["电子邮箱"]), (380, ["wxy@example.com"])],
    [(150, ["现住址"]), (930, ["贵州省遵义市汇川区"])],
    [(150, ["起止时间"]), (400, ["工作单位"]), (530, ["职务"])],
    [(150, ["2019.07-", "至今"]), (400, ["遵义红花岗商贸有限公司"]), (530, ["会计"])],
    [(150, ["学习和工作", "经历"]), (930, ["2010.09-2014.06 贵州大学 会计学", "2014.07-2019.06 遵义市财政局 科员"])],
]


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def test_a_ruled_form_is_read_cell_by_cell_each_label_beside_its_value():
    _need_ocr()
    _kind, text = extract_text(_form_page(FORM_ROWS), "form.png")
    lines = _lines(text)
    assert "姓名 王秀英 性别 女 出生年月 1991.04" in lines
    assert "联系电话 13912345678 电子邮箱 wxy@example.com" in lines
    assert "现住址 贵州省遵义市汇川区" in lines
    # a value wrapped inside a narrow cell is one value again; a cell's own lines stay lines
    assert "2019.07-至今 遵义红花岗商贸有限公司 会计" in lines
    assert "学习和工作经历 2010.09-2014.06 贵州大学会计学" in lines and "2014.07-2019.06 遵义市财政局科员" in lines
    assert lines.index("应聘人员登记表") < lines.index("姓名 王秀英 性别 女 出生年月 1991.04")  # the title stays first
    fields = _fields(("png", text))
    assert (fields["full_name"], fields["gender"], fields["phone"]) == ("王秀英", "F", "13912345678")
    assert (fields["province"], fields["city"]) == ("贵州", "遵义")


def test_a_form_photographed_at_a_slant_on_grey_paper_is_straightened_and_read_by_its_cells():
    _need_ocr()
    _kind, text = extract_text(_form_page(FORM_ROWS, tilt=1.5, shade=True, grain=True), "form.jpg")
    lines = _lines(text)
    assert "姓名 王秀英 性别 女 出生年月 1991.04" in lines
    assert "联系电话 13912345678 电子邮箱 wxy@example.com" in lines


def test_the_tilt_of_a_photographed_page_is_measured_and_taken_out():
    _need_ocr()
    from PIL import Image

    from consent.ocr import _skew

    for tilt in (-6.5, 5.0):
        page = Image.open(io.BytesIO(_as_image(ZH_PAGE, random.Random(4), "png")))
        photo = page.rotate(tilt, resample=Image.BICUBIC, expand=True, fillcolor=235)  # the sheet inside the picture
        # the page's own slight tilt (under 0.6°) comes on top of the one given here
        assert abs(_skew(photo) - tilt) < 0.75
        buffer = io.BytesIO()
        photo.save(buffer, format="PNG")
        fields = _fields(extract_text(buffer.getvalue(), "photo.png"))
        assert (fields["full_name"], fields["phone"], fields["birth_year"]) == ("王秀英", "13912345678", 1991)
        assert (fields["province"], fields["city"], fields["expected_salary"]) == ("贵州", "遵义", 15000)
        assert fields["current_employer"] == "遵义红花岗商贸有限公司"


def test_a_speck_read_as_a_lone_mark_goes_and_brackets_in_chinese_are_full_width():
    from consent.ocr import _tidy

    assert _tidy("姓名  陶佳欣  性别  女  .  出生年月  1992.12") == "姓名  陶佳欣  性别  女    出生年月  1992.12"
    assert _tidy("南京市云帆管理咨询有限公司 ~ .") == "南京市云帆管理咨询有限公司"
    assert _tidy("2023.04- 至今  嘉禾食品 (北京 ) 有限公司") == "2023.04- 至今  嘉禾食品（北京）有限公司"
    assert _tidy("2019.07 - 2020.01  Name: J. Smith (London)") == "2019.07 - 2020.01  Name: J. Smith (London)"


def test_in_a_cell_a_latin_word_set_close_against_chinese_is_not_spaced_apart_but_a_real_space_stays():
    from consent.ocr import _assembled

    def line(*pieces):  # (left, width, text) on one line, 30 px high
        keys = ("block_num", "par_num", "line_num", "left", "top", "width", "height", "text", "conf")
        rows = [(1, 1, 1, left, 100, width, 30, text, 90) for left, width, text in pieces]
        return {key: [row[i] for row in rows] for i, key in enumerate(keys)}

    close = line((100, 56, "高级"), (160, 30, "BI"), (192, 84, "工程师"))  # gaps of 4 and 2 px
    assert _assembled(close, touching=True)[0][0] == "高级BI工程师"
    assert _assembled(close)[0][0] == "高级 BI 工程师"  # running text keeps Tesseract's word breaks
    spaced = line((100, 56, "公司"), (168, 56, "Java"), (228, 112, "开发工程师"))  # a 12 px space, then 4
    assert _assembled(spaced, touching=True)[0][0] == "公司 Java开发工程师"


def _shaded(data: bytes, darkest: int) -> bytes:
    """A photo lit from below: the top of the page darkened to `darkest` of 255, brightening downwards."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(data)).convert("L"), dtype=np.float32)
    light = np.linspace(darkest / 255, 1.0, pixels.shape[0], dtype=np.float32)[:, None]
    out = io.BytesIO()
    Image.fromarray((pixels * light).astype(np.uint8)).save(out, format="PNG")
    return out.getvalue()


def test_a_photo_darker_at_the_top_is_read_whole():
    _need_ocr()
    data = _shaded(_as_image(ZH_PAGE, random.Random(3), "png"), darkest=150)
    fields = _fields(extract_text(data, "photo.png"))
    # the top of the page, where the name and contacts are, is as legible as the rest once the light is evened out
    assert (fields["full_name"], fields["phone"], fields["birth_year"]) == ("王秀英", "13912345678", 1991)


def test_an_evenly_lit_page_is_left_as_it_is():
    from PIL import Image

    from consent.ocr import _flattened

    page = Image.open(io.BytesIO(_as_image(ZH_PAGE, random.Random(3), "png"))).convert("L")
    assert _flattened(page) is page
