"""Resumes written in Traditional Chinese: read with the Simplified headings and vocabularies, values kept as written.

Each resume here is written for this test (none copied from the generated corpus)."""

from datetime import date

from consent import scripts
from consent.parsing import flat_fields, parse_resume

TODAY = date(2026, 11, 29)

TAIPEI_ENGINEER = """履歷表
姓名：陳怡君
性別：女
出生年月：1991年4月
手機：13912345678
電子郵件：yijun.chen@example.com
現居地：廣東省深圳市南山區
學歷：碩士
畢業院校：國立清華大學
專業：資訊工程
工作經驗
2019年3月至今  鴻海精密工業股份有限公司  軟體工程師
2015年7月 - 2019年2月  聯發科技股份有限公司  系統工程師
專業技能
Python、Linux、數據分析、專案管理
求職意向
期望職位：資深軟體工程師
期望薪資：每月25000元
"""


def test_a_traditional_resume_is_read_and_its_values_are_kept_as_written():
    fields = flat_fields(parse_resume(TAIPEI_ENGINEER, today=TODAY))
    assert fields["full_name"] == "陳怡君"
    assert fields["gender"] == "F"
    assert fields["birth_year"] == 1991
    assert fields["phone"] == "13912345678"
    assert fields["contact_email"] == "yijun.chen@example.com"
    # Places are the division list's names, whatever script the address is in.
    assert (fields["province"], fields["city"]) == ("广东", "深圳")
    assert fields["education_level"] == "master"
    assert fields["current_employer"] == "鴻海精密工業股份有限公司"
    assert fields["current_title"] == "軟體工程師"
    assert fields["years_experience"] == 11  # from July 2015 to November 2026
    assert fields["expected_salary"] == 25000
    assert {"python", "linux"} <= set(fields["skills"])


def test_a_simplified_resume_is_not_converted():
    simplified = "个人简历\n姓名：张伟\n工作经历\n2020年至今 上海后勤服务有限公司 发展专员\n"
    assert scripts.simplified(simplified) is None
    assert flat_fields(parse_resume(simplified, today=TODAY))["current_employer"] == "上海后勤服务有限公司"


def test_every_line_read_has_the_length_of_the_line_written():
    text = "軟體工程師 資訊工程\n網際網路公司 計程車司機\n學歷：大學"
    read = scripts.simplified(text)
    assert read is not None
    assert [len(line) for line in read.split("\n")] == [len(line) for line in text.split("\n")]
    first, second, _third = read.split("\n")
    assert first == "软件工程师 信息工程"  # Taiwan phrases read as the vocabularies say them
    assert second == "网际网路公司 计程车司机"  # 網際網路 → 互联网 would shorten the line: characters only


def test_a_value_the_parser_joined_across_a_line_break_is_given_back_as_written():
    text = "工作單位：華碩電腦\n股份有限公司 學歷 經驗"
    read = scripts.simplified(text)
    assert read.split("\n")[0].endswith("华硕电脑")
    assert scripts.as_written({"name": "华硕电脑股份有限公司"}, read, text) == {"name": "華碩電腦股份有限公司"}
    assert scripts.as_written({"name": "华硕电脑 股份有限公司"}, read, text) == {"name": "華碩電腦 股份有限公司"}
    # Codes and places stay as the parser read them.
    parsed = {"studyType": "bachelor", "location": {"region": "台湾"}, "skills": [{"name": "python"}]}
    assert scripts.as_written(parsed, read, text) == parsed
