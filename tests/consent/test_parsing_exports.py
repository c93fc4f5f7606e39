"""App exports, 报名表 forms and tables of jobs: one behaviour each (the error kinds the fourth sealed family
showed once opened, written as general rules)."""

from datetime import date

from consent.parsing import flat_fields, parse_resume
from consent.places import place_in

TODAY = date(2026, 11, 29)


def _fields(text: str) -> dict:
    """The flat fields, with "skills" as every name the parser read: vocabulary ids, then other skills."""
    fields = flat_fields(parse_resume(text, today=TODAY))
    fields["skills"] = [*fields["skills"], *fields.pop("other_skills")]
    return fields


APP_EXPORT = """林晓
女 | 本科 | 9年经验 | 在职-考虑机会
◆ 13912345678
● linxiao@163.com
■ 现居 四川 甘孜
求职期望
人力资源经理 | 成都 | 18-25K·14薪
工作经历
成都锦程人力资源服务有限公司
人力资源经理 · 人力资源部
2020.03-至今（6年8个月）
内容：搭建校园招聘体系，年度到岗率提升至92%
四川川锅机械有限公司
招聘专员 人事行政中心
2017.07-2020.02（2年7个月）
内容：负责技术岗位的社会招聘与入职办理
技能标签
招聘 / 培训 / 薪酬核算
"""


def test_an_app_exports_wish_section_gives_the_desired_role():
    fields = _fields(APP_EXPORT)
    assert fields["desired_role"] == "人力资源经理"


def test_a_department_beside_the_title_is_neither_employer_nor_title():
    fields = _fields(APP_EXPORT)
    assert fields["current_employer"] == "成都锦程人力资源服务有限公司"
    assert fields["current_title"] == "人力资源经理"
    work = parse_resume(APP_EXPORT, today=TODAY)["work"]
    assert [job["position"] for job in work] == ["人力资源经理", "招聘专员"]
    assert work[1]["name"] == "四川川锅机械有限公司"


def test_a_skill_tag_section_lists_skills():
    assert {"recruiting", "training", "payroll"} <= set(_fields(APP_EXPORT)["skills"])


def test_a_prefecture_written_short_after_its_province_is_the_city():
    assert place_in("云南迪庆") == ("云南", "迪庆")
    assert place_in("现居 内蒙古·阿拉善") == ("内蒙古", "阿拉善")
    assert place_in("四川 甘孜") == ("四川", "甘孜")
    assert place_in("西藏阿里地区") == ("西藏", "阿里")
    assert place_in("广东 深圳") == ("广东", "深圳")
    assert _fields(APP_EXPORT)["city"] == "甘孜"


APPLICATION_FORM = """2026年某市事业单位公开招聘工作人员报名表
报考单位：某市属事业单位
姓名  赵文静  性别  女  出生年月  1996.04
民族  汉族  政治面貌  共青团员  籍贯  河北邯郸
学历学位  硕士研究生  毕业时间  2021.06  参加工作时间  2021.07
毕业院校及专业  南开大学  应用统计
现工作单位  天津滨海数据服务有限公司  现任职务  数据分析师
现住址  天津市河西区友谊路12号
报考岗位  统计分析岗  岗位代码  2026103  是否服从调剂  是
职业资格  计算机二级
个人特长  SQL、Tableau；英语（CET-6）
"""


def test_a_form_cell_for_school_and_major_gives_both():
    fields = _fields(APPLICATION_FORM)
    assert fields["field_of_study"] == "应用统计"
    assert parse_resume(APPLICATION_FORM, today=TODAY)["education"][0]["institution"] == "南开大学"
    one_space = _fields(APPLICATION_FORM.replace("南开大学  应用统计", "南开大学 应用统计"))
    assert one_space["field_of_study"] == "应用统计"


def test_a_forms_applied_for_post_is_the_desired_role_and_its_code_is_nothing():
    fields = _fields(APPLICATION_FORM)
    assert fields["desired_role"] == "统计分析岗"
    assert (fields["current_employer"], fields["current_title"]) == ("天津滨海数据服务有限公司", "数据分析师")


def test_a_forms_strengths_cell_lists_skills():
    assert {"sql", "tableau", "english"} <= set(_fields(APPLICATION_FORM)["skills"])


def test_a_form_cell_that_says_none_names_no_employer():
    fields = _fields(APPLICATION_FORM.replace("天津滨海数据服务有限公司  现任职务  数据分析师", "无  现任职务  无"))
    assert (fields["current_employer"], fields["current_title"]) == ("", "")


TIMELINE = """周明
求职意向：数据分析师
工作经历
2019.04
至今
成都蓉数科技有限公司
数据分析师
搭建经营日报体系，为管理层提供决策依据
2016.07
2019.03
重庆山城信息服务有限公司
数据专员
教育背景
2012.09 2016.06  西南财经大学 统计学 | 本科
"""


def test_a_timelines_dates_one_over_the_other_are_one_range():
    parsed = parse_resume(TIMELINE, today=TODAY)
    assert [(job["name"], job["position"], job["startDate"], job["endDate"]) for job in parsed["work"]] == [
        ("成都蓉数科技有限公司", "数据分析师", "2019-04", None),
        ("重庆山城信息服务有限公司", "数据专员", "2016-07", "2019-03"),
    ]
    fields = flat_fields(parsed)
    assert fields["years_experience"] == 10 and fields["field_of_study"] == "统计学"


def test_two_dates_that_go_backwards_are_no_range():
    parsed = parse_resume("工作经历\n2019.04\n2016.07\n成都蓉数科技有限公司\n数据分析师\n", today=TODAY)
    assert all(job["startDate"] != "2019-04" or job["endDate"] != "2016-07" for job in parsed["work"])


def test_a_pdf_timeline_with_its_dates_in_a_left_margin_reads_as_one_column():
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from consent.intake import extract_text

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for text in ("周明", "求职意向：数据分析师", "手机：13912345678"):
        page.setFont("STSong-Light", 10)
        page.drawString(46, y, text)
        y -= 14
    page.drawString(46, y - 8, "工作经历 WORK EXPERIENCE")
    y -= 30
    for start, end, employer, title in (
        ("2019.04", "至今", "成都蓉数科技有限公司", "数据分析师"),
        ("2016.07", "2019.03", "重庆山城信息服务有限公司", "数据专员"),
        ("2014.07", "2016.06", "贵阳筑城数据有限公司", "统计员"),
    ):
        page.drawString(46, y, start)
        page.drawString(142, y, employer)
        page.drawString(46, y - 14, end)
        page.drawString(142, y - 14, title)
        page.drawString(142, y - 28, "负责门店经营日报和周报体系的搭建，为区域管理层提供决策依据")
        y -= 50
    page.showPage()
    page.save()
    _kind, text = extract_text(buffer.getvalue(), "cv.pdf")
    assert "2019.04 - 至今  成都蓉数科技有限公司  数据分析师" in "\n".join(parse_lines(text))
    fields = _fields(text)
    assert (fields["current_employer"], fields["current_title"]) == ("成都蓉数科技有限公司", "数据分析师")


def parse_lines(text: str) -> list[str]:
    from consent.parsing import _norm_line, _sectioned, _timeline_dates_joined

    lines, _sections = _timeline_dates_joined(*_sectioned([_norm_line(line) for line in text.splitlines() if line.strip()]))
    return lines


JOB_ROWS = """RESUME
Name  Grace Lin  Mobile  +86 139 1234 5678
# Employment history
From  To  Employer  Position  City  Main duties
03/2021
Present
Ningbo Harbour Logistics Co., Ltd.
Operations Manager
Ningbo
Ran the regional warehouse network and cut delivery costs by a tenth
# Education
From  To  Institution  Degree  Major
09/2012  06/2016  Zhejiang University  B.Sc.  Logistics Management
# Skills and languages
Category  Details
Technical  Excel, SQL
"""


def test_a_tables_header_row_names_no_employer_title_or_skill():
    fields = _fields(JOB_ROWS)
    assert (fields["current_employer"], fields["current_title"]) == ("Ningbo Harbour Logistics Co., Ltd.", "Operations Manager")
    assert fields["field_of_study"] == "Logistics Management"
    assert set(fields["skills"]) == {"excel", "sql"}


MARKDOWN = """# Liang Qiu

Director of Product · Garze, Sichuan · liangqiu@163.com · (+86) 15612345678

**Looking for:** Director of Product

## Experience

### Director of Product · Chengdu Tianfu Network Technology Co., Ltd., Garze Branch
*May 2019 – present · Garze*

- Led competitor reviews and set the yearly release roadmap
"""


def test_markdown_emphasis_is_no_part_of_a_value():
    assert _fields(MARKDOWN)["desired_role"] == "Director of Product"


def test_a_branch_after_its_companys_name_is_part_of_the_name_and_beats_the_city_on_the_dates_line():
    fields = _fields(MARKDOWN)
    assert fields["current_employer"] == "Chengdu Tianfu Network Technology Co., Ltd., Garze Branch"
    assert fields["current_title"] == "Director of Product"


def test_prefectures_known_by_their_own_languages_names_beside_their_province():
    assert place_in("Garze, Sichuan") == ("四川", "甘孜")
    assert place_in("Ngari, Tibet") == ("西藏", "阿里")
    assert place_in("Kashgar, Xinjiang") == ("新疆", "喀什")
    assert place_in("Turpan, Xinjiang") == ("新疆", "吐鲁番")
    assert (_fields(MARKDOWN)["province"], _fields(MARKDOWN)["city"]) == ("四川", "甘孜")


def test_a_title_run_into_its_companys_name_ends_where_the_city_begins():
    fields = _fields(
        "Jie Huang\n# Experience\nHead of Operations Chengdu Leren Logistics Co., Ltd.\nSep 2024 – present Chengdu\n"
        "Re-planned delivery routes, cutting the cost per parcel by 8%\n"
    )
    assert (fields["current_employer"], fields["current_title"]) == ("Chengdu Leren Logistics Co., Ltd.", "Head of Operations")


def _ruled_pdf(rows: list[list[str]], above: list[str]) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 9)
    y = 800
    for text in above:
        page.drawString(46, y, text)
        y -= 16
    widths = [50, 50, 130, 110, 60, 100]
    top = y
    for row in rows:
        height = 12 * max(len(cell) for cell in row) + 6
        x = 46
        for width, cell in zip(widths, row, strict=False):
            page.rect(x, top - height, width, height)
            for number, text in enumerate(cell):
                page.drawString(x + 3, top - 12 - 12 * number, text)
            x += width
        top -= height
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_pdf_table_of_jobs_reads_one_row_a_line_with_wrapped_cells_joined():
    from consent.intake import extract_text

    data = _ruled_pdf(
        [
            [["From"], ["To"], ["Employer"], ["Position"], ["City"], ["Main duties"]],
            [
                ["01/2016"],
                ["Present"],
                ["Suzhou Hengxin", "Industrial Co., Ltd."],
                ["Senior Accountant"],
                ["Suzhou"],
                ["Prepared the annual", "budget"],
            ],
            [["12/2012"], ["01/2016"], ["Guilin Songguo", "Trading Co., Ltd."], ["Accountant"], ["Guilin"], ["Closed the books"]],
        ],
        ["Helen Zhou", "Employment history"],
    )
    _kind, text = extract_text(data, "cv.pdf")
    assert "01/2016  Present  Suzhou Hengxin Industrial Co., Ltd.  Senior Accountant  Suzhou  Prepared the annual budget" in text
    parsed = parse_resume(text, today=TODAY)
    assert [(job["name"], job["position"], job["startDate"], job["endDate"]) for job in parsed["work"]] == [
        ("Suzhou Hengxin Industrial Co., Ltd.", "Senior Accountant", "2016-01", None),
        ("Guilin Songguo Trading Co., Ltd.", "Accountant", "2012-12", "2016-01"),
    ]
    assert flat_fields(parsed)["years_experience"] == 13


def test_a_pdf_table_whose_cell_lists_dated_entries_keeps_them_apart():
    from consent.intake import extract_text

    data = _ruled_pdf(
        [
            [["Name"], ["Wang Fang"]],
            [["History"], ["2013.08-2017.06 Lanzhou University", "2017.07-2021.11 Lanzhou Heming Co., Ltd. Accountant"]],
        ],
        ["Application form"],
    )
    _kind, text = extract_text(data, "form.pdf")
    lines = text.splitlines()
    assert "History  2013.08-2017.06 Lanzhou University" in lines
    assert "2017.07-2021.11 Lanzhou Heming Co., Ltd. Accountant" in lines


def test_chinese_at_any_level_is_no_skill_but_another_language_is():
    fields = _fields("陈嘉欣\n语言能力 Languages\n粤语（母语）、普通话（流利）、英语（CET-6）\n")
    assert "english" in fields["skills"] and "普通话" not in fields["skills"]
    assert "粤语" in fields["skills"]  # kept for the person to review, like any language the vocabulary lacks
    assert "mandarin" not in _fields("Amy Chan\n# Languages\nMandarin (fluent), English (native)\n")["skills"]


def test_a_gender_sign_in_the_chip_row_is_the_gender():
    assert _fields("孟一鸣\n♂ | 30岁 | 本科 | 7年经验\n手机：15848625562\n")["gender"] == "M"
    assert _fields("林晓\n♀ | 本科 | 9年经验\n手机：13912345678\n")["gender"] == "F"
    assert _fields("林晓\n本科 | 9年经验\n手机：13912345678\n")["gender"] == "U"


def test_months_of_pay_written_without_their_mark_do_not_change_the_monthly_figure():
    fields = _fields("顾天佑\n求职期望\n数据分析专员 | 成都 | 14K15薪\n")
    assert (fields["desired_role"], fields["expected_salary"]) == ("数据分析专员", 14000)


def test_family_members_employers_on_a_form_say_nothing_of_where_the_applicant_lives():
    form = APPLICATION_FORM.replace("现住址  天津市河西区友谊路12号\n", "") + (
        "家庭主要成员及社会关系\n称谓  姓名  工作单位及职务\n父亲  赵建国  邯郸市人民政府办公室 科员\n"
    )
    fields = _fields(form)
    assert (fields["province"], fields["city"]) == ("", "")


def test_an_information_technology_post_is_engineering():
    form = APPLICATION_FORM.replace("天津滨海数据服务有限公司  现任职务  数据分析师", "无  现任职务  无")
    fields = _fields(form.replace("统计分析岗", "信息技术岗"))
    assert (fields["desired_role"], fields["role_category"]) == ("信息技术岗", "engineering")


def test_a_scanned_forms_label_run_into_its_value_is_still_read():
    form = APPLICATION_FORM.replace("毕业院校及专业  南开大学  应用统计", "毕业院校及专业。南开大学应用统计")
    assert _fields(form)["field_of_study"] == "应用统计"
    form = APPLICATION_FORM.replace("毕业院校及专业  南开大学  应用统计", "毕业院校及专业南开大学应用统计")
    assert _fields(form)["field_of_study"] == "应用统计"


def test_a_scanned_forms_label_with_one_character_misread_is_still_its_label():
    form = APPLICATION_FORM.replace("个人特长  SQL", "个人特攻  SQL")
    assert {"sql", "tableau", "english"} <= set(_fields(form)["skills"])
    assert _fields("姓名  王芳\n某某单位  SQL、Tableau\n")["skills"] == []  # no label's near twin, no label


def test_a_graduates_resume_with_schooling_and_no_job_has_no_years_of_work():
    graduate = "WU Jiahao\nGraduate · jiahao.wu@163.com\n## Education\n- **B.Eng., Automation**, Hunan University, 2021–2025\n"
    assert _fields(graduate)["years_experience"] == 0
    assert _fields("WU Jiahao\njiahao.wu@163.com\n")["years_experience"] is None  # nothing told, nothing guessed
    with_job = graduate + "## Experience\nData Analyst · Changsha Xiangjiang Data Co., Ltd.\nJul 2022 – present\n"
    assert _fields(with_job)["years_experience"] == 4


HK_CV = """陈嘉欣 CHAN Ka Yan
# 工作经验 Work Experience
2024年6月 – 现在  江门知行信息服务有限公司
职位 Position：数据分析师
主要职责 Duties：
设计会员流失预警模型，挽回约一成高价值会员
2022年10月 – 2023年2月  临夏同舟信息服务有限公司
职位 Position：数据实习生
主要职责 Duties：
梳理埋点口径，统一五条业务线的指标定义
# 专业资格 Professional Qualifications
计算机二级、C1驾驶证、六西格玛绿带
"""


def test_a_title_labelled_under_the_dates_is_that_jobs_not_the_last_duty_above():
    work = parse_resume(HK_CV, today=TODAY)["work"]
    assert [job["position"] for job in work] == ["数据分析师", "数据实习生"]
    assert _fields(HK_CV)["years_experience"] == 2  # the internship is no work experience


def test_professional_qualifications_are_certificates_not_education():
    fields = _fields(HK_CV)
    assert {"driving", "lean"} <= set(fields["skills"])
    assert fields["education_level"] in ("", None)


def test_a_skill_bars_figure_or_blocks_are_no_part_of_the_skill():
    fields = _fields("周明\n# 专业技能 SKILLS\nSketch 90%\nPython ■■■■□\n数据分析 95%\n")
    assert set(fields["skills"]) == {"sketch", "python", "data_analysis"}


def test_no_years_are_guessed_beside_a_dated_job_that_could_not_be_read():
    form = "姓名  田欣怡\n学历学位  大学本科\n5018 07 至今成都万象人力资源服务股份有限公司人事专员\n"  # a scan's misread dates
    assert _fields(form)["years_experience"] is None
    assert _fields("姓名  田欣怡\n学历学位  大学本科\n")["years_experience"] == 0


def test_a_heading_in_sentence_case_whose_words_each_name_a_section_opens_it():
    text = JOB_ROWS.replace("# Skills and languages", "Skills and languages")
    assert set(_fields(text)["skills"]) == {"excel", "sql"}
    assert _fields("Ann Li\n# Summary\nManaged a team\nExcel, SQL\n")["skills"] == []
