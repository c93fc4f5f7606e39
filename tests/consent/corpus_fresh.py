"""A third held-out family, written after the scan and salary tuning and measured only once that
tuning was done; never inspected per resume.

It comes from a template of its own, with its own renderers (not corpus.py's Spec drawing), its
own seed and its own pools (names, cities, employers, schools, majors, titles, skills, salary
and date wordings), so nothing tuned on the other layouts carries over by accident:

- `zh_form`: the Chinese "个人简历" form: a grid of labels and values, three pairs a row, labels
  padded with full-width spaces ("姓　　名"), a 籍贯 (hometown) that is not where the person
  lives, then full-width section rows (求职意向, 教育背景, 工作经历, 专业技能, 自我评价) whose
  cells hold several paragraphs. DOCX as one table with merged rows, PDF as a ruled grid, text
  as the form copied out line by line.
- `en_sidebar`: an English resume with the contact details and skills in a shaded sidebar on
  the right, the name and current title as a headline, a profile written in sentences (years
  of experience, the role sought and the pay asked for stated in prose), experience as
  "Title, Employer" over a date line. Gender and birth year are often not stated.
- `scan_zh_form`: the zh_form PDF printed and scanned: rasterised at 150 dpi, tilted, with
  scanner noise, saved as an image-only PDF.

Facts left unstated (birth year, gender, a salary "面议") have an empty truth.
"""

from __future__ import annotations

import io
import random

FRESH_HELD_OUT = ("zh_form", "en_sidebar", "scan_zh_form")
FRESH_SEED = 5_180_463

_SURNAMES = "温康施牛樊葛邢安齐乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯"
_GIVEN = ["子轩", "梦琪", "浩宇", "欣妍", "晨曦", "若曦", "俊熙", "语桐", "明轩", "可馨", "立新", "国强", "丽华", "春燕",
          "宏伟", "婉清", "振华", "雅琴"]  # fmt: skip
_FIRST = ["Alice", "Brian", "Chloe", "Dennis", "Fiona", "George", "Hannah", "Ivan", "Julia", "Kenneth", "Laura", "Martin",
          "Olivia", "Raymond", "Stella", "Terry"]  # fmt: skip
_LAST = ["Wen", "Kang", "Shi", "Niu", "Fan", "Ge", "Qi", "Qiao", "Yan", "Ni", "Zhuang", "Nie", "Lu", "Yue", "Yin", "Shen",
         "Geng", "Guan"]  # fmt: skip
_PLACES = [  # (province, city, province in English, city in English, a district)
    ("江苏", "苏州", "Jiangsu", "Suzhou", "工业园区"), ("湖南", "长沙", "Hunan", "Changsha", "岳麓区"),
    ("河北", "石家庄", "Hebei", "Shijiazhuang", "长安区"), ("山西", "太原", "Shanxi", "Taiyuan", "小店区"),
    ("吉林", "长春", "Jilin", "Changchun", "朝阳区"), ("黑龙江", "哈尔滨", "Heilongjiang", "Harbin", "南岗区"),
    ("广东", "佛山", "Guangdong", "Foshan", "南海区"), ("浙江", "宁波", "Zhejiang", "Ningbo", "鄞州区"),
    ("福建", "厦门", "Fujian", "Xiamen", "思明区"), ("山东", "济南", "Shandong", "Jinan", "历下区"),
    ("海南", "海口", "Hainan", "Haikou", "龙华区"), ("甘肃", "兰州", "Gansu", "Lanzhou", "城关区"),
    ("天津", "天津", "Tianjin", "Tianjin", "南开区"), ("江西", "九江", "Jiangxi", "Jiujiang", "浔阳区"),
    ("广西", "柳州", "Guangxi", "Liuzhou", "城中区"), ("内蒙古", "包头", "Inner Mongolia", "Baotou", "昆都仑区"),
]  # fmt: skip
_HOMETOWNS = ["湖南衡阳", "河南信阳", "安徽安庆", "四川南充", "湖北荆州", "江西上饶", "山东临沂", "河北邯郸"]
_EDU = [  # (level, Chinese, English forms)
    ("bachelor", "本科", ["Bachelor of Science", "B.A.", "Bachelor of Engineering", "B.S."]),
    ("master", "硕士", ["Master of Science", "M.A.", "Master of Engineering", "M.S."]),
    ("associate", "大专", ["Associate Degree", "Associate of Applied Science"]),
    ("doctorate", "博士", ["Ph.D.", "Doctor of Philosophy"]),
]
_MAJORS = [("财务管理", "Financial Management"), ("电子信息工程", "Electronic Engineering"),
           ("数学与应用数学", "Applied Mathematics"), ("国际经济与贸易", "International Trade"),
           ("工商管理", "Business Administration"), ("通信工程", "Telecommunications"), ("经济学", "Economics"),
           ("电子商务", "E-commerce")]  # fmt: skip
_JOBS = [  # (Chinese title, English title, role category)
    ("审计师", "Auditor", "finance"), ("前端工程师", "Frontend Engineer", "engineering"),
    ("数据科学家", "Data Scientist", "data"), ("品牌经理", "Brand Manager", "sales"),
    ("供应链经理", "Supply Chain Manager", "operations"), ("人力资源专员", "HR Specialist", "hr"),
    ("交互设计师", "Interaction Designer", "product"), ("运维工程师", "DevOps Engineer", "engineering"),
    ("税务专员", "Tax Specialist", "finance"), ("客户经理", "Account Manager", "sales"),
    ("培训经理", "Training Manager", "hr"), ("商业分析师", "Business Analyst", "data"),
]  # fmt: skip
_EMPLOYERS = [
    ("苏州恒信会计师事务所有限公司", "Hengxin Accounting Co., Ltd."),
    ("长沙湘江智能科技股份有限公司", "Xiangjiang Intelligent Technology Co., Ltd."),
    ("宁波东海港务集团", "Donghai Port Group"), ("厦门鹭岛数据服务有限公司", "Ludao Data Services Ltd."),
    ("济南泉城百货集团", "Quancheng Department Store Group"),
    ("佛山顺德家电制造有限公司", "Shunde Appliances Manufacturing Co., Ltd."),
    ("天津渤海银行股份有限公司", "Bohai Bank Co., Ltd."), ("哈尔滨冰城软件有限公司", "Bingcheng Software Inc."),
    ("兰州丝路物流有限公司", "Silk Road Logistics LLC"), ("海口椰风旅游集团", "Yefeng Tourism Group"),
    ("太原晋商供应链管理有限公司", "Jinshang Supply Chain Management Co., Ltd."),
]  # fmt: skip
_SCHOOLS = [("湖南大学", "Hunan University"), ("山东大学", "Shandong University"), ("吉林大学", "Jilin University"),
            ("哈尔滨工业大学", "Harbin Institute of Technology"), ("苏州大学", "Soochow University"),
            ("兰州大学", "Lanzhou University"), ("长沙理工大学", "Changsha University of Science and Technology")]  # fmt: skip
_SKILLS = [  # (Chinese shown, English shown, canonical id)
    ("Excel", "Excel", "excel"), ("财务分析", "Financial analysis", "financial_analysis"), ("审计", "Auditing", "auditing"),
    ("React", "React", "react"), ("Linux", "Linux", "linux"), ("Power BI", "Power BI", "power_bi"),
    ("用户研究", "UX research", "ux_research"), ("Figma", "Figma", "figma"), ("供应链管理", "Supply chain", "supply_chain"),
    ("招聘", "Recruiting", "recruiting"), ("团队管理", "Team leadership", "team_leadership"), ("MySQL", "MySQL", "mysql"),
    ("办公软件", "Microsoft Office", "office"), ("Go语言", "Go", "go"),
]  # fmt: skip
_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]  # fmt: skip
_DUTIES_ZH = ["负责年度审计项目的现场执行与底稿复核", "参与部门流程梳理，推动系统上线", "对接客户需求并跟进交付进度",
              "带领3人小组完成季度目标"]  # fmt: skip
_DUTIES_EN = ["Owned quarterly reporting for three business units.", "Cut turnaround time by a fifth with a shared tracker.",
              "Coached two junior colleagues.", "Worked with sales and finance on the yearly plan."]  # fmt: skip


def person(rng: random.Random, english: bool, today) -> dict:
    province, city, province_en, city_en, district = rng.choice(_PLACES)
    level, level_zh, level_en_forms = rng.choice(_EDU)
    major_zh, major_en = rng.choice(_MAJORS)
    job_zh, job_en, role = rng.choice(_JOBS)
    employers = rng.sample(_EMPLOYERS, 2)
    start_current = (rng.randint(2015, 2024), rng.randint(1, 12))
    end_before = (start_current[0], start_current[1] - 1) if start_current[1] > 1 else (start_current[0] - 1, 12)
    start_before = (start_current[0] - rng.randint(1, 4), rng.randint(1, 12))
    months = (today.year - start_current[0]) * 12 + today.month - start_current[1]
    months += (end_before[0] - start_before[0]) * 12 + end_before[1] - start_before[1]
    skills = rng.sample(_SKILLS, rng.randint(2, 5))
    if english:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        local = name.lower().replace(" ", "_")
    else:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        local = f"cv{rng.randint(1000, 9999)}"
    states_personal = not english or rng.random() < 0.5
    negotiable = rng.random() < 0.15
    salary = rng.choice([9000, 11000, 13000, 16000, 22000, 28000, 35000])
    seniority = rng.choice([("高级", "Senior "), ("", ""), ("", "")])
    birth_year = rng.randint(1970, 2001)
    gender = rng.choice(["F", "M"])
    return {
        "full_name": name,
        "phone": f"1{rng.choice('35789')}{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}",
        "contact_email": f"{local}@{rng.choice(['example.org', 'mail.example.net', '163.example.com'])}",
        "birth_year": birth_year if states_personal else None,
        "gender": gender if states_personal else "U",
        "province": province,
        "city": city,
        "education_level": level,
        "field_of_study": major_en if english else major_zh,
        "years_experience": months // 12,
        "current_employer": employers[0][1] if english else employers[0][0],
        "current_title": job_en if english else job_zh,
        "role_category": role,
        "desired_role": (seniority[1] + job_en) if english else (seniority[0] + job_zh),
        "expected_salary": None if negotiable else salary,
        "skills": sorted({canonical for _zh, _en, canonical in skills}),
        "_birth": (birth_year, rng.randint(1, 12)),
        "_gender": gender,
        "_skills_shown": [en if english else zh for zh, en, _c in skills],
        "_place": (province, city, province_en, city_en, district),
        "_hometown": rng.choice(_HOMETOWNS),
        "_level": (level_zh, rng.choice(level_en_forms)),
        "_major": (major_zh, major_en),
        "_school": rng.choice(_SCHOOLS),
        "_graduated": start_before[0] - rng.randint(0, 1),
        "_jobs": [
            (start_current, None, employers[0], (job_zh, job_en)),
            (start_before, end_before, employers[1], rng.choice(_JOBS)[:2]),
        ],
        "_years": months // 12,
        "_negotiable": negotiable,
        "_salary": salary,
    }


# ---------------------------------------------------------------- wordings


def _zh_ym(ym, style: int) -> str:
    if ym is None:
        return "至今"
    return [f"{ym[0]}.{ym[1]:02d}", f"{ym[0]}年{ym[1]:02d}月", f"{ym[0]}/{ym[1]}"][style % 3]


def _en_ym(ym, style: int) -> str:
    if ym is None:
        return ["Present", "present", "Today"][style % 3]
    return [f"{_MON[ym[1] - 1]}. {ym[0]}", f"{_MONTH[ym[1] - 1]} {ym[0]}", f"{ym[1]:02d}/{ym[0]}"][style % 3]


def _salary_zh(p, rng) -> str:
    if p["_negotiable"]:
        return "面议"
    k = p["_salary"] // 1000
    return rng.choice([f"{k}K-{k + 3}K", f"{p['_salary'] / 10000:g}万元/月", f"月薪{p['_salary']}元", f"{k}k以上"])


def _salary_en(p, rng) -> str:
    if p["_negotiable"]:
        return "open to discussion"
    k = p["_salary"] // 1000
    return rng.choice(
        [f"RMB {k}k-{k + 4}k a month", f"CNY {p['_salary'] * 12:,} a year", f"about {p['_salary']:,} yuan per month"]
    )


# ---------------------------------------------------------------- zh_form


def _zh_form(p: dict, rng: random.Random) -> tuple[list[list[tuple[str, str]]], list[tuple[str, list[str]]]]:
    """(grid rows of (label, value) pairs, [(section heading, paragraphs)])."""
    province, city, _pe, _ce, district = p["_place"]
    birth = p["_birth"]
    lives = rng.choice([f"{province}省{city}市{district}" if province != city else f"{city}市{district}", f"{city}{district}"])
    grid = [
        [("姓　　名", p["full_name"]), ("性　　别", "女" if p["_gender"] == "F" else "男"),
         ("出生年月", rng.choice([f"{birth[0]}.{birth[1]:02d}", f"{birth[0]}年{birth[1]}月"]))],
        [("民　　族", "汉族"), ("政治面貌", rng.choice(["中共党员", "共青团员", "群众"])), ("籍　　贯", p["_hometown"])],
        [("学　　历", p["_level"][0]), ("专　　业", p["_major"][0]), ("毕业院校", p["_school"][0])],
        [("联系电话", p["phone"]), ("电子邮箱", p["contact_email"]), ("现居住地", lives)],
    ]  # fmt: skip
    style = rng.randint(0, 2)
    intent = f"意向岗位：{p['desired_role']}　　期望薪资：{_salary_zh(p, rng)}　　工作性质：全职"
    school_zh = p["_school"][0]
    education = [f"{p['_graduated'] - 4}.09—{p['_graduated']}.06　{school_zh}　{p['_major'][0]}　{p['_level'][0]}"]
    work = []
    for start, end, employer, title in p["_jobs"]:
        work.append(f"{_zh_ym(start, style)}—{_zh_ym(end, style)}　{employer[0]}　{title[0]}")
        work.append("工作内容：" + "；".join(rng.sample(_DUTIES_ZH, 2)) + "。")
    shown = p["_skills_shown"]
    skills = rng.choice([f"熟练掌握：{'、'.join(shown)}", "；".join(shown)])
    summary = rng.choice(
        [
            f"本人性格开朗，有{p['_years']}年相关工作经验，工作认真负责，善于沟通。",
            "工作细致，抗压能力强，能够快速学习新知识。",
        ]
    )
    sections = [("求职意向", [intent]), ("教育背景", education), ("工作经历", work)]
    sections += [("专业技能", [skills]), ("自我评价", [summary])]
    return grid, sections


def _zh_form_text(grid, sections) -> bytes:
    lines = ["个人简历", ""]
    for row in grid:
        lines.append("　　".join(f"{label}：{value}" for label, value in row))
    for heading, paragraphs in sections:
        lines += ["", f"【{heading}】", *paragraphs]
    return "\n".join(lines).encode("utf-8")


def _zh_form_docx(grid, sections) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("个人简历").bold = True
    table = document.add_table(rows=len(grid) + 2 * len(sections), cols=6)
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, (label, value) in enumerate(row):
            table.cell(r, 2 * c).text = label
            table.cell(r, 2 * c + 1).text = value
    r = len(grid)
    for heading, paragraphs in sections:
        head = table.cell(r, 0).merge(table.cell(r, 5))
        head.paragraphs[0].add_run(heading).bold = True
        body = table.cell(r + 1, 0).merge(table.cell(r + 1, 5))
        body.paragraphs[0].text = paragraphs[0]
        for paragraph in paragraphs[1:]:
            body.add_paragraph(paragraph)
        r += 2
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cjk_font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _zh_form_pdf(grid, sections) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _cjk_font()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont(font, 18)
    page.drawCentredString(A4[0] / 2, 800, "个人简历")
    left, right, y = 45, A4[0] - 45, 775
    widths = [62, 100, 62, 100, 62, right - left - 386]
    row_height = 24
    for row in grid:
        x = left
        for c, (label, value) in enumerate(row):
            for text, width in ((label, widths[2 * c]), (value, widths[2 * c + 1])):
                page.rect(x, y - row_height, width, row_height)
                size = 9.5
                while page.stringWidth(text, font, size) > width - 6 and size > 6:
                    size -= 0.5
                page.setFont(font, size)
                page.drawString(x + 3, y - 16, text)
                x += width
        y -= row_height
    for heading, paragraphs in sections:
        page.setFillGray(0.9)
        page.rect(left, y - 22, right - left, 22, fill=1)
        page.setFillGray(0)
        page.setFont(font, 12)
        page.drawString(left + 6, y - 16, heading)
        y -= 22
        lines = []
        for paragraph in paragraphs:
            current = ""
            for ch in paragraph:
                if page.stringWidth(current + ch, font, 10) > right - left - 14:
                    lines.append(current)
                    current = ""
                current += ch
            lines.append(current)
        height = 8 + 16 * len(lines)
        page.rect(left, y - height, right - left, height)
        page.setFont(font, 10)
        for index, line in enumerate(lines):
            page.drawString(left + 7, y - 16 - 16 * index, line)
        y -= height
    page.save()
    return buffer.getvalue()


def _scanned(pdf: bytes, rng: random.Random) -> bytes:
    """The PDF printed and scanned: 150 dpi, tilted, speckled, JPEG-compressed, one image a page."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    document = pdfium.PdfDocument(pdf)
    try:
        picture = document[0].render(scale=150 / 72).to_pil().convert("L")
    finally:
        document.close()
    picture = picture.rotate(rng.uniform(-1.0, 1.0), fillcolor=240, resample=Image.BICUBIC)
    noise = Image.effect_noise(picture.size, 18)
    picture = Image.blend(picture, noise, 0.08).filter(ImageFilter.GaussianBlur(0.5))
    scan = io.BytesIO()
    picture.save(scan, format="JPEG", quality=70)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawImage(ImageReader(io.BytesIO(scan.getvalue())), 0, 0, width=A4[0], height=A4[1])
    page.save()
    return buffer.getvalue()


# ---------------------------------------------------------------- en_sidebar


def _en_sidebar(p: dict, rng: random.Random) -> tuple[list[str], list[str]]:
    """(main column, sidebar); "# " marks the name, "## " a heading."""
    _province, _city, province_en, city_en, _district = p["_place"]
    phone = p["phone"]
    phone_shown = rng.choice([f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}", f"{phone[:3]}-{phone[3:7]}-{phone[7:]}", phone])
    where = f"{city_en}, China"
    if city_en != province_en:
        where = rng.choice([f"{city_en}, {province_en}, China", f"{city_en}, {province_en}"])
    sidebar = ["## CONTACT", phone_shown, p["contact_email"], where]
    if p["birth_year"] is not None:
        sidebar += ["## PERSONAL", rng.choice([f"Born {p['birth_year']}", f"Year of birth: {p['birth_year']}"]),
                    "Female" if p["_gender"] == "F" else "Male"]  # fmt: skip
    sidebar += ["## SKILLS", *[f"• {skill}" for skill in p["_skills_shown"]]]
    current_title = p["_jobs"][0][3][1]
    level_en = p["_level"][1]
    salary = _salary_en(p, rng)
    profile = rng.choice(
        [
            f"{current_title} with {p['_years']} years of experience, now at {p['_jobs'][0][2][1]}. "
            f"I am looking for a {p['desired_role']} position; my expected salary is {salary}.",
            f"Over the last {p['_years']} years I have worked as a {current_title.lower()} in two companies. "
            f"Next, I would like to work as a {p['desired_role']}; pay expected: {salary}.",
        ]
    )
    main = [f"# {p['full_name']}", current_title, "## PROFILE", profile, "## EXPERIENCE"]
    style = rng.randint(0, 2)
    for start, end, employer, title in p["_jobs"]:
        main.append(rng.choice([f"{title[1]}, {employer[1]}", f"{title[1]} at {employer[1]}"]))
        main.append(f"{_en_ym(start, style)} - {_en_ym(end, style)} | {city_en}")
        main += [f"• {duty}" for duty in rng.sample(_DUTIES_EN, 2)]
    main += [
        "## EDUCATION",
        f"{level_en} in {p['_major'][1]}" if "Associate" not in level_en else f"{level_en}, {p['_major'][1]}",
        f"{p['_school'][1]} | {p['_graduated'] - 4} - {p['_graduated']}",
    ]
    return main, sidebar


def _bare(line: str) -> str:
    return line.lstrip("#").strip()


def _en_sidebar_text(main, sidebar) -> bytes:
    lines = []
    for line in main + [""] + sidebar:
        lines.append(_bare(line).upper() if line.startswith("## ") else _bare(line))
    return "\n".join(lines).encode("utf-8")


def _en_sidebar_docx(main, sidebar) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    table = document.add_table(rows=1, cols=2)
    body, side = table.cell(0, 0), table.cell(0, 1)
    for cell, lines in ((body, main), (side, sidebar)):
        first = True
        for line in lines:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            run = paragraph.add_run(_bare(line))
            if line.startswith("# "):
                run.bold, run.font.size = True, Pt(20)
            elif line.startswith("## "):
                run.bold, run.font.size = True, Pt(11)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _en_sidebar_pdf(main, sidebar) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFillGray(0.92)
    page.rect(A4[0] - 185, 0, 185, A4[1], fill=1, stroke=0)
    page.setFillGray(0)

    def draw(lines, x, width, y):
        for line in lines:
            if line.startswith("# "):
                font, size, step = "Helvetica-Bold", 22, 30
            elif line.startswith("## "):
                font, size, step = "Helvetica-Bold", 11.5, 20
            else:
                font, size, step = "Helvetica", 10, 14
            words, current = _bare(line).split(" "), ""
            pieces = []
            for word in words:
                trial = f"{current} {word}".strip()
                if page.stringWidth(trial, font, size) > width and current:
                    pieces.append(current)
                    current = word
                else:
                    current = trial
            pieces.append(current)
            if line.startswith("## "):
                y -= 6
            for piece in pieces:
                page.setFont(font, size)
                page.drawString(x, y, piece)
                y -= step
            if line.startswith("## "):
                page.line(x, y + step - 4, x + width, y + step - 4)

    draw(main, 45, A4[0] - 185 - 75, 790)
    draw(sidebar, A4[0] - 170, 150, 790)
    page.save()
    return buffer.getvalue()


# ---------------------------------------------------------------- one document


def formats(layout: str) -> tuple[str, ...]:
    return ("pdf",) if layout.startswith("scan_") else ("pdf", "docx", "txt")


def document(p: dict, layout: str, fmt: str, rng: random.Random) -> bytes:
    """The bytes of one resume of `layout` in `fmt`."""
    if layout in ("zh_form", "scan_zh_form"):
        grid, sections = _zh_form(p, rng)
        if layout == "scan_zh_form":
            return _scanned(_zh_form_pdf(grid, sections), rng)
        return {"txt": _zh_form_text, "docx": _zh_form_docx, "pdf": _zh_form_pdf}[fmt](grid, sections)
    main, sidebar = _en_sidebar(p, rng)
    return {"txt": _en_sidebar_text, "docx": _en_sidebar_docx, "pdf": _en_sidebar_pdf}[fmt](main, sidebar)
