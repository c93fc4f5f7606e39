"""Parse resume text (Chinese or English) into fields shaped after the JSON Resume schema.

Plain Python (no Django). `parse_resume(text)` returns a JSON Resume-shaped dict
(`basics`, `education`, `work`, `skills`, and an `x-exchange` block with the fields
the exchange needs that JSON Resume has no slot for); `flat_fields(parsed)` turns it
into the Resume model's flat fields. The parser only proposes: the person reviews and
corrects every field before anything is used.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

SKILLS_FILE = Path(__file__).resolve().parent.parent / "privacy" / "data" / "skills.json"

PROVINCES = {
    "北京": "Beijing", "天津": "Tianjin", "上海": "Shanghai", "重庆": "Chongqing", "河北": "Hebei", "山西": "Shanxi",
    "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang", "江苏": "Jiangsu", "浙江": "Zhejiang", "安徽": "Anhui",
    "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong", "河南": "Henan", "湖北": "Hubei", "湖南": "Hunan",
    "广东": "Guangdong", "海南": "Hainan", "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "陕西": "Shaanxi",
    "甘肃": "Gansu", "青海": "Qinghai", "台湾": "Taiwan", "内蒙古": "Inner Mongolia", "广西": "Guangxi", "西藏": "Tibet",
    "宁夏": "Ningxia", "新疆": "Xinjiang", "香港": "Hong Kong", "澳门": "Macau",
}  # fmt: skip
# Cities people write instead of their province: city -> (province, English name).
CITIES = {
    "深圳": ("广东", "Shenzhen"), "广州": ("广东", "Guangzhou"), "东莞": ("广东", "Dongguan"), "佛山": ("广东", "Foshan"),
    "珠海": ("广东", "Zhuhai"), "杭州": ("浙江", "Hangzhou"), "宁波": ("浙江", "Ningbo"), "南京": ("江苏", "Nanjing"),
    "苏州": ("江苏", "Suzhou"), "无锡": ("江苏", "Wuxi"), "成都": ("四川", "Chengdu"), "武汉": ("湖北", "Wuhan"),
    "长沙": ("湖南", "Changsha"), "西安": ("陕西", "Xi'an"), "郑州": ("河南", "Zhengzhou"), "济南": ("山东", "Jinan"),
    "青岛": ("山东", "Qingdao"), "厦门": ("福建", "Xiamen"), "福州": ("福建", "Fuzhou"), "合肥": ("安徽", "Hefei"),
    "沈阳": ("辽宁", "Shenyang"), "大连": ("辽宁", "Dalian"), "哈尔滨": ("黑龙江", "Harbin"), "昆明": ("云南", "Kunming"),
    "贵阳": ("贵州", "Guiyang"), "南昌": ("江西", "Nanchang"), "石家庄": ("河北", "Shijiazhuang"), "太原": ("山西", "Taiyuan"),
    "北京": ("北京", "Beijing"), "上海": ("上海", "Shanghai"), "天津": ("天津", "Tianjin"), "重庆": ("重庆", "Chongqing"),
}  # fmt: skip
_EN_PROVINCE = {english.lower(): chinese for chinese, english in PROVINCES.items()}
_EN_CITY = {english.lower(): (province, chinese) for chinese, (province, english) in CITIES.items()}

EDUCATION = [  # highest first; the highest level found wins
    ("doctorate", ["博士", "phd", "ph.d", "doctorate", "doctor of"]),
    ("master", ["硕士", "研究生", "master", "msc", "m.sc", "mba", "m.s.", "meng"]),
    ("bachelor", ["本科", "学士", "bachelor", "bsc", "b.sc", "b.a.", "b.s.", "beng", "undergraduate"]),
    ("associate", ["大专", "专科", "高职", "associate", "junior college", "college diploma"]),
    ("high_school", ["高中", "中专", "职高", "high school", "secondary school", "vocational school"]),
]

ROLE_KEYWORDS = [
    ("data", ["数据", "data", "analyst", "分析师", "算法", "machine learning", "bi "]),
    ("engineering", ["工程师", "开发", "engineer", "developer", "programmer", "架构", "运维", "测试", "devops"]),
    ("product", ["产品", "设计", "product", "designer", "ux", "ui"]),
    ("sales", ["销售", "市场", "营销", "sales", "marketing", "business development", "客户经理", "account manager"]),
    ("finance", ["会计", "财务", "审计", "出纳", "accountant", "finance", "financial", "auditor"]),
    ("hr", ["人力", "招聘", "hr", "human resources", "recruiter", "培训"]),
    ("operations", ["运营", "物流", "采购", "operations", "logistics", "supply", "行政", "客服", "customer service"]),
]

INDUSTRY_KEYWORDS = [
    ("internet", ["科技", "软件", "网络", "互联网", "信息技术", "technology", "software", "tech", "internet", "digital"]),
    ("finance", ["银行", "证券", "保险", "基金", "金融", "bank", "securities", "insurance", "capital", "finance"]),
    ("manufacturing", ["制造", "工厂", "电子", "机械", "汽车", "manufacturing", "motors", "electronics", "industrial"]),
    ("education", ["学校", "教育", "大学", "学院", "school", "education", "academy", "university"]),
    ("healthcare", ["医院", "医疗", "药", "hospital", "health", "medical", "pharma"]),
    ("retail", ["零售", "电商", "商贸", "超市", "retail", "e-commerce", "store", "trading"]),
    ("logistics", ["物流", "快递", "运输", "logistics", "express", "shipping", "freight"]),
    ("public", ["政府", "事业单位", "局", "government", "bureau", "public"]),
]

# Field labels, Chinese and English. Each maps to the field it introduces.
LABELS = {
    "name": ["姓名", "名字", "name", "full name"],
    "phone": ["手机", "电话", "联系电话", "手机号", "mobile", "phone", "tel", "telephone"],
    "email": ["邮箱", "电子邮箱", "电子邮件", "email", "e-mail"],
    "birth": [
        "出生年份",
        "出生日期",
        "出生年月",
        "出生",
        "生日",
        "born",
        "birth year",
        "date of birth",
        "year of birth",
        "birthday",
    ],
    "gender": ["性别", "gender", "sex"],
    "location": [
        "现居地",
        "现居",
        "所在地",
        "居住地",
        "所在城市",
        "城市",
        "地址",
        "location",
        "city",
        "based in",
        "address",
        "residence",
    ],
    "education": ["学历", "最高学历", "education level", "degree", "highest degree"],
    "school": ["毕业院校", "学校", "院校", "school", "university", "institution"],
    "field": ["专业", "所学专业", "major", "field of study", "field", "discipline"],
    "years": ["工作年限", "工作经验", "经验", "years of experience", "experience", "work experience"],
    "salary": [
        "期望薪资",
        "期望月薪",
        "期望工资",
        "薪资要求",
        "expected salary",
        "salary expectation",
        "desired salary",
        "salary",
    ],
    "desired": [
        "期望职位",
        "求职意向",
        "意向岗位",
        "目标职位",
        "desired role",
        "desired position",
        "objective",
        "target role",
        "seeking",
    ],
    "skills": ["技能", "专业技能", "技能特长", "技能证书", "skills", "key skills", "technical skills", "core skills"],
}
SECTION_WORK = [
    "工作经历",
    "工作经验",
    "职业经历",
    "work experience",
    "work history",
    "employment history",
    "experience",
    "employment",
]
SECTION_EDU = ["教育背景", "教育经历", "education"]
SECTION_SKILLS = ["专业技能", "技能特长", "技能", "skills", "key skills", "technical skills"]
SECTION_OTHER = [
    "自我评价",
    "个人简介",
    "项目经历",
    "summary",
    "profile",
    "projects",
    "about me",
    "求职意向",
    "基本信息",
    "personal details",
]

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
PHONE_RE = re.compile(r"(?<!\d)(?:\+?86[\s\-]?)?(1[3-9]\d[\s\-]?\d{4}[\s\-]?\d{4})(?!\d)")
RESIDENT_ID_RE = re.compile(r"(?<!\d)\d{6}(19\d{2}|20\d{2})\d{2}\d{2}\d{3}[\dXx](?!\d)")
_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_YM = (
    r"(?:(?P<{p}y>(?:19|20)\d{{2}})\s*(?:[年./\-]\s*(?P<{p}m>\d{{1,2}})\s*月?)?"
    r"|(?P<{p}mon>[A-Za-z]{{3}})[a-z]*\.?\s+(?P<{p}y2>(?:19|20)\d{{2}}))"
)
_PRESENT = r"(?P<now>至今|今|现在|present|now|current|today)"
DATE_RANGE_RE = re.compile(
    _YM.format(p="s") + r"\s*(?:-|–|—|~|～|至|to|until)\s*(?:" + _PRESENT + "|" + _YM.format(p="e") + ")", re.IGNORECASE
)


@cache
def skills_vocabulary() -> tuple[dict, dict[str, str]]:
    """(skills by id, synonym -> id) from the project's vocabulary file."""
    data = json.loads(SKILLS_FILE.read_text(encoding="utf-8"))
    by_id, lookup = {}, {}
    for skill in data["skills"]:
        by_id[skill["id"]] = skill
        for name in [skill["id"], skill["en"], skill["zh"], *skill["synonyms"]]:
            lookup[name.lower().strip()] = skill["id"]
    return by_id, lookup


def skills_normalise(values: list[str]) -> list[str]:
    """Canonical skill ids for free-text skill names; unknown names are kept, lower-cased."""
    _, lookup = skills_vocabulary()
    result: list[str] = []
    for value in values:
        key = value.lower().strip().strip("·•-*.。 ")
        if not key:
            continue
        canonical = lookup.get(key) or key
        if canonical not in result:
            result.append(canonical)
    return result


def _split_skills(text: str) -> list[str]:
    parts = re.split(r"[,，、;；|/·•\n]|\s{2,}|\band\b", text)
    return [part.strip() for part in parts if part.strip() and len(part.strip()) <= 40]


def _norm_line(line: str) -> str:
    return line.replace("\u3000", " ").strip().strip("•·*-▪■◆").strip()


def _label_value(line: str) -> tuple[str, str] | None:
    """("field", value) for a "Label: value" line, matching the longest label."""
    match = re.match(r"^([^:：]{1,24})[:：]\s*(.*)$", line)
    if not match:
        return None
    label = match.group(1).strip().lower()
    for field, names in LABELS.items():
        if label in names:
            return field, match.group(2).strip()
    return None


def _cell_label(cell: str) -> str | None:
    """The field a table cell labels ("姓名", "Name:"), if it is a label."""
    bare = cell.strip().rstrip(":：").strip().lower()
    for field, names in LABELS.items():
        if bare in names:
            return field
    return None


def _is_heading(line: str, names: list[str]) -> bool:
    bare = line.strip().strip("【】[]#=—-:： ").lower()
    return bare in names


def _year_month(year: str | None, month: str | None, mon: str | None, year2: str | None) -> str | None:
    if year:
        return f"{int(year):04d}-{int(month):02d}" if month and 1 <= int(month) <= 12 else f"{int(year):04d}"
    if year2 and mon and mon.lower()[:3] in _MONTHS:
        return f"{int(year2):04d}-{_MONTHS[mon.lower()[:3]]:02d}"
    return None


def _months_between(start: str, end: str | None, today: date) -> int:
    sy, sm = (int(x) for x in (start.split("-") + ["1"])[:2])
    ey, em = (today.year, today.month) if end is None else (int(x) for x in (end.split("-") + ["12"])[:2])
    return max(0, (ey - sy) * 12 + (em - sm))


def _work_entry(line: str, following: list[str]) -> dict | None:
    match = DATE_RANGE_RE.search(line)
    if not match:
        return None
    start = _year_month(match.group("sy"), match.group("sm"), match.group("smon"), match.group("sy2"))
    end = (
        None if match.group("now") else _year_month(match.group("ey"), match.group("em"), match.group("emon"), match.group("ey2"))
    )
    rest = (line[: match.start()] + " " + line[match.end() :]).strip(" ,，|()（）:：\t")
    # "Title, Employer" / "Title at Employer" / "Employer | Title" / "Employer  Title"
    parts = [p.strip() for p in re.split(r"\s*[|｜,，]\s*|\s+at\s+|\s+@\s+|\s{2,}|\t", rest) if p.strip()]
    if not parts and following:
        parts = [p.strip() for p in re.split(r"\s*[|｜,，]\s*|\s+at\s+|\s{2,}", following[0]) if p.strip()]
    employer, position = "", ""
    company_re = re.compile(
        r"(公司|集团|银行|医院|学校|大学|学院|研究所|中心|工厂|Ltd|Inc|Co\b|Company|Group|Bank|Corp|LLC|Hospital|School|University)",
        re.I,
    )
    if len(parts) == 1:  # "深圳星河科技有限公司 数据分析师": the title follows the company's legal suffix
        split = re.match(r"^(.*?(?:有限公司|公司|集团|银行|医院|大学|学院|研究所))\s+(\S.*)$", parts[0])
        if split:
            parts = [split.group(1), split.group(2)]
    for part in parts:
        if not employer and company_re.search(part):
            employer = part
        elif not position:
            position = part
    if not employer and len(parts) >= 2:
        employer, position = parts[0], parts[1]
    elif not employer and parts:
        employer = parts[0] if not position else ""
    return {"name": employer, "position": position, "startDate": start, "endDate": end}


def _section_of(line: str) -> str | None:
    for name, headings in (
        ("work", SECTION_WORK),
        ("education", SECTION_EDU),
        ("skills", SECTION_SKILLS),
        ("other", SECTION_OTHER),
    ):
        if _is_heading(line, headings):
            return name
    return None


def _province_city(value: str) -> tuple[str, str]:
    """(province, city) of the earliest place named in `value` (Chinese or English names)."""
    candidates: list[tuple[int, str, str]] = []
    for chinese, (province, _english) in CITIES.items():
        position = value.find(chinese)
        if position >= 0:
            candidates.append((position, province, chinese))
    for chinese in PROVINCES:
        position = value.find(chinese)
        if position >= 0:
            candidates.append((position, chinese, ""))
    lowered = value.lower()
    for english, (province, chinese) in _EN_CITY.items():
        match = re.search(rf"\b{re.escape(english)}\b(?!\s+(?:university|college|institute))", lowered)
        if match:
            candidates.append((match.start(), province, chinese))
    for english, chinese in _EN_PROVINCE.items():
        match = re.search(rf"\b{re.escape(english)}\b(?!\s+(?:university|college|institute))", lowered)
        if match:
            candidates.append((match.start(), chinese, ""))
    if not candidates:
        return "", ""
    # Earliest first; at the same position a city (which names its province too) beats a bare province.
    candidates.sort(key=lambda c: (c[0], c[2] == ""))
    _position, province, city = candidates[0]
    if not city:
        for _other_position, other_province, other_city in candidates:
            if other_city and other_province == province:
                city = other_city
                break
    if not city:
        match = re.search(r"([\u4e00-\u9fa5]{2,4})市", value)
        if match:
            city = match.group(1)
    return province, city


def _education_level(text: str) -> str:
    lowered = text.lower()
    for level, words in EDUCATION:
        if any(word in lowered for word in words):
            return level
    return ""


def _salary(value: str) -> int | None:
    cleaned = value.replace(",", "").replace("，", "").replace(" ", "")
    # A range ("20-25K", "1.5万~2万") is read as its lower end, in the range's unit.
    cleaned = re.sub(r"(\d+(?:\.\d+)?)[kK千万wW]?[-~～至到—–](\d+(?:\.\d+)?)([kK千万wW]?)", r"\1\3", cleaned)
    match = re.search(r"(\d+(?:\.\d+)?)\s*([kK千万wW]?)", cleaned)
    if not match:
        return None
    amount = float(match.group(1))  # a parsed figure, not money in the ledger: yuan per month
    unit = match.group(2).lower()
    amount *= {"k": 1000, "千": 1000, "万": 10000, "w": 10000}.get(unit, 1)
    if re.search(r"(年薪|/年|per year|a year|annual|/yr|p\.a\.)", value, re.I):
        amount /= 12
    return int(round(amount)) if 500 <= amount <= 1_000_000 else None


def _keyword_choice(text: str, table: list[tuple[str, list[str]]], default: str) -> str:
    lowered = f" {text.lower()} "
    for choice, words in table:
        if any(word in lowered for word in words):
            return choice
    return default


def parse_resume(text: str, *, today: date | None = None) -> dict:
    """Propose structured fields for one resume's text (JSON Resume shape)."""
    today = today or date.today()  # noqa: DTZ011 (a calendar year, no time zone involved)
    lines = [_norm_line(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    found: dict[str, str] = {}
    work: list[dict] = []
    skill_text: list[str] = []
    section = None
    for index, line in enumerate(lines):
        heading = _section_of(line)
        if heading:
            section = heading
            continue
        cells = [cell.strip() for cell in re.split(r"\s{2,}|\t", line) if cell.strip()]
        if len(cells) >= 2 and _cell_label(cells[0]):
            for label_cell, value_cell in zip(cells[::2], cells[1::2], strict=False):
                field = _cell_label(label_cell)
                if field:
                    found.setdefault(field, value_cell)
            continue
        pairs = [part for part in re.split(r"\s{2,}", line) if part]
        if len(pairs) > 1 and all(_label_value(part) for part in pairs):
            for part in pairs:
                field, value = _label_value(part)
                if field == "skills":
                    skill_text.append(value)
                else:
                    found.setdefault(field, value)
            continue
        labelled = _label_value(line)
        if labelled:
            field, value = labelled
            if field == "skills":
                skill_text.append(value)
                section = "skills" if not value else section
            elif field == "years" and not re.search(r"\d", value) and not value:
                section = "work"
            else:
                found.setdefault(field, value)
            continue
        if section == "work" or DATE_RANGE_RE.search(line) and section not in ("education",):
            entry = _work_entry(line, lines[index + 1 : index + 2])
            if entry and (entry["name"] or entry["position"]):
                work.append(entry)
                continue
        if section == "skills":
            skill_text.append(line)
        if section == "education":
            parts = [part.strip() for part in re.split(r"[,，|｜]|\s{2,}", line) if part.strip()]
            if len(parts) == 1:
                parts = [part for part in line.split() if not re.fullmatch(r"[\d.\-–—~至今年月/]+", part)]
            for position, part in enumerate(parts):
                if "education" not in found and _education_level(part):
                    found["education"] = part
                    if "field" not in found and position + 1 < len(parts) and not _education_level(parts[position + 1]):
                        found["field"] = parts[position + 1]
                    elif (
                        "field" not in found
                        and position >= 2
                        and re.search(r"(大学|学院|学校|University|College)", parts[position - 2])
                    ):
                        found["field"] = parts[position - 1]  # "School Field Level"
            degree_of = re.search(r"(?:bachelor|master|doctor|phd)[a-z'’]*(?:\s+degree)?\s+(?:of|in)\s+([A-Za-z &]+)", line, re.I)
            if degree_of and "field" not in found:
                found["field"] = degree_of.group(1).strip()
        if (
            section == "education"
            and "school" not in found
            and re.search(r"(大学|学院|University|College|Institute)", line, re.I)
        ):
            found["school"] = line

    joined = "\n".join(lines)
    # Name: a label, or the first short line that is not a label or heading.
    name = found.get("name", "")
    if not name:
        for line in lines[:3]:
            if not _label_value(line) and not _section_of(line) and len(line) <= 30 and not re.search(r"[@\d]", line):
                name = re.sub(r"\s*的?\s*(个人简历|简历|resume|curriculum vitae|cv)\s*$", "", line, flags=re.I).strip()
                break
    email_match = EMAIL_RE.search(found.get("email", "") or joined)
    phone_match = PHONE_RE.search(found.get("phone", "") or joined)
    birth_year = None
    birth_match = re.search(r"(19\d{2}|20\d{2})", found.get("birth", ""))
    if birth_match:
        birth_year = int(birth_match.group(1))
    else:
        id_match = RESIDENT_ID_RE.search(joined)
        born_match = re.search(r"(?:\bborn\b|出生)[^\d\n]{0,12}((?:19|20)\d{2})", joined, re.I) or re.search(
            r"((?:19|20)\d{2})\s*年\s*(?:\d{1,2}\s*月\s*)?(?:出生|生)", joined
        )
        age_match = re.search(r"(?:年龄|age)[:：]?\s*(\d{2})\s*岁?", joined, re.I)
        if born_match:
            birth_year = int(born_match.group(1))
        elif id_match:
            birth_year = int(id_match.group(1))
        elif age_match:
            birth_year = today.year - int(age_match.group(1))
    gender_value = found.get("gender", "").lower()
    if not gender_value:
        loose = re.search(r"\b(female|male)\b|[|·,，\s](男|女)[|·,，\s]", f" {joined} ", re.I)
        gender_value = (loose.group(1) or loose.group(2)).lower() if loose else ""
    gender = "F" if gender_value in ("女", "female", "f", "woman") else "M" if gender_value in ("男", "male", "m", "man") else "U"
    province, city = _province_city(found.get("location", "") or "")
    if not province:
        province, city = _province_city(joined)
    education_text = found.get("education", "") or joined
    education_level = _education_level(education_text) or _education_level(joined)
    field_of_study = found.get("field", "")
    years = None
    years_match = re.search(r"(\d{1,2})\s*(?:\+\s*)?(?:年|years?|yrs?)", found.get("years", ""), re.I)
    if years_match:
        years = int(years_match.group(1))
    elif work:
        months = sum(_months_between(w["startDate"], w["endDate"], today) for w in work if w["startDate"])
        years = months // 12
    salary = _salary(found["salary"]) if found.get("salary") else None
    desired = found.get("desired", "")
    skills = skills_normalise([part for chunk in skill_text for part in _split_skills(chunk)])
    current = work[0] if work else {}
    if work:  # the most recent job first
        work.sort(key=lambda w: (w["endDate"] is None, w["endDate"] or "", w["startDate"] or ""), reverse=True)
        current = work[0]
    role_text = " ".join([desired, current.get("position", "")])
    return {
        "basics": {
            "name": name,
            "email": email_match.group(0) if email_match else "",
            "phone": re.sub(r"[\s\-]", "", phone_match.group(1)) if phone_match else "",
            "location": {"region": province, "city": city, "countryCode": "CN"},
            "label": desired,
        },
        "education": [{"institution": found.get("school", ""), "studyType": education_level, "area": field_of_study}],
        "work": work,
        "skills": [{"name": skill} for skill in skills],
        "x-exchange": {
            "birthYear": birth_year,
            "gender": gender,
            "yearsExperience": years,
            "expectedSalary": salary,
            "desiredRole": desired,
            "industry": _keyword_choice(current.get("name", ""), INDUSTRY_KEYWORDS, "other"),
            "roleCategory": _keyword_choice(role_text, ROLE_KEYWORDS, "other"),
        },
    }


def flat_fields(parsed: dict) -> dict:
    """The Resume model's flat fields from a parsed (JSON Resume-shaped) resume."""
    basics, extra = parsed.get("basics", {}), parsed.get("x-exchange", {})
    education = (parsed.get("education") or [{}])[0]
    work = parsed.get("work") or []
    current = work[0] if work else {}
    return {
        "full_name": basics.get("name", ""),
        "phone": basics.get("phone", ""),
        "contact_email": basics.get("email", ""),
        "birth_year": extra.get("birthYear"),
        "gender": extra.get("gender", "U"),
        "province": basics.get("location", {}).get("region", ""),
        "city": basics.get("location", {}).get("city", ""),
        "education_level": education.get("studyType", ""),
        "field_of_study": education.get("area", ""),
        "years_experience": extra.get("yearsExperience"),
        "current_employer": current.get("name", ""),
        "current_title": current.get("position", ""),
        "industry": extra.get("industry", "other"),
        "role_category": extra.get("roleCategory", "other"),
        "desired_role": extra.get("desiredRole", ""),
        "expected_salary": extra.get("expectedSalary"),
        "skills": [skill["name"] for skill in parsed.get("skills", [])],
        "work_history": work,
    }
