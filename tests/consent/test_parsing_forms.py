"""Forms and the places, names and jobs in them: one behaviour each (the error kinds the fresh
held-out family showed, written as general rules)."""

import io
from datetime import date

import numpy as np
from PIL import Image, ImageDraw

from consent.intake import extract_text
from consent.ocr import _without_rules
from consent.parsing import LOW_CONFIDENCE, field_confidence, flat_fields, parse_resume
from consent.places import place_in

TODAY = date(2026, 11, 29)


def _fields(text: str) -> dict:
    """The flat fields, with "skills" as every name the parser read: vocabulary ids, then other skills."""
    fields = flat_fields(parse_resume(text, today=TODAY))
    fields["skills"] = [*fields["skills"], *fields.pop("other_skills")]
    return fields


def test_labels_spaced_out_to_a_column_width_are_read():
    fields = _fields("个人简历\n姓　　名：申国强　　性　　别：男　　出生年月：1972.05\n学　　历  本科  专　　业  经济学\n")
    assert (fields["full_name"], fields["gender"], fields["birth_year"]) == ("申国强", "M", 1972)
    assert fields["education_level"] == "bachelor" and fields["field_of_study"] == "经济学"


def test_a_hometown_is_not_where_the_person_lives():
    fields = _fields("尚可\n籍贯：湖南衡阳  民族：汉族\n手机：13800138000\n")
    assert (fields["province"], fields["city"]) == ("", "")
    fields = _fields("尚可\n户口所在地：湖南衡阳\n通讯地址：浙江省宁波市鄞州区\n")
    assert (fields["province"], fields["city"]) == ("浙江", "宁波")


def test_a_docx_form_table_reads_row_by_row_and_its_merged_rows_paragraph_by_paragraph():
    from docx import Document

    document = Document()
    table = document.add_table(rows=3, cols=4)
    for column, text in enumerate(["姓　　名", "宫明", "性　　别", "女"]):
        table.cell(0, column).text = text
    for column, text in enumerate(["现居住地", "山东省济南市历下区", "籍　　贯", "河北邯郸"]):
        table.cell(1, column).text = text
    body = table.cell(2, 0).merge(table.cell(2, 3))
    body.paragraphs[0].text = "2019.03—至今　济南泉城百货集团　客户经理"
    body.add_paragraph("工作内容：对接客户需求并跟进交付进度。")
    buffer = io.BytesIO()
    document.save(buffer)
    _kind, text = extract_text(buffer.getvalue(), "form.docx")
    assert text.splitlines()[0].split() == ["姓", "名", "宫明", "性", "别", "女"]
    fields = _fields(text)
    assert (fields["full_name"], fields["gender"], fields["province"], fields["city"]) == ("宫明", "F", "山东", "济南")
    assert (fields["current_employer"], fields["current_title"]) == ("济南泉城百货集团", "客户经理")


def test_a_ruled_pdf_form_keeps_its_cells_apart():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 10)
    x = 50
    for text, width in (("电子邮箱", 50), ("a@example.org", 78), ("现居住地", 46), ("黑龙江省哈尔滨市南岗区", 120)):
        page.rect(x, 700, width, 20)
        page.drawString(x + 2, 706, text)
        x += width
    page.drawString(50, 650, "个人简历：本页为测试用的表格，写明了联系方式与居住地。")
    page.save()
    _kind, text = extract_text(buffer.getvalue(), "form.pdf")
    assert "a@example.org  现居住地" in text
    assert (_fields(text)["province"], _fields(text)["city"]) == ("黑龙江", "哈尔滨")


def test_ocr_takes_a_forms_ruled_lines_out_and_keeps_the_text():
    page = Image.new("L", (900, 600), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((40, 40, 860, 560), outline=0, width=2)
    draw.line((300, 40, 300, 560), fill=0, width=2)
    draw.text((60, 100), "Name", fill=0)
    cleaned = np.asarray(_without_rules(page))
    assert (cleaned[:, 300] > 200).all() and (cleaned[40, :] > 200).all()
    assert (cleaned[95:115, 55:90] < 150).any()  # the word is still there


def test_places_in_pinyin_include_county_level_cities_and_names_the_world_uses():
    assert place_in("Kunshan, Jiangsu") == ("江苏", "苏州")
    assert place_in("Harbin, Heilongjiang") == ("黑龙江", "哈尔滨")
    assert place_in("Ordos, Inner Mongolia") == ("内蒙古", "鄂尔多斯")
    assert place_in("湖北省恩施土家族苗族自治州恩施市") == ("湖北", "恩施")


def test_a_long_job_line_with_a_company_is_the_job_not_a_description():
    fields = _fields(
        "Stella Niu\nEXPERIENCE\nSupply Chain Manager at Shunde Appliances Manufacturing Co., Ltd.\n"
        "July 2016 - present | Harbin\n• Cut turnaround time by a fifth with a shared tracker.\n"
    )
    assert fields["current_employer"] == "Shunde Appliances Manufacturing Co., Ltd."
    assert fields["current_title"] == "Supply Chain Manager"


def test_job_blocks_of_labelled_lines_give_each_job_and_the_latest_is_current():
    fields = _fields(
        "史可\n工作经历\n公司名称：无锡某某科技股份有限公司\n职位名称：Java开发工程师\n在职时间：2017.3 - 2021.4\n"
        "公司名称：苏州某某电子有限公司\n职位名称：数据工程师\n在职时间：2021年5月 - 至今\n"
    )
    assert (fields["current_employer"], fields["current_title"]) == ("苏州某某电子有限公司", "数据工程师")
    assert [job["name"] for job in fields["work_history"]] == ["苏州某某电子有限公司", "无锡某某科技股份有限公司"]


def test_a_headline_name_with_a_rare_surname_and_a_day_before_the_birth_year():
    fields = _fields("亓嘉\n手机：13800138000\nDate of Birth: 5 June 1988\n")
    assert (fields["full_name"], fields["birth_year"]) == ("亓嘉", 1988)
    assert _fields("简历\n手机：13800138000\n")["full_name"] == ""


def test_a_form_copied_out_with_single_spaces_and_a_two_digit_birth_year():
    fields = _fields("姓名 张三\n性别 男 民族 汉族\n出生日期：90年3月\n现居 广东深圳\n")
    assert (fields["full_name"], fields["gender"], fields["birth_year"]) == ("张三", "M", 1990)
    assert (fields["province"], fields["city"]) == ("广东", "深圳")


def test_a_district_many_cities_share_names_no_place_alone():
    assert place_in("城关区") == ("", "") and place_in("鼓楼区") == ("", "")
    assert place_in("兰州城关区") == ("甘肃", "兰州") and place_in("岳麓区") == ("湖南", "长沙")


def test_a_desired_role_ends_at_the_next_label_even_a_misread_one():
    fields = _fields("李想\n意向岗位:审计师 期望天资:面议。工作性质:全职\n")
    assert fields["desired_role"] == "审计师"


def test_words_that_start_with_a_surname_or_a_title_over_the_name_are_not_the_name():
    assert _fields("项目管理\n高伟\n手机：13800138000\n")["full_name"] == "高伟"
    assert _fields("CONTENT OPERATIONS\nYuting Han\nyuting@example.org\n")["full_name"] == "Yuting Han"


def test_a_city_one_would_like_to_work_in_yields_to_where_one_lives():
    fields = _fields("王芳\n期望城市：杭州  期望薪资：20K\n现居地：广东深圳\n")
    assert (fields["province"], fields["city"], fields["expected_salary"]) == ("广东", "深圳", 20000)
    assert field_confidence(parse_resume("王芳\n期望城市：杭州\n", today=TODAY))["city"] < LOW_CONFIDENCE


def test_an_aside_after_a_title_or_employer_is_dropped_and_chinese_brackets_stay_chinese():
    fields = _fields("王芳\n工作经历\n2019.07-至今 | 阿里巴巴（中国）有限公司 | 高级数据分析师（市场部）\n")
    assert (fields["current_employer"], fields["current_title"]) == ("阿里巴巴（中国）有限公司", "高级数据分析师")
    fields = _fields("Amy Chen\nEXPERIENCE\nJul 2019 – Present  Senior Data Analyst, Alibaba Group (Hangzhou)\n")
    assert (fields["current_employer"], fields["current_title"]) == ("Alibaba Group", "Senior Data Analyst")


def test_skills_under_a_heading_the_vocabulary_does_not_list_are_read():
    assert _fields("王芳\n技能与证书\nPython、Excel\n")["skills"] == ["python", "excel"]
    assert _fields("Amy Chen\nTECHNICAL TOOLKIT\nDocker / Linux\n")["skills"] == ["docker", "linux"]
    assert _fields("王芳\n自我评价\n工作认真负责\n沟通能力\n")["skills"] == []


# ---------------------------------------------------------------- a sidebar read before the main column


def _sidebar_first(location: str) -> str:
    return (
        "Contact\nnora.feng@example.org\nwww.linkedin.com/in/nora-feng (LinkedIn)\n"
        "Top Skills\nTableau\nForecasting\nLanguages\nEnglish (Full Professional)\nMandarin (Native or Bilingual)\n"
        "Certifications\nCFA Level I\n"
        f"Nora Feng\nDemand Planner at Huayu Retail Co., Ltd.\n{location}\n"
        "Experience\nHuayu Retail Co., Ltd.\nDemand Planner\nMarch 2021 - Present (5 years 9 months)\n"
    )


def test_a_sidebar_read_first_ends_at_the_name_over_the_headline_and_the_location():
    fields = _fields(_sidebar_first("Changzhi, Shanxi, China"))
    assert (fields["full_name"], fields["province"], fields["city"]) == ("Nora Feng", "山西", "长治")
    assert sorted(fields["skills"]) == ["english", "forecasting", "tableau"]  # the name and the location are no skills
    district = _fields(_sidebar_first("Nan'an District, Chongqing, China"))
    assert (district["full_name"], district["province"], district["city"]) == ("Nora Feng", "重庆", "重庆")


def test_a_city_read_otherwise_than_its_plain_pinyin_and_a_district_before_another_province():
    assert place_in("Chaoyang, Liaoning") == ("辽宁", "朝阳")  # 朝 is chao here, not zhao
    assert place_in("Chaoyang, Beijing") == ("北京", "北京")  # Beijing's district of the name, not Liaoning's city


# ---------------------------------------------------------------- a label column (a Europass CV)


def _pdf_with_a_label_column(rows: list[tuple[list[str], list[str]]]) -> bytes:
    """A page whose labels stand right-aligned in a column of their own, each row's label and value
    wrapped in their cells and centred on each other (the label at x 220, the value from x 232)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    y = 780.0
    for label, value in rows:
        height = 14.5 * max(len(label), len(value))
        for lines, draw in ((label, lambda line, top: page.drawRightString(220, top, line)),
                            (value, lambda line, top: page.drawString(232, top, line))):  # fmt: skip
            top = y - (height - 14.5 * len(lines)) / 2
            for line in lines:
                page.setFont("Helvetica", 10)
                draw(line, top)
                top -= 14.5
        y -= height + 4
    page.save()
    return buffer.getvalue()


def test_a_label_column_reads_each_label_beside_its_value_even_when_either_wraps():
    data = _pdf_with_a_label_column(
        [
            (["Name"], ["Daniel HU"]),
            (["Address"], ["Unit 5, No. 18 Binjiang Road, Wenzhou, Zhejiang, China"]),
            (["Work experience"], []),
            (["Dates"], ["March 2022 - present"]),
            (["Occupation or position held"], ["Software Engineer in Test"]),
            (["Main activities and", "responsibilities"], ["Wrote the regression suites."]),
            (["Name and address of", "employer"], ["Oujiang Valves Co., Ltd., Wenzhou,", "Zhejiang, China"]),
            (["Dates"], ["July 2017 - February 2022"]),
            (["Occupation or position held"], ["QA Engineer"]),
            (["Name and address of", "employer"], ["Lucheng Pumps Ltd., Wenzhou, Zhejiang, China"]),
            (["Computer skills and", "competences"], ["Python (advanced), Selenium, Linux"]),
        ]
    )
    _kind, text = extract_text(data, "cv.pdf")
    assert "Name and address of employer  Oujiang Valves Co., Ltd., Wenzhou, Zhejiang, China" in text.splitlines()
    fields = _fields(text)
    assert (fields["full_name"], fields["province"], fields["city"]) == ("Daniel HU", "浙江", "温州")
    assert (fields["current_employer"], fields["current_title"]) == ("Oujiang Valves Co., Ltd.", "Software Engineer in Test")
    assert fields["years_experience"] == 9 and {"python", "linux"} <= set(fields["skills"])


def test_a_docx_label_column_puts_a_long_value_beside_its_label():
    from docx import Document

    document = Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Dates"
    table.cell(0, 1).text = "May 2020 – present"
    table.cell(1, 0).text = "Occupation or position held"
    table.cell(1, 1).text = "Key Account Manager"
    table.cell(2, 0).text = "Name and address of employer"
    table.cell(2, 1).text = "Wuxi Lakeside Textiles Co., Ltd., No. 6 Taihu Avenue, Wuxi, Jiangsu, China"
    table.cell(2, 1).add_paragraph("Textiles and apparel, about 800 employees, exporting to Europe and Japan since 2004")
    buffer = io.BytesIO()
    document.save(buffer)
    _kind, text = extract_text(buffer.getvalue(), "cv.docx")
    fields = _fields("Lucy Ma\n# Work experience\n" + text)
    assert (fields["current_employer"], fields["current_title"]) == ("Wuxi Lakeside Textiles Co., Ltd.", "Key Account Manager")


def test_a_europass_cv_names_its_languages_licence_and_certificates_as_skills():
    fields = _fields(
        "Lucy Ma\n# Personal skills and competences\nMother tongue(s)  Chinese (Mandarin)\nOther language(s)  Japanese\n"
        "Self-assessment  Understanding C1 · Speaking B2 · Writing B2\nCertificates  PMP; Adobe Certified Expert\n"
        "Driving licence  B\n"
    )
    assert sorted(fields["skills"]) == ["driving", "japanese", "project_management"]
    assert "korean" in _fields("Lucy Ma\nMother tongue(s)  Korean\n")["skills"]


def test_a_table_s_last_column_of_figures_stays_on_its_rows():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("Helvetica", 10)
    page.drawString(60, 800, "Lucy Ma")
    y = 770
    for skill, level, years in [("Skill", "Level", "Years"), ("AutoCAD", "Expert", "7"), ("SolidWorks", "Advanced", "5"),
                                ("Six Sigma", "Basic", "2"), ("Excel", "Expert", "9"), ("PLC programming", "Basic", "1"),
                                ("MES", "Basic", "3"), ("ERP", "Basic", "4")]:  # fmt: skip
        page.drawString(60, y, skill)
        page.drawString(280, y, level)
        page.drawString(430, y, years)
        y -= 17
    page.drawString(60, y - 10, "Process Engineer, Wuxi Lakeside Textiles Co., Ltd., Wuxi, Jiangsu, since May 2020")
    page.save()
    _kind, text = extract_text(buffer.getvalue(), "cv.pdf")
    assert "AutoCAD  Expert  7" in text.splitlines()
    assert text.splitlines()[-1].startswith("Process Engineer, Wuxi")


def test_a_scans_lost_or_misread_colon_still_gives_the_name_and_the_role_wanted():
    fields = _fields(
        "个人简历\n姓名韩雪梅\n性别:女\n手机: 13712340000\n期望职位 ; 行政主管\n"
        "工作经历\n2019.03 - 至今 成都蓉城物业管理有限公司 行政专员\n"
    )
    assert fields["full_name"] == "韩雪梅"
    assert fields["desired_role"] == "行政主管"
    # A longer run of Chinese after 姓名 is a sentence, not a name.
    assert _fields("个人简历\n姓名韩雪梅是我的名字也是我母亲取的\n")["full_name"] != "韩雪梅是我的名字也是我母亲取的"


def test_a_resume_pasted_into_a_chat_with_bracketed_labels_and_no_headings():
    fields = _fields(
        "【姓名】 宋嘉怡  【性别】女\n"
        "📞 137-0000-1234\n"
        "🎓 本科｜西南交通大学｜物流管理｜2016届\n"
        "💼 2016.07-至今  成都蜀道物流有限公司｜运输调度\n"
    )
    assert fields["full_name"] == "宋嘉怡"
    assert fields["gender"] == "F"
    assert fields["field_of_study"] == "物流管理"  # a school and a degree on the line, outside any section
    assert fields["current_employer"] == "成都蜀道物流有限公司"


def test_a_school_line_without_a_major_gives_no_field_of_study():
    assert _fields("个人简历\n姓名：李强\n2008.09-2011.06  成都市第七中学  高中\n")["field_of_study"] in ("", None)


def test_section_headings_in_a_left_margin_head_the_lines_beside_them():
    """A Word resume drawn as a two-column table, the left cells naming the sections: each heading is read in its
    place, not as a sidebar before the body (which left the skills and the employer under no heading)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 10)
    page.drawString(60, 800, "郭梦琪")
    page.drawString(60, 780, "电话：156-0657-9799  邮箱：mengqi.guo@example.com")
    y = 740
    for heading, lines in (
        ("基本信息", ["性别：女", "出生年月：1994.12"]),
        ("教育背景", ["2012.09-2016.06 吉林大学 工商管理 本科"]),
        ("工作经历", ["2017/03 - 至今 伊春芯澜医疗器械有限责任公司", "职位：大客户经理"]),
        ("项目经历", ["2017年 新品上市推广"]),
        ("专业技能", ["Excel、客户服务、商务谈判"]),
        ("自我评价", ["注重细节，做事有条理。"]),
    ):
        page.drawString(60, y, heading)
        for line in lines:
            page.drawString(150, y, line)
            y -= 20
        y -= 10
    page.save()
    _kind, text = extract_text(buffer.getvalue(), "resume.pdf")
    lines = text.splitlines()
    assert lines[lines.index("# 专业技能") + 1] == "Excel、客户服务、商务谈判"
    assert lines[lines.index("# 工作经历") + 1].endswith("伊春芯澜医疗器械有限责任公司")
    fields = _fields(text)
    assert fields["current_employer"] == "伊春芯澜医疗器械有限责任公司"
    assert {"excel", "customer_service", "negotiation"} <= set(fields["skills"])
