"""The parser's rules, one behaviour each: sentences, company names, salaries, places, skills."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consent.parsing import (
    LOW_CONFIDENCE,
    _company_rejoined,
    field_confidence,
    flat_fields,
    parse_resume,
    salary_monthly,
    skills_split,
    skills_vocabulary,
)
from consent.places import place_in

TODAY = date(2026, 11, 29)


def _fields(text: str) -> dict:
    return flat_fields(parse_resume(text, today=TODAY))


def test_facts_stated_in_english_sentences_are_read():
    fields = _fields(
        "Jane Zhang\njane@example.com | 138 0013 8000\n\nSUMMARY\n"
        "I am a female data professional born in 1991 with 8 years of experience, based in Zunyi, Guizhou.\n"
        "Seeking a Senior Data Analyst role with an expected salary of 25k-30k RMB per month.\n"
    )
    assert (fields["gender"], fields["birth_year"], fields["years_experience"]) == ("F", 1991, 8)
    assert (fields["province"], fields["city"]) == ("贵州", "遵义")
    assert fields["desired_role"] == "Senior Data Analyst"
    assert fields["expected_salary"] == 25000


def test_facts_stated_in_chinese_sentences_are_read():
    fields = _fields(
        "王芳\n手机 13800138000\n自我评价\n本人女，1990年出生，现居贵州省遵义市，拥有6年工作经验。"
        "希望从事高级会计工作，期望月薪1.5万。\n"
    )
    assert (fields["gender"], fields["birth_year"], fields["years_experience"]) == ("F", 1990, 6)
    assert (fields["province"], fields["city"]) == ("贵州", "遵义")
    assert fields["desired_role"] == "高级会计"
    assert fields["expected_salary"] == 15000


@pytest.mark.parametrize(
    ("line", "employer", "title"),
    [
        ("Data Analyst, Galaxy Tech Co., Ltd.  Jul 2016 – Present", "Galaxy Tech Co., Ltd.", "Data Analyst"),
        ("2016.07–至今  深圳星河科技有限公司 | 数据分析师", "深圳星河科技有限公司", "数据分析师"),
        ("2016年7月至今 招商银行股份有限公司 后端工程师", "招商银行股份有限公司", "后端工程师"),
        ("Backend Engineer at Cloudsail Network Inc. (2019/03 - now)", "Cloudsail Network Inc.", "Backend Engineer"),
    ],
)
def test_employer_keeps_its_legal_suffix_and_the_title_is_split_off(line, employer, title):
    fields = _fields(f"Li Wei\nWORK EXPERIENCE\n{line}\n")
    assert (fields["current_employer"], fields["current_title"]) == (employer, title)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("20K", 20000),
        ("20-25K", 20000),
        ("1.5万-2万", 15000),
        ("20,000 元/月", 20000),
        ("年薪30万", 25000),
        ("RMB 360,000 per year", 30000),
        ("12k CNY/month", 12000),
        ("面议", None),
    ],
)
def test_salaries_in_every_common_form_become_monthly_yuan(text, monthly):
    assert salary_monthly(text) == monthly


def test_places_are_read_in_chinese_and_pinyin_from_the_full_division_table():
    assert place_in("贵州省遵义市红花岗区") == ("贵州", "遵义")
    assert place_in("Zunyi, Guizhou") == ("贵州", "遵义")
    assert place_in("Taizhou, Zhejiang") == ("浙江", "台州")
    assert place_in("Wuhan University") == ("", "")  # a school is not where the person lives


def test_a_line_stating_years_of_experience_is_never_a_skill():
    fields = _fields("Li Wei\nSKILLS\nPython, SQL\n8 years of experience in data analysis\n熟练掌握Excel，5年以上工作经验\n")
    assert sorted(fields["skills"]) == ["excel", "python", "sql"]


def test_skills_under_another_heading_and_in_sentences_are_found():
    fields = _fields("张伟\n技术栈\nJava、Spring Boot、Docker\n")
    assert sorted(fields["skills"]) == ["docker", "java", "spring"]
    fields = _fields("Li Wei\nPROFILE\nProficient in Python, Tableau and SQL.\n")
    assert sorted(fields["skills"]) == ["python", "sql", "tableau"]


def test_each_field_has_a_confidence_and_missing_ones_are_zero():
    confidence = field_confidence(parse_resume("姓名：张伟\n手机：13800138000\n", today=TODAY))
    assert confidence["full_name"] >= LOW_CONFIDENCE and confidence["phone"] >= LOW_CONFIDENCE
    assert confidence["expected_salary"] == 0 and confidence["desired_role"] == 0


@settings(deadline=None)  # the first call loads the vocabularies and jieba
@given(st.text(max_size=300))
def test_no_skill_is_ever_a_sentence(text):
    for skill in flat_fields(parse_resume("技能\n" + text))["skills"]:
        assert len(skill) <= 30 and "经验" not in skill and "experience" not in skill.lower()


def test_an_education_line_whose_gaps_were_lost_still_gives_the_major():
    fields = _fields("王芳\n手机：13912345678\n教育背景\n2014-2018  南京师范大学工业设计硕士\n")
    assert (fields["field_of_study"], fields["education_level"]) == ("工业设计", "master")


def test_a_bilingual_label_is_known_by_either_half_and_stray_marks_are_dropped():
    fields = _fields("个人简历 Resume\n姓名 Name：曹敏\n朋望职位 Desired role：高级运营经理 -\nTarget role: ignored\n")
    assert fields["desired_role"] == "高级运营经理"


def test_an_ats_export_reads_title_over_employer_over_dates_and_skips_durations_streets_and_districts():
    fields = _fields(
        "Kevin Wu\nSenior Data Analyst at Galaxy Tech Co., Ltd.\n"
        "Room 1203, 88 Nanjing Road, Jing'an District, Shanghai 200040\nkevin.wu@example.com | +86 136 1234 5678\n"
        "Experience\nData Analyst\nGalaxy Tech Co., Ltd. · Full-time\nJul 2019 - Present · 7 yrs 5 mos\nShanghai, China\n"
        "Junior Analyst\nCloudsail Network Ltd. · Internship\nMar 2018 - Jun 2019 · 1 yr 4 mos\nHangzhou, Zhejiang, China\n"
        "Education\nZhejiang University\nBachelor of Science - BS, Statistics\n2014 - 2018\n"
    )
    assert (fields["province"], fields["city"]) == ("上海", "上海")  # not Nanjing Road
    assert (fields["current_employer"], fields["current_title"]) == ("Galaxy Tech Co., Ltd.", "Data Analyst")
    assert [job["position"] for job in fields["work_history"]] == ["Data Analyst", "Junior Analyst"]
    assert (fields["field_of_study"], fields["education_level"], fields["years_experience"]) == ("Statistics", "bachelor", 8)
    assert place_in("Chaoyang District, Beijing") == ("北京", "北京")


# ---------------------------------------------------------------- skills outside the vocabulary


def test_names_outside_the_vocabulary_are_other_skills_never_skills():
    fields = _fields("陈嘉欣\n专业技能\nPython、SQL、粤语、用友U8、项目管理\n")
    by_id, _lookup = skills_vocabulary()
    assert set(fields["skills"]) == {"python", "sql", "project_management"}
    assert all(skill in by_id for skill in fields["skills"])
    assert fields["other_skills"] == ["粤语", "用友u8"]


def test_a_parse_stored_before_the_split_is_split_when_read():
    stored = {"skills": [{"name": "python"}, {"name": "粤语"}], "x-exchange": {}}
    fields = flat_fields(stored)
    assert (fields["skills"], fields["other_skills"]) == (["python"], ["粤语"])


_VOCABULARY_IDS = sorted(skills_vocabulary()[0])


@given(st.lists(st.one_of(st.sampled_from(_VOCABULARY_IDS), st.text(min_size=1, max_size=12)), max_size=20))
@settings(max_examples=200, deadline=None)
def test_skills_split_partitions_the_names_in_their_order(names):
    known, other = skills_split(names)
    by_id = skills_vocabulary()[0]
    assert all(name in by_id for name in known) and not any(name in by_id for name in other)
    assert sorted(known + other) == sorted(names)  # nothing lost, nothing added
    assert known == [name for name in names if name in by_id] and other == [name for name in names if name not in by_id]


# ---------------------------------------------------------------- companies a narrow box wrapped


@pytest.mark.parametrize(
    ("upper", "lower", "company"),
    [
        ("2017.03-至今 乌鲁木齐泓达零售有限责", "任公司    运营总监", "乌鲁木齐泓达零售有限责任公司"),
        ("2012.12-至今 乌鲁木齐知禾文化传", "媒有限责任公司    用户运营主管", "乌鲁木齐知禾文化传媒有限责任公司"),
        ("2009.11-至今 乌鲁木齐沐辰零售股", "份有限公司    运营专员", "乌鲁木齐沐辰零售股份有限公司"),
    ],
)
def test_a_company_wrapped_in_a_narrow_box_is_one_name(upper, lower, company):
    fields = _fields(f"【姓名】徐泽宇\n工作经历\n{upper}\n{lower}\n")
    assert fields["current_employer"] == company
    assert fields["current_title"] == lower.split()[-1]


def test_a_company_under_a_heading_or_a_lone_date_is_no_wrapped_line():
    lines = ["【姓名】徐泽宇", "2017.03-至今", "工作经历", "深圳腾讯有限公司", "运营总监", "2016.01-2017.02 广州", "某某有限公司"]
    assert _company_rejoined(lines) == lines


def test_months_with_a_two_digit_year_and_to_date_are_a_range():
    fields = _fields(
        "Leo Bao\nEXPERIENCE\nFinancial Analyst, Deloitte Touche Tohmatsu CPA Ltd.\nNov '17 to date\n"
        "Accountant, Panasonic Corporation of China\nAug ’15 – Oct ’17\n"
    )
    assert (fields["current_employer"], fields["current_title"]) == ("Deloitte Touche Tohmatsu CPA Ltd.", "Financial Analyst")
    assert fields["years_experience"] == 11  # Aug 2015 to Nov 2026
    assert [entry["startDate"] for entry in fields["work_history"]] == ["2017-11", "2015-08"]


def test_the_name_over_the_main_columns_first_heading_after_a_sidebar_is_the_name():
    fields = _fields(
        "# CONTACT\n18591391239\nlan.junjie@example.com\nTulufan, Xinjiang\n# SKILLS\nMS Excel\nPython\n"
        "# LANGUAGES\nEnglish\n# LAN Junjie\n# PROFILE\nCurious and reliable.\n# EXPERIENCE\nSenior Data Analyst\n"
        "Ernst & Young (China) Advisory Ltd. | Sept 2006 – present\n"
    )
    assert fields["full_name"] == "Lan Junjie"  # the surname in capitals is written as a name
    assert {"excel", "python", "english"} <= set(fields["skills"])


@pytest.mark.parametrize(
    ("row", "employer", "title", "category"),
    [
        ("2000.02-至今  鹰潭万达广场优衣库门店  店长", "鹰潭万达广场优衣库门店", "店长", "sales"),
        ("2008.10-至今    京东物流天津分拨中心    车队长", "京东物流天津分拨中心", "车队长", "operations"),
        ("2020.08-至今  苏州船舶重工有限责任公司  焊接班长", "苏州船舶重工有限责任公司", "焊接班长", "other"),
    ],
)
def test_a_trades_job_beside_its_workplace_is_the_title(row, employer, title, category):
    fields = _fields(f"段振华\n工作经历\n起止时间  工作单位  岗位\n{row}\n")
    assert (fields["current_employer"], fields["current_title"], fields["role_category"]) == (employer, title, category)
