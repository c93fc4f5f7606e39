"""Entries of a resume (an education line, a job) as pages set them out and people write them: one rule a test,
on wordings of its own (none copied from the generated corpus)."""

import io
from datetime import date

import pytest

from consent.intake import extract_text
from consent.parsing import flat_fields, parse_resume
from consent.places import place_in

TODAY = date(2026, 11, 29)


def _fields(text: str) -> dict:
    return flat_fields(parse_resume(text, today=TODAY))


def _pdf_with_dates_at_the_right_margin(rows: list[tuple[str, str]]) -> bytes:
    """A page whose entries have their dates right-aligned at the margin, on the entry's own baseline."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for left, right in rows:
        page.setFont("STSong-Light", 13 if not right and len(left) <= 6 else 10.5)
        page.drawString(60, y, left)
        if right:
            page.setFont("Helvetica" if right.isascii() else "STSong-Light", 10.5)
            page.drawRightString(540, y, right)
        y -= 18
    page.save()
    return buffer.getvalue()


def test_dates_right_aligned_beside_entries_stay_on_their_entries_lines():
    data = _pdf_with_dates_at_the_right_margin(
        [
            ("程佳宁", ""),
            ("手机 13612345678  邮箱 jianing@example.net", ""),
            ("学习经历", ""),
            ("合肥工业大学 材料成型及控制工程 本科", "2008.09-2012.07"),
            ("安庆一中 高中", "2005.09-2008.06"),
            ("职业经历", ""),
            ("芜湖鸿鹄汽车零部件有限公司 工艺工程师", "2016.03-至今"),
            ("负责冲压线的工艺改进与良率提升", ""),
            ("马鞍山钢城机械有限公司 技术员", "2012.08-2016.02"),
            ("参与模具维护与车间排产", ""),
            ("滁州明光电器有限公司 质检员", "2011.07-2011.09"),
            ("项目", ""),
            ("冲压线自动上下料改造", "2019.04-2019.12"),
            ("技能", ""),
            ("AutoCAD、SolidWorks", ""),
        ]
    )
    _kind, text = extract_text(data, "resume.pdf")
    lines = text.splitlines()
    assert any("工艺工程师" in line and "2016.03-至今" in line for line in lines), text
    fields = _fields(text)
    assert (fields["current_employer"], fields["current_title"]) == ("芜湖鸿鹄汽车零部件有限公司", "工艺工程师")
    assert fields["years_experience"] == 14


# ---------------------------------------------------------------- which job is current


def test_a_job_that_ended_long_ago_is_no_current_job():
    fields = _fields(
        "贺嘉怡\n手机 13712345678\n求职意向\n法务助理\n实习经历\n"
        "2025.07-2025.10  杭州某某律师事务所  法务实习生\n2024.07-2024.09  宁波某某贸易有限公司  行政实习生\n"
    )
    assert (fields["current_employer"], fields["current_title"]) == ("", "")
    assert [job["position"] for job in fields["work_history"]] == ["法务实习生", "行政实习生"]  # the history is kept


def test_a_job_still_held_or_just_left_is_the_current_one():
    ongoing = _fields("Ivy Tan\nEXPERIENCE\nJun 2023 – Present  Harbour Freight Ltd  Customs Broker\n")
    just_left = _fields("Ivy Tan\nEXPERIENCE\nJun 2023 – Oct 2026  Harbour Freight Ltd  Customs Broker\n")
    assert ongoing["current_employer"] == just_left["current_employer"] == "Harbour Freight Ltd"


def test_internships_are_no_years_of_experience():
    fields = _fields(
        "贺嘉怡\n工作经历\n2023.07-至今  宁波某某贸易有限公司  外贸业务员\n"
        "2022.02-2022.08  杭州某某律师事务所  法务实习生\n2021.07-2021.12  绍兴某某纺织有限公司  行政实习生\n"
    )
    assert fields["years_experience"] == 3  # 40 months at the trading company; the internships' 11 months do not count
    english = _fields("Ivy Tan\nEXPERIENCE\nJun 2025 – Present  Harbour Freight Ltd  Marketing Intern\n")
    assert (english["current_title"], english["years_experience"]) == ("Marketing Intern", 0)
    auditor = _fields("Ivy Tan\nEXPERIENCE\nJun 2023 – Present  Harbour Freight Ltd  Internal Auditor\n")
    assert auditor["years_experience"] == 3


def test_positions_grouped_under_a_company_with_its_total_time_keep_the_company():
    fields = _fields(
        "Nora Feng\nExperience\nHuayu Retail Co., Ltd.\n6 years 2 months\nDemand Planning Manager\n"
        "June 2023 - Present (3 years 6 months)\nGuangzhou, China\nDemand Planner\nOctober 2020 - May 2023 (2 years 8 months)\n"
    )
    assert (fields["current_employer"], fields["current_title"]) == ("Huayu Retail Co., Ltd.", "Demand Planning Manager")


# ---------------------------------------------------------------- employers' names


def test_a_partnerships_legal_form_in_brackets_is_part_of_its_name():
    fields = _fields("戴思远\n工作经历\n2019.03-至今  天衡会计师事务所（特殊普通合伙） 审计助理\n")
    assert (fields["current_employer"], fields["current_title"]) == ("天衡会计师事务所（特殊普通合伙）", "审计助理")
    split = _fields("戴思远\n工作经历\n2019.03-至今  天衡会计师事务所（特殊普通合伙）  审计助理\n")
    assert (split["current_employer"], split["current_title"]) == ("天衡会计师事务所（特殊普通合伙）", "审计助理")


def test_a_city_in_brackets_after_an_employer_is_no_part_of_the_title():
    fields = _fields("戴思远\n工作经历\n2019.03-至今  某某网络科技有限公司（杭州） 运营专员\n")
    assert (fields["current_employer"], fields["current_title"]) == ("某某网络科技有限公司", "运营专员")


# ---------------------------------------------------------------- the field of study


@pytest.mark.parametrize(
    "line",
    [
        "安徽师范大学｜地理科学（本科）  2018年9月—2022年6月",
        "安徽师范大学  地理科学本科  2018.09-2022.06",
        "安徽师范大学 | 地理科学(硕士研究生) | 2018-2021",
    ],
)
def test_a_major_with_its_degree_written_on_is_the_field(line):
    assert _fields(f"钱雨桐\n教育背景\n{line}\n")["field_of_study"] == "地理科学"


def test_the_highest_degree_and_its_major_are_read_whichever_order_the_degrees_are_listed_in():
    oldest_first = _fields(
        "钱雨桐\n教育背景\n2012.09-2016.06  安徽大学  地理科学  本科\n2016.09-2019.06  南京大学  自然地理学  硕士\n"
    )
    assert (oldest_first["education_level"], oldest_first["field_of_study"]) == ("master", "自然地理学")
    europass = _fields(
        "Ann Qian\n# Education and training\nTitle of qualification awarded  Master of Science in Urban Planning\n"
        "Title of qualification awarded  Bachelor of Engineering\nPrincipal subjects  Major: Geography\n"
    )
    assert (europass["education_level"], europass["field_of_study"]) == ("master", "Urban Planning")


def test_a_ranking_or_a_grade_under_the_school_is_no_field():
    fields = _fields("钱雨桐\n教育背景\n安徽师范大学  2018.09-2022.06\n绩点3.4/4，年级排名前8%\n")
    assert fields["field_of_study"] == ""
    fields = _fields("Ann Qian\nEDUCATION\nAnhui Normal University, 2022\nGPA 3.4/4.0, ranked top 8%\n")
    assert fields["field_of_study"] == ""


def test_how_a_degree_was_studied_left_alone_once_the_degree_is_cut_is_no_field():
    fields = _fields("钱雨桐\n最高学历：全日制本科\n教育背景\n2018.09-2022.06  安徽师范大学  地理科学  全日制本科\n")
    assert (fields["education_level"], fields["field_of_study"]) == ("bachelor", "地理科学")


# ---------------------------------------------------------------- a scan's misreadings


@pytest.mark.parametrize(("line", "city"), [("现居住地：湖南省岳杨市", "岳阳"), ("现居住地：甘肃省天小市麦积区", "天水")])
def test_a_prefecture_misread_by_one_character_beside_its_province_is_the_one_it_can_be(line, city):
    fields = _fields(f"郑可欣\n{line}\n")
    assert (fields["province"], fields["city"]) == (line[5:7], city)


def test_a_misspelt_prefecture_is_not_guessed_when_two_are_as_close():
    assert place_in("江苏省x州市")[1] == ""  # 常州, 徐州, 泰州, 扬州, 苏州…: no one of them
    assert place_in("湖南省株州市") == ("湖南", "")  # 株洲 or 郴州, one character away each
    assert place_in("浙江省湖洲市") == ("浙江", "湖州")


@pytest.mark.parametrize("label", ["竭望岗位", "望岗位", "斯望职位"])
def test_a_form_label_whose_first_character_a_scan_misread_or_lost_is_still_known(label):
    fields = _fields(f"郑可欣\n{label}：冷链调度主管  期望薪资：9K\n")
    assert (fields["desired_role"], fields["expected_salary"]) == ("冷链调度主管", 9000)


def test_a_heading_or_another_word_before_a_colon_is_no_misread_label():
    fields = _fields("郑可欣\n项目经验：冷链调度主管\n")
    assert fields["desired_role"] == "" and fields["years_experience"] is None


def test_specks_after_a_chinese_employers_name_are_neither_name_nor_title():
    fields = _fields("郑可欣\n工作经历\n某某冷链物流有限公司 Kx 2020.03- 至今\n")
    assert (fields["current_employer"], fields["current_title"]) == ("某某冷链物流有限公司", "")


def test_a_table_s_header_row_with_one_cell_a_scan_misread_names_no_field():
    fields = _fields("郑可欣\n教育经历\n起止时间     学校     专业  [sa\n2016.09-2020.06  安徽大学  社会工作  本科\n")
    assert fields["field_of_study"] == "社会工作"
    assert _fields("郑可欣\n专业：[sa\n")["field_of_study"] == ""  # a speck is no major


def test_quote_marks_and_dots_a_scan_left_after_a_chinese_employer_are_no_part_of_it():
    fields = _fields("郑可欣\n工作经历\n2020.03- 至今 某某冷链物流有限公司 ”.  调度主管\n")
    assert (fields["current_employer"], fields["current_title"]) == ("某某冷链物流有限公司", "调度主管")
    english = _fields("Ann Lee\nExperience\nMar 2020 - Present  Northwind Traders Inc.  Buyer\n")
    assert english["current_employer"] == "Northwind Traders Inc."
