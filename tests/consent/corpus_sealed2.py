"""A second sealed family of generated resumes: how the intake reads resumes it has never been tuned on.

Written without reading the parser (nothing under consent/ that extracts or parses was opened) and
without reading the other families' wordings; never tuned on: only the family's overall figure is
ever read. Five layouts, from their own seed and pools, with people living in any prefecture of the
division list (cpca's adcodes.csv):

- zh_word_form: a Word-template 个人简历 with a photo box and a 2×4 grid of basic facts, then
  教育背景 / 工作经历 / 实习经历 / 项目经验 / 技能证书 / 自我评价, dates like "2020.09-2024.06";
- en_na_resume: a North-American resume: big name, one contact line, a summary paragraph,
  "Professional Experience" with the title (and dates) on one line and company + city on the next,
  bullets that start with verbs;
- zh_campus: a 应届生 resume: the current employer is an internship or absent, the wish stated as
  "意向岗位｜城市｜薪资" (the wished-for city may differ from where the student lives);
- zh_mail_body: a resume pasted into an e-mail, informal and mixed zh/en ("我叫…，今年…岁");
- scan_zh_word_form: the Word-template resume printed and scanned (PDF) or photographed (JPEG, PNG),
  drawn by the corpus's own page renderers.

Truth is what a careful reader takes from the page; a field the page does not state is None. Salary
ranges count as their lower bound, yearly pay /12, monthly yuan. Years of experience sum the full-time
jobs (internships do not count; a 应届生 with none has 0) up to the corpus's today. The campus layout
shows a person at graduation: drawing it sets that person's truth to the graduate's (before the
truth is read).
"""

from __future__ import annotations

import csv
import io
import random
from functools import cache
from pathlib import Path

SEALED2_HELD_OUT = ("zh_word_form", "en_na_resume", "zh_campus", "zh_mail_body", "scan_zh_word_form")
SEALED2_SEED = 5_120_733

_FORMATS = {
    "zh_word_form": ("docx", "pdf"),
    "en_na_resume": ("pdf", "docx"),
    "zh_campus": ("pdf", "txt"),
    "zh_mail_body": ("txt",),
    "scan_zh_word_form": ("pdf", "jpg", "png"),
}

# ---------------------------------------------------------------- pools

_SURNAMES = ["沈", "韦", "聂", "钮", "柴", "俞", "阮", "应", "车", "包", "左", "滕", "霍", "褚", "蓝", "卢", "屈", "季",
             "覃", "翟", "练", "甘", "欧阳", "司马", "上官", "诸葛", "付", "严", "傅", "苏", "吕", "彭", "韩", "曹"]  # fmt: skip
_GIVEN = ["一鸣", "思琪", "雅婷", "梓萱", "宇航", "博文", "佳怡", "晨曦", "书瑶", "子墨", "沐阳", "若溪",
          "嘉豪", "诗涵", "浩宇", "楠", "悦", "锐", "昊", "婧", "一帆", "文静", "振华",
          "海燕", "建国", "晓东", "丽娟", "春梅", "志强"]  # fmt: skip
_NICK = ["Grace", "Kevin", "Iris", "Ryan", "Cindy", "Alan", "Vivian", "Frank", "Joyce", "Sean", "Tina", "Derek"]
_PINYIN_SURNAME = {"覃": "Qin", "翟": "Zhai", "曾": "Zeng", "单": "Shan", "欧阳": "Ouyang", "司马": "Sima",
                   "上官": "Shangguan", "诸葛": "Zhuge"}  # fmt: skip

_MOBILE_HEADS = ["130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
                 "166", "173", "177", "180", "181", "182", "186", "187", "188", "189", "191", "198", "199"]  # fmt: skip
_HOSTS = ["example.com", "example.cn", "mail.example.net", "example.org"]

_LEVEL_ZH = {"high_school": "高中", "associate": "大专", "bachelor": "本科", "master": "硕士", "doctorate": "博士"}
_LEVEL_ZH_ALT = {"high_school": "高中", "associate": "专科", "bachelor": "大学本科", "master": "硕士研究生",
                 "doctorate": "博士研究生"}  # fmt: skip
_DEGREE_EN = {"associate": ["Associate Degree", "A.A.S."], "bachelor": ["B.S.", "B.Eng.", "Bachelor of Science", "B.A."],
              "master": ["M.S.", "Master of Engineering", "M.A."], "doctorate": ["Ph.D.", "PhD"],
              "high_school": ["High School Diploma"]}  # fmt: skip
_MAJORS = [("电子信息工程", "Electronic Information Engineering"), ("土木工程", "Civil Engineering"),
           ("国际经济与贸易", "International Economics and Trade"), ("财务管理", "Financial Management"),
           ("信息管理与信息系统", "Information Management and Information Systems"), ("自动化", "Automation"),
           ("网络工程", "Network Engineering"), ("汉语言文学", "Chinese Language and Literature"),
           ("应用数学", "Applied Mathematics"), ("数字媒体技术", "Digital Media Technology"),
           ("电气工程及其自动化", "Electrical Engineering and Automation"), ("工商管理", "Business Administration"),
           ("旅游管理", "Tourism Management"), ("视觉传达设计", "Visual Communication Design"),
           ("交通运输", "Transportation"), ("新闻学", "Journalism")]  # fmt: skip
_UNIS = [("华中科技大学", "Huazhong University of Science and Technology"), ("西南交通大学", "Southwest Jiaotong University"),
         ("郑州大学", "Zhengzhou University"), ("兰州大学", "Lanzhou University"), ("广西大学", "Guangxi University"),
         ("东北师范大学", "Northeast Normal University"), ("南昌大学", "Nanchang University"),
         ("新疆大学", "Xinjiang University"), ("云南财经大学", "Yunnan University of Finance and Economics"),
         ("山东科技大学", "Shandong University of Science and Technology"),
         ("湖北民族大学", "Hubei Minzu University")]  # fmt: skip
_COLLEGES = [("长沙民政职业技术学院", "Changsha Social Work College"), ("武汉职业技术学院", "Wuhan Polytechnic"),
             ("成都航空职业技术学院", "Chengdu Aeronautic Polytechnic"),
             ("江苏经贸职业技术学院", "Jiangsu Vocational Institute of Commerce")]  # fmt: skip
_HIGH = [("第一中学", "No. 1 High School"), ("实验中学", "Experimental High School")]

_TITLES = {  # category -> (Chinese, English, internship Chinese, internship English)
    "engineering": [("后端开发工程师", "Backend Developer", "后端开发实习生", "Backend Developer Intern"),
                    ("前端开发工程师", "Frontend Engineer", "前端开发实习生", "Frontend Intern"),
                    ("嵌入式软件工程师", "Embedded Software Engineer", "嵌入式开发实习生", "Embedded Software Intern"),
                    ("运维工程师", "DevOps Engineer", "运维实习生", "DevOps Intern")],
    "data": [("数据分析师", "Data Analyst", "数据分析实习生", "Data Analyst Intern"),
             ("大数据开发工程师", "Big Data Engineer", "大数据开发实习生", "Big Data Intern"),
             ("BI工程师", "BI Developer", "BI实习生", "BI Intern")],
    "product": [("产品经理", "Product Manager", "产品经理实习生", "Product Management Intern"),
                ("交互设计师", "Interaction Designer", "交互设计实习生", "Interaction Design Intern"),
                ("视觉设计师", "Visual Designer", "视觉设计实习生", "Visual Design Intern")],
    "sales": [("大客户经理", "Key Account Manager", "销售助理实习生", "Sales Intern"),
              ("区域销售经理", "Regional Sales Manager", "销售实习生", "Sales Intern"),
              ("渠道经理", "Channel Manager", "渠道拓展实习生", "Channel Development Intern")],
    "finance": [("会计", "Accountant", "会计实习生", "Accounting Intern"),
                ("审计专员", "Audit Associate", "审计实习生", "Audit Intern"),
                ("财务主管", "Finance Supervisor", "财务实习生", "Finance Intern")],
    "hr": [("人事专员", "HR Specialist", "人事实习生", "HR Intern"),
           ("招聘主管", "Talent Acquisition Lead", "招聘实习生", "Recruiting Intern"),
           ("薪酬福利专员", "Compensation and Benefits Specialist", "人力资源实习生", "Human Resources Intern")],
    "operations": [("供应链专员", "Supply Chain Specialist", "供应链实习生", "Supply Chain Intern"),
                   ("仓储主管", "Warehouse Supervisor", "仓储管理实习生", "Warehouse Operations Intern"),
                   ("电商运营专员", "E-commerce Operations Specialist", "电商运营实习生", "E-commerce Operations Intern")],
}  # fmt: skip
_SENIOR = [("高级", "Senior "), ("资深", "Senior "), ("", "")]

_SKILLS = {  # category -> skill ids drawn from
    "engineering": ["python", "java", "go", "mysql", "redis", "linux", "docker", "kubernetes", "spring", "vue", "react",
                    "javascript", "typescript", "c++"],
    "data": ["sql", "python", "excel", "tableau", "power_bi", "spark", "hadoop", "machine_learning", "statistics"],
    "product": ["product_management", "figma", "ux_research", "ui_design", "photoshop", "project_management"],
    "sales": ["negotiation", "customer_service", "marketing", "digital_marketing", "sales"],
    "finance": ["accounting", "financial_analysis", "auditing", "tax", "excel"],
    "hr": ["recruiting", "training", "payroll", "office"],
    "operations": ["logistics", "supply_chain", "procurement", "ecommerce_operations", "lean", "quality_control"],
}  # fmt: skip
_GENERAL = ["english", "office", "driving", "japanese", "communication", "team_leadership"]
_SKILL_ZH = {"python": "Python", "java": "Java", "go": "Golang", "mysql": "MySQL", "redis": "Redis", "linux": "Linux",
             "docker": "Docker", "kubernetes": "K8s", "spring": "Spring Boot", "vue": "Vue", "react": "React",
             "javascript": "JavaScript", "typescript": "TypeScript", "c++": "C++", "sql": "SQL", "excel": "Excel",
             "tableau": "Tableau", "power_bi": "Power BI", "spark": "Spark", "hadoop": "Hadoop",
             "machine_learning": "机器学习", "statistics": "统计学", "product_management": "产品管理", "figma": "Figma",
             "ux_research": "用户研究", "ui_design": "UI设计", "photoshop": "Photoshop", "project_management": "项目管理",
             "negotiation": "商务谈判", "customer_service": "客户服务", "marketing": "市场营销",
             "digital_marketing": "数字营销", "sales": "销售", "accounting": "会计", "financial_analysis": "财务分析",
             "auditing": "审计", "tax": "税务", "recruiting": "招聘", "training": "培训", "payroll": "薪酬核算",
             "office": "Office办公软件", "logistics": "物流管理", "supply_chain": "供应链管理", "procurement": "采购",
             "ecommerce_operations": "电商运营", "lean": "精益生产", "quality_control": "质量控制",
             "english": "英语（CET-6）", "japanese": "日语N2", "driving": "C1驾照", "communication": "沟通能力",
             "team_leadership": "团队管理"}  # fmt: skip
_SKILL_EN = {"python": "Python", "java": "Java", "go": "Go", "mysql": "MySQL", "redis": "Redis", "linux": "Linux",
             "docker": "Docker", "kubernetes": "Kubernetes", "spring": "Spring", "vue": "Vue.js", "react": "React",
             "javascript": "JavaScript", "typescript": "TypeScript", "c++": "C++", "sql": "SQL", "excel": "Excel",
             "tableau": "Tableau", "power_bi": "Power BI", "spark": "Spark", "hadoop": "Hadoop",
             "machine_learning": "Machine Learning", "statistics": "Statistics",
             "product_management": "Product Management", "figma": "Figma", "ux_research": "UX Research",
             "ui_design": "UI Design", "photoshop": "Photoshop", "project_management": "Project Management",
             "negotiation": "Negotiation", "customer_service": "Customer Service", "marketing": "Marketing",
             "digital_marketing": "Digital Marketing", "sales": "Sales", "accounting": "Accounting",
             "financial_analysis": "Financial Analysis", "auditing": "Auditing", "tax": "Tax", "recruiting": "Recruiting",
             "training": "Training", "payroll": "Payroll", "office": "Microsoft Office", "logistics": "Logistics",
             "supply_chain": "Supply Chain", "procurement": "Procurement", "ecommerce_operations": "E-commerce Operations",
             "lean": "Lean Manufacturing", "quality_control": "Quality Control", "english": "English",
             "japanese": "Japanese", "driving": "Driver's License", "communication": "Communication",
             "team_leadership": "Team Leadership"}  # fmt: skip

_FIRM_WORDS = [("宏远", "Hongyuan"), ("恒信", "Hengxin"), ("华睿", "Huarui"), ("青禾", "Qinghe"), ("启明", "Qiming"),
               ("博纳", "Bona"), ("汇通", "Huitong"), ("嘉禾", "Jiahe"), ("致远", "Zhiyuan"), ("长风", "Changfeng")]  # fmt: skip
_FIRM_KINDS = [("信息技术有限公司", "Information Technology Co., Ltd."), ("电子商务有限公司", "E-commerce Co., Ltd."),
               ("物流有限公司", "Logistics Co., Ltd."), ("食品股份有限公司", "Foods Co., Ltd."),
               ("医药连锁有限公司", "Pharmacy Chain Co., Ltd."), ("新能源科技有限公司", "New Energy Technology Co., Ltd."),
               ("文化传媒有限公司", "Culture Media Co., Ltd."), ("建设工程有限公司", "Construction Engineering Co., Ltd."),
               ("会计师事务所（特殊普通合伙）", "CPA LLP"),
               ("人力资源服务有限公司", "Human Resources Services Co., Ltd.")]  # fmt: skip

_DUTIES_ZH = ["负责日常需求的梳理与排期，按周向部门汇报进展", "牵头完成季度复盘，推动三项流程改进落地",
              "对接外部合作方，跟进合同执行与回款", "参与新系统上线，编写操作手册并组织培训",
              "维护核心业务报表，月度差错率降至千分之一以下", "协助主管管理五人小组，安排值班与交接"]  # fmt: skip
_DUTIES_EN = ["Led a cross-team effort that cut monthly close time from nine days to five.",
              "Designed and rolled out a weekly review that surfaced issues two weeks earlier.",
              "Negotiated renewal terms with eight partners, keeping all of them on board.",
              "Built the onboarding guide now used for every new hire in the department.",
              "Reduced backlog by 40% by reworking intake and triage.",
              "Mentored three junior colleagues, two of whom were promoted within a year."]  # fmt: skip
_PROJECTS = [("城市共享单车调度优化", "基于历史订单数据建模，提出调度方案，获校级创新项目立项"),
             ("校园二手交易小程序", "负责需求调研与原型设计，上线后注册用户两千余人"),
             ("乡村电商助农调研", "走访三个县的合作社，撰写调研报告并提交地方商务局"),
             ("企业经营模拟大赛", "担任队长，负责预算与定价决策，获省赛二等奖")]  # fmt: skip
_MUNICIPALITIES = {"11", "12", "31", "50"}
_PROVINCE_EN = {"陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "西藏": "Tibet"}
_ETHNIC = ["土家族", "苗族", "朝鲜族", "侗族", "布依族", "傣族", "景颇族", "傈僳族", "藏族", "羌族", "彝族", "白族",
           "哈尼族", "壮族", "回族", "蒙古族", "蒙古", "哈萨克", "柯尔克孜"]  # fmt: skip


# ---------------------------------------------------------------- places


def _short_province(name: str) -> str:
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _short_prefecture(name: str) -> str:
    cut = min([name.find(e) for e in _ETHNIC if e in name] or [len(name)])
    name = name[:cut]
    for suffix in ("自治州", "地区", "盟", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).capitalize()


@cache
def _places() -> tuple:
    """(province short, prefecture short, province full, prefecture full, districts) for every prefecture."""
    import cpca

    path = Path(cpca.__file__).parent / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [(row["adcode"], row["name"]) for row in csv.DictReader(handle)]
    provinces = {code[:2]: name for code, name in rows if code.endswith("0000000000")}
    prefectures = {code[:4]: name for code, name in rows if code.endswith("00000000") and not code.endswith("0000000000")}
    districts: dict[str, list[str]] = {}
    for code, name in rows:
        if code.endswith("000000") and not code.endswith("00000000") and name != "市辖区":
            districts.setdefault(code[:4], []).append(name)
    out = []
    for prefix, province in sorted(provinces.items()):
        if prefix in ("71", "81", "82"):
            continue
        short = _short_province(province)
        if prefix in _MUNICIPALITIES:
            towns = [d for key, names in districts.items() if key[:2] == prefix for d in names if d.endswith("区")]
            out.append((short, short, province, province, tuple(towns)))
            continue
        for key, name in sorted(prefectures.items()):
            if key[:2] != prefix or name in ("市辖区", "县") or "直辖" in name:
                continue
            out.append((short, _short_prefecture(name), province, name, tuple(districts.get(key, ()))))
    return tuple(out)


# ---------------------------------------------------------------- people


def _add(ym: tuple[int, int], months: int) -> tuple[int, int]:
    total = ym[0] * 12 + ym[1] - 1 + months
    return (total // 12, total % 12 + 1)


def _diff(a, b) -> int:
    return (b[0] - a[0]) * 12 + b[1] - a[1]


def _firm(rng: random.Random, city: str) -> tuple[str, str]:
    word_zh, word_en = rng.choice(_FIRM_WORDS)
    kind_zh, kind_en = rng.choice(_FIRM_KINDS)
    if rng.random() < 0.5:
        return (f"{city}{word_zh}{kind_zh}", f"{_pinyin(city)} {word_en} {kind_en}")
    return (f"{word_zh}{kind_zh}", f"{word_en} {kind_en}")


def _skills(rng: random.Random, category: str) -> list[str]:
    chosen = rng.sample(_SKILLS[category], rng.randint(2, min(4, len(_SKILLS[category]))))
    chosen += rng.sample(_GENERAL, rng.randint(0, 2))
    return list(dict.fromkeys(chosen))


def _salary(rng: random.Random, monthly: int) -> dict:
    """How the wish is written: kind and figures; its truth is the monthly lower bound in yuan."""
    k = monthly // 1000
    kind = rng.choice(["k_range", "k", "yuan", "wan_month", "yearly", "yuan_range", "negotiable"])
    if kind == "yearly":
        wan = rng.choice([12, 18, 24, 30, 36, 42])
        return {"kind": kind, "wan": wan, "truth": wan * 10000 // 12}
    if kind == "negotiable":
        return {"kind": kind, "truth": None}
    return {"kind": kind, "k": k, "hi": k + rng.choice([2, 3, 5]), "truth": k * 1000}


def person(rng: random.Random, english: bool, today) -> dict:
    province, city, province_full, city_full, districts = rng.choice(_places())
    home = rng.choice(_places())
    now = (today.year, today.month)
    category = rng.choice(sorted(_TITLES))
    titles = _TITLES[category]
    title = rng.choice(titles)
    surname, given = rng.choice(_SURNAMES), rng.choice(_GIVEN)
    name_zh = surname + given
    pinyin_given = _pinyin(given)
    pinyin_surname = _PINYIN_SURNAME.get(surname) or _pinyin(surname)
    name_en = f"{rng.choice(_NICK) if rng.random() < 0.4 else pinyin_given} {pinyin_surname}"
    level = rng.choices(["high_school", "associate", "bachelor", "master", "doctorate"], [4, 16, 50, 24, 6])[0]
    major = rng.choice(_MAJORS)
    school = rng.choice(_COLLEGES if level == "associate" else _UNIS)
    if level == "high_school":
        school = (f"{city}{_HIGH[0][0]}", f"{_pinyin(city)} {_HIGH[0][1]}")
    years_study = {"high_school": 3, "associate": 3, "bachelor": 4, "master": 3, "doctorate": 4}[level]
    # Working person: graduated some years ago, one to three full-time jobs since, back to back or with a gap.
    graduated = (rng.randint(2006, 2023), rng.choice([6, 7]))
    birth = graduated[0] - {"high_school": 18, "associate": 21, "bachelor": 22, "master": 25, "doctorate": 29}[level]
    birth -= rng.choice([0, 0, 1])
    edu = [((graduated[0] - years_study, 9), graduated, school, level, major)]
    if level in ("master", "doctorate"):
        first = (graduated[0] - years_study, 6)
        edu.append(((first[0] - 4, 9), first, rng.choice(_UNIS), "bachelor", major))
    jobs, start = [], _add(graduated, rng.randint(0, 3))
    count = rng.choice([1, 2, 2, 3])
    for index in range(count):
        left = _diff(start, now)
        last = index == count - 1 or left < 30
        end = None if last else _add(start, rng.randint(8, max(9, left // (count - index))))
        job_title = title if last else rng.choice(titles)
        senior = rng.choice(_SENIOR) if last and _diff(graduated, now) > 60 else ("", "")
        jobs.append({"start": start, "end": end, "firm": _firm(rng, city if last else home[1]),
                     "title": (senior[0] + job_title[0], senior[1] + job_title[1]),
                     "duties": rng.sample(range(6), 3)})  # fmt: skip
        if last:
            break
        start = _add(end, rng.choice([0, 1, 2]))
    jobs.reverse()  # newest first, as resumes list them
    months = sum(_diff(j["start"], j["end"] or now) for j in jobs)
    wish = rng.choice(_SENIOR[:2] if months > 48 else [("", "")])
    skills = _skills(rng, category)
    salary = _salary(rng, rng.choice([6000, 8000, 10000, 12000, 15000, 18000, 20000, 25000, 30000, 35000]))
    p = {
        "full_name": name_en if english else name_zh,
        "phone": rng.choice(_MOBILE_HEADS) + f"{rng.randint(0, 99_999_999):08d}",
        "contact_email": f"{pinyin_given.lower()}{rng.choice(['.', '_', ''])}{pinyin_surname.lower()}"
        f"{rng.choice(['', str(birth % 100), str(rng.randint(1, 999))])}@{rng.choice(_HOSTS)}",
        "birth_year": birth,
        "gender": rng.choice(["F", "M"]),
        "province": province,
        "city": city,
        "education_level": level,
        "field_of_study": None if level == "high_school" else (major[1] if english else major[0]),
        "years_experience": months // 12,
        "current_employer": jobs[0]["firm"][1 if english else 0],
        "current_title": jobs[0]["title"][1 if english else 0],
        "role_category": category,
        "desired_role": (wish[1] + title[1]) if english else (wish[0] + title[0]),
        "expected_salary": salary["truth"],
        "skills": sorted(skills),
        "_zh_name": name_zh,
        "_place": (province, city, province_full, city_full, districts),
        "_home": home,
        "_edu": edu,
        "_jobs": jobs,
        "_skills": skills,
        "_salary": salary,
        "_title": title,
        "_category": category,
        "_interns": [],
    }
    p["_graduate"] = _graduate(rng, p, today)
    return p


def _graduate(rng: random.Random, p: dict, today) -> dict:
    """The same person as a 应届生 (graduating next summer): what the campus layout shows."""
    level = rng.choices(["associate", "bachelor", "master"], [15, 60, 25])[0]
    years = {"associate": 3, "bachelor": 4, "master": 3}[level]
    major = p["_edu"][0][4]
    end = (today.year + 1, 6)
    edu = [((end[0] - years, 9), end, rng.choice(_COLLEGES if level == "associate" else _UNIS), level, major)]
    if level == "master":
        edu.append(((end[0] - 7, 9), (end[0] - 3, 6), rng.choice(_UNIS), "bachelor", major))
    titles = _TITLES[p["_category"]]
    interns, current = [], rng.random() < 0.5
    start = (today.year - 1, 7)
    for index in range(rng.choice([1, 2])):
        job = rng.choice(titles)
        firm = _firm(rng, p["city"] if index == 0 else p["_home"][1])
        interns.append({"start": start, "end": _add(start, rng.choice([2, 3])), "firm": firm, "title": (job[2], job[3]),
                        "duties": rng.sample(range(6), 2)})  # fmt: skip
        start = _add(start, -12)
    if current:
        interns[0]["start"], interns[0]["end"] = (today.year, rng.choice([7, 8, 9])), None
    birth = end[0] - {"associate": 21, "bachelor": 22, "master": 25}[level] - rng.choice([0, 0, 1])
    salary = _salary(rng, rng.choice([4000, 5000, 6000, 7000, 8000, 10000, 12000]))
    return {
        "birth_year": birth,
        "education_level": level,
        "field_of_study": major[0],
        "years_experience": 0,
        "current_employer": interns[0]["firm"][0] if current else None,
        "current_title": interns[0]["title"][0] if current else None,
        "desired_role": p["_title"][0],
        "expected_salary": salary["truth"],
        "_edu": edu,
        "_jobs": [],
        "_interns": interns,
        "_salary": salary,
        "_wish_city": rng.choice([p["city"], rng.choice(_places())[1]]),
    }


# ---------------------------------------------------------------- wordings


def _phone(p, rng) -> str:
    n = p["phone"]
    return rng.choice([n, f"{n[:3]}-{n[3:7]}-{n[7:]}", f"{n[:3]} {n[3:7]} {n[7:]}", f"(+86) {n[:3]} {n[3:7]} {n[7:]}",
                       f"+86-{n}"])  # fmt: skip


def _dot(ym) -> str:
    return "至今" if ym is None else f"{ym[0]}.{ym[1]:02d}"


def _zh_salary(s: dict, rng) -> str:
    kind = s["kind"]
    if kind == "negotiable":
        return "面议"
    if kind == "yearly":
        return f"年薪{s['wan']}万"
    k, hi = s["k"], s["hi"]
    return {"k_range": f"{k}K-{hi}K", "k": f"{k}K", "yuan": f"{k * 1000}元/月", "wan_month": f"{k / 10:g}万/月",
            "yuan_range": f"{k * 1000}-{hi * 1000}元/月"}[kind]  # fmt: skip


def _mail_salary(s: dict) -> str:
    kind = s["kind"]
    if kind == "negotiable":
        return "薪资这块可以面谈"
    if kind == "yearly":
        return f"期望年包{s['wan']}w左右"
    k, hi = s["k"], s["hi"]
    return {"k_range": f"期望 salary {k}-{hi}k", "k": f"期望薪资大概{k}k左右", "yuan": f"期望月薪{k * 1000}",
            "wan_month": f"期望月薪{k / 10:g}w", "yuan_range": f"期望{k * 1000}到{hi * 1000}一个月"}[kind]  # fmt: skip


def _en_salary(s: dict, rng) -> str | None:
    kind = s["kind"]
    if kind == "negotiable":
        return None
    if kind == "yearly":
        return f"RMB {s['wan'] * 10000:,} per year"
    k, hi = s["k"], s["hi"]
    if kind in ("k_range", "yuan_range"):
        return f"CNY {k}k–{hi}k per month"
    return f"RMB {k * 1000:,}/month"


def _place_zh(p, rng, district: bool) -> str:
    province, city, province_full, city_full, districts = p["_place"]
    tail = rng.choice(districts) if district and districts else ""
    if province == city:
        return f"{city_full}{tail}"
    return f"{province_full}{city_full}{tail}"


def _place_en(p) -> str:
    province, city = p["_place"][:2]
    if province == city:
        return f"{_pinyin(city)}, China"
    return f"{_pinyin(city)}, {_PROVINCE_EN.get(province) or _pinyin(province)}"


def _skills_zh(p, joiner: str) -> str:
    return joiner.join(_SKILL_ZH[s] for s in p["_skills"])


# ---------------------------------------------------------------- layouts: blocks
# A block is (kind, payload): "title", "name", "grid" (rows of label/value pairs, photo box), "h", "p",
# "row" (left text, right text), "sub" (italic line), "bullet".


def _zh_word_form(p: dict, rng: random.Random) -> list[tuple]:
    edu = p["_edu"]
    top = edu[0]
    gender = "男" if p["gender"] == "M" else "女"
    politics = rng.choice(["中共党员", "共青团员", "群众"])
    facts = [("姓    名", p["full_name"]), ("性    别", gender), ("出生年月", f"{p['birth_year']}.{rng.randint(1, 12):02d}"),
             ("政治面貌", politics), ("联系电话", _phone(p, rng)), ("电子邮箱", p["contact_email"]),
             ("最高学历", rng.choice([_LEVEL_ZH, _LEVEL_ZH_ALT])[p["education_level"]]),
             ("现居住地", _place_zh(p, rng, district=rng.random() < 0.5))]  # fmt: skip
    blocks = [("title", "个 人 简 历"), ("grid", [facts[i : i + 2] for i in range(0, 8, 2)])]
    blocks += [("h", "求职意向"), ("p", f"期望岗位：{p['desired_role']}　　期望薪资：{_zh_salary(p['_salary'], rng)}")]
    blocks.append(("h", "教育背景"))
    for start, end, school, level, major in edu:
        shown = major[0] if level != "high_school" else "高中"
        blocks.append(("row", f"{school[0]}　{shown}　{_LEVEL_ZH[level]}", f"{_dot(start)}-{_dot(end)}"))
    if p["_jobs"]:
        blocks.append(("h", "工作经历"))
        for job in p["_jobs"]:
            blocks.append(("row", f"{job['firm'][0]}　{job['title'][0]}", f"{_dot(job['start'])}-{_dot(job['end'])}"))
            blocks += [("bullet", _DUTIES_ZH[d]) for d in job["duties"][:2]]
    grad = edu[-1][1] if len(edu) > 1 else edu[0][1]
    intern_end = _add(grad, -rng.randint(3, 10))
    intern = f"{_firm(rng, p['_home'][1])[0]}　实习生"
    blocks += [("h", "实习经历"), ("row", intern, f"{_dot(_add(intern_end, -2))}-{_dot(intern_end)}"),
               ("bullet", "协助整理部门资料，参与日常事务")]  # fmt: skip
    project = rng.choice(_PROJECTS)
    blocks += [
        ("h", "项目经验"),
        ("row", project[0], f"{_dot(_add(top[1], -20))}-{_dot(_add(top[1], -14))}"),
        ("bullet", project[1]),
    ]
    blocks += [("h", "技能证书"), ("p", "；".join(_SKILL_ZH[s] for s in p["_skills"]))]
    blocks += [("h", "自我评价"), ("p", rng.choice(["性格开朗，做事踏实，能吃苦耐劳，有较强的责任心。",
                                                "学习能力强，适应新环境快，注重细节，乐于与人合作。"]))]  # fmt: skip
    return blocks


def _en_na_resume(p: dict, rng: random.Random) -> list[tuple]:
    years = p["years_experience"]
    contact = [_place_en(p), _phone(p, rng), p["contact_email"]]
    blocks = [("name", p["full_name"].upper() if rng.random() < 0.5 else p["full_name"]), ("p", "  •  ".join(contact))]
    kind = p["_title"][1].lower()
    summary = (f"{kind[0].upper()}{kind[1:]} with {years}+ years of experience turning messy operations into steady, "
               "measurable results. Known for clear writing and calm delivery under pressure.")  # fmt: skip
    wants = rng.random() < 0.7
    if wants:
        summary += f" Seeking a {p['desired_role']} position."
    else:
        p["desired_role"] = None
    pay = _en_salary(p["_salary"], rng) if rng.random() < 0.5 else None
    if pay:
        summary += f" Compensation expectation: {pay}."
    p["expected_salary"] = p["_salary"]["truth"] if pay else None
    blocks += [("h", "Summary"), ("p", summary), ("h", "Professional Experience")]
    style = rng.randrange(3)
    for job in p["_jobs"]:
        blocks.append(("row", job["title"][1], f"{_en_ym(job['start'], style)} – {_en_ym(job['end'], style)}"))
        blocks.append(("sub", f"{job['firm'][1]}, {_place_en(p) if job is p['_jobs'][0] else _pinyin(p['_home'][1])}"))
        blocks += [("bullet", _DUTIES_EN[d]) for d in job["duties"]]
    blocks.append(("h", "Education"))
    for _start, end, school, level, major in p["_edu"]:
        degree = rng.choice(_DEGREE_EN[level])
        what = degree if level == "high_school" else f"{degree} in {major[1]}"
        blocks.append(("row", f"{what}, {school[1]}", str(end[0])))
    skills = [s for s in p["_skills"] if s not in ("english", "japanese")]
    languages = [s for s in p["_skills"] if s in ("english", "japanese")]
    blocks += [("h", "Skills"), ("p", "Core: " + ", ".join(_SKILL_EN[s] for s in skills))]
    if languages:
        blocks.append(
            ("p", "Languages: " + ", ".join(f"{_SKILL_EN[s]} (professional)" for s in languages) + ", Mandarin (native)")
        )
    p["gender"] = p["birth_year"] = None  # not on a North-American resume
    return blocks


_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _en_ym(ym, style: int) -> str:
    if ym is None:
        return "Present"
    return [f"{_MON[ym[1] - 1]} {ym[0]}", f"{ym[1]:02d}/{ym[0]}", f"{_MON[ym[1] - 1]}. {ym[0]}"][style]


def _zh_campus(p: dict, rng: random.Random) -> list[tuple]:
    p.update(p.pop("_graduate"))  # the campus resume shows the person at graduation (see the module docstring)
    gender = "男" if p["gender"] == "M" else "女"
    age = 2026 - p["birth_year"]
    blocks = [("name", p["full_name"])]
    facts = [f"{p['_edu'][0][1][0]}届应届毕业生", gender]
    if rng.random() < 0.5:
        facts.append(f"{p['birth_year']}年生")
    else:
        facts.append(f"{age}岁")
    facts.append(f"现居{_place_zh(p, rng, district=True)}")
    blocks += [("p", " · ".join(facts)), ("p", f"电话 {_phone(p, rng)} ｜ 邮箱 {p['contact_email']}")]
    blocks += [("h", "求职意向"), ("p", f"{p['desired_role']}｜{p['_wish_city']}｜{_zh_salary(p['_salary'], rng)}")]
    blocks.append(("h", "教育背景"))
    for start, end, school, level, major in p["_edu"]:
        blocks.append(("row", f"{school[0]}｜{major[0]}（{_LEVEL_ZH[level]}）", f"{start[0]}年{start[1]}月—{end[0]}年{end[1]}月"))
        if level == p["education_level"]:
            blocks.append(
                ("bullet", f"GPA {rng.choice(['3.6', '3.7', '3.5', '3.8'])}/4.0，专业排名前{rng.choice([5, 10, 15, 20])}%")
            )
    blocks.append(("h", "实习经历"))
    for job in p["_interns"]:
        end = "至今" if job["end"] is None else f"{job['end'][0]}年{job['end'][1]}月"
        blocks.append(("row", f"{job['firm'][0]}　{job['title'][0]}", f"{job['start'][0]}年{job['start'][1]}月—{end}"))
        blocks += [("bullet", _DUTIES_ZH[d]) for d in job["duties"]]
    blocks += [("h", "校园经历"), ("p", rng.choice(["担任学院学生会宣传部部长，组织迎新晚会等活动十余场。",
                                                "参与校青年志愿者协会，累计志愿服务时长120小时。"]))]  # fmt: skip
    blocks += [("h", "技能与证书"), ("p", _skills_zh(p, "、"))]
    blocks += [("h", "荣誉奖项"), ("p", rng.choice(["校一等奖学金（两次）", "国家励志奖学金", "优秀学生干部"]))]
    return blocks


def _zh_mail_body(p: dict, rng: random.Random) -> list[tuple]:
    now_job = p["_jobs"][0]
    age = 2026 - p["birth_year"]
    home = p["_home"]
    top = p["_edu"][0]
    gender = {"M": "男", "F": "女"}[p["gender"]] if rng.random() < 0.6 else None
    if gender is None:
        p["gender"] = None
    lines = [rng.choice(["HR您好，", "您好！", "Hi，招聘负责人您好："]), "",
             f"看到贵司在招{p['desired_role']}，想投一下。"
             "简历附件一直传不上去，我就直接贴在邮件正文里了，格式有点乱，见谅哈。", ""]  # fmt: skip
    me = f"我叫{p['full_name']}，今年{age}岁"
    if gender:
        me += f"，{gender}"
    here = p["_place"][1]
    me += f"，老家是{home[1]}的，现在人在{_place_zh(p, rng, district=False)}。"
    lines.append(me)
    if p["education_level"] == "high_school":
        lines.append(f"学历不高，高中毕业（{top[2][0]}），后来一直在工作里学。")
    else:
        lines.append(f"{top[1][0]}年毕业于{top[2][0]}，{_LEVEL_ZH[p['education_level']]}，学的是{top[4][0]}专业。")
    start = now_job["start"]
    lines.append(f"目前在{now_job['firm'][0]}做{now_job['title'][0]}，{start[0] % 100:02d}年{start[1]}月入职的。")
    for job in p["_jobs"][1:]:
        span = _diff(job["start"], job["end"])
        lines.append(f"之前在{job['firm'][0]}做过{job['title'][0]}，大概{span // 12}年{span % 12}个月。")
    lines.append(f"前后一共工作了{p['years_experience']}年，想换个平台，最好还是在{here}。")
    lines.append(_mail_salary(p["_salary"]) + "，具体可以聊。")
    lines += ["", "---- 简单的 profile ----", f"Name: {p['full_name']}", f"Mobile: {_phone(p, rng)}"]
    if rng.random() < 0.7:
        lines.append(f"E-mail: {p['contact_email']}")
    else:
        lines.append("E-mail: 就是这封邮件的发件地址")
        p["contact_email"] = None
    lines.append("Skills: " + " / ".join(_SKILL_ZH[s] if rng.random() < 0.5 else _SKILL_EN[s] for s in p["_skills"]))
    lines += ["", "谢谢您抽空看，期待回复！", p["full_name"], rng.choice(["发自我的手机", "Best regards", ""])]
    return [("p", line) for line in lines]


_LAYOUT = {"zh_word_form": _zh_word_form, "en_na_resume": _en_na_resume, "zh_campus": _zh_campus,
           "zh_mail_body": _zh_mail_body, "scan_zh_word_form": _zh_word_form}  # fmt: skip


# ---------------------------------------------------------------- rendering


def _text(blocks: list[tuple]) -> bytes:
    out = []
    for kind, *payload in blocks:
        if kind == "grid":
            for row in payload[0]:
                out.append("    ".join(f"{label}：{value}" for label, value in row))
        elif kind == "row":
            out.append(f"{payload[0]}    {payload[1]}")
        elif kind == "bullet":
            out.append(f"- {payload[0]}")
        elif kind == "h":
            out += ["", f"【{payload[0]}】"]
        else:
            out.append(payload[0])
    return "\n".join(out).encode("utf-8")


def _docx(blocks: list[tuple]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    document = Document()
    for kind, *payload in blocks:
        if kind == "title":
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(payload[0])
            run.bold, run.font.size = True, Pt(20)
        elif kind == "name":
            run = document.add_paragraph().add_run(payload[0])
            run.bold, run.font.size = True, Pt(24)
        elif kind == "grid":
            rows = payload[0]
            table = document.add_table(rows=len(rows), cols=5)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, (label, value) in enumerate(row):
                    table.cell(r, c * 2).text = label
                    table.cell(r, c * 2 + 1).text = value
            photo = table.cell(0, 4).merge(table.cell(len(rows) - 1, 4))
            photo.text = "照片"
            photo.width = Cm(3)
        elif kind == "h":
            document.add_heading(payload[0], level=2)
        elif kind == "row":
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
            paragraph.add_run(payload[0]).bold = True
            paragraph.add_run("\t" + payload[1])
        elif kind == "sub":
            document.add_paragraph().add_run(payload[0]).italic = True
        elif kind == "bullet":
            document.add_paragraph(payload[0], style="List Bullet")
        else:
            document.add_paragraph(payload[0])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(blocks: list[tuple]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    state = {"y": 790.0}

    def font(text: str, bold: bool = False, italic: bool = False) -> str:
        if any(ord(ch) > 127 and ch not in "–•’" for ch in text):
            return "STSong-Light"
        return "Times-Italic" if italic else ("Times-Bold" if bold else "Times-Roman")

    def room(height: float) -> None:
        if state["y"] - height < 50:
            page.showPage()
            state["y"] = 790.0

    def line(text: str, x: float = 56, size: float = 10.5, bold=False, italic=False, width: float = 483) -> None:
        name = font(text, bold, italic)
        words = text.split(" ") if name != "STSong-Light" else list(text)
        joiner = " " if name != "STSong-Light" else ""
        current = ""
        for word in words:
            trial = f"{current}{joiner}{word}" if current else word
            if pdfmetrics.stringWidth(trial, name, size) > width and current:
                room(size + 5)
                page.setFont(name, size)
                page.drawString(x, state["y"], current)
                state["y"] -= size + 5
                current = word
            else:
                current = trial
        room(size + 5)
        page.setFont(name, size)
        page.drawString(x, state["y"], current)
        state["y"] -= size + 5

    for kind, *payload in blocks:
        if kind == "title":
            page.setFont(font(payload[0]), 20)
            page.drawCentredString(297, state["y"], payload[0])
            state["y"] -= 34
        elif kind == "name":
            line(payload[0], size=22, bold=True)
            state["y"] -= 4
        elif kind == "grid":
            rows = payload[0]
            top, height, x0 = state["y"] + 14, 26, 56
            widths = [70, 115, 70, 140, 88]
            page.setLineWidth(0.6)
            page.rect(x0, top - height * len(rows), sum(widths), height * len(rows))
            for r, row in enumerate(rows):
                y = top - height * (r + 1)
                page.line(x0, y, x0 + sum(widths[:4]), y)
                x = x0
                for c, (label, value) in enumerate(row):
                    for text, w in ((label, widths[c * 2]), (value, widths[c * 2 + 1])):
                        page.setFont(font(text), 10)
                        page.drawString(x + 5, y + 9, text)
                        x += w
                        page.line(x, top, x, top - height * len(rows))
            page.setFont("STSong-Light", 11)
            page.drawCentredString(x0 + sum(widths[:4]) + widths[4] / 2, top - height * len(rows) / 2, "照片")
            state["y"] = top - height * len(rows) - 20
        elif kind == "h":
            state["y"] -= 6
            line(payload[0], size=13, bold=True)
            page.setLineWidth(0.4)
            page.line(56, state["y"] + 12, 539, state["y"] + 12)
            state["y"] -= 2
        elif kind == "row":
            left, right = payload
            room(16)
            at = state["y"]
            line(left, bold=True, width=360)
            page.setFont(font(right), 10.5)
            page.drawRightString(539, at, right)
        elif kind == "sub":
            line(payload[0], italic=True)
        elif kind == "bullet":
            line("• " + payload[0], x=66, width=470)
        else:
            line(payload[0]) if payload[0] else state.__setitem__("y", state["y"] - 10)
    page.save()
    return buffer.getvalue()


def _spec(blocks: list[tuple]):
    """The blocks as the corpus's own Spec (a label/value table and lines), for its scan and photo renderers."""
    from tests.consent.corpus import Spec

    table, lines = [], []
    for kind, *payload in blocks:
        if kind == "grid":
            table += [pair for row in payload[0] for pair in row]
        elif kind in ("title", "h"):
            lines.append(f"## {payload[0]}")
        elif kind == "row":
            lines.append(f"{payload[0]}  {payload[1]}")
        else:
            lines.append(payload[0])
    return Spec(lines, table)


def formats(layout: str) -> tuple[str, ...]:
    return _FORMATS[layout]


def document(p: dict, layout: str, fmt: str, rng: random.Random) -> bytes:
    drawn = _LAYOUT[layout](p, rng)
    if layout.startswith("scan_"):
        from tests.consent.corpus import _as_image, _as_scanned_pdf

        spec = _spec(drawn)
        return _as_scanned_pdf(spec, rng) if fmt == "pdf" else _as_image(spec, rng, fmt)
    return {"pdf": _pdf, "docx": _docx, "txt": _text}[fmt](drawn)
