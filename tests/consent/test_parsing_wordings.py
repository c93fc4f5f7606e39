"""How people write the current job, the job wanted, the pay wanted and their skills: one rule a test,
each on wordings of its own (none copied from the generated corpus)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consent.parsing import _section_of, education_level, flat_fields, parse_resume
from consent.salaries import salary_in_text, salary_monthly

TODAY = date(2026, 11, 29)


def _fields(text: str) -> dict:
    """The flat fields, with "skills" as every name the parser read: vocabulary ids, then other skills."""
    fields = flat_fields(parse_resume(text, today=TODAY))
    fields["skills"] = [*fields["skills"], *fields.pop("other_skills")]
    return fields


# ---------------------------------------------------------------- the current job


@pytest.mark.parametrize(
    ("line", "employer", "title"),
    [
        ("2021年6月至今  就职于苏州工业园区某某精密机械有限公司，任质量工程师", "苏州工业园区某某精密机械有限公司", "质量工程师"),
        ("2020.01 - 至今  在宁波港联物流有限公司担任调度主管", "宁波港联物流有限公司", "调度主管"),
        ("2020.01 - 至今  供职于厦门海沧医疗器械有限公司，职位为注册专员", "厦门海沧医疗器械有限公司", "注册专员"),
        ("2019.09 - 至今  在线教育科技有限公司  课程顾问", "在线教育科技有限公司", "课程顾问"),  # 在线 is a word
        ("Mar 2021 - now: Joined Northwind Traders Ltd as a Buyer", "Northwind Traders Ltd", "Buyer"),
    ],
)
def test_a_job_told_as_a_sentence_keeps_only_the_employer_and_the_title(line, employer, title):
    fields = _fields(f"陈晨\n工作经历\n{line}\n")
    assert (fields["current_employer"], fields["current_title"]) == (employer, title)


@pytest.mark.parametrize(
    ("dates", "start"),
    [("Feb 2018 - to date", "2018-02"), ("Feb 2018 – till now", "2018-02"), ("2018年 - 至今", "2018"), ("2018年至今", "2018")],
)
def test_a_range_running_to_date_is_the_current_job(dates, start):
    text = f"Ann Lee\nExperience\nFinch Analytics LLC, Data Engineer, {dates}\nOld Mill Bakery Ltd, Baker, Jan 2015 - Jan 2018\n"
    fields = _fields(text)
    assert (fields["current_employer"], fields["current_title"]) == ("Finch Analytics LLC", "Data Engineer")
    assert fields["work_history"][0]["startDate"] == start and fields["work_history"][0]["endDate"] is None


def test_labelled_employer_and_title_on_the_date_line_are_read_by_their_labels():
    fields = _fields("赵磊\n工作经历\n2017.03-至今  单位：青岛港湾机械有限公司  岗位：设备工程师\n")
    assert (fields["current_employer"], fields["current_title"]) == ("青岛港湾机械有限公司", "设备工程师")


@pytest.mark.parametrize(
    ("text", "employer", "title"),
    [
        ("Jane Roe\nProfile\nCurrently a Senior Accountant at Harbor & Vale LLP, previously Auditor at KPMG.\n",
         "Harbor & Vale LLP", "Senior Accountant"),
        ("Jane Roe\nProfile\nPresently working as Buyer at Northwind Traders Ltd.\n", "Northwind Traders Ltd", "Buyer"),
        ("何静\n自我介绍\n目前在美团担任产品运营，此前做过两年客服。\n", "美团", "产品运营"),
        ("何静\n个人简介\n现任东莞松湖电子有限公司采购专员。\n", "东莞松湖电子有限公司", "采购专员"),
    ],
)  # fmt: skip
def test_a_sentence_that_says_where_the_person_works_now_gives_the_current_job(text, employer, title):
    fields = _fields(text)
    assert (fields["current_employer"], fields["current_title"]) == (employer, title)


@pytest.mark.parametrize(
    ("text", "employer", "title"),
    [
        ("Omar Haddad\nLogistics Coordinator at Bluewater Freight Inc.\nomar@example.org\n", "Bluewater Freight Inc.",
         "Logistics Coordinator"),
        ("郑爽\n人力资源经理 | 合肥蓝海置业有限公司\n手机 13645678901\n", "合肥蓝海置业有限公司", "人力资源经理"),
        ("郑爽\n招聘专员 | 3年经验 | 合肥\n手机 13645678901\n", "", "招聘专员"),
    ],
)  # fmt: skip
def test_with_no_work_history_the_headline_under_the_name_gives_the_current_job(text, employer, title):
    fields = _fields(text)
    assert (fields["current_employer"], fields["current_title"]) == (employer, title)


def test_a_headline_naming_a_major_or_a_school_is_no_job():
    fields = _fields("马骁\n计算机科学与技术 | 2026届应届毕业生\n手机 13912345678\n教育背景\n2022-2026 四川大学 本科\n")
    assert (fields["current_employer"], fields["current_title"]) == ("", "")
    fields = _fields("Lucy Hart\nComputer Science Student, Wuhan University\nlucy@example.com\n")
    assert (fields["current_employer"], fields["current_title"]) == ("", "")


def test_a_dated_job_wins_over_the_headline():
    fields = _fields("Omar Haddad\nFreelance Consultant\nExperience\nBluewater Freight Inc. | Dispatcher | 2022 - present\n")
    assert (fields["current_employer"], fields["current_title"]) == ("Bluewater Freight Inc.", "Dispatcher")


# ---------------------------------------------------------------- the job wanted


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("冯雪\n求职意向\n目标岗位：供应链计划专员\n", "供应链计划专员"),
        ("冯雪\n求职意向\n期望从事：出纳\n", "出纳"),
        ("冯雪\n求职意向\n期望行业：快消\n意向方向：品牌策划\n", "品牌策划"),  # a label it does not know, in the intent section
        ("冯雪\n求职意向\n职位：仓储主管  城市：佛山  薪资：面议\n", "仓储主管"),  # 职位 there is the job wanted
        ("冯雪\n求职意向：电气工程师 | 佛山 | 9-12K\n", "电气工程师"),
        ("Tom Baker\nObjective\nA challenging Supply Chain Analyst position in a growing firm.\n", "Supply Chain Analyst"),
        ("Tom Baker\nSeeking: Business Analyst roles in healthcare\n", "Business Analyst"),
        ("Tom Baker\nSummary\nLooking for a Learning and Development Specialist role in Chengdu.\n",
         "Learning and Development Specialist"),
        ("Tom Baker\nSummary\nSeeking opportunities as a Mechanical Designer.\n", "Mechanical Designer"),
        ("Tom Baker\nCareer goal: to become a Quantity Surveyor in construction\n", "Quantity Surveyor"),
        ("冯雪\n求职意向\n人事专员/行政文员\n", "人事专员"),  # of alternatives, the first
        ("冯雪\n期望职位：兼职 | 平面设计师 | 长沙 | 6-8K\n", "平面设计师"),  # not the kind of contract, place or pay
        ("冯雪\n期望职位：UI/UX设计师\n", "UI/UX设计师"),
    ],
)  # fmt: skip
def test_the_job_wanted_is_read_in_all_its_wordings(text, role):
    assert _fields(text)["desired_role"] == role


def test_the_job_wanted_is_not_taken_for_the_job_held():
    fields = _fields("冯雪\n求职意向\n职位：仓储主管\n工作经历\n2019.05-至今  佛山顺和仓储有限公司  仓管员\n")
    assert (fields["desired_role"], fields["current_title"]) == ("仓储主管", "仓管员")


# ---------------------------------------------------------------- the pay wanted


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("9K×13", 9000),
        ("9kx15", 9000),
        ("1.1万*14", 11000),
        ("¥25,000/月", 25000),
        ("30万/年", 25000),
        ("期望薪资 15-20K", 15000),
        ("$6k/month", None),  # not yuan
        ("可面谈", None),
    ],
)
def test_a_salary_with_the_months_paid_a_year_is_the_monthly_figure(text, monthly):
    assert salary_monthly(text) == monthly


def test_a_salary_whose_value_sits_on_the_next_line_is_read():
    assert salary_in_text("期望月薪：\n1.2万-1.5万") == 12000
    assert salary_in_text("target compensation RMB\n16k a month") == 16000
    assert salary_in_text("期望薪资：\n2020年毕业") is None  # a year is no pay


def test_the_pay_in_a_summary_headed_career_summary_is_read():
    fields = _fields("Ann Lee\nCareer Summary\nPlanner with 6 years in retail; expected pay RMB 14k per month.\n")
    assert fields["expected_salary"] == 14000


def test_a_figure_in_the_line_of_job_intent_is_the_pay_wanted():
    assert _fields("冯雪\n求职意向：电气工程师 | 佛山 | 9-12K\n")["expected_salary"] == 9000
    assert _fields("冯雪\n求职意向：电气工程师 | 佛山 | 面议\n")["expected_salary"] is None


# ---------------------------------------------------------------- skills


@pytest.mark.parametrize(
    ("line", "skills"),
    [
        ("★ Photoshop ★ Illustrator ★ AutoCAD", ["cad", "illustrator", "photoshop"]),
        ("● 商务谈判 ● 客户服务 ● 驾驶证B2", ["customer_service", "driving", "negotiation"]),
        ("Python（熟练，4年）、MySQL（一般）、Linux 精通", ["linux", "mysql", "python"]),
        ("Excel - advanced | SQL: 3 years | Tableau (basic)", ["excel", "sql", "tableau"]),
        ("Photoshop Illustrator Microsoft Office Negotiation Customer service Power BI and more tools besides these",
         ["customer_service", "negotiation", "office", "photoshop", "power_bi"]),  # a long run: vocabulary skills only
        ("薪酬核算、社保公积金", ["payroll", "社保公积金"]),  # 薪 in a skill's name is no salary
        ("新媒体营销 / 短视频剪辑", ["digital_marketing", "短视频剪辑"]),
        ("o Excel @ Photoshop o Tableau", ["excel", "photoshop", "tableau"]),  # bullets a scan misread
        ("Excel、anna.k@example.org", ["excel"]),  # an e-mail address is no skill
    ],
)  # fmt: skip
def test_a_skills_section_reads_every_list_shape_and_drops_levels(line, skills):
    assert sorted(_fields(f"孔明\n专业技能\n{line}\n")["skills"]) == sorted(skills)


def test_languages_spoken_are_skills():
    assert sorted(_fields("Ann Lee\nLanguages: English (fluent), Cantonese (native)\n")["skills"]) == ["cantonese", "english"]


def test_skills_stated_in_prose_are_read():
    fields = _fields("Ann Lee\nSummary\nAnalyst with solid knowledge of Power BI and Vue.js; good at negotiation.\n")
    assert sorted(fields["skills"]) == ["negotiation", "power_bi", "vue"]
    fields = _fields("孔明\n自我评价\n具备良好的沟通能力，会使用Photoshop。\n")
    assert sorted(fields["skills"]) == ["communication", "photoshop"]


def test_two_scripts_apart_are_no_skill_name():
    assert _fields("孔明\n专业技能\nExcel、项目管理\n隆 FF\n")["skills"] == ["excel", "project_management"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(["熟练", "精通", "（熟悉）", " (advanced)", " - intermediate", ": 2 years"]), max_size=2))
def test_a_level_after_a_skill_never_changes_which_skill_it_is(levels):
    line = "、".join(f"{name}{level}" for name, level in zip(["Python", "Docker"], levels + ["", ""], strict=False))
    assert sorted(_fields(f"孔明\n技能\n{line}\n")["skills"]) == ["docker", "python"]


# ---------------------------------------------------------------- sections, places, degrees


@pytest.mark.parametrize(
    ("heading", "section"),
    [("Career Summary", "summary"), ("Career History", "work"), ("Career Objective", "intent"), ("Objective", "intent"),
     ("基本资料", "basics"), ("Personal Details", "basics"), ("工作经历 Work Experience", "work"),
     ("Professional Profile", "summary")],
)  # fmt: skip
def test_a_heading_is_known_by_its_head_noun(heading, section):
    assert _section_of(heading) == section


def test_the_name_line_and_an_e_mail_domain_are_never_read_as_a_place():
    # "LAI Yang" is not Laiyang (莱阳), and "corp" in an address is no company.
    fields = _fields("LAI Yang\nKunming, Yunnan • 13800138000 • yang.lai@corp.example.net\n")
    assert (fields["province"], fields["city"]) == ("云南", "昆明")


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Doctorate in Public Administration, Fudan University", "Public Administration"),
        ("Higher diploma, Nursing 2015–2018", "Nursing"),
        ("Diploma graduate in Hotel Management with 5 years in hospitality", "Hotel Management"),
    ],
)
def test_the_field_of_study_after_a_diploma_or_in_a_degree(line, field):
    assert _fields(f"Ann Lee\nEducation\n{line}\n")["field_of_study"] == field


@pytest.mark.parametrize(
    ("text", "level"),
    [("PhD in Marine Biology", "doctorate"), ("Msc Finance", "master"), ("MBA", "master"), ("BSc (Hons) Economics", "bachelor"),
     ("Ms Zhou, 熟练使用MS Office", ""), ("Jack Ma", ""), ("MS SQL Server DBA", "")],
)  # fmt: skip
def test_a_degree_acronym_counts_only_as_degrees_are_written(text, level):
    assert education_level(text) == level


def test_chinese_prose_wrapped_mid_word_is_read_as_one_sentence():
    text = "吕青的简历\n个人简介\n我叫吕青，现居广西南宁。本科毕业于广西民族大学汉语国际教\n育专业，从事相关工作4年。\n"
    assert _fields(text)["field_of_study"] == "汉语国际教育"


# ---------------------------------------------------------------- labels in two languages, a job board's labels


@pytest.mark.parametrize(
    "line",
    [
        "姓名 Name 钟岚  性别 Gender 女",  # no colon at all
        "姓名 Name：钟岚  性别 Gender：女",  # a colon after each, the second label's Chinese half before its English one
        "姓名/Name 钟岚 | 性别/Gender 女",
    ],
)
def test_a_label_written_in_both_languages_is_told_from_its_value(line):
    fields = _fields(f"个人资料 Profile\n{line}\n")
    assert (fields["full_name"], fields["gender"]) == ("钟岚", "F")


def test_the_value_after_a_two_language_label_without_colon_is_the_whole_value():
    fields = _fields("钟岚\n出生年月 Date of Birth 1993年11月  邮箱 E-mail zl@example.org\n期望职位 Desired Position 质量主管\n")
    assert (fields["birth_year"], fields["contact_email"], fields["desired_role"]) == (1993, "zl@example.org", "质量主管")


def test_the_labels_of_a_job_board_export_name_the_role_wanted_not_the_kind_of_work():
    text = (
        "蒋一帆\n男 | 31岁 | 现居住地：温州\n# 求职意向\n期望工作地区： 温州\n目前状况： 在职，考虑机会\n"
        "期望工作性质： 兼职\n期望从事职业： 质量工程师\n期望从事行业： 汽车零部件\n"
    )
    fields = _fields(text)
    assert (fields["desired_role"], fields["city"]) == ("质量工程师", "温州")


# ---------------------------------------------------------------- a resume written as a letter


@pytest.mark.parametrize(
    ("sentence", "employer", "title"),
    [
        ("2016年3月加入温州瓯江阀门有限公司，现任采购主管，负责供应商开发。", "温州瓯江阀门有限公司", "采购主管"),
        ("2012年5月至2016年2月在无锡太湖纺织集团担任质检员；2016年3月加入温州瓯江阀门有限公司，现任采购主管。",
         "温州瓯江阀门有限公司", "采购主管"),
        ("目前就职于温州瓯江阀门有限公司（2016年3月至今），担任采购主管一职，负责供应商开发。",
         "温州瓯江阀门有限公司", "采购主管"),
    ],
)  # fmt: skip
def test_a_job_told_in_a_chinese_letter_is_the_current_job(sentence, employer, title):
    text = f"自荐信\n尊敬的招聘负责人：\n本人蒋一帆，男，1990年生，现居浙江温州。\n{sentence}\n"
    fields = _fields(text)
    assert (fields["current_employer"], fields["current_title"]) == (employer, title)


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("本人蒋一帆，男，1990年生。", ""),
        ("您好！我叫蒋一帆，来自浙江。", ""),
        ("您好！感谢您阅读我的材料。", "此致\n敬礼！\n蒋一帆\n2026年3月2日"),
    ],
)
def test_the_name_of_a_letter_is_in_its_first_sentence_or_its_signature(opening, closing):
    assert _fields(f"求职信\n{opening}\n工作中认真负责。\n{closing}\n")["full_name"] == "蒋一帆"


@pytest.mark.parametrize(
    "sentence",
    ["希望能在贵公司从事质量工程师工作。", "此次希望应聘贵公司的质量工程师一职。", "期望能够担任质量工程师一职。"],
)
def test_the_role_a_letter_asks_for_leaves_out_the_company_addressed(sentence):
    assert _fields(f"求职信\n本人蒋一帆，现居温州。\n{sentence}\n")["desired_role"] == "质量工程师"


def test_a_birth_year_is_not_read_across_a_sentence_into_a_later_year():
    assert _fields("求职信\n本人蒋一帆，1990年出生，现居温州。2011年大学毕业。\n")["birth_year"] == 1990


def test_a_field_of_study_said_with_its_own_verb_after_the_school():
    text = "求职信\n本人蒋一帆。毕业于温州大学，所学专业为机械设计制造及其自动化，本科学历。\n"
    assert _fields(text)["field_of_study"] == "机械设计制造及其自动化"


# ---------------------------------------------------------------- skills lists as job boards and one-page resumes write them


def test_a_two_language_heading_with_a_hyphen_closes_the_skills_list():
    text = "钟岚\n# 专业技能 Skills\nAutoCAD、SolidWorks\n# 自我评价 Self-evaluation\n踏实肯干。 Hard-working, eager to grow.\n"
    assert sorted(_fields(text)["skills"]) == ["cad", "solidworks"]


def test_levels_durations_and_group_names_in_a_skills_list_are_no_skills():
    text = "钟岚\n# 专业技能\nAutoCAD\nSolidWorks\n（4年2个月）\n精通 | 4年\n较好 | 2年\nTechnical\n"
    assert sorted(_fields(text)["skills"]) == ["cad", "solidworks"]


def test_a_group_name_before_a_colon_is_left_out():
    text = "Ann Lee\n# Skills\nDesign tools: AutoCAD, SolidWorks\nSpoken: English (professional)\n"
    assert sorted(_fields(text)["skills"]) == ["cad", "english", "solidworks"]


def test_a_job_description_set_among_the_skills_lists_none():
    text = "钟岚\n# 专业技能\nAutoCAD\n项目描述：完成模具设计，缩短交期；优化图纸评审流程。\n"
    assert _fields(text)["skills"] == ["cad"]


@pytest.mark.parametrize("heading", ["# 语言能力", "# 外语能力", "# Languages"])
def test_a_languages_section_lists_skills(heading):
    assert _fields(f"钟岚\n# 工作经历\n2020.01 - 至今 某某有限公司 机械工程师\n{heading}\n英语六级\n")["skills"] == ["english"]


# ---------------------------------------------------------------- the role's category, the field, the title


@pytest.mark.parametrize(
    ("title", "category"), [("品牌推广主管", "sales"), ("Lead Brand Executive", "sales"), ("仓储主管", "operations")]
)
def test_the_word_naming_the_trade_decides_over_a_match_by_the_head_noun_alone(title, category):
    assert _fields(f"钟岚\n# 工作经历\n2020.01 - 至今 某某有限公司 {title}\n")["role_category"] == category


def test_a_highest_qualification_names_the_field_and_a_table_header_row_does_not():
    text = (
        "NAME  Ann Lee\nHighest Qualification  Bachelor of Science in Marine Biology\n# EDUCATION\n"
        "Year  Institution / Qualification\n2015  Ocean University Bachelor of Science\n"
    )
    assert _fields(text)["field_of_study"] == "Marine Biology"


@pytest.mark.parametrize(
    "line", ["2012.09 - 2016.06 某某大学 土木工程统招 本科", "2012.09 - 2016.06 某某大学 土木工程（全日制） 本科"]
)
def test_how_a_degree_was_studied_is_no_part_of_the_field(line):
    assert _fields(f"钟岚\n# 教育经历\n{line}\n")["field_of_study"] == "土木工程"


@pytest.mark.parametrize("line", ["结构工程师 月薪：12001-15000元/月", "结构工程师  薪资：保密"])
def test_the_pay_beside_a_job_title_is_no_part_of_it(line):
    assert _fields(f"钟岚\n# 工作经历\n2020.01 - 至今 某某建筑设计有限公司\n{line}\n")["current_title"] == "结构工程师"


def test_a_title_that_runs_onto_the_next_line_is_read_whole():
    text = "Ann Lee\n# Experience\nNorthwind Traders Ltd — Regional Quality  Mar 2021 – Present\nManager\nLed audits.\n"
    assert _fields(text)["current_title"] == "Regional Quality Manager"


# ---------------------------------------------------------------- birth, gender and place beside other details


@pytest.mark.parametrize(("line", "year"), [("女 | 30岁 | 1996年3月 | 未婚", 1996), ("男 | 30岁 | 1995年12月", 1995)])
def test_a_birth_month_beside_the_age_gives_the_year_whichever_side_of_the_birthday(line, year):
    assert _fields(f"# 钟岚\n{line}\n")["birth_year"] == year


@pytest.mark.parametrize(("line", "gender"), [("Target role: Buyer · Personal: Male", "M"), ("Personal details: female", "F")])
def test_a_personal_note_at_the_foot_of_a_one_page_resume_gives_the_gender(line, gender):
    assert _fields(f"Ann Lee\n# Experience\nBuyer at Northwind Traders Ltd\n# Skills\nExcel\n{line}\n")["gender"] == gender


@pytest.mark.parametrize(
    ("address", "place"),
    [
        ("Kangding, Ganzi, Sichuan", ("四川", "甘孜")),
        ("No. 8 Minzu Road, Yushu, Qinghai Province", ("青海", "玉树")),
        ("Yushu, Jilin", ("吉林", "长春")),  # the county-level city of Jilin stays
        ("Korla, Bayingolin ... Bayinguoleng, Xinjiang", ("新疆", "巴音郭楞")),
    ],
)
def test_a_prefecture_written_in_pinyin_is_read_beside_its_province(address, place):
    fields = _fields(f"Ann Lee\n{address} | ann@example.org\n")
    assert (fields["province"], fields["city"]) == place


def test_a_prefecture_in_pinyin_without_its_province_is_not_guessed():
    assert _fields("Ali Chen\nAli Chen | ann@example.org\n")["city"] == ""


# ---------------------------------------------------------------- the role wanted


def test_the_industry_wanted_is_no_role_and_a_function_label_names_the_role():
    text = "蒋一帆\n# 求职意向\n期望地点： 温州\n行业： 汽车零部件\n职能/职位： 质量工程师\n"
    assert _fields(text)["desired_role"] == "质量工程师"


def test_an_industry_alone_in_the_intent_section_is_no_role():
    assert _fields("蒋一帆\n# 求职意向\n期望地点： 温州\n行业： 汽车零部件\n")["desired_role"] == ""


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Position Applied For  Principal Compensation and Benefits Analyst", "Principal Compensation and Benefits Analyst"),
        ("期望职位：薪酬福利专员", "薪酬福利专员"),
        ("期望职位：薪酬福利专员 期望薪资：12K", "薪酬福利专员"),
        ("Target role: Payroll Officer, salary 20k", "Payroll Officer"),
    ],
)
def test_a_pay_word_inside_the_role_name_stays_and_the_pay_after_it_goes(line, role):
    assert _fields(f"Ann Lee\n{line}\n")["desired_role"] == role


def test_a_school_a_degree_and_scan_specks_among_the_skills_are_no_skills():
    text = "钟岚\n# 专业技能\nAutoCAD\n温州职业技术学院\n学历:专科\n] 年\nqy\nBIM建模\n"
    assert sorted(_fields(text)["skills"]) == ["bim建模", "cad"]


# ---------------------------------------------------------------- degrees, languages and categories in English


@pytest.mark.parametrize(
    ("line", "field"),
    [("A.A.S. in Dental Hygiene, Lakeshore College  2015", "Dental Hygiene"), ("A.S., Nursing, 2012", "Nursing")],
)
def test_an_associate_degree_written_as_initials_gives_the_level_and_the_field(line, field):
    fields = _fields(f"Mia Ren\n# Education\n{line}\n")
    assert (fields["education_level"], fields["field_of_study"]) == ("associate", field)


def test_chinese_as_the_mother_tongue_is_no_skill_a_foreign_language_is():
    fields = _fields("Mia Ren\n# Skills\nTools: Excel, SAP\nLanguages: Cantonese (fluent), English (native), Mandarin (native)\n")
    assert "english" in fields["skills"] and "excel" in fields["skills"]
    assert "mandarin" not in fields["skills"]
    assert "mandarin" not in _fields("Mia Ren\n# 技能\n普通话（母语）、英语（CET-6）\n")["skills"]
    assert "mandarin" not in _fields("Mia Ren\n# Languages\nMandarin (Native or Bilingual)\nEnglish\n")["skills"]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Bachelor of Management - BM, Tourism Management · (2012 - 2016)", "Tourism Management"),
        ("Bachelor of Economics - BEc, Insurance", "Insurance"),
        ("Master of Management in Hospitality", "Hospitality"),
    ],
)
def test_the_kind_of_a_chinese_degree_is_no_field_the_subject_after_it_is(line, field):
    assert _fields(f"Mia Ren\n# Education\nJinan University\n{line}\n")["field_of_study"] == field


@pytest.mark.parametrize(
    ("title", "category"),
    [("Talent Acquisition Partner", "hr"), ("Senior Talent Acquisition Lead", "hr"), ("Payroll Officer", "hr")],
)
def test_a_short_keyword_is_a_whole_word_the_ui_of_acquisition_names_no_designer(title, category):
    assert _fields(f"Mia Ren\n# Experience\nMar 2021 – Present  Northgate Logistics Ltd  {title}\n")["role_category"] == category


# ---------------------------------------------------------------- an English page's wrapped sentences


def test_a_role_wanted_in_a_sentence_the_page_wrapped_is_read_whole():
    text = (
        "Mia Ren\n# Summary\nWarehouse planner with 6+ years of experience in cold-chain logistics. Now seeking a Senior\n"
        "Inventory and Replenishment Planner position.\n"
    )
    assert _fields(text)["desired_role"] == "Senior Inventory and Replenishment Planner"


# ---------------------------------------------------------------- a resume pasted into an e-mail, told as talk


_MAIL = (
    "王总您好，\n{opening}\n我叫邵乐天，今年31岁，男，现在人在湖北省襄阳市。\n{study}\n{job}\n{years}\n{pay}\n"
    "附：电话 13598765432\n"
)
_PLAIN = {
    "opening": "听说你们部门在招仓储规划师，冒昧来信。",
    "study": "2016年毕业于湖北文理学院，本科，读的是物流工程专业。",
    "job": "现在在襄阳汉江冷链物流有限公司当调度组长，19年8月入职的。",
    "years": "到现在一共工作了9年。",
    "pay": "期望9000到11000一个月，可以谈。",
}


def _mail(**changes) -> dict:
    return _fields(_MAIL.format(**{**_PLAIN, **changes}))


@pytest.mark.parametrize("opening", ["听说你们部门在招仓储规划师，冒昧来信。", "看到贵公司正在招聘仓储规划师岗位，想试一试。"])
def test_the_opening_a_letter_answers_is_the_role_wanted(opening):
    assert _mail(opening=opening)["desired_role"] == "仓储规划师"
    unemployed = _mail(opening=opening, job="", years="")
    assert (unemployed["desired_role"], unemployed["current_title"]) == ("仓储规划师", "")  # the opening holds no job


@pytest.mark.parametrize(
    "job",
    ["现在在襄阳汉江冷链物流有限公司当调度组长，19年8月入职的。", "目前在襄阳汉江冷链物流有限公司做调度组长，19年8月入职。"],
)
def test_a_job_said_with_do_or_be_names_the_title_without_the_verb(job):
    fields = _mail(job=job)
    assert (fields["current_employer"], fields["current_title"]) == ("襄阳汉江冷链物流有限公司", "调度组长")


@pytest.mark.parametrize("study", ["2016年毕业于湖北文理学院，本科，读的是物流工程专业。", "本科学历，学的是物流工程。"])
def test_the_field_said_in_talk_is_read(study):
    assert _mail(study=study)["field_of_study"] == "物流工程"


def test_the_years_said_with_a_particle_and_the_pay_without_a_pay_word_are_read():
    fields = _mail()
    assert (fields["years_experience"], fields["expected_salary"]) == (9, 9000)


# ---------------------------------------------------------------- skills as job sites, matrices and certificates list them


def test_a_language_with_how_well_it_is_read_and_spoken_is_the_language():
    fields = _fields("钟岚\n# 语言能力\n韩语（TOPIK 5级）：读写能力精通 | 听说能力良好\n英语：读写熟练\n普通话（二级甲等）\n")
    assert sorted(fields["skills"]) == sorted(["韩语", "english"])


def test_a_level_written_before_the_skill_and_a_duration_column_are_no_part_of_it():
    fields = _fields("钟岚\n# 专业技能\n良好深度学习\n熟练AutoCAD\nSolidWorks | 精通 | 36个月\n")
    assert fields["skills"] == ["deep_learning", "cad", "solidworks"]


def test_a_skills_matrix_with_tabs_keeps_the_skills_and_drops_its_header_levels_and_years():
    fields = _fields("Lucy Ma\nSKILLS MATRIX\nSkill\tLevel\tYears\nCommunication skills\tIntermediate\t11\nAutoCAD\tExpert\t7\n")
    assert fields["skills"] == ["communication", "cad"]


def test_certificates_name_only_the_skills_the_vocabulary_knows():
    fields = _fields("钟岚\n# 证书\n2019.06  英语专业八级\n2021.03  六西格玛绿带\n2022.11  一级建造师\n# Skills\nAutoCAD\n")
    assert sorted(fields["skills"]) == ["cad", "english", "lean"]


@pytest.mark.parametrize("heading", ["★ 专业技能", "【专业技能】", "■ 专业技能", "# ◆ 专业技能", ". 支专业技能"])
def test_a_heading_marked_with_symbols_or_a_scan_s_speck_before_it_is_the_heading(heading):
    assert sorted(_fields(f"钟岚\n{heading}\nAutoCAD\nSolidWorks\n")["skills"]) == ["cad", "solidworks"]


def test_a_line_ending_in_a_stop_is_no_heading():
    assert _section_of("年工作经验。") is None and _section_of("# Personal skills and competences") == "skills"


@pytest.mark.parametrize(
    ("title", "category"), [("Head of Procurement", "operations"), ("Strategic Sourcing Lead", "operations")]
)
def test_buying_for_a_company_is_operations(title, category):
    assert (
        _fields(f"Lucy Ma\nExperience\nMay 2020 - Present  Wuxi Lakeside Textiles Co., Ltd.  {title}\n")["role_category"]
        == category
    )


RECRUITER_REPORT = """人才推荐报告
推荐职位：供应链总监
客户：某外资制造企业（保密）
推荐顾问：周敏 报告日期：2026年10月
候选人：谢景行 性别：男 出生年份：1985年
联系电话：13611112222 电子邮箱：xiejx@example.com
目前公司：苏州恒远精密制造有限公司
目前职位：供应链经理
目前年薪：40万 期望年薪：48万
工作经历
2018年5月—至今 苏州恒远精密制造有限公司 供应链经理
顾问评价
该候选人从业12年，目前任职于苏州恒远精密制造有限公司，担任供应链经理。他的专长包括项目管理、
Excel、谈判，过往业绩稳定，善于沟通。
"""


def test_a_recruiters_report_gives_the_candidate_not_the_consultant_and_the_pay_wanted_not_the_pay_now():
    fields = _fields(RECRUITER_REPORT)
    assert fields["full_name"] == "谢景行"
    assert fields["desired_role"] == "供应链总监"  # the post the candidate is put forward for
    assert fields["expected_salary"] == 40000  # 48万 a year, not the 40万 earned now
    assert fields["current_employer"] == "苏州恒远精密制造有限公司"
    assert fields["current_title"] == "供应链经理"
    # Skills named in the report's sentence, wrapped over two lines, up to the clause's end: 沟通 is after it.
    assert sorted(fields["skills"]) == ["excel", "negotiation", "project_management"]


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("研发经理", "engineering"),
        ("营运总监", "operations"),  # 营运: Taiwan's and Hong Kong's word for 运营
        ("区域业务总监", "sales"),  # 业务 is business won from clients
        ("业务经理", "sales"),
        ("法务经理", "other"),  # legal work has no category of its own
        ("财务经理", "finance"),
    ],
)
def test_a_title_gives_the_category_of_its_work(title, category):
    text = f"个人简历\n姓名：钟立新\n工作经历\n2019.03 - 至今  杭州远川实业有限公司  {title}\n"
    assert _fields(text)["role_category"] == category
