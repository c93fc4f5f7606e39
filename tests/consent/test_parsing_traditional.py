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


TAIPEI_MARKETER = """履歷表
姓名  林佩珊  性別  女
出生日期  民國84年6月  聯絡電話  +86 13800138000
學歷
2013年09月 – 2017年06月 國立中興大學 企業管理學系 學士
工作經驗
2021年04月 – 迄今 台北星川電子商務股份有限公司
職稱：行銷企劃
2017年07月 – 2021年03月 新竹光洋科技股份有限公司
職稱：業務助理
專業技能
數位行銷、SEO、英文
自傳
本人個性開朗，善於溝通。
"""


def test_taiwan_dates_titles_and_words_are_read():
    fields = flat_fields(parse_resume(TAIPEI_MARKETER, today=TODAY))
    assert fields["birth_year"] == 1995  # 民國84年: the Republic's 84th year
    assert fields["current_employer"] == "台北星川電子商務股份有限公司"  # 迄今: up to now
    assert fields["current_title"] == "行銷企劃"  # 職稱 is the job's title in Taiwan
    assert fields["years_experience"] == 9
    # 數位行銷 is digital marketing, 英文 English; the 自傳 (autobiography) is no skill.
    assert sorted(fields["skills"]) == ["digital_marketing", "english", "seo"]


def test_a_mainland_professional_rank_is_not_the_job_title():
    text = "个人简历\n姓名：王建国\n职称：中级会计师\n工作经历\n2016.03 - 至今 郑州中原会计师事务所有限公司 审计经理\n"
    assert flat_fields(parse_resume(text, today=TODAY))["current_title"] == "审计经理"
