"""Two more held-out layouts, from a different template than corpus.py's, written before the
salary and scan fixes and never inspected per resume while tuning.

Everything a resume shows here is drawn from pools of its own (other names, cities, employers,
schools, titles, majors, skills, salary wordings) so that a rule tuned to corpus.py's strings
does not carry over by accident. `zh_jobsite` reads like a Chinese job-site export (labels
run together on a line, 年龄 instead of a birth year, 期望城市 next to the salary, duty
bullets under each job); `en_ats` like an English ATS/LinkedIn export (headline under the
name, a street address, a summary paragraph, bulleted experience, gender and birth year
often left out). Facts are sometimes not stated at all (gender, birth year, salary
"面议"/"Negotiable"): the truth is then empty and the parser must not invent them.
"""

from __future__ import annotations

import random

NEW_HELD_OUT = ("zh_jobsite", "en_ats")
NEW_SEED = 91_604_337

_SURNAMES = "许吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵钱严覃"
_GIVEN = ["文博", "嘉怡", "梓萱", "宇航", "一鸣", "晓东", "佳琪", "志强", "雪梅", "海燕", "建华", "慧敏", "天宇", "诗雨",
          "国栋", "玉兰", "鹏", "琳", "昊", "婷"]  # fmt: skip
_FIRST = ["Michael", "Iris", "Frank", "Cindy", "Bruce", "Angela", "Henry", "Vivian", "Peter", "Joyce", "Sam", "Queenie",
          "Alan", "Bella", "Derek", "Fiona"]  # fmt: skip
_LAST = ["Xie", "Deng", "Feng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Yuan", "Pan", "Jiang", "Cai", "Du", "Ye",
         "Cheng"]  # fmt: skip
_PLACES = [  # (province, city, province pinyin, city pinyin, district)
    ("广东", "广州", "Guangdong", "Guangzhou", "天河区"), ("浙江", "宁波", "Zhejiang", "Ningbo", "鄞州区"),
    ("江苏", "苏州", "Jiangsu", "Suzhou", "工业园区"), ("福建", "厦门", "Fujian", "Xiamen", "思明区"),
    ("湖南", "长沙", "Hunan", "Changsha", "岳麓区"), ("安徽", "合肥", "Anhui", "Hefei", "蜀山区"),
    ("天津", "天津", "Tianjin", "Tianjin", "滨海新区"), ("河南", "郑州", "Henan", "Zhengzhou", "金水区"),
    ("山东", "济南", "Shandong", "Jinan", "历下区"), ("辽宁", "沈阳", "Liaoning", "Shenyang", "和平区"),
    ("广东", "东莞", "Guangdong", "Dongguan", "南城街道"), ("江苏", "无锡", "Jiangsu", "Wuxi", "滨湖区"),
    ("河北", "石家庄", "Hebei", "Shijiazhuang", "长安区"), ("黑龙江", "哈尔滨", "Heilongjiang", "Harbin", "南岗区"),
    ("广西", "南宁", "Guangxi", "Nanning", "青秀区"), ("山西", "太原", "Shanxi", "Taiyuan", "小店区"),
]  # fmt: skip
_EDU = [  # (level, Chinese, English forms)
    ("bachelor", "本科", ["Bachelor of Engineering", "B.Eng.", "Bachelor's degree", "B.A."]),
    ("master", "硕士研究生", ["Master of Engineering", "M.Eng.", "Master's degree", "MBA"]),
    ("associate", "专科", ["Associate degree", "Higher Diploma", "Associate degree", "College diploma"]),
    ("doctorate", "博士研究生", ["PhD", "Doctor of Philosophy", "Ph.D.", "PhD"]),
]
_MAJORS = [
    ("电子信息工程", "Electronic Engineering"), ("数学与应用数学", "Applied Mathematics"),
    ("国际经济与贸易", "International Trade"), ("财务管理", "Financial Management"),
    ("工商管理", "Business Administration"), ("通信工程", "Telecommunications"), ("心理学", "Psychology"),
    ("电子商务", "E-commerce"), ("自动化", "Automation"), ("经济学", "Economics"),
]  # fmt: skip
_JOBS = [  # (Chinese title, English title, role category)
    ("前端工程师", "Frontend Engineer", "engineering"), ("运维工程师", "DevOps Engineer", "engineering"),
    ("算法工程师", "Software Architect", "engineering"), ("数据科学家", "Data Scientist", "data"),
    ("商业分析师", "Business Analyst", "data"), ("交互设计师", "UX Designer", "product"),
    ("大客户经理", "Key Account Manager", "sales"), ("品牌经理", "Brand Manager", "sales"),
    ("财务经理", "Finance Manager", "finance"), ("审计师", "Auditor", "finance"),
    ("人力资源经理", "HR Manager", "hr"), ("培训经理", "Training Manager", "hr"),
    ("供应链经理", "Supply Chain Manager", "operations"), ("行政经理", "Office Administrator", "operations"),
]  # fmt: skip
_EMPLOYERS = [
    ("广州珠江数码科技有限公司", "Pearl River Digital Technology Co., Ltd."),
    ("宁波东海港口物流有限公司", "Donghai Port Logistics Co., Ltd."),
    ("苏州恒信精密制造股份有限公司", "Hengxin Precision Manufacturing Co., Ltd."),
    ("厦门鹭岛电子商务有限公司", "Ludao E-commerce Ltd."),
    ("华夏人寿保险股份有限公司", "Huaxia Life Insurance Co., Ltd."),
    ("长沙湘江医药集团", "Xiangjiang Pharmaceutical Group"),
    ("合肥讯云信息技术有限公司", "Xunyun Information Technology Inc."),
    ("天津滨海重工集团有限公司", "Binhai Heavy Industries Group"),
    ("郑州中原会计师事务所", "Brightway Consulting LLC"),
    ("济南泉城百货有限公司", "Northstar Retail Holdings Inc."),
]  # fmt: skip
_SCHOOLS = [("华南理工大学", "South China University of Technology"), ("厦门大学", "Xiamen University"),
            ("中南大学", "Central South University"), ("合肥工业大学", "Hefei University of Technology"),
            ("郑州大学", "Zhengzhou University"), ("天津职业大学", "Tianjin Vocational College")]  # fmt: skip
_SKILLS = [  # (Chinese shown, English shown, canonical id)
    ("React", "React", "react"), ("Vue", "Vue.js", "vue"), ("TypeScript", "TypeScript", "typescript"),
    ("MySQL", "MySQL", "mysql"), ("Redis", "Redis", "redis"), ("Linux", "Linux", "linux"),
    ("Power BI", "Power BI", "power_bi"), ("Figma", "Figma", "figma"), ("Photoshop", "Photoshop", "photoshop"),
    ("财务分析", "Financial analysis", "financial_analysis"), ("招聘", "Recruiting", "recruiting"),
    ("供应链管理", "Supply chain management", "supply_chain"), ("采购", "Procurement", "procurement"),
    ("团队管理", "Team leadership", "team_leadership"), ("办公软件", "Microsoft Office", "office"),
    ("日语", "Japanese", "japanese"), ("机器学习", "Machine learning", "machine_learning"), ("审计", "Auditing", "auditing"),
]  # fmt: skip
_MOBILE_PREFIXES = ["138", "139", "135", "136", "150", "151", "152", "158", "159", "186", "187", "188", "189", "177", "199",
                    "191", "166", "133", "181"]  # fmt: skip
_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]  # fmt: skip
_DUTIES_ZH = ["1. 负责核心业务的规划与落地，推动流程优化；", "2. 协调跨部门资源，按期交付项目；", "• 带领5人小组完成年度目标。"]
_DUTIES_EN = ["• Led a cross-functional team of 6 and shipped the yearly roadmap on time.",
              "• Cut reporting time by 30% by automating the monthly close.", "- Mentored two junior colleagues."]  # fmt: skip


def person(rng: random.Random, english: bool, today) -> dict:
    province, city, province_en, city_en, district = rng.choice(_PLACES)
    level, level_zh, level_en_forms = rng.choice(_EDU)
    major_zh, major_en = rng.choice(_MAJORS)
    job_zh, job_en, role = rng.choice(_JOBS)
    count = rng.choice([1, 2, 2, 3])
    employers = rng.sample(_EMPLOYERS, count)
    jobs, end = [], None
    start = (rng.randint(2015, 2024), rng.randint(1, 12))
    months = (today.year - start[0]) * 12 + today.month - start[1]
    jobs.append((start, None, employers[0], (job_zh, job_en)))
    for employer in employers[1:]:
        end = (start[0], start[1] - 1) if start[1] > 1 else (start[0] - 1, 12)
        start = (end[0] - rng.randint(1, 4), rng.randint(1, 12))
        if start >= end:
            start = (end[0] - 1, end[1])
        months += (end[0] - start[0]) * 12 + end[1] - start[1]
        jobs.append((start, end, employer, rng.choice(_JOBS)[:2]))
    skills = rng.sample(_SKILLS, rng.randint(3, 6))
    if english:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        domain = rng.choice(["outlook.example", "corp.example.net"])
        email = f"{name.split()[0][0].lower()}{name.split()[1].lower()}{rng.randint(1, 99)}@{domain}"
    else:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        domain = rng.choice(["163.example.com", "foxmail.example"])
        email = f"{rng.choice(['hr', 'job', 'cv', 'me'])}{rng.randint(1000, 99999)}@{domain}"
    stated = {
        "gender": rng.random() < (0.5 if english else 0.85),
        "birth": rng.random() < (0.45 if english else 0.9),
        "salary": rng.random() < 0.85,
    }
    monthly = rng.choice([6000, 9000, 11000, 14000, 16000, 22000, 28000, 35000, 40000])
    seniority = rng.choice([("高级", "Senior "), ("", ""), ("", ""), ("首席", "Principal ")])
    gender = rng.choice(["F", "M"])
    birth_year = rng.randint(1970, 2001)
    return {
        "full_name": name,
        "phone": f"{rng.choice(_MOBILE_PREFIXES)}{rng.randint(10_000_000, 99_999_999)}",
        "contact_email": email,
        "birth_year": birth_year if stated["birth"] else None,
        "gender": gender if stated["gender"] else "U",
        "province": province,
        "city": city,
        "education_level": level,
        "field_of_study": major_en if english else major_zh,
        "years_experience": months // 12,
        "current_employer": employers[0][1] if english else employers[0][0],
        "current_title": job_en if english else job_zh,
        "role_category": role,
        "desired_role": (seniority[1] + job_en) if english else (seniority[0] + job_zh),
        "expected_salary": monthly if stated["salary"] else None,
        "skills": sorted({canonical for _zh, _en, canonical in skills}),
        "_gender": gender,
        "_birth": birth_year,
        "_stated": stated,
        "_monthly": monthly,
        "_skills_shown": [en if english else zh for zh, en, _c in skills],
        "_place": (province, city, province_en, city_en, district),
        "_level": (level_zh, rng.choice(level_en_forms)),
        "_major": (major_zh, major_en),
        "_school": rng.choice(_SCHOOLS),
        "_jobs": jobs,
    }


def _salary_zh(a: int, rng: random.Random) -> str:
    k, w = a // 1000, a / 10000
    return rng.choice([
        f"{k}-{k + rng.choice([3, 5, 8])}K", f"{k}K-{k + 5}K", f"{k}-{k + 5}K·13薪", f"{w:g}-{w + 0.5:g}万/月",
        f"{a}-{a + 5000}元/月", f"￥{a:,}/月", f"{a:,}元", f"年薪{a * 12 / 10000:g}万",
        f"{a * 12 / 10000:g}-{(a + 5000) * 12 / 10000:g}万/年", f"￥{a * 12:,}/年", f"{k}k以上",
    ])  # fmt: skip


def _salary_en(a: int, rng: random.Random) -> str:
    k = a // 1000
    return rng.choice([
        f"RMB {a:,}–{a + 5000:,} per month", f"{k}K–{k + 5}K RMB/month", f"¥{a:,}/mo", f"CNY {a * 12:,} per annum",
        f"{a * 12 // 1000}K CNY/year", f"{a:,} RMB per month", f"RMB {k}k/month (negotiable)",
    ])  # fmt: skip


def _ym_zh(ym, style: int) -> str:
    if ym is None:
        return ["至今", "今", "现在"][style % 3]
    return [f"{ym[0]}年{ym[1]}月", f"{ym[0]}.{ym[1]:02d}", f"{ym[0]}/{ym[1]}"][style % 3]


def _ym_en(ym, style: int) -> str:
    if ym is None:
        return ["Present", "Present", "Current"][style % 3]
    return [f"{_MON[ym[1] - 1]} {ym[0]}", f"{ym[1]:02d}/{ym[0]}", f"{_MONTH_NAMES[ym[1] - 1]} {ym[0]}"][style % 3]


def render(p: dict, layout: str, rng: random.Random, today) -> list[str]:
    """The resume's lines ("## " marks a heading)."""
    province, city, province_en, city_en, district = p["_place"]
    level_zh, level_en = p["_level"]
    major_zh, major_en = p["_major"]
    school_zh, school_en = p["_school"]
    stated, phone = p["_stated"], p["phone"]
    style = rng.randrange(3)
    years = p["years_experience"]
    first_start = p["_jobs"][-1][0]
    if layout == "zh_jobsite":
        gender = "女" if p["_gender"] == "F" else "男"
        facts = []
        if stated["gender"]:
            facts.append(gender)
        if stated["birth"]:
            facts.append(rng.choice([f"{today.year - p['_birth']}岁", f"{p['_birth']}年{rng.randint(1, 12)}月生"]))
        facts += [level_zh, f"{years}年工作经验" if years else "应届生"]
        place = rng.choice(
            [f"{province}省{city}市{district}" if province != city else f"{city}市{district}", f"{province}{city}"]
        )
        if province == city:
            place = f"{city}{district}"
        salary = _salary_zh(p["_monthly"], rng) if stated["salary"] else rng.choice(["面议", "薪资面议"])
        lines = [
            f"## {p['full_name']}",
            rng.choice([" / ".join(facts), "　".join(facts)]),
            rng.choice([f"手机：{phone[:3]}-{phone[3:7]}-{phone[7:]}", f"电话：+86 {phone}", f"联系方式：{phone}（微信同号）"]),
            f"Email：{p['contact_email']}",
            rng.choice([f"现居住地：{place}", f"所在地区：{place}", f"居住地址：{place}某某路88号"]),
            "## 求职意向",
            f"期望职位：{p['desired_role']}　期望城市：{rng.choice([city, '不限'])}　期望薪资：{salary}",
            "## 工作经历",
        ]
        for index, (start, end, employer, job) in enumerate(p["_jobs"]):
            if style == 0:
                lines += [f"{_ym_zh(start, style)} - {_ym_zh(end, style)}　{employer[0]}", f"职位：{job[0]}"]
            else:
                lines.append(f"{_ym_zh(start, style)}-{_ym_zh(end, style)} ｜ {employer[0]} ｜ {job[0]}")
            lines += _DUTIES_ZH[: 2 if index == 0 else 1]
        lines += [
            "## 教育经历",
            f"{first_start[0] - 4}.09-{first_start[0]}.06　{school_zh}　{major_zh}　{level_zh}",
            "## 技能证书",
            rng.choice(["技能标签：" + " / ".join(p["_skills_shown"]), "熟练掌握" + "、".join(p["_skills_shown"]) + "等。"]),
            "## 自我评价",
            "性格开朗，抗压能力强，具备良好的团队协作精神。",
        ]
        return lines
    if layout == "en_ats":
        job_now = p["_jobs"][0][3][1]
        address = rng.choice([
            f"{city_en}, {province_en}, China", f"Room 1203, No. 88 Zhongshan Road, {city_en} {rng.randint(100000, 599999)}",
            f"{city_en}, China",
        ])  # fmt: skip
        if address == f"{city_en}, China" and city_en in ("Suzhou", "Taizhou"):
            address = f"{city_en}, {province_en}, China"
        lines = [
            f"## {p['full_name']}",
            f"{job_now} · {' | '.join(p['_skills_shown'][:2])}",
            f"{address} · {rng.choice([phone, f'+86 {phone[:3]} {phone[3:7]} {phone[7:]}'])} · {p['contact_email']}",
        ]
        sex = "Female" if p["_gender"] == "F" else "Male"
        if stated["gender"] and stated["birth"]:
            lines.append(
                rng.choice(
                    [
                        f"Personal: {sex}, born {p['_birth']}",
                        f"{sex} | Date of birth: {rng.randint(10, 28)}/{rng.randint(1, 12):02d}/{p['_birth']}",
                    ]
                )
            )
        elif stated["gender"]:
            lines.append(f"Gender: {sex}")
        elif stated["birth"]:
            lines.append(f"Year of birth: {p['_birth']}")
        lines += ["## SUMMARY", f"{level_en.split(' of ')[0]} graduate in {major_en} with {years} years of experience."]
        if stated["salary"]:
            salary = _salary_en(p["_monthly"], rng)
            lines += [
                rng.choice(
                    [
                        f"Seeking a {p['desired_role']} position. Expected salary: {salary}.",
                        f"Seeking a {p['desired_role']} position at around {salary}.",
                        f"Desired position: {p['desired_role']}",
                    ]
                )  # fmt: skip
            ]
            if lines[-1].startswith("Desired"):
                lines.append(f"Salary expectation: {salary}")
        else:
            lines += [f"Desired position: {p['desired_role']}", rng.choice(["Salary: Negotiable", "Expected salary: negotiable"])]
        lines.append("## EXPERIENCE")
        for index, (start, end, employer, job) in enumerate(p["_jobs"]):
            if style == 2:
                lines.append(f"{employer[1]} — {job[1]} ({_ym_en(start, style)} – {_ym_en(end, style)})")
            else:
                lines += [
                    job[1],
                    f"{employer[1]} | {rng.choice([city_en, 'Remote'])}",
                    f"{_ym_en(start, style)} – {_ym_en(end, style)}",
                ]
            lines += _DUTIES_EN[: 2 if index == 0 else 1]
        lines += [
            "## EDUCATION",
            rng.choice([f"{level_en} in {major_en}, {school_en}, {first_start[0] - 4} – {first_start[0]}",
                        f"{school_en}\n{level_en}, {major_en} · {first_start[0] - 4}–{first_start[0]}"]),
            "## SKILLS",
            rng.choice([", ".join(p["_skills_shown"]), " · ".join(p["_skills_shown"])]),
            "## INTERESTS",
            "Hiking, photography, volunteering at a local library",
        ]  # fmt: skip
        return [line for chunk in lines for line in chunk.split("\n")]
    raise ValueError(layout)
