"""A fourth family, written before the round of tuning that follows the fresh family and measured
then only as a summary figure. In the round after, its misses were opened and the parser tuned on
them: it is a tuned family now, no longer an estimate for unseen resumes (corpus_sealed.py is).

Its own template, renderers, seed and pools, chosen so that rules written for the other families
do not carry over by accident:

- places are drawn from the whole administrative-division list (every prefecture-level city of
  cpca's table and the four municipalities), each with one of its districts, written as a full
  Chinese address, a bare city, or in pinyin ("Bengbu, Anhui Province");
- names from other pools: compound and rarer surnames, one- and two-character given names,
  English names in either order ("LIU Yang", "Yang Liu", "Coco Wang");
- other labels ("出生日期", "现居城市", "通讯地址", "期望待遇", "Date of Birth", "Residence"),
  other headings ("工作经验", "技能与证书", "Career Summary", "Technical Toolkit"), a hometown
  (籍贯, 户口所在地) that is not where the person lives, other salary notations ("1.2-1.5万/月",
  "20K×14", "税前月薪12000", "RMB 25k per month", "¥300,000 per annum") and date notations;
- `zh_card`: Chinese, headline first (name, then "title | N年经验 | city"), labelled basic
  facts, work entries as 公司名称 / 担任职位 / 任职时间 blocks;
- `zh_prose`: Chinese, the personal facts and wishes told in a paragraph, work entries on one
  line each;
- `en_modern`: English, the target title above the name, a contact line with a pinyin address,
  "Title | Employer | dates" entries, an unusual skills heading;
- `scan_en_modern` (an image-only PDF of the en_modern PDF) and `photo_zh_card` (a JPEG photo of
  the zh_card PDF): scans read with Tesseract.

Facts left unstated (birth year, gender, a salary "面议") have an empty truth.
"""

from __future__ import annotations

import csv
import io
import random
from functools import cache
from pathlib import Path

UNSEEN_HELD_OUT = ("zh_card", "zh_prose", "en_modern", "scan_en_modern", "photo_zh_card")
UNSEEN_SEED = 3_861_905

_SURNAMES = (
    ["欧阳", "司徒", "上官", "诸葛", "慕容", "端木"]
    + list("蔺禹麦邰宦卓亓芮栗滑闻濮扈宓糜苑臧谈楚璩")
    + list("王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏")
    + list("薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
)  # fmt: skip
_GIVEN = ["楠", "凯", "颖", "昕", "睿", "彤", "博", "倩", "旭东", "思琪", "嘉豪", "雨萱", "泽宇", "紫涵", "皓轩", "诗涵",
          "晓燕", "建国", "海波", "美玲", "志伟", "文静", "俊", "悦"]  # fmt: skip
_PINYIN_GIVEN = ["Xiaoming", "Yuting", "Haoran", "Jiayi", "Zihan", "Wenjie", "Lei", "Na", "Yang", "Shuang", "Mengyao",
                 "Zhiwei"]  # fmt: skip
_PINYIN_SURNAMES = ["Liu", "Wang", "Zhao", "Xu", "He", "Luo", "Song", "Han", "Ouyang", "Situ", "Lai", "Fu", "Xue", "Wei"]
_ENGLISH_FIRST = ["Ethan", "Mia", "Nathan", "Zoe", "Wendy", "Jack", "Coco", "Sunny", "Eason", "Tina", "Harry", "Yvonne"]
_HOMETOWNS = ["河南周口", "四川达州", "湖南邵阳", "广西玉林", "江西赣州", "山东菏泽", "安徽阜阳", "贵州毕节", "甘肃天水"]
_EDU = [  # (level, Chinese forms, English forms)
    ("bachelor", ["全日制本科", "本科", "统招本科", "学士"], ["Bachelor's degree", "B.Eng.", "BSc", "Bachelor of Arts"]),
    ("master", ["硕士研究生", "硕士", "研究生"], ["Master's degree", "MSc", "M.Eng.", "Master of Arts"]),
    ("associate", ["大专", "专科", "高职"], ["Associate degree", "Higher Diploma"]),
    ("doctorate", ["博士", "博士研究生"], ["PhD", "Ph.D."]),
]
_MAJORS = [("土木工程", "Civil Engineering"), ("法学", "Law"), ("英语", "English"), ("汉语言文学", "Chinese Literature"),
           ("信息管理与信息系统", "Information Systems"), ("人工智能", "Artificial Intelligence"),
           ("数据科学与大数据技术", "Data Science"), ("护理学", "Nursing"), ("化学工程", "Chemical Engineering"),
           ("新闻学", "Journalism"), ("行政管理", "Public Administration"), ("应用统计学", "Applied Statistics")]  # fmt: skip
_JOBS = [  # (Chinese title, English title, role category)
    ("嵌入式工程师", "Embedded Engineer", "engineering"), ("Java开发工程师", "Java Developer", "engineering"),
    ("全栈工程师", "Full Stack Developer", "engineering"), ("硬件工程师", "Hardware Engineer", "engineering"),
    ("数据挖掘工程师", "Machine Learning Engineer", "data"), ("大数据开发工程师", "Big Data Engineer", "data"),
    ("统计分析师", "Statistician", "data"), ("视觉设计师", "Visual Designer", "product"),
    ("产品总监", "Head of Product", "product"), ("销售代表", "Sales Representative", "sales"),
    ("渠道经理", "Channel Manager", "sales"), ("总账会计", "Cost Accountant", "finance"),
    ("风控专员", "Risk Analyst", "finance"), ("薪酬福利专员", "Compensation and Benefits Specialist", "hr"),
    ("招聘经理", "Talent Acquisition Specialist", "hr"), ("仓库主管", "Warehouse Supervisor", "operations"),
    ("项目经理", "Project Manager", "operations"), ("内容运营", "Content Operations", "operations"),
]  # fmt: skip
_EMPLOYERS = [
    ("重庆山城汽车零部件有限公司", "Shancheng Auto Parts Co., Ltd."),
    ("昆明滇池旅游开发集团有限公司", "Dianchi Tourism Development Group"),
    ("西安秦川软件技术有限责任公司", "Qinchuan Software Technology Co., Ltd."),
    ("贵阳黔云大数据股份有限公司", "Qianyun Big Data Inc."), ("南昌赣江医药连锁有限公司", "Ganjiang Pharmacy Chain Ltd."),
    ("温州瓯江鞋业集团", "Oujiang Footwear Group"), ("呼和浩特草原乳业股份有限公司", "Caoyuan Dairy Co., Ltd."),
    ("珠海横琴跨境电商有限公司", "Hengqin Cross-border Commerce LLC"), ("洛阳中州轴承制造有限公司", "Zhongzhou Bearings Corp."),
    ("烟台海滨葡萄酒有限公司", "Haibin Winery Limited"), ("芜湖长江光电科技有限公司", "Changjiang Optoelectronics Inc."),
    ("绵阳九洲通信设备有限公司", "Jiuzhou Communication Equipment Co., Ltd."),
]  # fmt: skip
_SKILLS = [  # (Chinese shown, English shown, canonical id)
    ("C++", "C++", "c++"), ("Spark", "Apache Spark", "spark"), ("Hadoop", "Hadoop", "hadoop"), ("PLC编程", "PLC", "plc"),
    ("AutoCAD", "AutoCAD", "cad"), ("JavaScript", "JavaScript", "javascript"), ("PostgreSQL", "PostgreSQL", "postgresql"),
    ("深度学习", "Deep learning", "deep_learning"), ("税务筹划", "Tax", "tax"), ("薪酬核算", "Payroll", "payroll"),
    ("质量管理", "Quality control", "quality_control"), ("新媒体运营", "Digital marketing", "digital_marketing"),
    ("客户服务", "Customer service", "customer_service"), ("统计分析", "Statistics", "statistics"),
    ("驾驶证C1", "Driving licence", "driving"), ("Django", "Django", "django"),
]  # fmt: skip
_MOBILE_PREFIXES = ["134", "137", "147", "155", "156", "173", "176", "178", "180", "183", "185", "195", "198", "166", "130"]
_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]  # fmt: skip
_PINYIN_PROVINCE = {"陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "西藏": "Tibet"}
_MUNICIPALITIES = {"11": "北京", "12": "天津", "31": "上海", "50": "重庆"}


@cache
def _places() -> list[tuple[str, str, str, str, str]]:
    """(province, city, province in pinyin, city in pinyin, a district) for every prefecture-level city."""
    import cpca
    from pypinyin import lazy_pinyin

    path = Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [(row["adcode"], row["name"]) for row in csv.DictReader(handle)]
    provinces = {code[:2]: name for code, name in rows if code[2:] == "0000000000"}
    districts: dict[str, list[str]] = {}
    for code, name in rows:
        if code[6:] == "000000" and code[4:6] != "00" and name not in ("市辖区", "县"):
            districts.setdefault(code[:4], []).append(name)

    def short(name: str) -> str:
        for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"):
            if name.endswith(suffix):
                return name[: -len(suffix)]
        return name

    def spoken(name: str) -> str:
        return _PINYIN_PROVINCE.get(name) or "".join(lazy_pinyin(name)).capitalize()

    places = []
    for code, name in sorted(rows):
        if code[4:] != "00000000" or code[2:4] == "00" or code[:2] in _MUNICIPALITIES or not name.endswith("市"):
            continue
        if code[:2] not in provinces or not districts.get(code[:4]):
            continue
        province, city = short(provinces[code[:2]]), name[:-1]
        places.append((province, city, spoken(province), spoken(city), sorted(districts[code[:4]])[0]))
    for prefix, city in _MUNICIPALITIES.items():
        district = sorted(n for c, n in rows if c[:2] == prefix and c[6:] == "000000" and c[4:6] != "00" and n.endswith("区"))[0]
        places.append((city, city, spoken(city), spoken(city), district))
    return places


def person(rng: random.Random, english: bool, today) -> dict:
    province, city, province_en, city_en, district = rng.choice(_places())
    level, level_zh, level_en = rng.choice(_EDU)
    major_zh, major_en = rng.choice(_MAJORS)
    job_zh, job_en, role = rng.choice(_JOBS)
    count = rng.choice([1, 2, 2, 3])
    employers = rng.sample(_EMPLOYERS, count)
    start = (rng.randint(2014, 2024), rng.randint(1, 12))
    months = (today.year - start[0]) * 12 + today.month - start[1]
    jobs = [(start, None, employers[0], (job_zh, job_en))]
    for employer in employers[1:]:
        end = (start[0], start[1] - 1) if start[1] > 1 else (start[0] - 1, 12)
        start = (end[0] - rng.randint(1, 3), rng.randint(1, 12))
        if start >= end:
            start = (end[0] - 1, end[1])
        months += (end[0] - start[0]) * 12 + end[1] - start[1]
        jobs.append((start, end, employer, rng.choice(_JOBS)[:2]))
    if english:
        surname, given = rng.choice(_PINYIN_SURNAMES), rng.choice(_PINYIN_GIVEN)
        name = rng.choice(
            [f"{given} {surname}", f"{surname.upper()} {given}", f"{rng.choice(_ENGLISH_FIRST)} {surname}",
             f"{rng.choice(_ENGLISH_FIRST)} {given} {surname}"]
        )  # fmt: skip
        email = f"{given.lower()}.{surname.lower()}{rng.randint(80, 99)}@{rng.choice(['mailbox.example', 'work.example.org'])}"
    else:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        email = (
            f"{rng.choice(['zp', 'qiuzhi', 'resume'])}_{rng.randint(10, 9999)}@{rng.choice(['126.example.com', 'sina.example'])}"
        )
    stated_personal = rng.random() < (0.55 if english else 0.9)
    stated_salary = rng.random() < 0.85
    monthly = rng.choice([7000, 10000, 12000, 15000, 18000, 24000, 30000, 50000])
    seniority = rng.choice([("高级", "Senior "), ("", ""), ("", ""), ("资深", "Senior ")])
    gender = rng.choice(["F", "M"])
    birth = (rng.randint(1972, 2002), rng.randint(1, 12), rng.randint(1, 28))
    skills = rng.sample(_SKILLS, rng.randint(2, 5))
    return {
        "full_name": name,
        "phone": f"{rng.choice(_MOBILE_PREFIXES)}{rng.randint(10_000_000, 99_999_999)}",
        "contact_email": email,
        "birth_year": birth[0] if stated_personal else None,
        "gender": gender if stated_personal else "U",
        "province": province,
        "city": city,
        "education_level": level,
        "field_of_study": major_en if english else major_zh,
        "years_experience": months // 12,
        "current_employer": employers[0][1] if english else employers[0][0],
        "current_title": job_en if english else job_zh,
        "role_category": role,
        "desired_role": (seniority[1] + job_en) if english else (seniority[0] + job_zh),
        "expected_salary": monthly if stated_salary else None,
        "skills": sorted({canonical for _zh, _en, canonical in skills}),
        "_stated": stated_personal,
        "_gender": gender,
        "_birth": birth,
        "_monthly": monthly if stated_salary else None,
        "_skills_shown": [en if english else zh for zh, en, _c in skills],
        "_place": (province, city, province_en, city_en, district),
        "_level": (rng.choice(level_zh), rng.choice(level_en)),
        "_major": (major_zh, major_en),
        "_school": rng.choice(
            [
                ("华中科技大学", "Huazhong University of Science and Technology"),
                ("西南大学", "Southwest University"),
                ("东北师范大学", "Northeast Normal University"),
                ("广西大学", "Guangxi University"),
                ("河海大学", "Hohai University"),
                ("云南财经大学", "Yunnan University of Finance and Economics"),
            ]
        ),
        "_jobs": jobs,
        "_years": months // 12,
    }


# ---------------------------------------------------------------- wordings


def _zh_ym(ym, style: int) -> str:
    if ym is None:
        return ["至今", "今", "现在", "至今"][style % 4]
    return [f"{ym[0]}年{ym[1]}月", f"{ym[0]}.{ym[1]}", f"{ym[0]}-{ym[1]:02d}", f"{ym[0]}年{ym[1]:02d}月"][style % 4]


def _en_ym(ym, style: int) -> str:
    if ym is None:
        return ["Present", "now", "Present", "to date"][style % 4]
    return [f"{_MONTH[ym[1] - 1]} {ym[0]}", f"{ym[1]:02d}/{ym[0]}", f"{ym[0]}.{ym[1]:02d}", f"{_MON[ym[1] - 1]} {ym[0]}"][
        style % 4
    ]


def _salary_zh(p, rng) -> str:
    a = p["_monthly"]
    if a is None:
        return rng.choice(["面议", "可面谈"])
    return rng.choice(
        [f"{a / 10000:g}-{(a + 3000) / 10000:g}万/月", f"{a // 1000}K×14", f"税前月薪{a}", f"{a}-{a + 4000}元",
         f"年薪{a * 12 / 10000:g}万左右", f"{a // 1000}k-{a // 1000 + 4}k"]
    )  # fmt: skip


def _salary_en(p, rng) -> str:
    a = p["_monthly"]
    if a is None:
        return rng.choice(["negotiable", "to be discussed"])
    return rng.choice(
        [f"RMB {a // 1000}k per month", f"¥{a * 12:,} per annum", f"{a:,}-{a + 5000:,} CNY monthly", f"{a // 1000}K/month"]
    )


def _address_zh(p, rng) -> str:
    province, city, _pe, _ce, district = p["_place"]
    if province == city:
        return rng.choice([f"{city}市{district}", f"{city}{district}滨江路{rng.randint(1, 300)}号"])
    return rng.choice(
        [
            f"{province}省{city}市{district}",
            f"{city}市{district}",
            f"{province}{city}",
            f"{city}市{district}人民路{rng.randint(1, 300)}号",
        ]
    )


def _address_en(p, rng) -> str:
    province, city, province_en, city_en, _district = p["_place"]
    if province == city:
        return rng.choice([f"{city_en}, China", f"{city_en}"])
    return rng.choice(
        [f"{city_en}, {province_en} Province", f"{city_en}, {province_en}, P.R. China", f"{city_en}, {province_en}"]
    )


# ---------------------------------------------------------------- layouts: lines, "# " a title, "## " a heading


def _zh_card(p: dict, rng: random.Random) -> list[str]:
    province, city, *_rest = p["_place"]
    style = rng.randrange(4)
    title = p["_jobs"][0][3][0]
    lines = [f"# {p['full_name']}", f"{title} | {p['_years']}年经验 | {city}", "## 基本资料"]
    facts = []
    if p["_stated"]:
        facts.append(f"性别：{'女' if p['_gender'] == 'F' else '男'}")
        birth = p["_birth"]
        facts.append(f"出生日期：{rng.choice([f'{birth[0]}年{birth[1]:02d}月', f'{birth[0]}-{birth[1]:02d}-{birth[2]:02d}'])}")
    facts += [
        f"户口所在地：{rng.choice(_HOMETOWNS)}",
        rng.choice([f"现居城市：{city}", f"通讯地址：{_address_zh(p, rng)}"]),
        f"联系电话：{p['phone']}",
        f"E-mail：{p['contact_email']}",
        f"最高学历：{p['_level'][0]}",
    ]
    rng.shuffle(facts)
    lines += facts
    lines += ["## 求职意向", rng.choice([f"目标岗位：{p['desired_role']}", f"期望从事：{p['desired_role']}"]),
              f"期望待遇：{_salary_zh(p, rng)}", "## 工作经验"]  # fmt: skip
    for start, end, employer, job in p["_jobs"]:
        lines += [f"公司名称：{employer[0]}", f"担任职位：{job[0]}", f"任职时间：{_zh_ym(start, style)} - {_zh_ym(end, style)}",
                  "主要职责：负责日常工作推进与跨部门协作。"]  # fmt: skip
    start_school = p["_jobs"][-1][0][0] - 4
    lines += ["## 教育经历", f"{start_school}.09 - {start_school + 4}.07  {p['_school'][0]}  {p['_major'][0]}  {p['_level'][0]}",
              "## 技能与证书", "  ".join(f"◆ {s}" for s in p["_skills_shown"])]  # fmt: skip
    return lines


def _zh_prose(p: dict, rng: random.Random) -> list[str]:
    style = rng.randrange(4)
    gender = "女" if p["_gender"] == "F" else "男"
    intro = f"我叫{p['full_name']}"
    if p["_stated"]:
        intro += f"，{gender}，{p['_birth'][0]}年生于{rng.choice(_HOMETOWNS)}"
    intro += f"，现居{_address_zh(p, rng)}。"
    intro += f"{p['_level'][0]}毕业于{p['_school'][0]}{p['_major'][0]}专业，从事相关工作{p['_years']}年。"
    wish = f"希望担任{p['desired_role']}一职"
    if p["_monthly"] is not None:
        wish += f"，期望薪资{_salary_zh(p, rng)}。"
    else:
        wish += "，薪资面议。"
    lines = [
        f"# {p['full_name']}的简历",
        f"手机 {p['phone']}  邮箱 {p['contact_email']}",
        "## 个人简介",
        intro,
        wish,
        "## 职业经历",
    ]
    for start, end, employer, job in p["_jobs"]:
        until = "至今" if end is None else f"至{_zh_ym(end, style)}"
        lines.append(f"{_zh_ym(start, style)}{until}  就职于{employer[0]}，任{job[0]}")
    lines += ["## 个人技能", "熟悉" + "、".join(p["_skills_shown"]) + "。"]
    return lines


def _en_modern(p: dict, rng: random.Random) -> list[str]:
    style = rng.randrange(4)
    title = p["_jobs"][0][3][1]
    lines = [f"# {title.upper()}", f"# {p['full_name']}",
             f"{_address_en(p, rng)} • {rng.choice([p['phone'], '+86-' + p['phone']])} • {p['contact_email']}"]  # fmt: skip
    if p["_stated"]:
        birth = p["_birth"]
        sex = "Female" if p["_gender"] == "F" else "Male"
        lines.append(
            rng.choice([f"Date of Birth: {birth[2]} {_MONTH[birth[1] - 1]} {birth[0]} | Gender: {sex}",
                        f"{sex}, DOB {birth[0]}-{birth[1]:02d}-{birth[2]:02d}"])
        )  # fmt: skip
    lines += ["## Career Summary",
              f"{title} with {p['_years']} years in the field. Looking for a {p['desired_role']} role; "
              f"expected compensation {_salary_en(p, rng)}.", "## Professional Experience"]  # fmt: skip
    for start, end, employer, job in p["_jobs"]:
        lines.append(
            rng.choice([f"{job[1]} | {employer[1]} | {_en_ym(start, style)} – {_en_ym(end, style)}",
                        f"{employer[1]}, {job[1]}, {_en_ym(start, style)} - {_en_ym(end, style)}"])
        )  # fmt: skip
        lines.append("- Delivered the team's quarterly goals and reviewed colleagues' work.")
    finished = p["_jobs"][-1][0][0]
    lines += ["## Education", f"{p['_level'][1]}, {p['_major'][1]} — {p['_school'][1]} ({finished - 4}–{finished})",
              "## Technical Toolkit", " / ".join(p["_skills_shown"])]  # fmt: skip
    return lines


_RENDER = {"zh_card": _zh_card, "zh_prose": _zh_prose, "en_modern": _en_modern}


# ---------------------------------------------------------------- formats


def _bare(line: str) -> str:
    return line.lstrip("#").strip()


def _text(lines: list[str]) -> bytes:
    return "\n".join(
        _bare(line) + ("：" if line.startswith("## ") and not _bare(line).isascii() else "") for line in lines
    ).encode()


def _docx(lines: list[str]) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    for line in lines:
        if line.startswith("# "):
            run = document.add_paragraph().add_run(_bare(line))
            run.bold, run.font.size = True, Pt(18)
        elif line.startswith("## "):
            document.add_heading(_bare(line), level=1)
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    y, width = 805, A4[0] - 110
    for line in lines:
        text = _bare(line)
        cjk = not text.isascii()
        if line.startswith("# "):
            font, size, step = ("STSong-Light" if cjk else "Helvetica-Bold"), 17, 26
        elif line.startswith("## "):
            font, size, step = ("STSong-Light" if cjk else "Helvetica-Bold"), 12.5, 22
            y -= 6
        else:
            font, size, step = ("STSong-Light" if cjk else "Times-Roman"), 10, 15
        pieces, current = [], ""
        for token in list(text) if cjk else text.split(" "):
            trial = current + token if cjk else f"{current} {token}".strip()
            if page.stringWidth(trial, font, size) > width and current:
                pieces.append(current)
                current = token
            else:
                current = trial
        pieces.append(current)
        for piece in pieces:
            page.setFont(font, size)
            page.drawString(55, y, piece)
            y -= step
        if line.startswith("## "):
            page.setLineWidth(0.6)
            page.line(55, y + step - 5, 55 + width, y + step - 5)
    page.save()
    return buffer.getvalue()


def _raster(pdf: bytes, rng: random.Random, dpi: int):
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    document = pdfium.PdfDocument(pdf)
    try:
        picture = document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    picture = picture.rotate(rng.uniform(-1.2, 1.2), fillcolor=230, resample=Image.BICUBIC, expand=True)
    noise = Image.effect_noise(picture.size, 22)
    return Image.blend(picture, noise, 0.06).filter(ImageFilter.GaussianBlur(0.6))


def _scan_pdf(pdf: bytes, rng: random.Random) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    scan = io.BytesIO()
    _raster(pdf, rng, 200).save(scan, format="JPEG", quality=65)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawImage(ImageReader(io.BytesIO(scan.getvalue())), 0, 0, width=A4[0], height=A4[1])
    page.save()
    return buffer.getvalue()


def _photo(pdf: bytes, rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    _raster(pdf, rng, 170).save(buffer, format="JPEG", quality=75)
    return buffer.getvalue()


def formats(layout: str) -> tuple[str, ...]:
    if layout.startswith("scan_"):
        return ("pdf",)
    if layout.startswith("photo_"):
        return ("jpg",)
    return ("pdf", "docx", "txt")


def document(p: dict, layout: str, fmt: str, rng: random.Random) -> bytes:
    """The bytes of one resume of `layout` in `fmt`."""
    base = layout.split("_", 1)[1] if layout.startswith(("scan_", "photo_")) else layout
    lines = _RENDER[base](p, rng)
    if layout.startswith("scan_"):
        return _scan_pdf(_pdf(lines), rng)
    if layout.startswith("photo_"):
        return _photo(_pdf(lines), rng)
    return {"txt": _text, "docx": _docx, "pdf": _pdf}[fmt](lines)
