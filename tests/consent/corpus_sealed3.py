"""A third sealed family of generated resumes: how the intake reads resumes it has never been tuned on.

Written without reading the parser or its data (nothing under consent/ that extracts, parses or holds
vocabularies was opened, apart from the role-category names) and without reading the other families'
wordings; sealed (only the family's summary figures read) until a later round opened its misses to drive
tuning (tests/consent/corpus.py says so). Own seed, own pools, own renderers (reportlab for PDF, python-docx
for DOCX, Pillow for scans and photos). People live in any prefecture of cpca's division list (adcodes.csv),
a quarter of them in one of the big cities.

Layouts:

- zh_job_site_export: a 智联/前程无忧-style export: a header line (gender, age with birth month, residence,
  sometimes 户口 and the years of experience), a 求职意向 grid of key:value pairs (wished-for city,
  monthly pay as the sites' brackets such as "10001-15000元/月", 期望从事职业 …), experience as
  "公司名称 | 职位 | 时间（n年m个月）" rows with 所属行业/规模 and "工作描述：", internships mixed in, 项目经历,
  教育经历 rows, 语言能力, 证书, 专业技能 with levels;
- en_linkedin_export: a LinkedIn PDF export: a left sidebar (Contact, Top Skills, Languages, Certifications),
  the name, a headline, a location line, Summary, Experience with the company on one line, the title on
  the next, "January 2019 - Present (7 years 10 months)" and a location line (several positions under
  one company after a promotion), Education as "Degree - ABBR, Field of study · (2010 - 2014)";
  no gender, birth date, wish or pay;
- en_europass: a Europass-like CV: a right-aligned label column ("Surname(s) / First name(s)", "Address",
  "Date of birth" as dd/mm/yyyy, "Nationality", "Desired employment / Occupational field"), Work experience
  blocks of Dates / Occupation or position held / Main activities / Name and address of employer,
  Education and training blocks, Personal skills (mother tongue, other languages with CEFR levels,
  computer skills, driving licence), the pay sometimes under Additional information;
- zh_one_table: a Chinese resume drawn as one table with merged cells: 姓名/性别/出生年月/照片, 民族/政治面貌/籍贯,
  学历/毕业院校/专业, 联系电话/电子邮箱, 现居住地/期望薪资, 求职意向, then 工作经历, 教育经历, 实习经历 rows,
  专业技能, 语言能力, 获奖证书, 兴趣爱好, 自我评价 in the same table (籍贯 is not where one lives; some show
  no residence at all);
- zh_symbol_marked: a Chinese resume whose sections are marked with symbols ("■ 工作经历", "【教育背景】",
  "◆ 专业技能" …), dates like "2019年3月—至今" / "2016/07 - 2019/02" / "2016.7-2019.2", pay like "面议",
  "1.5-2万/月", "年薪30万", "15K·14薪", jobs newest first or sometimes oldest first;
- en_skills_matrix: an English resume with a skills matrix (Skill | Level | Years), "Target role" and
  "Expected: RMB 25,000 per month" / "CNY 300k/year" / "negotiable", jobs as "Title — Employer, City" over
  "03/2018 – 11/2021";
- scan_zh_one_table: the one-table resume printed and scanned (image-only PDF) or photographed (JPEG);
- photo_zh_symbol_marked: the symbol-marked resume photographed (JPEG, PNG): tilt, blur, grey paper, specks.

Truth is what a careful reader takes from the page; a field the page does not state is None:

- full_name as written (English names in pinyin, either order, sometimes an English given name);
  phone: the 11 digits of the mobile number, however it is spaced or prefixed (+86); email as written;
- birth_year from a stated birth date or birth year (never from an age alone); gender only when stated;
- province, city: where the person lives now (现居住地 / 现居 / location / address), as short names
  ("广东", "深圳"; a municipality is both; "西双版纳" for 西双版纳傣族自治州); 籍贯, 户口 and a wished-for
  work city are not where one lives;
- education_level: the highest degree shown (a part-time MBA counts); field_of_study: that degree's
  major as written (None for high school);
- years_experience: the months of the full-time jobs (end month minus start month; an ongoing job runs to
  the corpus's today) summed, then // 12; internships (titles with 实习/Intern) do not count; a graduate
  with internships only has 0;
- current_employer, current_title: the newest full-time job (always ongoing here), as written: the
  employer's full name with legal suffix and branch, the title with its seniority; None with no full-time job;
- role_category: the category of the current title; with no job, of the desired role; with neither, None;
- desired_role: the wished-for role as written; None where the page states no wish;
- expected_salary: monthly yuan; a range counts as its lower bound ("10001-15000元/月" is 10001, "1.5-2万/月"
  15000, "2万以上" 20000), yearly pay /12 ("年薪30万" 25000, "CNY 300k/year" 25000), "15K·14薪" is 15000;
  "面议" / negotiable / not stated is None;
- skills: the vocabulary ids (privacy/data/skills.json) of the skills the page lists in its skills,
  top-skills, computer-skills, languages and certificates parts (a certificate counts when its name is
  itself a vocabulary skill: PMP, Six Sigma, a driving licence, Tableau …; a language counts when it is in
  the vocabulary: English, Japanese); a skill whose spelling is not in the vocabulary (Git, Axure, SPSS,
  用友U8 …) is no id. Job descriptions, projects and self-evaluations are written without vocabulary
  words; majors, titles and employer names are no skills even when they contain one ("市场营销" as a major).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import random
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

SEALED3_HELD_OUT = (
    "zh_job_site_export", "en_linkedin_export", "en_europass", "zh_one_table", "zh_symbol_marked",
    "en_skills_matrix", "scan_zh_one_table", "photo_zh_symbol_marked",
)  # fmt: skip
SEALED3_SEED = 9_036_417

_FORMATS = {
    "zh_job_site_export": ("pdf", "docx", "txt"),
    "en_linkedin_export": ("pdf", "txt"),
    "en_europass": ("pdf", "docx"),
    "zh_one_table": ("docx", "pdf"),
    "zh_symbol_marked": ("pdf", "docx", "txt"),
    "en_skills_matrix": ("pdf", "docx", "txt"),
    "scan_zh_one_table": ("pdf", "jpg"),
    "photo_zh_symbol_marked": ("jpg", "png"),
}

FONT_REGULAR = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FONT_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
LATIN_REGULAR = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
LATIN_BOLD = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")


def formats(layout: str) -> tuple[str, ...]:
    return _FORMATS[layout]


# ---------------------------------------------------------------- places (cpca's division list)

_PROVINCE_EN = {
    "北京": "Beijing", "天津": "Tianjin", "河北": "Hebei", "山西": "Shanxi", "内蒙古": "Inner Mongolia",
    "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang", "上海": "Shanghai", "江苏": "Jiangsu",
    "浙江": "Zhejiang", "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong", "河南": "Henan",
    "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "广西": "Guangxi", "海南": "Hainan", "重庆": "Chongqing",
    "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "西藏": "Tibet", "陕西": "Shaanxi", "甘肃": "Gansu",
    "青海": "Qinghai", "宁夏": "Ningxia", "新疆": "Xinjiang",
}  # fmt: skip
_MUNICIPALITIES = {"11": "北京", "12": "天津", "31": "上海", "50": "重庆"}
_BIG = ["深圳", "广州", "上海", "北京", "杭州", "成都", "武汉", "重庆", "南京", "苏州", "西安", "天津", "郑州", "长沙",
        "东莞", "青岛", "合肥", "佛山", "宁波", "厦门"]  # fmt: skip
_READINGS = {"长": "chang", "朝": "chao", "乐": "le", "单": "shan", "番": "pan", "蔚": "yu", "重": "chong", "勒": "le"}


def _resources() -> Path:
    return Path(importlib.util.find_spec("cpca").origin).parent / "resources"


def _province_short(name: str) -> str:
    for full, short in (("内蒙古自治区", "内蒙古"), ("广西壮族自治区", "广西"), ("西藏自治区", "西藏"),
                        ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆")):  # fmt: skip
        if name == full:
            return short
    return name.removesuffix("省").removesuffix("市")


def _prefecture_short(name: str, nations: list[str]) -> str:
    if name.endswith("自治州"):
        body = name[: -len("自治州")]
        stems = [n for n in nations] + [n.removesuffix("族") for n in nations if len(n) > 2]
        cuts = [body.find(stem) for stem in stems if body.find(stem) > 0]
        return body[: min(cuts)] if cuts else body
    for suffix in ("地区", "盟", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(word)
    if len(syllables) == len(word):
        syllables = [_READINGS.get(ch, syllable) if i == 0 or ch == "勒" else syllable
                     for i, (ch, syllable) in enumerate(zip(word, syllables, strict=True))]  # fmt: skip
    out = syllables[0]
    for syllable in syllables[1:]:
        out += ("'" if syllable[:1] in "aeo" else "") + syllable
    return out.capitalize()


@cache
def _places() -> tuple[list[dict], dict[str, dict]]:
    """Every prefecture (short names, full names, English names) with its districts and counties."""
    root = _resources()
    nations = [row[0] for row in csv.reader(open(root / "56_nations.csv", encoding="utf-8")) if row]
    with open(root / "adcodes.csv", encoding="utf-8") as handle:
        rows = [(code, name) for code, name, *_ in list(csv.reader(handle))[1:]]
    names = dict(rows)
    prefectures: dict[str, dict] = {}
    for code, name in rows:
        province_code = code[:2]
        if province_code in ("71", "81", "82") or code[2:4] == "00" or code[4:] != "00000000":
            continue
        if province_code in _MUNICIPALITIES:
            continue
        if name in ("市辖区", "县") or "直辖" in name or name == "三沙市":
            continue
        province_full = names[province_code + "0000000000"]
        province = _province_short(province_full)
        short = _prefecture_short(name, nations)
        prefectures[code[:4]] = {
            "province": province, "province_full": province_full, "province_en": _PROVINCE_EN[province],
            "city": short, "city_full": name, "city_en": _pinyin(short), "districts": [],
        }  # fmt: skip
    for province_code, short in _MUNICIPALITIES.items():
        prefectures[province_code] = {
            "province": short, "province_full": short + "市", "province_en": _PROVINCE_EN[short],
            "city": short, "city_full": short + "市", "city_en": _PROVINCE_EN[short], "districts": [],
        }  # fmt: skip
    for code, name in rows:
        if code[4:6] == "00" or code[6:] != "000000" or name == "市辖区":
            continue
        key = code[:2] if code[:2] in _MUNICIPALITIES else code[:4]
        if key in prefectures and name.endswith(("区", "县", "市", "旗")) and not name.endswith("自治县"):
            prefectures[key]["districts"].append(name)
    listed = sorted(prefectures.values(), key=lambda p: (p["province"], p["city_full"]))
    return listed, {p["city"]: p for p in listed}


def _district_en(district: str) -> str:
    for suffix, english in (("新区", " New Area"), ("区", " District"), ("县", " County"), ("市", ""), ("旗", " Banner")):
        if district.endswith(suffix):
            return _pinyin(district[: -len(suffix)]) + english
    return _pinyin(district)


def _place(rng: random.Random) -> dict:
    listed, by_city = _places()
    place = dict(by_city[rng.choice(_BIG)] if rng.random() < 0.25 else rng.choice(listed))
    place["district"] = rng.choice(place["districts"]) if place["districts"] else None
    return place


# ---------------------------------------------------------------- people

_SURNAMES = {
    "王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang", "黄": "Huang", "赵": "Zhao",
    "吴": "Wu", "周": "Zhou", "徐": "Xu", "孙": "Sun", "马": "Ma", "朱": "Zhu", "胡": "Hu", "郭": "Guo", "何": "He",
    "高": "Gao", "林": "Lin", "罗": "Luo", "郑": "Zheng", "梁": "Liang", "谢": "Xie", "宋": "Song", "唐": "Tang",
    "许": "Xu", "韩": "Han", "冯": "Feng", "邓": "Deng", "曹": "Cao", "彭": "Peng", "曾": "Zeng", "肖": "Xiao",
    "田": "Tian", "董": "Dong", "袁": "Yuan", "潘": "Pan", "蒋": "Jiang", "蔡": "Cai", "杜": "Du", "叶": "Ye",
    "程": "Cheng", "苏": "Su", "魏": "Wei", "吕": "Lyu", "丁": "Ding", "任": "Ren", "沈": "Shen", "姚": "Yao",
    "卢": "Lu", "崔": "Cui", "钟": "Zhong", "谭": "Tan", "陆": "Lu", "范": "Fan", "金": "Jin", "廖": "Liao",
    "贾": "Jia", "夏": "Xia", "韦": "Wei", "方": "Fang", "白": "Bai", "邹": "Zou", "孟": "Meng", "熊": "Xiong",
    "秦": "Qin", "邱": "Qiu", "薛": "Xue", "闫": "Yan", "雷": "Lei", "侯": "Hou", "龙": "Long", "陶": "Tao",
    "顾": "Gu", "毛": "Mao", "郝": "Hao", "龚": "Gong", "邵": "Shao", "钱": "Qian", "覃": "Qin", "戴": "Dai",
    "欧阳": "Ouyang", "上官": "Shangguan", "司马": "Sima",
}  # fmt: skip
_GIVEN = {  # character: (pinyin, "F" / "M" / "" for either)
    "芳": ("fang", "F"), "娜": ("na", "F"), "静": ("jing", "F"), "丽": ("li", "F"), "艳": ("yan", "F"),
    "婷": ("ting", "F"), "雪": ("xue", "F"), "颖": ("ying", "F"), "琪": ("qi", "F"), "怡": ("yi", "F"),
    "瑶": ("yao", "F"), "倩": ("qian", "F"), "玲": ("ling", "F"), "璐": ("lu", "F"), "薇": ("wei", "F"),
    "婧": ("jing", "F"), "馨": ("xin", "F"), "悦": ("yue", "F"), "彤": ("tong", "F"), "萱": ("xuan", "F"),
    "伟": ("wei", "M"), "强": ("qiang", "M"), "磊": ("lei", "M"), "军": ("jun", "M"), "勇": ("yong", "M"),
    "杰": ("jie", "M"), "涛": ("tao", "M"), "超": ("chao", "M"), "刚": ("gang", "M"), "斌": ("bin", "M"),
    "鹏": ("peng", "M"), "浩": ("hao", "M"), "昊": ("hao", "M"), "峰": ("feng", "M"), "凯": ("kai", "M"),
    "博": ("bo", "M"), "航": ("hang", "M"), "翔": ("xiang", "M"), "泽": ("ze", "M"), "宇": ("yu", "M"),
    "明": ("ming", ""), "文": ("wen", ""), "华": ("hua", ""), "晨": ("chen", ""), "思": ("si", ""), "佳": ("jia", ""),
    "嘉": ("jia", ""), "子": ("zi", ""), "一": ("yi", ""), "欣": ("xin", ""), "雨": ("yu", ""), "晓": ("xiao", ""),
    "天": ("tian", ""), "可": ("ke", ""), "睿": ("rui", ""), "安": ("an", ""), "辰": ("chen", ""), "逸": ("yi", ""),
    "诗": ("shi", "F"), "梦": ("meng", "F"), "俊": ("jun", "M"), "宏": ("hong", "M"), "志": ("zhi", "M"),
    "海": ("hai", ""), "春": ("chun", ""), "秋": ("qiu", ""), "远": ("yuan", ""), "然": ("ran", ""),
}  # fmt: skip
_EN_GIVEN = {"F": ["Grace", "Cindy", "Vivian", "Iris", "Emma", "Joyce", "Stella", "Wendy", "Fiona", "Cherry"],
             "M": ["Kevin", "Jason", "Leo", "Frank", "Tony", "Henry", "Alan", "Vincent", "Ryan", "Bruce"]}  # fmt: skip
_MAIL_DOMAINS = ["163.com", "qq.com", "126.com", "foxmail.com", "outlook.com", "gmail.com", "sina.com", "hotmail.com",
                 "139.com", "yeah.net"]  # fmt: skip
_PHONE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
                   "157", "158", "159", "166", "176", "177", "180", "181", "182", "185",
                   "186", "187", "188", "189", "199"]  # fmt: skip


def _name(rng: random.Random, gender: str) -> tuple[str, str, str]:
    surname = rng.choice(list(_SURNAMES)) if rng.random() < 0.97 else rng.choice(["欧阳", "上官", "司马"])
    pool = [ch for ch, (_py, g) in _GIVEN.items() if g in ("", gender)]
    given = "".join(rng.sample(pool, 1 if rng.random() < 0.25 else 2))
    return surname + given, _SURNAMES[surname], "".join(_GIVEN[ch][0] for ch in given).capitalize()


# Tracks: (category, titles zh by level, titles en by level, intern zh, intern en, vocab skill ids,
# non-vocabulary skills, the group of majors people in it study).
_TRACKS = [
    ("engineering", ["初级Java开发工程师", "Java开发工程师", "高级Java开发工程师", "Java技术专家"],
     ["Junior Java Developer", "Java Developer", "Senior Java Developer", "Principal Java Engineer"],
     "Java开发实习生", "Java Development Intern",
     ["java", "spring", "mysql", "redis", "linux", "docker", "kubernetes", "sql"], ["Git", "Kafka", "Nginx", "RabbitMQ"],
     "cs"),
    ("engineering", ["前端开发工程师", "高级前端开发工程师", "资深前端开发工程师", "前端技术负责人"],
     ["Front-end Developer", "Senior Front-end Engineer", "Staff Front-end Engineer", "Front-end Lead"],
     "前端开发实习生", "Front-end Intern",
     ["javascript", "typescript", "react", "vue", "figma"], ["HTML5", "CSS3", "Webpack", "Git"], "cs"),
    ("engineering", ["后端开发工程师", "高级后端开发工程师", "资深后端开发工程师", "后端架构师"],
     ["Backend Engineer", "Senior Backend Engineer", "Staff Backend Engineer", "Backend Architect"],
     "后端开发实习生", "Backend Engineering Intern",
     ["python", "go", "django", "postgresql", "redis", "docker", "kubernetes", "linux"], ["Elasticsearch", "gRPC", "Git"],
     "cs"),
    ("engineering", ["测试工程师", "高级测试工程师", "测试开发工程师", "测试经理"],
     ["QA Engineer", "Senior QA Engineer", "Software Development Engineer in Test", "QA Manager"],
     "测试实习生", "QA Intern", ["python", "linux", "sql", "mysql", "java"], ["Selenium", "JMeter", "Postman"], "cs"),
    ("engineering", ["助理机械工程师", "机械工程师", "高级机械工程师", "机械设计主管"],
     ["Assistant Mechanical Engineer", "Mechanical Engineer", "Senior Mechanical Engineer", "Mechanical Design Supervisor"],
     "机械设计实习生", "Mechanical Engineering Intern", ["cad", "plc", "lean", "quality_control", "office"],
     ["SolidWorks", "UG NX", "ANSYS"], "mech"),
    ("engineering", ["嵌入式软件工程师", "高级嵌入式软件工程师", "嵌入式系统架构师"],
     ["Embedded Software Engineer", "Senior Embedded Software Engineer", "Embedded Systems Architect"],
     "嵌入式开发实习生", "Embedded Software Intern", ["c++", "linux", "python"], ["STM32", "FreeRTOS", "Keil"], "ee"),
    ("data", ["数据分析专员", "数据分析师", "高级数据分析师", "数据分析经理"],
     ["Junior Data Analyst", "Data Analyst", "Senior Data Analyst", "Analytics Manager"],
     "数据分析实习生", "Data Analyst Intern",
     ["sql", "python", "excel", "tableau", "power_bi", "statistics", "data_analysis"], ["SPSS", "Hive", "Superset"],
     "math"),
    ("data", ["BI工程师", "高级BI工程师", "BI经理"], ["BI Developer", "Senior BI Developer", "BI Manager"],
     "BI实习生", "BI Intern", ["sql", "power_bi", "tableau", "excel", "mysql"], ["FineReport", "Kettle", "SSIS"], "cs"),
    ("data", ["数据工程师", "高级数据工程师", "资深数据工程师"], ["Data Engineer", "Senior Data Engineer", "Lead Data Engineer"],
     "数据工程实习生", "Data Engineering Intern", ["spark", "hadoop", "sql", "python", "java"], ["Hive", "Flink", "Airflow"],
     "cs"),
    ("data", ["数据科学家", "高级数据科学家", "首席数据科学家"],
     ["Data Scientist", "Senior Data Scientist", "Principal Data Scientist"],
     "数据科学实习生", "Data Science Intern", ["python", "machine_learning", "deep_learning", "statistics", "sql", "spark"],
     ["PyTorch", "scikit-learn", "MATLAB"], "math"),
    ("product", ["产品助理", "产品经理", "高级产品经理", "产品总监"],
     ["Associate Product Manager", "Product Manager", "Senior Product Manager", "Director of Product"],
     "产品实习生", "Product Intern", ["product_management", "ux_research", "project_management", "data_analysis", "figma"],
     ["Axure", "Xmind", "Visio"], "biz"),
    ("product", ["初级UI设计师", "UI设计师", "高级UI设计师", "UI设计主管"],
     ["Junior UI Designer", "UI Designer", "Senior UI Designer", "Lead UI Designer"],
     "UI设计实习生", "UI Design Intern", ["ui_design", "figma", "photoshop"], ["Sketch", "Illustrator", "After Effects"],
     "design"),
    ("product", ["交互设计师", "高级交互设计师", "用户体验设计经理"],
     ["Interaction Designer", "Senior UX Designer", "UX Design Manager"],
     "交互设计实习生", "UX Design Intern", ["ux_research", "ui_design", "figma"], ["Axure", "Sketch", "Principle"], "design"),
    ("sales", ["销售代表", "销售主管", "区域销售经理", "销售总监"],
     ["Sales Representative", "Sales Supervisor", "Regional Sales Manager", "Sales Director"],
     "销售实习生", "Sales Intern", ["sales", "negotiation", "customer_service", "communication", "excel"],
     ["CRM系统", "Salesforce"], "biz"),
    ("sales", ["客户经理", "大客户经理", "高级大客户经理", "大客户部总监"],
     ["Account Manager", "Key Account Manager", "Senior Key Account Manager", "Head of Key Accounts"],
     "客户经理助理（实习）", "Account Management Intern", ["negotiation", "sales", "communication", "office", "customer_service"],
     ["CRM系统"], "econ"),
    ("sales", ["商务专员", "商务拓展经理", "高级商务拓展经理", "商务总监"],
     ["Business Development Associate", "Business Development Manager", "Senior Business Development Manager",
      "Business Development Director"],
     "商务拓展实习生", "Business Development Intern", ["negotiation", "communication", "sales", "office"], ["CRM系统"], "econ"),
    ("sales", ["市场专员", "市场主管", "市场经理", "市场总监"],
     ["Marketing Specialist", "Marketing Supervisor", "Marketing Manager", "Marketing Director"],
     "市场部实习生", "Marketing Intern", ["marketing", "digital_marketing", "seo", "content_writing", "photoshop"],
     ["巨量引擎", "Google Analytics"], "biz"),
    ("finance", ["会计助理", "会计", "主办会计", "财务主管"],
     ["Accounting Assistant", "Accountant", "Senior Accountant", "Finance Supervisor"],
     "财务实习生", "Finance Intern", ["accounting", "tax", "excel", "office"], ["用友U8", "金蝶K3"], "fin"),
    ("finance", ["财务分析专员", "财务分析师", "高级财务分析师", "财务分析经理"],
     ["Junior Financial Analyst", "Financial Analyst", "Senior Financial Analyst", "FP&A Manager"],
     "财务分析实习生", "Financial Analyst Intern", ["financial_analysis", "excel", "power_bi", "accounting", "sql"],
     ["SAP FICO", "Hyperion"], "fin"),
    ("finance", ["审计助理", "审计专员", "高级审计师", "审计经理"],
     ["Audit Assistant", "Auditor", "Senior Auditor", "Audit Manager"],
     "审计实习生", "Audit Intern", ["auditing", "accounting", "tax", "excel"], ["CaseWare", "鼎信诺"], "fin"),
    ("finance", ["出纳", "总账会计", "财务经理", "财务总监"],
     ["Cashier", "General Ledger Accountant", "Finance Manager", "Chief Financial Officer"],
     "财务实习生", "Finance Intern", ["accounting", "financial_analysis", "tax", "excel", "team_leadership"],
     ["金蝶K3", "SAP"], "fin"),
    ("hr", ["招聘助理", "招聘专员", "高级招聘专员", "招聘经理"],
     ["Recruiting Assistant", "Recruiter", "Senior Recruiter", "Talent Acquisition Manager"],
     "招聘实习生", "HR Intern", ["recruiting", "communication", "office", "excel"], ["Moka", "北森"], "hr"),
    ("hr", ["人事专员", "HRBP", "高级HRBP", "人力资源总监"],
     ["HR Specialist", "HR Business Partner", "Senior HR Business Partner", "HR Director"],
     "人力资源实习生", "HR Intern", ["recruiting", "training", "payroll", "team_leadership", "office"], ["北森", "钉钉"], "hr"),
    ("hr", ["薪酬福利专员", "薪酬福利主管", "薪酬福利经理"],
     ["Compensation & Benefits Specialist", "C&B Supervisor", "Compensation & Benefits Manager"],
     "人力资源实习生", "HR Intern", ["payroll", "excel", "office"], ["SAP SuccessFactors", "金蝶HR"], "hr"),
    ("hr", ["培训专员", "培训主管", "培训经理"], ["Training Specialist", "Training Supervisor", "Learning & Development Manager"],
     "培训实习生", "L&D Intern", ["training", "communication", "office", "content_writing"], ["Articulate Storyline"], "hr"),
    ("operations", ["运营专员", "运营主管", "运营经理", "运营总监"],
     ["Operations Specialist", "Operations Supervisor", "Operations Manager", "Director of Operations"],
     "运营实习生", "Operations Intern", ["data_analysis", "excel", "project_management", "communication"],
     ["Visio", "飞书多维表格"], "biz"),
    ("operations", ["电商运营专员", "电商运营主管", "电商运营经理"],
     ["E-commerce Operations Specialist", "E-commerce Operations Supervisor", "E-commerce Operations Manager"],
     "电商运营实习生", "E-commerce Operations Intern", ["ecommerce_operations", "digital_marketing", "data_analysis", "excel",
                                                  "photoshop"], ["生意参谋", "千牛"], "biz"),
    ("operations", ["采购专员", "采购主管", "采购经理", "采购总监"],
     ["Procurement Specialist", "Purchasing Supervisor", "Procurement Manager", "Head of Procurement"],
     "采购实习生", "Procurement Intern", ["procurement", "negotiation", "supply_chain", "excel"], ["SAP MM", "ERP系统"],
     "biz"),
    ("operations", ["物流专员", "物流主管", "供应链经理", "供应链总监"],
     ["Logistics Coordinator", "Logistics Supervisor", "Supply Chain Manager", "Supply Chain Director"],
     "物流实习生", "Logistics Intern", ["logistics", "supply_chain", "lean", "excel", "quality_control"], ["WMS", "TMS"],
     "biz"),
]  # fmt: skip

# How people spell a vocabulary skill: (Chinese-page spellings, English-page spellings).
_SPELLINGS = {
    "python": (["Python", "python", "Python3"], ["Python", "python", "Python 3"]), "java": (["Java", "JAVA"], ["Java"]),
    "javascript": (["JavaScript", "JS", "javascript"], ["JavaScript", "JS"]),
    "typescript": (["TypeScript", "TS"], ["TypeScript"]), "go": (["Go", "Golang", "Go语言"], ["Go", "Golang"]),
    "c++": (["C++", "c++"], ["C++"]), "sql": (["SQL", "sql"], ["SQL"]), "mysql": (["MySQL", "mysql", "MYSQL"], ["MySQL"]),
    "postgresql": (["PostgreSQL", "Postgres"], ["PostgreSQL", "Postgres"]), "redis": (["Redis", "redis"], ["Redis"]),
    "linux": (["Linux", "linux"], ["Linux"]), "docker": (["Docker", "docker"], ["Docker"]),
    "kubernetes": (["K8s", "k8s", "Kubernetes"], ["Kubernetes", "K8s"]), "django": (["Django"], ["Django"]),
    "spring": (["Spring Boot", "SpringBoot", "Spring"], ["Spring Boot", "Spring"]),
    "react": (["React", "React.js"], ["React", "ReactJS"]), "vue": (["Vue", "Vue.js", "vue"], ["Vue.js", "Vue"]),
    "machine_learning": (["机器学习"], ["Machine learning", "ML"]), "deep_learning": (["深度学习"], ["Deep learning"]),
    "data_analysis": (["数据分析"], ["Data analysis", "Data analytics"]),
    "statistics": (["统计分析", "统计学"], ["Statistics", "Statistical analysis"]),
    "excel": (["Excel", "EXCEL", "excel"], ["Excel", "MS Excel"]), "tableau": (["Tableau"], ["Tableau"]),
    "power_bi": (["Power BI", "PowerBI"], ["Power BI"]), "spark": (["Spark", "PySpark"], ["Spark", "Apache Spark"]),
    "hadoop": (["Hadoop"], ["Hadoop"]), "project_management": (["项目管理"], ["Project management"]),
    "product_management": (["产品管理", "产品规划"], ["Product management"]),
    "ui_design": (["UI设计", "界面设计"], ["UI design"]), "ux_research": (["用户研究"], ["UX research", "User research"]),
    "figma": (["Figma"], ["Figma"]), "photoshop": (["Photoshop", "PS"], ["Photoshop"]),
    "sales": (["销售技巧", "销售"], ["Sales"]), "negotiation": (["商务谈判", "谈判"], ["Negotiation"]),
    "customer_service": (["客户服务"], ["Customer service"]), "marketing": (["市场营销", "市场推广"], ["Marketing"]),
    "digital_marketing": (["新媒体运营", "数字营销", "网络营销"], ["Digital marketing", "Social media marketing"]),
    "seo": (["SEO", "搜索引擎优化"], ["SEO"]), "content_writing": (["文案写作", "文案"], ["Copywriting", "Content writing"]),
    "accounting": (["会计核算"], ["Accounting", "Bookkeeping"]),
    "financial_analysis": (["财务分析", "财务建模"], ["Financial analysis", "Financial modelling"]),
    "auditing": (["审计"], ["Auditing"]), "tax": (["税务筹划", "税务"], ["Tax", "Taxation"]),
    "recruiting": (["招聘", "招聘管理"], ["Recruiting", "Talent acquisition"]), "training": (["员工培训", "培训"], ["Training"]),
    "payroll": (["薪酬核算"], ["Payroll"]), "logistics": (["物流管理"], ["Logistics"]),
    "supply_chain": (["供应链管理"], ["Supply chain management"]), "procurement": (["采购管理"], ["Procurement", "Purchasing"]),
    "quality_control": (["质量管理", "质量控制"], ["Quality control"]), "cad": (["AutoCAD", "CAD制图"], ["AutoCAD", "CAD"]),
    "plc": (["PLC编程"], ["PLC programming"]), "lean": (["精益生产", "六西格玛"], ["Lean manufacturing", "Six Sigma"]),
    "communication": (["沟通能力"], ["Communication", "Communication skills"]),
    "team_leadership": (["团队管理"], ["Team leadership", "Team management"]),
    "office": (["Office办公软件", "办公软件"], ["Microsoft Office", "MS Office"]),
    "ecommerce_operations": (["电商运营", "淘宝运营"], ["E-commerce operations"]),
}  # fmt: skip
_LEVELS_ZH = ["精通", "熟练", "熟悉", "了解", "良好"]
_LEVELS_EN = ["Expert", "Advanced", "Proficient", "Intermediate", "Basic"]

_CERTS = {  # by category: (zh, en, skill id on a Chinese page, skill id on an English page)
    "engineering": [("软件设计师（中级）", "Software Designer (intermediate)", None, None),
                    ("AWS Certified Solutions Architect – Associate", "AWS Certified Solutions Architect – Associate",
                     None, None),
                    ("PMP", "PMP", "project_management", "project_management"),
                    ("系统架构设计师", "System Architect (senior level)", None, None)],
    "data": [("Tableau Desktop Specialist", "Tableau Desktop Specialist", "tableau", "tableau"),
             ("阿里云ACP大数据认证", "Alibaba Cloud ACP Big Data", None, None), ("CFA一级", "CFA Level I", None, None)],
    "product": [("PMP", "PMP", "project_management", "project_management"), ("NPDP产品经理国际资格认证", "NPDP", None, None)],
    "sales": [("证券从业资格证", "Securities Qualification Certificate", None, None),
              ("基金从业资格", "Fund Qualification Certificate", None, None)],
    "finance": [("初级会计专业技术资格", "Junior Accountant Qualification", "accounting", None),
                ("CFA二级", "CFA Level II", None, None), ("税务师", "Certified Tax Agent", "tax", "tax"),
                ("ACCA", "ACCA", None, None)],
    "hr": [("企业人力资源管理师（三级）", "Enterprise HR Manager (level 3)", None, None),
           ("心理咨询师三级", "Psychological Counsellor (level 3)", None, None)],
    "operations": [("六西格玛绿带", "Six Sigma Green Belt", "lean", "lean"),
                   ("PMP", "PMP", "project_management", "project_management"), ("CPIM", "CPIM", None, None)],
    "any": [("C1驾驶证", "C1 driving licence", "driving", "driving"), ("全国计算机等级考试二级", "NCRE Level 2", None, None),
            ("普通话二级甲等", "Putonghua Level 2A", None, None)],
}  # fmt: skip

_MAJORS = {  # group: [(zh, en, degree kind)]
    "cs": [("计算机科学与技术", "Computer Science and Technology", "eng"), ("软件工程", "Software Engineering", "eng"),
           ("信息管理与信息系统", "Information Management and Information Systems", "mgmt"),
           ("数字媒体技术", "Digital Media Technology", "eng"), ("网络工程", "Network Engineering", "eng")],
    "ee": [("电子信息工程", "Electronic Information Engineering", "eng"), ("通信工程", "Communication Engineering", "eng"),
           ("自动化", "Automation", "eng"), ("微电子科学与工程", "Microelectronics Science and Engineering", "eng")],
    "mech": [("机械设计制造及其自动化", "Mechanical Design, Manufacturing and Automation", "eng"),
             ("车辆工程", "Vehicle Engineering", "eng"),
             ("材料成型及控制工程", "Material Forming and Control Engineering", "eng"),
             ("测控技术与仪器", "Measurement and Control Technology and Instruments", "eng")],
    "math": [("数学与应用数学", "Mathematics and Applied Mathematics", "sci"), ("统计学", "Statistics", "sci"),
             ("应用物理学", "Applied Physics", "sci"), ("地理信息科学", "Geographic Information Science", "sci")],
    "econ": [("国际经济与贸易", "International Economics and Trade", "econ"), ("经济学", "Economics", "econ"),
             ("金融学", "Finance", "econ"), ("农林经济管理", "Agricultural and Forestry Economic Management", "mgmt")],
    "fin": [("会计学", "Accounting", "mgmt"), ("财务管理", "Financial Management", "mgmt"), ("审计学", "Auditing", "mgmt"),
            ("金融学", "Finance", "econ"), ("税收学", "Taxation", "econ")],
    "biz": [("工商管理", "Business Administration", "mgmt"), ("市场营销", "Marketing", "mgmt"),
            ("电子商务", "E-commerce", "mgmt"),
            ("物流管理", "Logistics Management", "mgmt"), ("旅游管理", "Tourism Management", "mgmt")],
    "hr": [("人力资源管理", "Human Resource Management", "mgmt"), ("劳动与社会保障", "Labor and Social Security", "mgmt"),
           ("应用心理学", "Applied Psychology", "sci"), ("社会工作", "Social Work", "law")],
    "design": [("视觉传达设计", "Visual Communication Design", "arts"), ("工业设计", "Industrial Design", "eng"),
               ("数字媒体艺术", "Digital Media Art", "arts"), ("环境设计", "Environmental Design", "arts")],
    "other": [("汉语言文学", "Chinese Language and Literature", "arts"), ("英语", "English", "arts"),
              ("新闻学", "Journalism", "arts"), ("法学", "Law", "law"), ("生物技术", "Biotechnology", "sci"),
              ("化学工程与工艺", "Chemical Engineering and Technology", "eng"), ("档案学", "Archival Science", "mgmt"),
              ("考古学", "Archaeology", "hist"), ("海洋科学", "Marine Science", "sci"), ("哲学", "Philosophy", "phil")],
}  # fmt: skip
_MASTER_MAJORS = {
    "cs": [("计算机技术", "Computer Technology"), ("软件工程", "Software Engineering")],
    "ee": [("控制科学与工程", "Control Science and Engineering"),
           ("电子与通信工程", "Electronics and Communication Engineering")],
    "mech": [("机械工程", "Mechanical Engineering")],
    "math": [("应用统计", "Applied Statistics"), ("数学", "Mathematics")],
    "econ": [("金融", "Finance"), ("国际商务", "International Business")],
    "fin": [("会计", "Professional Accounting"), ("金融", "Finance")],
    "biz": [("管理科学与工程", "Management Science and Engineering"), ("企业管理", "Business Management")],
    "hr": [("企业管理", "Business Management"), ("应用心理", "Applied Psychology")],
    "design": [("设计学", "Design"), ("艺术设计", "Art and Design")],
}  # fmt: skip
_ASSOCIATE_MAJORS = [("计算机应用技术", "Computer Application Technology"), ("软件技术", "Software Technology"),
                     ("会计", "Accounting"), ("电子商务", "E-commerce"), ("市场营销", "Marketing"),
                     ("物流管理", "Logistics Management"), ("机电一体化技术", "Mechatronics Technology"),
                     ("酒店管理", "Hotel Management"), ("人力资源管理", "Human Resource Management"),
                     ("数字媒体应用技术", "Digital Media Application Technology")]  # fmt: skip
_DEGREE_EN = {  # kind: (bachelor, abbreviation)
    "eng": ("Bachelor of Engineering", "BE"), "sci": ("Bachelor of Science", "BS"), "mgmt": ("Bachelor of Management", "BM"),
    "econ": ("Bachelor of Economics", "BEc"), "arts": ("Bachelor of Arts", "BA"), "law": ("Bachelor of Laws", "LLB"),
    "hist": ("Bachelor of History", "BA"), "phil": ("Bachelor of Philosophy", "BPhil"),
}  # fmt: skip

_UNIVERSITIES = [
    ("北京大学", "Peking University"), ("复旦大学", "Fudan University"), ("浙江大学", "Zhejiang University"),
    ("南京大学", "Nanjing University"), ("武汉大学", "Wuhan University"),
    ("华中科技大学", "Huazhong University of Science and Technology"), ("中山大学", "Sun Yat-sen University"),
    ("四川大学", "Sichuan University"), ("西安交通大学", "Xi'an Jiaotong University"),
    ("哈尔滨工业大学", "Harbin Institute of Technology"), ("山东大学", "Shandong University"), ("吉林大学", "Jilin University"),
    ("厦门大学", "Xiamen University"), ("郑州大学", "Zhengzhou University"), ("云南大学", "Yunnan University"),
    ("广西大学", "Guangxi University"), ("湖南大学", "Hunan University"), ("重庆大学", "Chongqing University"),
    ("兰州大学", "Lanzhou University"), ("江南大学", "Jiangnan University"), ("深圳大学", "Shenzhen University"),
    ("宁波大学", "Ningbo University"), ("扬州大学", "Yangzhou University"), ("南昌大学", "Nanchang University"),
    ("贵州大学", "Guizhou University"), ("新疆大学", "Xinjiang University"), ("内蒙古大学", "Inner Mongolia University"),
    ("上海财经大学", "Shanghai University of Finance and Economics"),
    ("对外经济贸易大学", "University of International Business and Economics"),
    ("西南财经大学", "Southwestern University of Finance and Economics"),
    ("中南财经政法大学", "Zhongnan University of Economics and Law"),
    ("北京邮电大学", "Beijing University of Posts and Telecommunications"),
    ("电子科技大学", "University of Electronic Science and Technology of China"),
    ("华南理工大学", "South China University of Technology"), ("合肥工业大学", "Hefei University of Technology"),
    ("长安大学", "Chang'an University"), ("燕山大学", "Yanshan University"), ("延边大学", "Yanbian University"),
    ("石河子大学", "Shihezi University"), ("江西财经大学", "Jiangxi University of Finance and Economics"),
]  # fmt: skip
_ABROAD = [("墨尔本大学", "University of Melbourne"), ("曼彻斯特大学", "University of Manchester"),
           ("新加坡国立大学", "National University of Singapore"), ("南加州大学", "University of Southern California"),
           ("悉尼大学", "University of Sydney"), ("伦敦国王学院", "King's College London")]  # fmt: skip
_COLLEGES = [("深圳职业技术学院", "Shenzhen Polytechnic"), ("金华职业技术学院", "Jinhua Polytechnic"),
             ("无锡职业技术学院", "Wuxi Institute of Technology"), ("武汉职业技术学院", "Wuhan Polytechnic"),
             ("广东轻工职业技术学院", "Guangdong Industry Polytechnic"), ("浙江金融职业学院", "Zhejiang Financial College"),
             ("山东商业职业技术学院", "Shandong Institute of Commerce and Technology"),
             ("成都航空职业技术学院", "Chengdu Aeronautic Polytechnic")]  # fmt: skip

_BRANDS = ["星河", "云帆", "恒通", "博远", "汇智", "鼎盛", "华创", "金桥", "瑞丰", "天择", "领航", "凯越", "中科启明", "嘉禾",
           "卓信", "易达", "新锐", "长风", "蓝海", "众诚", "德润", "信达", "远景", "华信", "海纳", "立昂", "万象", "青禾",
           "光启", "宏图"]  # fmt: skip
_INDUSTRIES = [("网络科技", "Network Technology", "互联网/电子商务"), ("信息技术", "Information Technology", "计算机软件"),
               ("软件", "Software", "计算机软件"), ("电子", "Electronics", "电子技术/半导体"),
               ("智能科技", "Intelligent Technology", "互联网/电子商务"), ("教育科技", "Education Technology", "教育/培训"),
               ("医疗器械", "Medical Devices", "医疗设备/器械"), ("新材料", "New Materials", "原材料和加工"),
               ("机械设备", "Machinery", "机械/设备/重工"), ("食品", "Foods", "快速消费品"), ("贸易", "Trading", "贸易/进出口"),
               ("文化传媒", "Media", "媒体/出版/文化传播"), ("汽车零部件", "Auto Parts", "汽车/摩托车"),
               ("生物科技", "Biotech", "制药/生物工程"), ("管理咨询", "Management Consulting", "专业服务/咨询"),
               ("建设工程", "Construction Engineering", "房地产/建筑"), ("家居用品", "Home Products", "家居/室内设计"),
               ("新能源", "New Energy", "能源/矿产")]  # fmt: skip
_EN_BRANDS = ["Bluewave", "Northbridge", "Evergreen", "Brightpath", "Silverline", "Redwood", "Summit", "Harborview",
              "Lumina", "Crestline", "Ironleaf", "Sunrise", "Meridian", "Oakridge", "Skyline", "Truenorth"]  # fmt: skip
_SIZES = ["20-99人", "100-499人", "500-999人", "1000-9999人", "10000人以上"]
_NATURES = ["民营", "外商独资", "国企", "合资", "上市公司"]


def _employer(rng: random.Random, english: bool, home: dict, used: set) -> dict:
    """A company name with its legal suffix, sometimes a branch."""
    for _ in range(50):
        brand = rng.choice(_BRANDS)
        industry_zh, industry_en, sector = rng.choice(_INDUSTRIES)
        town = rng.choice([home, *[_places()[1][c] for c in rng.sample(_BIG, 3)]])
        roll = rng.random()
        if english:
            if roll < 0.45:
                name = f"{town['city_en']} {_pinyin(brand)} {industry_en} Co., Ltd."
            elif roll < 0.6:
                name = f"{rng.choice(_EN_BRANDS)} {industry_en} ({rng.choice(['China', town['city_en']])}) Co., Ltd."
            else:
                name = f"{rng.choice(_EN_BRANDS)} {industry_en} {rng.choice(['Inc.', 'LLC', 'Group', 'Limited', 'Corporation'])}"
            if rng.random() < 0.15 and "Co., Ltd." in name:
                name += f" {_places()[1][rng.choice(_BIG)]['city_en']} Branch"
        else:
            prefix = town["city_full"] if town["city_full"].endswith("市") and rng.random() < 0.5 else town["city"]
            suffix = rng.choices(["有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "集团"], [55, 20, 8, 8, 9])[0]
            if roll < 0.12:
                name = f"{brand}{industry_zh}（{town['city']}）{suffix if suffix.endswith('公司') else '有限公司'}"
            else:
                name = f"{prefix}{brand}{industry_zh}{suffix}"
            if rng.random() < 0.15 and name.endswith("有限公司"):
                branch = rng.choice([c for c in _BIG if c != town["city"]])
                name += f"{branch}分公司"
        if name not in used:
            used.add(name)
            return {"name": name, "industry_en": industry_en, "sector": sector, "town": town,
                    "size": rng.choice(_SIZES), "nature": rng.choice(_NATURES)}  # fmt: skip
    raise RuntimeError("no employer name left")


def _ym(year: int, month: int) -> int:
    return year * 12 + month - 1


def _months(job: dict, now: int) -> int:
    return (now if job["end"] is None else job["end"]) - job["start"]


def _graduation_by(month: int, rng: random.Random) -> int:
    """A June or July graduation no later than `month`."""
    year = month // 12
    if _ym(year, 6) > month:
        year -= 1
    choice = rng.choice([6, 7])
    return _ym(year, choice) if _ym(year, choice) <= month else _ym(year, 6)


def _split(rng: random.Random, start: int, end: int, count: int) -> list[tuple[int, int]]:
    """Consecutive job spans (oldest first) between two months, with short gaps."""
    while count > 1 and end - start < count * 10:
        count -= 1
    for _ in range(60):
        cuts = sorted(rng.sample(range(start + 8, end - 7), count - 1)) if count > 1 else []
        if all(b - a >= 8 for a, b in zip([start, *cuts], [*cuts, end], strict=True)):
            break
    else:
        cuts = []
    spans, begin = [], start
    for cut in cuts:
        spans.append((begin, cut))
        begin = cut + rng.choice([0, 0, 1, 1, 2, 3])
    spans.append((begin, end))
    return spans


def _education(rng: random.Random, level: str, track: tuple, english: bool) -> list[dict]:
    """Degree stages oldest first (start/end months left to the caller)."""
    group = track[7]
    if level == "high_school":
        return [{"level": "high_school", "years": 3, "field": None, "field_en": None, "school": None}]
    if level == "associate":
        field = rng.choice(_ASSOCIATE_MAJORS)
        return [{"level": "associate", "years": 3, "field": field[0], "field_en": field[1],
                 "school": rng.choice(_COLLEGES), "kind": "assoc"}]  # fmt: skip
    pool = _MAJORS[group] if rng.random() < 0.8 else _MAJORS[rng.choice(list(_MAJORS))]
    zh, en, kind = rng.choice(pool)
    stages = [{"level": "bachelor", "years": 4, "field": zh, "field_en": en, "school": rng.choice(_UNIVERSITIES),
               "kind": kind}]  # fmt: skip
    if level in ("master", "doctorate"):
        masters = _MASTER_MAJORS.get(group, _MASTER_MAJORS["biz"])
        zh_m, en_m = (zh, en) if rng.random() < 0.4 else rng.choice(masters)
        abroad = english and rng.random() < 0.35
        stages.append({"level": "master", "years": rng.choice([2, 3]) if not abroad else 1, "field": zh_m,
                       "field_en": en_m, "school": rng.choice(_ABROAD if abroad else _UNIVERSITIES), "kind": kind})  # fmt: skip
    if level == "doctorate":
        zh_d, en_d = stages[-1]["field"], stages[-1]["field_en"]
        stages.append({"level": "doctorate", "years": rng.choice([3, 4, 5]), "field": zh_d, "field_en": en_d,
                       "school": rng.choice(_UNIVERSITIES), "kind": kind})  # fmt: skip
    return stages


def person(rng: random.Random, english: bool, today) -> dict:
    """One person: the full facts (private keys) and the truth as if every fact were shown; `document`
    settles the truth to what its page states."""
    now = _ym(today.year, today.month)
    gender = rng.choice("FM")
    name_zh, surname_py, given_py = _name(rng, gender)
    track = rng.choice(_TRACKS)
    category = track[0]
    fresh = rng.random() < 0.08  # a graduate of this summer, with internships only
    level = rng.choices(["high_school", "associate", "bachelor", "master", "doctorate"], [6, 17, 48, 23, 6])[0]
    if level == "high_school" and (fresh or track[7] in ("cs", "math", "ee", "design")):
        level = "associate"
    stages = _education(rng, level, track, english)
    career = 0 if fresh else int(rng.triangular(10, 330, 60))
    pre_master = stages[-1]["level"] == "master" and len(stages) == 2 and not fresh and rng.random() < 0.2
    # Walk the education back from the final graduation.
    end = _ym(today.year, rng.choice([6, 7])) if fresh else _graduation_by(now - career - rng.randint(0, 5), rng)
    windows = []
    for index in range(len(stages) - 1, -1, -1):
        stage = stages[index]
        stage["end"] = end
        stage["start"] = _ym(end // 12 - stage["years"], 9)
        if index and stage["level"] == "master" and pre_master:
            work = rng.randint(14, 40)
            windows.append((stage["start"] - work, stage["start"] - rng.randint(1, 3)))
            end = _graduation_by(stage["start"] - work - 1, rng)
        else:
            end = _ym(stage["start"] // 12, rng.choice([6, 7]))
    first_study_year = stages[0]["start"] // 12
    birth_year = first_study_year - (15 if stages[0]["level"] == "high_school" else 18) - rng.choice([0, 0, 0, 1])
    birth = (birth_year, rng.randint(1, 12), rng.randint(1, 28))
    final_end = stages[-1]["end"]
    if not fresh:
        windows.append((max(final_end + rng.randint(0, 4), now - career), now))
    windows.sort()
    used: set = set()
    place = _place(rng)
    jobs: list[dict] = []
    spans = []
    for first, last in windows:
        count = 1 + (last - first) // rng.randint(26, 50)
        spans += _split(rng, first, last, min(count, 4 if last == now else 1))
    promoted = len(spans) >= 2 and rng.random() < 0.25 and spans[-2][1] < spans[-1][0] + 1
    career_start = spans[0][0] if spans else now
    changed = len(spans) >= 2 and rng.random() < 0.12
    bonus = 1 if stages[-1]["level"] in ("master", "doctorate") else 0
    for index, (start, stop) in enumerate(spans):
        this_track = rng.choice([t for t in _TRACKS if t[0] != category]) if changed and index == 0 else track
        titles = this_track[1 if not english else 2]
        lvl = min(len(titles) - 1, (start - career_start) // rng.choice([30, 36, 42]) + bonus)
        employer = _employer(rng, english, place, used)
        jobs.append({"start": start, "end": None if stop == now else stop, "title": titles[lvl], "level": lvl,
                     "track": this_track, "employer": employer, "intern": False})  # fmt: skip
    if promoted:
        last, before = jobs[-1], jobs[-2]
        titles = track[1 if not english else 2]
        if before["track"] is track and before["level"] < len(titles) - 1 and before["start"] > final_end:
            last["level"] = max(last["level"], before["level"] + 1)
            last["title"] = titles[last["level"]]
            last["employer"] = before["employer"]
            last["start"] = before["end"]
        else:
            promoted = False
    # Internships in the last study year (a graduate with none of them has one or two).
    interns = rng.choices([0, 1, 2], [45, 40, 15])[0] if not fresh else rng.choice([1, 2])
    cursor = final_end - 1
    for _ in range(interns):
        length = rng.randint(2, 6)
        jobs.append({"start": cursor - length, "end": cursor, "title": track[3 if not english else 4], "level": 0,
                     "track": track, "employer": _employer(rng, english, place, used), "intern": True})  # fmt: skip
        cursor -= length + rng.randint(1, 3)
    part_time_mba = level == "bachelor" and not fresh and career > 60 and rng.random() < 0.06
    if part_time_mba:
        start = now - rng.randint(30, min(career - 12, 80))
        stages.append({"level": "master", "years": 2, "field": "工商管理", "field_en": "Business Administration",
                       "school": rng.choice(_UNIVERSITIES), "kind": "mba", "start": _ym(start // 12, 9),
                       "end": _ym(start // 12 + 2, 6), "part_time": True})  # fmt: skip
        stages[-1]["end"] = min(stages[-1]["end"], now - 1)
    jobs.sort(key=lambda job: job["start"], reverse=True)
    full_time = [job for job in jobs if not job["intern"]]
    current = full_time[0] if full_time else None
    titles = track[1 if not english else 2]
    desired_level = min(len(titles) - 1, current["level"] + rng.choice([0, 1, 1])) if current else 0
    desired = titles[desired_level] if not current or current["track"] is track else current["title"]
    skills = rng.sample(track[5], min(len(track[5]), rng.randint(3, 6)))
    if rng.random() < 0.3:
        skills.append(rng.choice(["excel", "office", "communication", "project_management"]))
    skills = list(dict.fromkeys(skills))
    shown_skills = [(sid, rng.choice(_SPELLINGS[sid][1 if english else 0]), rng.randrange(5)) for sid in skills]
    others = [name for name in track[6] if not english or name.isascii()]
    extras = [(None, name, rng.randrange(5)) for name in rng.sample(others, rng.randint(0, min(2, len(others))))]
    listing = shown_skills + extras
    rng.shuffle(listing)
    languages = []
    if rng.random() < 0.78:
        languages.append(("english", rng.choice(["英语（CET-6）", "英语六级", "英语四级，读写熟练", "英语：TEM-8",
                                                "英语（雅思7.0）"]),
                          rng.choice(["English (IELTS 7.0)", "English — full professional proficiency",
                                      "English (fluent)", "English: CET-6"])))  # fmt: skip
    if rng.random() < 0.1:
        languages.append(
            ("japanese", rng.choice(["日语N2", "日语（N1）"]), rng.choice(["Japanese (JLPT N2)", "Japanese (elementary)"]))
        )
    if rng.random() < 0.15:
        languages.append((None, rng.choice(["粤语（母语）", "普通话（二级甲等）"]), "Cantonese (native)"))
    certs = rng.sample(_CERTS[category], rng.randint(0, min(2, len(_CERTS[category]))))
    if rng.random() < 0.25:
        certs.append(rng.choice(_CERTS["any"]))
    amount = rng.choice([5000, 6000, 8000, 10000, 12000, 15000, 18000, 20000, 25000, 30000, 35000, 40000, 50000])
    if not current:
        amount = rng.choice([5000, 6000, 8000, 10000])
    if current:
        amount = max(amount, [6000, 10000, 15000, 25000][min(current["level"], 3)])
    phone = rng.choice(_PHONE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"
    if english:
        english_given = rng.choice(_EN_GIVEN[gender])
        name = rng.choice([f"{given_py} {surname_py}", f"{surname_py} {given_py}", f"{english_given} {surname_py}"])
        local = rng.choice([f"{given_py}.{surname_py}".lower(), f"{surname_py}{given_py}{birth_year % 100:02d}".lower(),
                            f"{english_given}_{surname_py}".lower()])  # fmt: skip
    else:
        name = name_zh
        local = rng.choice([f"{surname_py}{given_py}".lower(), f"{surname_py[0]}{given_py.lower()}{birth_year}".lower(),
                            str(rng.randint(10_000_000, 2_999_999_999))])  # fmt: skip
    email = f"{local}@{rng.choice(_MAIL_DOMAINS)}"
    top = max(stages, key=lambda s: ["high_school", "associate", "bachelor", "master", "doctorate"].index(s["level"]))
    months = sum(_months(job, now) for job in full_time)
    truth = {
        "full_name": name, "phone": phone, "contact_email": email, "birth_year": birth_year, "gender": gender,
        "province": place["province"], "city": place["city"], "education_level": top["level"],
        "field_of_study": top["field_en"] if english else top["field"], "years_experience": months // 12,
        "current_employer": current["employer"]["name"] if current else None,
        "current_title": current["title"] if current else None,
        "role_category": current["track"][0] if current else category, "desired_role": desired,
        "expected_salary": amount, "skills": sorted({sid for sid, _s, _l in shown_skills}),
    }  # fmt: skip
    return {
        **truth,
        "_full": dict(truth), "_english": english, "_now": now, "_gender": gender, "_birth": birth,
        "_name_zh": name_zh, "_surname": surname_py,
        "_place": place, "_origin": _place(rng), "_stages": stages, "_top": top, "_jobs": jobs, "_current": current,
        "_track": track, "_skills": listing, "_languages": languages, "_certs": certs, "_amount": amount,
        "_promoted": promoted, "_politics": rng.choice(["中共党员", "共青团员", "群众", "群众"]),
        "_nation": "汉族" if rng.random() < 0.88 else rng.choice(["回族", "满族", "壮族", "土家族", "苗族", "蒙古族"]),
        "_hobbies": rng.sample(range(len(_HOBBIES)), 3), "_self": rng.randrange(len(_SELF_ZH)),
        "_projects": rng.sample(range(len(_PROJECTS[category])), min(2, len(_PROJECTS[category]))),
    }  # fmt: skip


# ---------------------------------------------------------------- wording pools (no vocabulary words)

_DUTIES = {  # category: (zh lines, en lines)
    "engineering": (
        ["负责核心交易系统的需求评审、模块设计与编码实现", "主导订单服务拆分，接口平均响应时间从320ms降至90ms",
         "参与代码评审并制定团队编码规范，线上故障率下降35%", "编写内部开发文档20余篇，带教两名新同事",
         "与产品、测试协作推进版本迭代，保障按期上线", "排查线上疑难问题，推动根因分析与整改闭环",
         "负责新机型结构方案与图纸审核，完成3个机型量产导入"],
        ["Designed and built core modules of the order platform used by two million people a day",
         "Cut average API response time from 320 ms to 90 ms by reworking the caching layer",
         "Reviewed code for a team of six engineers and wrote the team's coding guidelines",
         "Worked with product and QA to ship a release every two weeks",
         "Investigated production incidents and drove the fixes to closure",
         "Mentored two new engineers through their first year"]),
    "data": (
        ["搭建经营指标体系，输出周报、月报供管理层决策", "负责用户增长专题研究，定位流失原因，次月留存提升6%",
         "维护数仓核心模型，保障日更任务稳定产出", "设计A/B实验方案并评估上线效果",
         "将临时取数需求沉淀为自助报表，需求量下降40%"],
        ["Built the KPI framework and the weekly management dashboards",
         "Ran A/B experiments on onboarding flows and lifted next-month retention by 6%",
         "Maintained the core warehouse models and kept daily pipelines on schedule",
         "Turned ad-hoc business questions into self-service reports, cutting requests by 40%",
         "Built churn and lifetime-value models used by the growth team"]),
    "product": (
        ["负责会员体系从0到1的设计与落地，上线半年付费用户增长40%", "撰写PRD与原型，组织需求评审，跟进开发测试全过程",
         "通过访谈与问卷收集反馈，持续优化下单流程，转化率提升9%", "负责App改版视觉方案，输出设计规范与组件库",
         "梳理竞品功能并制定季度路线图"],
        ["Owned the membership programme from concept to launch; paying members grew 40% in six months",
         "Wrote PRDs and prototypes and ran requirement reviews with engineering",
         "Interviewed customers and reworked the checkout flow, raising conversion by 9%",
         "Delivered the app redesign together with a shared component library",
         "Wrote the quarterly roadmap from competitor reviews and customer feedback"]),
    "sales": (
        ["负责华东区域渠道开拓与大客户维护，年度业绩完成率118%", "新开发重点客户15家，回款率保持在98%以上",
         "组织行业展会与客户交流会，获取有效线索300余条", "带领6人小组完成季度目标，连续四个季度排名第一",
         "策划品牌活动与线上投放，活动期间曝光量超过500万"],
        ["Opened 15 new key accounts in East China and reached 118% of the annual target",
         "Kept collections above 98% across a portfolio of 40 clients",
         "Ran trade-show campaigns that brought in more than 300 qualified leads",
         "Coached a group of six account executives to first place four quarters in a row",
         "Planned brand events and paid campaigns with more than five million impressions"]),
    "finance": (
        ["负责月度结账与合并报表编制，按时完成率100%", "编制年度预算并跟踪执行，分析费用偏差原因",
         "配合外部机构完成年度审查工作", "优化报销流程，单据处理周期缩短2天", "负责资金日报与银行对账，账实相符率100%"],
        ["Closed the books every month and prepared the consolidated statements",
         "Built the annual budget and tracked variances by cost centre",
         "Supported the external year-end review", "Shortened the expense reimbursement cycle by two days",
         "Prepared the daily cash report and bank reconciliations"]),
    "hr": (
        ["负责技术类岗位的人才引进，年均入职60余人", "搭建新员工入职引导体系，试用期离职率下降12%",
         "负责员工关系处理及劳动合同管理", "推进绩效考核方案落地，覆盖员工800余人", "组织年度敬业度调研并跟进改进计划"],
        ["Hired more than 60 engineers a year across four business units",
         "Set up the onboarding programme and cut probation-period attrition by 12%",
         "Handled employee relations cases and labour contracts",
         "Rolled out the performance review process for 800 employees",
         "Ran the yearly engagement survey and followed up the action plans"]),
    "operations": (
        ["负责供应商开发与比价，年度成本下降8%", "统筹仓储与配送环节，订单准时交付率提升至99%",
         "负责店铺日常活动策划与上新节奏，月GMV突破500万", "梳理业务流程并制定SOP，人均效率提升20%",
         "搭建会员分层体系，复购率提升15%"],
        ["Sourced and benchmarked suppliers, cutting annual spend by 8%",
         "Coordinated warehousing and delivery; on-time delivery reached 99%",
         "Planned store campaigns and launch calendars; monthly GMV passed RMB 5 million",
         "Mapped the processes and wrote SOPs, raising output per head by 20%",
         "Built member tiers that raised repeat purchases by 15%"]),
}  # fmt: skip
_INTERN_DUTIES = (["协助团队完成日常工作，整理资料与周报", "参与需求调研与资料汇总", "协助完成月度报表与数据核对"],
                  ["Supported the team with day-to-day tasks and weekly reports",
                   "Collected requirements and background material",
                   "Helped prepare the monthly reports and checked the figures"])  # fmt: skip
_PROJECTS = {  # category: [(zh name, zh text, en name, en text)]
    "engineering": [("会员积分系统重构", "负责积分核心模块设计与开发，峰值处理能力提升3倍", "Loyalty points rebuild",
                     "Designed the points engine; peak throughput tripled"),
                    ("智能仓储调度平台", "负责调度服务与接口开发，上线后拣货效率提升25%", "Warehouse dispatch platform",
                     "Built the dispatch service and its APIs; picking got 25% faster")],
    "data": [("用户流失预警", "建立流失评分并推动运营干预，挽回用户12万", "Churn early warning",
              "Scored churn risk and drove interventions that kept 120,000 users"),
             ("经营看板", "整合六个业务系统的指标，管理层周会直接使用", "Management cockpit",
              "Brought together the figures of six systems for the weekly management meeting")],
    "product": [("小程序商城", "负责从立项到上线的全流程，三个月GMV破千万", "Mini-program store",
                 "Took the store from kickoff to launch; GMV passed RMB 10 million in three months"),
                ("企业版后台改版", "重新梳理权限与审批流程，客户投诉下降30%", "Enterprise console redesign",
                 "Reworked permissions and approvals; complaints fell by 30%")],
    "sales": [("华南渠道下沉计划", "新增县级经销商42家", "South China channel expansion", "Signed 42 new county-level dealers"),
              ("年度客户大会", "统筹会务与邀约，签约金额1800万", "Annual client summit",
               "Organised the summit; RMB 18 million signed on site")],
    "finance": [("财务共享中心建设", "参与流程梳理与系统切换，月结周期缩短3天", "Shared service centre",
                 "Mapped processes and moved systems; month-end closing three days shorter"),
                ("IPO财务规范", "配合中介机构完成三年一期报表整理", "IPO readiness",
                 "Prepared three years of statements with the sponsors")],
    "hr": [("校园人才计划", "覆盖20所高校，签约应届生150人", "Campus talent programme",
            "Covered 20 universities and signed 150 graduates"),
           ("职级体系搭建", "完成5个序列的职级与晋升标准", "Job levelling",
            "Defined levels and promotion criteria for five job families")],
    "operations": [("双十一大促", "统筹备货与活动节奏，当日GMV同比增长60%", "Singles' Day campaign",
                    "Planned stock and campaign timing; same-day GMV up 60% year on year"),
                   ("供应商整合", "供应商数量由120家精简至45家", "Supplier consolidation",
                    "Cut the supplier base from 120 to 45")],
}  # fmt: skip
_SELF_ZH = ["性格开朗，责任心强，能承受较大的工作压力。", "做事细致，注重结果，乐于接受挑战。",
            "学习能力强，对新事物保持好奇，善于总结复盘。", "具备良好的职业素养和抗压能力，认同长期主义。",
            "踏实肯干，执行力强，注重细节与效率。"]  # fmt: skip
_SELF_EN = ["Detail-minded and calm under pressure.", "Curious, quick to learn and focused on results.",
            "Reliable, organised and at ease with deadlines.", "I like hard problems and measurable outcomes.",
            "Hands-on, steady and careful with details."]  # fmt: skip
_HOBBIES = [("阅读", "Reading"), ("跑步", "Running"), ("羽毛球", "Badminton"), ("游泳", "Swimming"), ("摄影", "Photography"),
            ("徒步", "Hiking"), ("书法", "Calligraphy"), ("围棋", "Weiqi"), ("烘焙", "Baking"), ("骑行", "Cycling")]  # fmt: skip
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
           "December"]  # fmt: skip


# ---------------------------------------------------------------- shared wording


def _y(month: int) -> int:
    return month // 12


def _m(month: int) -> int:
    return month % 12 + 1


def _phone(phone: str, rng: random.Random) -> str:
    a, b, c = phone[:3], phone[3:7], phone[7:]
    return rng.choice([phone, f"{a}-{b}-{c}", f"{a} {b} {c}", f"+86 {a} {b} {c}", f"(+86) {phone}", f"+86-{a}-{b}-{c}"])


def _span_zh(months: int) -> str:
    years, rest = divmod(months, 12)
    return (f"{years}年" if years else "") + (f"{rest}个月" if rest or not years else "")


def _span_en(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years > 1 else ''}")
    if rest or not years:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts)


def _salary_zh(amount: int, rng: random.Random, brackets: bool = False) -> tuple[str, int | None]:
    if brackets:
        steps = [4000, 6000, 8000, 10000, 15000, 20000, 30000, 50000, 70000]
        low = max(s for s in steps if s <= amount) if amount >= 4000 else 4000
        high = steps[steps.index(low) + 1] if low != steps[-1] else 100000
        return rng.choice([(f"{low + 1}-{high}元/月", low + 1), ("面议", None), (f"{low + 1}-{high}元/月", low + 1)])
    k = amount // 1000
    forms = [(f"{amount}-{amount + rng.choice([2000, 5000])}元/月", amount), (f"{k}K-{k + rng.choice([3, 5])}K", amount),
             (f"{amount}元/月", amount), ("面议", None), (f"{k}K·{rng.choice([13, 14, 15, 16])}薪", amount),
             (f"{amount}元以上" if amount < 10000 else f"{amount / 10000:g}万以上", amount)]  # fmt: skip
    if amount % 5000 == 0 and amount >= 10000:
        forms.append((f"{amount / 10000:g}-{(amount + 5000) / 10000:g}万/月", amount))
    if amount * 12 % 10000 == 0:
        forms.append((f"年薪{amount * 12 // 10000}万", amount))
    return rng.choice(forms)


def _salary_en(amount: int, rng: random.Random) -> tuple[str, int | None]:
    k = amount // 1000
    forms = [(f"RMB {amount:,} per month", amount), (f"RMB {k}k–{k + 5}k/month", amount), ("negotiable", None),
             (f"¥{amount:,}/month", amount)]  # fmt: skip
    if amount * 12 % 1000 == 0:
        forms.append((f"CNY {amount * 12 // 1000}k/year", amount))
        forms.append((f"CNY {amount * 12:,} per annum", amount))
    return rng.choice(forms)


def _residence_zh(place: dict, rng: random.Random) -> str:
    district = place.get("district") if rng.random() < 0.5 else None
    municipality = place["province"] == place["city"]
    if municipality:
        return rng.choice([place["city_full"], place["city"]]) + (district or "")
    style = rng.randrange(4)
    if style == 0:
        return f"{place['province_full']}{place['city_full']}{district or ''}"
    if style == 1:
        return f"{place['province']}-{place['city']}"
    if style == 2:
        return f"{place['province']}{place['city']}"
    return f"{place['city_full']}{district or ''}"


def _residence_en(place: dict, rng: random.Random, country: bool = True) -> str:
    tail = ", China" if country else ""
    if place["province"] == place["city"]:
        district = f"{_district_en(place['district'])}, " if place.get("district") and rng.random() < 0.4 else ""
        return f"{district}{place['city_en']}{tail}"
    return f"{place['city_en']}, {place['province_en']}{tail}"


def _level_zh(stage: dict) -> str:
    return {"high_school": "高中", "associate": "大专", "bachelor": "本科", "master": "硕士", "doctorate": "博士"}[stage["level"]]


def _school(stage: dict, english: bool, place: dict) -> str:
    if stage["school"]:
        return stage["school"][1 if english else 0]
    town = place
    return f"{town['city_en']} No. 1 High School" if english else f"{town['city']}市第一中学"


def _degree_en(stage: dict, style: str) -> str:
    """The degree as an English page writes it."""
    level, kind = stage["level"], stage.get("kind", "sci")
    if level == "high_school":
        return "High School Diploma"
    if level == "associate":
        return "Associate's degree" if style == "linkedin" else "Associate Degree"
    if level == "bachelor":
        full, abbr = _DEGREE_EN.get(kind, _DEGREE_EN["sci"])
        return f"{full} - {abbr}" if style == "linkedin" else full
    if level == "master":
        if kind == "mba":
            return "Master of Business Administration - MBA" if style == "linkedin" else "Master of Business Administration"
        full = "Master of Engineering" if kind == "eng" else "Master of Science"
        return f"{full} - {'MEng' if kind == 'eng' else 'MS'}" if style == "linkedin" else full
    return "Doctor of Philosophy - PhD" if style == "linkedin" else "Doctor of Philosophy (PhD)"


def _duties(job: dict, english: bool, rng: random.Random, count: int) -> list[str]:
    if job["intern"]:
        pool = _INTERN_DUTIES[1 if english else 0]
    else:
        pool = _DUTIES[job["track"][0]][1 if english else 0]
    return rng.sample(pool, min(count, len(pool)))


def _skill_ids(listing) -> list[str]:
    return [sid for sid, _s, _l in listing if sid]


def _lang_ids(p: dict) -> list[str]:
    return [lid for lid, _zh, _en in p["_languages"] if lid]


def _cert_ids(certs, english: bool) -> list[str]:
    return [(en_id if english else zh_id) for _zh, _en, zh_id, en_id in certs if (en_id if english else zh_id)]


# ---------------------------------------------------------------- the page model


class Block:
    """One part of a page: kind is title, head, para, bullets, grid, table, cols or rule."""

    def __init__(self, kind: str, text: str = "", items=None, **opts):
        self.kind, self.text, self.items, self.opts = kind, text, items if items is not None else [], opts


class Cell:
    def __init__(self, text: str = "", span: int = 1, rows: int = 1, bold: bool = False, shade: bool = False):
        self.text, self.span, self.rows, self.bold, self.shade = text, span, rows, bold, shade


def _place_cells(rows: list[list[Cell]]) -> tuple[int, list[tuple[int, int, Cell]]]:
    taken: set[tuple[int, int]] = set()
    placed, width = [], 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for rr in range(r, r + cell.rows):
                for cc in range(c, c + cell.span):
                    taken.add((rr, cc))
            c += cell.span
            width = max(width, c)
    return width, placed


def document(p: dict, layout: str, fmt: str, rng: random.Random) -> bytes:
    """The resume of `p` in `layout` as `fmt` bytes; settles p's truth to what the page states."""
    base = layout.split("_", 1)[1] if layout.startswith(("scan_", "photo_")) else layout
    blocks, truth = _LAYOUTS[base](p, rng)
    p.update({**p["_full"], **truth})
    p["skills"] = sorted(set(p["skills"]))
    english = p["_english"]
    if layout.startswith(("scan_", "photo_")):
        pages = _paint(blocks, english, rng, single=fmt != "pdf")
        if fmt == "pdf":
            return _pages_pdf(pages, rng)
        return _encode(pages[0], fmt, rng)
    return {"pdf": _pdf, "docx": _docx, "txt": _text}[fmt](blocks, english, rng)


# ---------------------------------------------------------------- layouts


def _job_site_export(p: dict, rng: random.Random):
    place, jobs, now = p["_place"], p["_jobs"], p["_now"]
    birth = p["_birth"]
    age = (p["_now"] // 12) - birth[0] - (1 if _m(p["_now"]) < birth[1] else 0)
    header = [
        "男" if p["_gender"] == "M" else "女",
        f"{age}岁（{birth[0]}年{birth[1]}月）",
        f"现居住地：{_residence_zh(place, rng)}",
    ]
    if rng.random() < 0.4:
        header.append(f"户口：{p['_origin']['province']}{p['_origin']['city']}")
    if rng.random() < 0.6 and p["_current"]:
        header.append(f"{p['years_experience']}年工作经验" if p["years_experience"] else "1年以下工作经验")
    header.append(_level_zh(p["_top"]))
    salary_text, salary = _salary_zh(p["_amount"], rng, brackets=rng.random() < 0.6)
    wish_city = p["_place"]["city"] if rng.random() < 0.7 else rng.choice(_BIG)
    blocks = [
        Block("title", p["full_name"]),
        Block("para", " | ".join(header)),
        Block("para", f"手机：{_phone(p['phone'], rng)}    E-mail：{p['contact_email']}"),
        Block("head", "求职意向"),
        Block("grid", items=[("期望工作地区", wish_city), ("期望月薪", salary_text),
                             ("目前状况", rng.choice(["我目前在职，正考虑换个新环境", "在职，暂无跳槽打算"])
                              if p["_current"] else "应届毕业生"),
                             ("期望工作性质", "全职"), ("期望从事职业", p["desired_role"]),
                             ("期望从事行业", p["_current"]["employer"]["sector"] if p["_current"] else "不限")], cols=2),
    ]  # fmt: skip
    if rng.random() < 0.6:
        blocks += [Block("head", "自我评价"), Block("para", _SELF_ZH[p["_self"]])]
    blocks.append(Block("head", "工作经历"))
    for job in jobs:
        end = "至今" if job["end"] is None else f"{_y(job['end'])}.{_m(job['end']):02d}"
        span = _span_zh(_months(job, now))
        blocks.append(Block("para", f"{job['employer']['name']} | {job['title']} | "
                                    f"{_y(job['start'])}.{_m(job['start']):02d} - {end}（{span}）", bold=True))  # fmt: skip
        if rng.random() < 0.6:
            employer = job["employer"]
            facts = f"所属行业：{employer['sector']} | 企业性质：{employer['nature']} | 规模：{employer['size']}"
            blocks.append(Block("para", facts,
                                small=True))  # fmt: skip
        duties = _duties(job, False, rng, rng.randint(2, 3))
        if rng.random() < 0.5:
            blocks.append(Block("para", "工作描述：" + "；".join(duties) + "。"))
        else:
            blocks.append(Block("para", "工作描述："))
            blocks += [Block("para", f"{i}. {line}") for i, line in enumerate(duties, 1)]
    if p["_current"] and rng.random() < 0.7:
        blocks.append(Block("head", "项目经历"))
        for index in p["_projects"]:
            name_zh, text_zh, _n, _t = _PROJECTS[p["_current"]["track"][0]][index]
            start = min(p["_current"]["start"] + rng.randint(0, 6), now - 8)
            blocks += [Block("para", f"{_y(start)}.{_m(start):02d} - {_y(start + 7)}.{_m(start + 7):02d} | {name_zh}", bold=True),
                       Block("para", f"项目描述：{text_zh}")]  # fmt: skip
    blocks.append(Block("head", "教育经历"))
    for stage in sorted(p["_stages"], key=lambda s: s["start"], reverse=True):
        cells = [f"{_y(stage['start'])}.{_m(stage['start']):02d} - {_y(stage['end'])}.{_m(stage['end']):02d}",
                 _school(stage, False, p["_origin"])]  # fmt: skip
        if stage["field"]:
            cells.append(stage["field"])
        cells.append(_level_zh(stage) + ("（在职）" if stage.get("part_time") else ""))
        blocks.append(Block("para", " | ".join(cells)))
    ids = []
    if p["_languages"]:
        blocks.append(Block("head", "语言能力"))
        for lid, zh, _en in p["_languages"]:
            level = (
                rng.choice(["读写能力精通 | 听说能力良好", "读写能力熟练 | 听说能力一般", ""]) if lid and "，" not in zh else ""
            )
            blocks.append(Block("para", f"{zh}{('：' + level) if level else ''}"))
        ids += _lang_ids(p)
    if p["_certs"]:
        blocks.append(Block("head", "证书"))
        for zh, _en, *_ids in p["_certs"]:
            got = max(p["_stages"][0]["start"] + 30, p["_now"] - rng.randint(3, 90))
            blocks.append(Block("para", f"{_y(got)}.{_m(got):02d}  {zh}"))
        ids += _cert_ids(p["_certs"], False)
    blocks.append(Block("head", "专业技能"))
    style = rng.randrange(2)
    for _sid, name, level in p["_skills"]:
        used = rng.choice([12, 24, 36, 48, 60])
        blocks.append(Block("para", f"{name} | {_LEVELS_ZH[level]} | {used}个月" if style else f"{name}：{_LEVELS_ZH[level]}"))
    ids += _skill_ids(p["_skills"])
    return blocks, {"expected_salary": salary, "skills": ids}


def _linkedin_export(p: dict, rng: random.Random):
    place, now = p["_place"], p["_now"]
    slug = p["full_name"].lower().replace(" ", "-") + f"-{rng.getrandbits(24):06x}"
    side = [Block("head", "Contact")]
    phone = None
    if rng.random() < 0.6:
        phone = p["phone"]
        side.append(Block("para", f"{_phone(phone, rng)} (Mobile)", small=True))
    side += [Block("para", p["contact_email"], small=True), Block("para", f"www.linkedin.com/in/{slug} (LinkedIn)", small=True)]
    top = p["_skills"][:3]
    side += [Block("head", "Top Skills")] + [Block("para", name, small=True) for _sid, name, _l in top]
    ids = _skill_ids(top)
    side.append(Block("head", "Languages"))
    side += [Block("para", en, small=True) for _lid, _zh, en in p["_languages"]]
    side.append(Block("para", "Mandarin (Native or Bilingual)", small=True))
    ids += _lang_ids(p)
    if p["_certs"]:
        side += [Block("head", "Certifications")] + [Block("para", en, small=True) for _zh, en, *_ids in p["_certs"]]
        ids += _cert_ids(p["_certs"], True)
    current = p["_current"]
    if current:
        slogan = rng.choice(["Building things that last", "Open to new challenges", "Based in " + place["city_en"]])
        headline = rng.choice([f"{current['title']} at {current['employer']['name']}", f"{current['title']} | {slogan}"])
    else:
        headline = f"Graduate of {_school(p['_top'], True, place)}"
    main = [Block("title", p["full_name"]), Block("para", headline), Block("para", _residence_en(place, rng), small=True)]
    if rng.random() < 0.7:
        main += [Block("head", "Summary"), Block("para", _SELF_EN[p["_self"]] + " " + rng.choice(
            ["I enjoy working across teams and turning goals into plans.", "Happy to connect and share ideas.",
             ""]))]  # fmt: skip
    main.append(Block("head", "Experience"))
    jobs = p["_jobs"]
    index = 0
    while index < len(jobs):
        job = jobs[index]
        group = [job]
        while index + len(group) < len(jobs) and jobs[index + len(group)]["employer"] is job["employer"]:
            group.append(jobs[index + len(group)])
        main.append(Block("para", job["employer"]["name"], bold=True))
        if len(group) > 1:
            total = sum(_months(j, now) for j in group)
            main.append(Block("para", _span_en(total), small=True))
        for position in group:
            end = "Present" if position["end"] is None else f"{_MONTHS[_m(position['end']) - 1]} {_y(position['end'])}"
            start = f"{_MONTHS[_m(position['start']) - 1]} {_y(position['start'])}"
            town = position["employer"]["town"]
            dates = f"{start} - {end} ({_span_en(_months(position, now))})"
            main += [Block("para", position["title"]), Block("para", dates, small=True),
                     Block("para", _residence_en(town, rng), small=True)]  # fmt: skip
            if rng.random() < 0.5:
                main += [Block("para", line) for line in _duties(position, True, rng, 2)]
        index += len(group)
    main.append(Block("head", "Education"))
    for stage in sorted(p["_stages"], key=lambda s: s["start"], reverse=True):
        degree = _degree_en(stage, "linkedin")
        field = f", {stage['field_en']}" if stage["field_en"] else ""
        main += [Block("para", _school(stage, True, p["_origin"]), bold=True),
                 Block("para", f"{degree}{field} · ({_y(stage['start'])} - {_y(stage['end'])})", small=True)]  # fmt: skip
    blocks = [Block("cols", items=[side, main], footer="Page")]
    return blocks, {"phone": phone, "gender": None, "birth_year": None, "desired_role": None, "expected_salary": None,
                    "skills": ids, "role_category": current["track"][0] if current else None}  # fmt: skip


def _labelled_rows(pairs):
    return [[Cell(label, bold=False), Cell(value)] for label, value in pairs]


def _europass(p: dict, rng: random.Random):
    place = p["_place"]
    surname = p["_surname"]
    upper = rng.random() < 0.5
    shown_name = " ".join(part.upper() if part == surname and upper else part for part in p["full_name"].split())
    street = (
        f"{rng.choice(['Room', 'Flat'])} {rng.randint(2, 30)}{rng.randint(1, 9):02d}, No. {rng.randint(1, 300)} "
        f"{_pinyin(rng.choice(['人民', '建设', '解放', '中山', '长江', '和平', '学府', '滨江']))} Road"
    )
    district = f"{_district_en(place['district'])}, " if place.get("district") else ""
    if place["province"] == place["city"]:
        address = f"{street}, {district}{place['city_en']}, China"
    else:
        address = f"{street}, {district}{place['city_en']}, {place['province_en']}, China"
    birth = p["_birth"]
    birth_text = rng.choice([f"{birth[2]:02d}/{birth[1]:02d}/{birth[0]}", f"{birth[2]} {_MONTHS[birth[1] - 1]} {birth[0]}"])
    personal = [("Name", shown_name), ("Address", address),
                ("Mobile", _phone(p["phone"], rng)), ("E-mail", p["contact_email"]), ("Nationality", "Chinese"),
                ("Date of birth", birth_text)]  # fmt: skip
    truth: dict = {}
    if rng.random() < 0.6:
        personal.append(("Gender", "Female" if p["_gender"] == "F" else "Male"))
    else:
        truth["gender"] = None
    rows = [[Cell("Personal information", span=2, bold=True, shade=True)], *_labelled_rows(personal)]
    if rng.random() < 0.7:
        rows += [[Cell("Desired employment / Occupational field", bold=True), Cell(p["desired_role"], bold=True)]]
    else:
        truth["desired_role"] = None
        if not p["_current"]:
            truth["role_category"] = None
    rows.append([Cell("Work experience", span=2, bold=True, shade=True)])
    for job in p["_jobs"]:
        end = "present" if job["end"] is None else f"{_MONTHS[_m(job['end']) - 1]} {_y(job['end'])}"
        employer = job["employer"]
        town = employer["town"]
        where = (
            f"{town['city_en']}, China"
            if town["province"] == town["city"]
            else f"{town['city_en']}, {town['province_en']}, China"
        )
        rows += _labelled_rows([
            ("Dates", f"{_MONTHS[_m(job['start']) - 1]} {_y(job['start'])} – {end}"),
            ("Occupation or position held", job["title"]),
            ("Main activities and responsibilities", "; ".join(_duties(job, True, rng, 2))),
            ("Name and address of employer", f"{employer['name']}, {where}"),
            ("Type of business or sector", employer["industry_en"]),
        ])  # fmt: skip
        rows.append([Cell(""), Cell("")])
    rows.append([Cell("Education and training", span=2, bold=True, shade=True)])
    for stage in sorted(p["_stages"], key=lambda s: s["start"], reverse=True):
        degree = _degree_en(stage, "europass")
        pairs = [
            (
                "Dates",
                f"{_MONTHS[_m(stage['start']) - 1]} {_y(stage['start'])} – {_MONTHS[_m(stage['end']) - 1]} {_y(stage['end'])}",
            )
        ]
        if stage["field_en"] and rng.random() < 0.5:
            pairs.append(("Title of qualification awarded", f"{degree} in {stage['field_en']}"))
        else:
            pairs.append(("Title of qualification awarded", degree))
            if stage["field_en"]:
                pairs.append(("Principal subjects / occupational skills covered", f"Major: {stage['field_en']}"))
        kind = (
            "university"
            if stage["level"] not in ("high_school", "associate")
            else ("vocational college" if stage["level"] == "associate" else "secondary school")
        )
        pairs.append(
            (
                "Name and type of organisation providing education and training",
                f"{_school(stage, True, p['_origin'])} ({kind}{', part-time' if stage.get('part_time') else ''})",
            )
        )
        rows += _labelled_rows(pairs)
    rows.append([Cell("Personal skills and competences", span=2, bold=True, shade=True)])
    rows += _labelled_rows([("Mother tongue(s)", "Chinese (Mandarin)")])
    ids = []
    for lid, _zh, en in p["_languages"]:
        if lid:
            cefr = rng.choice(["C1", "B2", "C2", "B1"])
            rows += _labelled_rows([("Other language(s)", en.split(" (")[0].split(" —")[0].split(":")[0]),
                                    ("Self-assessment", f"Understanding {cefr} · Speaking {cefr} · Writing {cefr}")])  # fmt: skip
            ids.append(lid)
    computer = ", ".join(
        f"{name} ({_LEVELS_EN[level].lower()})" if rng.random() < 0.5 else name for _s, name, level in p["_skills"]
    )
    rows += _labelled_rows([("Computer skills and competences", computer),
                            ("Organisational skills and competences", rng.choice(
                                ["Planned the yearly calendar of a five-person group.",
                                 "Organised the volunteer programme of my university society."]))])  # fmt: skip
    ids += _skill_ids(p["_skills"])
    certs = [cert for cert in p["_certs"] if cert[3] != "driving"]
    if certs:
        rows += _labelled_rows([("Certificates", "; ".join(cert[1] for cert in certs))])
        ids += _cert_ids(certs, True)
    if any(cert[3] == "driving" for cert in p["_certs"]) or rng.random() < 0.2:
        rows += _labelled_rows([("Driving licence", rng.choice(["C1", "B"]))])
        ids.append("driving")
    if rng.random() < 0.4:
        text, salary = _salary_en(p["_amount"], rng)
        rows.append([Cell("Additional information", span=2, bold=True, shade=True)])
        rows += _labelled_rows([("Expected salary", text)])
        truth["expected_salary"] = salary
    else:
        truth["expected_salary"] = None
    truth["skills"] = ids
    blocks = [Block("title", "Curriculum Vitae", sub="Europass"), Block("table", items=rows, widths=[0.34, 0.66],
                                                                         border=False, label_right=True)]  # fmt: skip
    return blocks, truth


def _one_table(p: dict, rng: random.Random):
    place, origin = p["_place"], p["_origin"]
    top = p["_top"]
    birth = p["_birth"]
    truth: dict = {}
    rows = [
        [Cell("姓名"), Cell(p["full_name"]), Cell("性别"), Cell("男" if p["_gender"] == "M" else "女"), Cell("出生年月"),
         Cell(rng.choice([f"{birth[0]}.{birth[1]:02d}", f"{birth[0]}年{birth[1]}月"])), Cell("照片", rows=4)],
        [Cell("民族"), Cell(p["_nation"]), Cell("政治面貌"), Cell(p["_politics"]), Cell("籍贯"),
         Cell(f"{origin['province']}{origin['city']}")],
        [Cell("学历"), Cell(_level_zh(top)), Cell("毕业院校"), Cell(_school(top, False, origin)), Cell("专业"),
         Cell(top["field"] or "—")],
        [Cell("联系电话"), Cell(_phone(p["phone"], rng), span=2), Cell("电子邮箱"), Cell(p["contact_email"], span=2)],
    ]  # fmt: skip
    fifth = []
    if rng.random() < 0.7:
        fifth += [Cell("现居住地"), Cell(_residence_zh(place, rng), span=2)]
    else:
        truth.update(province=None, city=None)
    if rng.random() < 0.7:
        text, salary = _salary_zh(p["_amount"], rng)
        fifth += [Cell("期望薪资"), Cell(text)]
        truth["expected_salary"] = salary
    else:
        truth["expected_salary"] = None
    if fifth:
        fifth[-1].span += 7 - sum(c.span for c in fifth)
        rows.append(fifth)
    rows.append([Cell("求职意向"), Cell(p["desired_role"], span=6)])

    def section(title: str) -> None:
        rows.append([Cell(title, span=7, bold=True, shade=True)])

    def dates(start: int, end: int | None) -> str:
        tail = "至今" if end is None else f"{_y(end)}.{_m(end):02d}"
        return f"{_y(start)}.{_m(start):02d}-{tail}"

    work = [j for j in p["_jobs"] if not j["intern"]]
    interns = [j for j in p["_jobs"] if j["intern"]]
    if work:
        section("工作经历")
        rows.append([Cell("起止时间", bold=True), Cell("工作单位", span=3, bold=True), Cell("职务", span=3, bold=True)])
        for job in work:
            rows.append(
                [Cell(dates(job["start"], job["end"])), Cell(job["employer"]["name"], span=3), Cell(job["title"], span=3)]
            )
            if rng.random() < 0.6:
                rows.append([Cell("主要职责"), Cell("；".join(_duties(job, False, rng, 2)), span=6)])
    section("教育经历")
    rows.append([Cell("起止时间", bold=True), Cell("学校", span=2, bold=True), Cell("专业", span=2, bold=True),
                 Cell("学历", span=2, bold=True)])  # fmt: skip
    for stage in sorted(p["_stages"], key=lambda s: s["start"], reverse=True):
        rows.append([Cell(dates(stage["start"], stage["end"])), Cell(_school(stage, False, origin), span=2),
                     Cell(stage["field"] or "—", span=2),
                     Cell(_level_zh(stage) + ("（在职）" if stage.get("part_time") else ""), span=2)])  # fmt: skip
    if interns:
        section("实习经历")
        for job in interns:
            rows.append(
                [Cell(dates(job["start"], job["end"])), Cell(job["employer"]["name"], span=3), Cell(job["title"], span=3)]
            )
    skills = "、".join(f"{_LEVELS_ZH[level]}{name}" if rng.random() < 0.5 else f"{name}（{_LEVELS_ZH[level]}）"
                      for _s, name, level in p["_skills"])  # fmt: skip
    rows.append([Cell("专业技能", bold=True), Cell(skills, span=6)])
    ids = _skill_ids(p["_skills"])
    if p["_languages"]:
        rows.append([Cell("语言能力", bold=True), Cell("；".join(zh for _l, zh, _e in p["_languages"]), span=6)])
        ids += _lang_ids(p)
    if p["_certs"]:
        rows.append(
            [Cell("获奖证书", bold=True), Cell("、".join(zh for zh, _e, *_ids in p["_certs"]) + "；校级优秀学生干部", span=6)]
        )
        ids += _cert_ids(p["_certs"], False)
    rows.append([Cell("兴趣爱好", bold=True), Cell("、".join(_HOBBIES[i][0] for i in p["_hobbies"]), span=6)])
    rows.append([Cell("自我评价", bold=True), Cell(_SELF_ZH[p["_self"]], span=6)])
    truth["skills"] = ids
    blocks = [Block("title", rng.choice(["个人简历", "个 人 简 历", "求职简历"]), center=True),
              Block("table", items=rows, widths=[0.16, 0.15, 0.12, 0.15, 0.11, 0.16, 0.15], border=True)]  # fmt: skip
    return blocks, truth


_MARKS = ["■ {}", "【{}】", "◆ {}", "★ {}", "▲ {}", "—— {} ——", "● {}"]


def _symbol_marked(p: dict, rng: random.Random):
    place = p["_place"]
    mark = rng.choice(_MARKS)
    style = rng.randrange(4)

    def date(month: int | None) -> str:
        if month is None:
            return "至今"
        y, m = _y(month), _m(month)
        return [f"{y}年{m}月", f"{y}/{m:02d}", f"{y}.{m}", f"{y}年{m:02d}月"][style]

    dash = ["—", " - ", "-", "~"][style]
    truth: dict = {}
    facts = []
    if rng.random() < 0.75:
        facts.append("男" if p["_gender"] == "M" else "女")
    else:
        truth["gender"] = None
    facts.append(rng.choice([f"{p['_birth'][0]}年生", f"出生年月：{p['_birth'][0]}.{p['_birth'][1]:02d}"]))
    facts.append(f"现居{rng.choice(['', '：'])}{_residence_zh(place, rng)}")
    facts.append(_level_zh(p["_top"]))
    blocks = [
        Block("title", p["full_name"]),
        Block("para", " ｜ ".join(facts)),
        Block("para", f"手机：{_phone(p['phone'], rng)}    邮箱：{p['contact_email']}"),
        Block("rule"),
        Block("head", mark.format("求职意向")),
    ]
    text, salary = _salary_zh(p["_amount"], rng)
    when = rng.choice(["一个月内", "随时", "两周内"])
    if rng.random() < 0.5:
        blocks.append(Block("para", f"意向岗位：{p['desired_role']} ｜ 期望薪资：{text} ｜ 到岗时间：{when}"))
    else:
        blocks += [Block("para", f"求职意向：{p['desired_role']}"), Block("para", f"期望薪资：{text}")]
    truth["expected_salary"] = salary
    order = -1 if rng.random() < 0.25 else 1

    def chronological(items):
        return sorted(items, key=lambda item: item["start"], reverse=order == 1)

    blocks.append(Block("head", mark.format(rng.choice(["教育背景", "教育经历"]))))
    for stage in chronological(p["_stages"]):
        parts = [f"{date(stage['start'])}{dash}{date(stage['end'])}", _school(stage, False, p["_origin"])]
        if stage["field"]:
            parts.append(stage["field"])
        parts.append(_level_zh(stage) + ("（在职）" if stage.get("part_time") else ""))
        blocks.append(Block("para", "    ".join(parts)))
    work = [j for j in p["_jobs"] if not j["intern"]]
    interns = [j for j in p["_jobs"] if j["intern"]]
    for title, items in (("工作经历", work), ("实习经历", interns)):
        if not items:
            continue
        blocks.append(Block("head", mark.format(title)))
        for job in chronological(items):
            head = f"{date(job['start'])}{dash}{date(job['end'])}    {job['employer']['name']}    {job['title']}"
            blocks.append(Block("para", head,
                                bold=True))  # fmt: skip
            blocks.append(Block("bullets", items=_duties(job, False, rng, rng.randint(2, 3))))
    if p["_current"] and rng.random() < 0.6:
        blocks.append(Block("head", mark.format("项目经验")))
        for index in p["_projects"]:
            name_zh, text_zh, _n, _t = _PROJECTS[p["_current"]["track"][0]][index]
            blocks += [Block("para", f"{name_zh}（{rng.choice(['项目负责人', '核心成员', '主要参与人'])}）", bold=True),
                       Block("para", text_zh)]  # fmt: skip
    blocks.append(Block("head", mark.format(rng.choice(["专业技能", "技能证书", "个人技能"]))))
    ids = _skill_ids(p["_skills"])
    joined = "、".join(f"{name}（{_LEVELS_ZH[level]}）" for _s, name, level in p["_skills"])
    if rng.random() < 0.5:
        blocks.append(Block("para", f"技能：{joined}"))
    else:
        blocks.append(Block("bullets", items=[f"{_LEVELS_ZH[level]}{name}" for _s, name, level in p["_skills"]]))
    if p["_languages"]:
        blocks.append(Block("para", "语言：" + "，".join(zh for _l, zh, _e in p["_languages"])))
        ids += _lang_ids(p)
    if p["_certs"]:
        blocks.append(Block("para", "证书：" + "、".join(zh for zh, _e, *_ids in p["_certs"])))
        ids += _cert_ids(p["_certs"], False)
    if rng.random() < 0.5:
        blocks += [Block("head", mark.format("兴趣爱好")), Block("para", "、".join(_HOBBIES[i][0] for i in p["_hobbies"]))]
    blocks += [Block("head", mark.format("自我评价")), Block("para", _SELF_ZH[p["_self"]])]
    truth["skills"] = ids
    return blocks, truth


def _skills_matrix(p: dict, rng: random.Random):
    place, now = p["_place"], p["_now"]
    truth: dict = {"gender": None}

    def date(month: int | None) -> str:
        return "Present" if month is None else f"{_m(month):02d}/{_y(month)}"

    contact = [_residence_en(place, rng, country=rng.random() < 0.5), _phone(p["phone"], rng), p["contact_email"]]
    blocks = [Block("title", p["full_name"]), Block("para", " | ".join(contact))]
    if rng.random() < 0.3:
        blocks.append(Block("para", f"Born {p['_birth'][0]}", small=True))
    else:
        truth["birth_year"] = None
    wish = []
    if rng.random() < 0.8:
        wish.append(f"Target role: {p['desired_role']}")
    else:
        truth["desired_role"] = None
        if not p["_current"]:
            truth["role_category"] = None
    text, salary = _salary_en(p["_amount"], rng)
    if rng.random() < 0.85:
        wish.append(f"{rng.choice(['Expected', 'Expected salary', 'Salary expectation'])}: {text}")
        truth["expected_salary"] = salary
    else:
        truth["expected_salary"] = None
    if wish:
        blocks.append(Block("para", " | ".join(wish), bold=True))
    blocks += [Block("head", "PROFILE"), Block("para", _SELF_EN[p["_self"]])]
    career_years = max(1, (now - min(j["start"] for j in p["_jobs"])) // 12) if p["_jobs"] else 1
    rows = [[Cell("Skill", bold=True, shade=True), Cell("Level", bold=True, shade=True), Cell("Years", bold=True, shade=True)]]
    for _sid, name, level in p["_skills"]:
        rows.append([Cell(name), Cell(_LEVELS_EN[level]), Cell(str(rng.randint(1, career_years)))])
    blocks += [Block("head", "SKILLS MATRIX"), Block("table", items=rows, widths=[0.45, 0.3, 0.25], border=True)]
    ids = _skill_ids(p["_skills"])
    blocks.append(Block("head", "EXPERIENCE"))
    for job in p["_jobs"]:
        town = job["employer"]["town"]["city_en"]
        title = job["title"]
        if rng.random() < 0.5:
            blocks.append(Block("para", f"{title} — {job['employer']['name']}, {town}", bold=True))
            blocks.append(Block("para", f"{date(job['start'])} – {date(job['end'])}", small=True))
        else:
            blocks.append(
                Block("para", f"{date(job['start'])} – {date(job['end'])} | {title} | {job['employer']['name']}", bold=True)
            )
        blocks.append(Block("bullets", items=_duties(job, True, rng, rng.randint(2, 3))))
    blocks.append(Block("head", "EDUCATION"))
    for stage in sorted(p["_stages"], key=lambda s: s["start"], reverse=True):
        degree = _degree_en(stage, "plain")
        field = f" in {stage['field_en']}" if stage["field_en"] else ""
        blocks.append(Block("para", f"{degree}{field}, {_school(stage, True, p['_origin'])}, "
                                    f"{date(stage['start'])} – {date(stage['end'])}"))  # fmt: skip
    if p["_languages"]:
        blocks += [
            Block("head", "LANGUAGES"),
            Block("para", "; ".join([en for _l, _z, en in p["_languages"]] + ["Mandarin (native)"])),
        ]
        ids += _lang_ids(p)
    if p["_certs"]:
        blocks += [Block("head", "CERTIFICATIONS"), Block("bullets", items=[en for _z, en, *_ids in p["_certs"]])]
        ids += _cert_ids(p["_certs"], True)
    if rng.random() < 0.4:
        blocks += [Block("head", "INTERESTS"), Block("para", ", ".join(_HOBBIES[i][1] for i in p["_hobbies"]))]
    truth["skills"] = ids
    return blocks, truth


_LAYOUTS = {
    "zh_job_site_export": _job_site_export,
    "en_linkedin_export": _linkedin_export,
    "en_europass": _europass,
    "zh_one_table": _one_table,
    "zh_symbol_marked": _symbol_marked,
    "en_skills_matrix": _skills_matrix,
}


# ---------------------------------------------------------------- text


def _text(blocks: list[Block], english: bool, rng: random.Random) -> bytes:
    lines: list[str] = []

    def emit(block: Block) -> None:
        if block.kind in ("title", "para"):
            lines.append(block.text)
            if block.opts.get("sub"):
                lines.append(block.opts["sub"])
        elif block.kind == "head":
            lines.extend(["", block.text])
        elif block.kind == "bullets":
            lines.extend(f"- {item}" for item in block.items)
        elif block.kind == "grid":
            sep = ": " if english else "："
            cols = block.opts.get("cols", 2)
            pairs = [f"{k}{sep}{v}" for k, v in block.items]
            for i in range(0, len(pairs), cols):
                lines.append("    ".join(pairs[i : i + cols]))
        elif block.kind == "table":
            _width, placed = _place_cells(block.items)
            for r in range(len(block.items)):
                texts = [cell.text for rr, _c, cell in placed if rr == r and cell.text and cell.text != "照片"]
                lines.append("\t".join(texts) if texts else "")
        elif block.kind == "cols":
            for column in block.items:
                for inner in column:
                    emit(inner)
        elif block.kind == "rule":
            lines.append("-" * 40)

    for block in blocks:
        emit(block)
    return ("\n".join(lines).strip() + "\n").encode("utf-8")


# ---------------------------------------------------------------- DOCX


def _docx(blocks: list[Block], english: bool, rng: random.Random) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri" if english else "宋体"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), rng.choice(["宋体", "微软雅黑", "等线"]))

    def paragraph(container, text: str, bold=False, size=None, center=False, grey=False, right=False):
        para = container.add_paragraph() if container is not None else document.add_paragraph()
        run = para.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if grey:
            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if right:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return para

    def first_paragraph(cell, text: str, bold=False, right=False):
        cell.text = ""
        para = cell.paragraphs[0]
        run = para.add_run(text)
        run.bold = bold
        if right:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def shade(cell) -> None:
        properties = cell._tc.get_or_add_tcPr()
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:fill"), "D9E2F3")
        properties.append(fill)

    def emit(block: Block, container=None) -> None:
        target = container if container is not None else document
        if block.kind == "title":
            paragraph(container, block.text, bold=True, size=20, center=block.opts.get("center", False))
            if block.opts.get("sub"):
                paragraph(container, block.opts["sub"], grey=True)
        elif block.kind == "head":
            paragraph(container, block.text, bold=True, size=13)
        elif block.kind == "para":
            paragraph(container, block.text, bold=block.opts.get("bold", False), size=9 if block.opts.get("small") else None,
                      grey=block.opts.get("small", False))  # fmt: skip
        elif block.kind == "bullets":
            for item in block.items:
                if container is None:
                    document.add_paragraph(item, style="List Bullet")
                else:
                    paragraph(container, f"• {item}")
        elif block.kind == "rule":
            paragraph(container, "—" * 30, grey=True)
        elif block.kind == "grid":
            cols = block.opts.get("cols", 2)
            table = target.add_table(rows=(len(block.items) + cols - 1) // cols, cols=cols * 2)
            for index, (key, value) in enumerate(block.items):
                row, col = divmod(index, cols)
                first_paragraph(table.cell(row, col * 2), key + ("：" if not english else ":"))
                first_paragraph(table.cell(row, col * 2 + 1), value)
        elif block.kind == "table":
            width, placed = _place_cells(block.items)
            table = target.add_table(rows=len(block.items), cols=width)
            if block.opts.get("border"):
                table.style = document.styles["Table Grid"]
            for r, c, cell in placed:
                target_cell = table.cell(r, c)
                if cell.span > 1 or cell.rows > 1:
                    target_cell = target_cell.merge(table.cell(r + cell.rows - 1, c + cell.span - 1))
                right = block.opts.get("label_right") and c == 0 and cell.span == 1
                first_paragraph(target_cell, cell.text, bold=cell.bold, right=right)
                if cell.shade:
                    shade(target_cell)
        elif block.kind == "cols":
            table = document.add_table(rows=1, cols=2)
            for column, cell in zip(block.items, table.rows[0].cells, strict=True):
                cell.text = ""
                for inner in column:
                    emit(inner, cell)

    for block in blocks:
        emit(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- PDF


@cache
def _fonts() -> dict[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdfmetrics.registerFont(TTFont("S3Sans", str(LATIN_REGULAR)))
    pdfmetrics.registerFont(TTFont("S3Sans-Bold", str(LATIN_BOLD)))
    return {"zh": "STSong-Light", "zh_bold": "STSong-Light", "en": "S3Sans", "en_bold": "S3Sans-Bold"}


def _pdf(blocks: list[Block], english: bool, rng: random.Random) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        FrameBreak,
        HRFlowable,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    fonts = _fonts()
    regular = fonts["en" if english else "zh"]
    bold = fonts["en_bold" if english else "zh_bold"]
    wrap = "LTR" if english else "CJK"
    body_size = rng.choice([9.5, 10, 10.5])

    def style(size=body_size, font=regular, **extra):
        return ParagraphStyle("s", fontName=font, fontSize=size, leading=size * 1.45, wordWrap=wrap, **extra)

    styles = {
        "title": style(20, bold, spaceAfter=6),
        "head": style(13, bold, spaceBefore=8, spaceAfter=3, textColor=colors.HexColor("#1F3864")),
        "para": style(),
        "bold": style(font=bold),
        "small": style(body_size - 1.5, textColor=colors.HexColor("#555555")),
        "cell": style(body_size - 0.5),
        "cell_bold": style(body_size - 0.5, bold),
        "cell_right": style(body_size - 0.5, alignment=TA_RIGHT, textColor=colors.HexColor("#333366")),
    }

    def para(text: str, key: str = "para", **extra) -> Paragraph:
        st = styles[key]
        if extra.get("center"):
            st = ParagraphStyle("c", parent=st, alignment=TA_CENTER)
        return Paragraph(escape(text), st)

    def flow(block: Block, width: float) -> list:
        if block.kind == "title":
            out = [para(block.text, "title", center=block.opts.get("center", False))]
            if block.opts.get("sub"):
                out.append(para(block.opts["sub"], "small"))
            return out
        if block.kind == "head":
            return [para(block.text, "head"), HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#1F3864"))]
        if block.kind == "para":
            key = "bold" if block.opts.get("bold") else "small" if block.opts.get("small") else "para"
            return [para(block.text, key)]
        if block.kind == "bullets":
            return [para(f"• {item}") for item in block.items]
        if block.kind == "rule":
            return [HRFlowable(width="100%", thickness=0.4, color=colors.grey), Spacer(1, 3)]
        if block.kind == "grid":
            cols = block.opts.get("cols", 2)
            sep = ": " if english else "："
            cells = [para(f"{k}{sep}{v}", "cell") for k, v in block.items]
            data = [cells[i : i + cols] + [""] * (cols - len(cells[i : i + cols])) for i in range(0, len(cells), cols)]
            return [Table(data, colWidths=[width / cols] * cols, hAlign="LEFT")]
        if block.kind == "table":
            ncols, placed = _place_cells(block.items)
            widths = block.opts.get("widths") or [1 / ncols] * ncols
            data = [[""] * ncols for _ in block.items]
            commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]  # fmt: skip
            if block.opts.get("border"):
                commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            for r, c, cell in placed:
                key = "cell_bold" if cell.bold else "cell"
                if block.opts.get("label_right") and c == 0 and cell.span == 1:
                    key = "cell_right"
                data[r][c] = para(cell.text, key)
                if cell.span > 1 or cell.rows > 1:
                    commands.append(("SPAN", (c, r), (c + cell.span - 1, r + cell.rows - 1)))
                if cell.shade:
                    commands.append(("BACKGROUND", (c, r), (c + cell.span - 1, r + cell.rows - 1), colors.HexColor("#D9E2F3")))
            table = Table(data, colWidths=[w * width for w in widths], hAlign="LEFT", repeatRows=0)
            table.setStyle(TableStyle(commands))
            return [table]
        raise ValueError(block.kind)

    buffer = io.BytesIO()
    page_width, page_height = A4
    margin = rng.choice([15, 18, 20]) * mm
    full = page_width - 2 * margin

    def footer(canvas, doc) -> None:
        canvas.setFont(regular, 8)
        canvas.drawRightString(page_width - margin, 10 * mm, f"Page {doc.page}")

    columns = [b for b in blocks if b.kind == "cols"]
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, invariant=1, title="Resume")  # fmt: skip
    story: list = []
    if columns:
        side_width = full * 0.3
        left = Frame(margin, margin, side_width, page_height - 2 * margin, id="side")
        right = Frame(margin + side_width + 8 * mm, margin, full - side_width - 8 * mm, page_height - 2 * margin, id="main")
        later = Frame(margin + side_width + 8 * mm, margin, full - side_width - 8 * mm, page_height - 2 * margin, id="later")
        on_page = footer if columns[0].opts.get("footer") else None
        doc.addPageTemplates([PageTemplate("first", [left, right], onPage=on_page),
                              PageTemplate("later", [later], onPage=on_page)])  # fmt: skip
        side, main = columns[0].items
        for block in side:
            story += flow(block, side_width)
        story += [FrameBreak(), NextPageTemplate("later")]
        for block in main:
            story += flow(block, full - side_width - 8 * mm)
    else:
        doc.addPageTemplates([PageTemplate("all", [Frame(margin, margin, full, page_height - 2 * margin)])])
        for block in blocks:
            story += flow(block, full)
    doc.build(story)
    return buffer.getvalue()


# ---------------------------------------------------------------- scans and photos


class _Painter:
    """Draws blocks onto A4 pages at 150 dpi."""

    def __init__(self, english: bool, scale: float):
        from PIL import ImageFont

        self.width, self.height, self.margin = 1240, 1754, 95
        size = int(25 * scale)
        bold = FONT_BOLD if FONT_BOLD.exists() else FONT_REGULAR
        self.fonts = {
            "para": ImageFont.truetype(str(FONT_REGULAR), size), "bold": ImageFont.truetype(str(bold), size),
            "small": ImageFont.truetype(str(FONT_REGULAR), int(size * 0.88)),
            "head": ImageFont.truetype(str(bold), int(size * 1.25)), "title": ImageFont.truetype(str(bold), int(size * 1.8)),
        }  # fmt: skip
        self.english = english
        self.pages: list = []
        self.new_page()

    def new_page(self) -> None:
        from PIL import Image, ImageDraw

        page = Image.new("L", (self.width, self.height), 255)
        self.pages.append(page)
        self.draw = ImageDraw.Draw(page)
        self.y = self.margin

    def lines(self, text: str, font, width: float) -> list[str]:
        out, current = [], ""
        tokens = text.split(" ") if self.english else list(text)
        joiner = " " if self.english else ""
        for token in tokens:
            trial = f"{current}{joiner}{token}" if current else token
            if self.draw.textlength(trial, font=font) > width and current:
                out.append(current)
                current = token
            else:
                current = trial
        return [*out, current] if current else out or [""]

    def line_height(self, font) -> int:
        return int(font.size * 1.5)

    def text(self, text: str, key: str = "para", x: float | None = None, width: float | None = None, center=False) -> None:
        font = self.fonts[key]
        x = self.margin if x is None else x
        width = self.width - 2 * self.margin if width is None else width
        for line in self.lines(text, font, width):
            if self.y + self.line_height(font) > self.height - self.margin:
                self.new_page()
            left = x + (width - self.draw.textlength(line, font=font)) / 2 if center else x
            self.draw.text((left, self.y), line, fill=25, font=font)
            self.y += self.line_height(font)

    def table(self, block: Block) -> None:
        ncols, placed = _place_cells(block.items)
        widths = block.opts.get("widths") or [1 / ncols] * ncols
        full = self.width - 2 * self.margin
        xs = [self.margin]
        for w in widths:
            xs.append(xs[-1] + w * full)
        font = self.fonts["small"]
        pad = 8
        heights = [0] * len(block.items)
        for r, c, cell in placed:
            if cell.rows == 1:
                lines = self.lines(cell.text, font, xs[c + cell.span] - xs[c] - 2 * pad)
                heights[r] = max(heights[r], len(lines) * self.line_height(font) + 2 * pad)
        groups, start = [], 0  # rows bound together by a cell spanning several rows
        while start < len(block.items):
            end = start + 1
            for r, _c, cell in placed:
                if start <= r < end:
                    end = max(end, r + cell.rows)
            groups.append((start, end))
            start = end
        border = block.opts.get("border")
        for first, last in groups:
            total = sum(heights[first:last])
            if self.y + total > self.height - self.margin:
                self.new_page()
            tops = {first: self.y}
            for r in range(first, last):
                tops[r + 1] = tops[r] + heights[r]
            for r, c, cell in placed:
                if not first <= r < last:
                    continue
                box = (xs[c], tops[r], xs[c + cell.span], tops[r + cell.rows])
                if cell.shade:
                    self.draw.rectangle(box, fill=225)
                if border:
                    self.draw.rectangle(box, outline=40, width=2)
                lines = self.lines(cell.text, font, box[2] - box[0] - 2 * pad)
                y = box[1] + pad + max(0, (box[3] - box[1] - 2 * pad - len(lines) * self.line_height(font)) // 2)
                right = block.opts.get("label_right") and c == 0 and cell.span == 1
                for line in lines:
                    width = self.draw.textlength(line, font=font)
                    x = box[2] - pad - width if right else box[0] + pad
                    self.draw.text((x, y), line, fill=25, font=font)
                    y += self.line_height(font)
            self.y = tops[last]
        self.y += 10

    def block(self, block: Block) -> None:
        if block.kind == "title":
            self.text(block.text, "title", center=block.opts.get("center", False))
            if block.opts.get("sub"):
                self.text(block.opts["sub"], "small")
            self.y += 8
        elif block.kind == "head":
            self.y += 14
            self.text(block.text, "head")
            self.draw.line((self.margin, self.y, self.width - self.margin, self.y), fill=60, width=2)
            self.y += 8
        elif block.kind == "para":
            self.text(block.text, "bold" if block.opts.get("bold") else "small" if block.opts.get("small") else "para")
        elif block.kind == "bullets":
            for item in block.items:
                self.text(f"• {item}")
        elif block.kind == "rule":
            self.draw.line((self.margin, self.y + 6, self.width - self.margin, self.y + 6), fill=90, width=2)
            self.y += 16
        elif block.kind == "grid":
            sep = ": " if self.english else "："
            cols = block.opts.get("cols", 2)
            for i in range(0, len(block.items), cols):
                top, bottom = self.y, self.y
                for j, (k, v) in enumerate(block.items[i : i + cols]):
                    self.y = top
                    width = (self.width - 2 * self.margin) / cols
                    self.text(f"{k}{sep}{v}", x=self.margin + j * width, width=width - 20)
                    bottom = max(bottom, self.y)
                self.y = bottom
        elif block.kind == "table":
            self.table(block)
        else:
            raise ValueError(block.kind)


def _paint(blocks: list[Block], english: bool, rng: random.Random, single: bool) -> list:
    """The pages as clean greyscale images; for a single photo, smaller type until one page holds it all."""
    for scale in (1.0, 0.88, 0.78, 0.7):
        painter = _Painter(english, scale)
        for block in blocks:
            painter.block(block)
        if not single or len(painter.pages) == 1:
            break
    pages = painter.pages
    if single and len(pages) > 1:  # a long photo: the pages one under the other
        from PIL import Image

        tall = Image.new("L", (painter.width, painter.height * len(pages)), 255)
        for index, page in enumerate(pages):
            tall.paste(page, (0, index * painter.height))
        pages = [tall]
    return [_age(page, rng, photo=single) for page in pages]


def _age(page, rng: random.Random, photo: bool):
    """Scan noise: grey paper, grain, specks, a slight tilt and blur (uneven light for photos)."""
    from PIL import Image, ImageDraw, ImageFilter

    width, height = page.size
    paper = rng.randint(214, 238)
    page = page.point(lambda v, paper=paper: int(v * paper / 255))
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    page = Image.blend(page, grain, rng.uniform(0.04, 0.08))
    draw = ImageDraw.Draw(page)
    for _ in range(rng.randint(120, 320)):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.choice([1, 1, 2, 3])
        draw.ellipse((x, y, x + r, y + r), fill=rng.randint(40, 140))
    if photo:
        shade = Image.linear_gradient("L").resize((width, height)).rotate(rng.choice([0, 90, 180, 270]))
        page = Image.composite(page, page.point(lambda v: int(v * 0.82)), shade.point(lambda v: 255 - v // 3))
    page = page.rotate(rng.uniform(-1.6, 1.6), resample=Image.BICUBIC, expand=False, fillcolor=paper - 25)
    return page.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.1)))


def _encode(picture, fmt: str, rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    if fmt == "jpg":
        picture.save(buffer, format="JPEG", quality=rng.randint(55, 85))
    else:
        picture.save(buffer, format="PNG")
    return buffer.getvalue()


def _pages_pdf(pages: list, rng: random.Random) -> bytes:
    """An image-only PDF, one scanned picture a page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for page in pages:
        data = io.BytesIO()
        page.save(data, format="JPEG", quality=rng.randint(60, 85))
        sheet.drawImage(ImageReader(io.BytesIO(data.getvalue())), 0, 0, width=A4[0], height=A4[1])
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()
