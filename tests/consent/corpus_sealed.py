"""A sealed family of generated resumes: the measure of how the intake reads resumes it was never tuned on.

This family was written without reading the parser (nothing under consent/ that extracts or parses was
opened) and has not been tuned on: only its overall figure may be read, never its per-resume or per-field
results. Its people, pools, wordings and renderers are its own; places come from the whole division list
(every prefecture, autonomous prefectures and leagues included), skills from privacy/data/skills.json.

Six layouts, as people in China and abroad write them:

- zh_board_export: a Chinese job-board export (a 智联-like or 51job-like header line, 求职意向 with a
  salary band, 工作经历 blocks with the salary and company facts of each job, 教育经历, 专业技能, 语言能力);
- en_onepage: an English one-page resume (big name, contact line with "|", "Company — Title, Mon YYYY –
  Present", "Languages & Tools: ...", a closing line with the target role and personal details if given);
- bilingual_labels: a zh/en resume whose labels are bilingual ("姓名 Name") and whose values are Chinese;
- en_particulars: a Hong Kong / Singapore style CV in two-column tables, labels on the left without colons;
- zh_letter: a Chinese self-introduction in paragraphs (本人…，毕业于…，现任…);
- scan_zh_board_export: the job-board export printed and scanned (image-only PDF) or photographed.

Truth conventions (what a careful reader takes from the page): the phone is its 11 digits; the place is
where the person lives now (not 户口/籍贯), as Chinese short names even when the page gives them in
pinyin (广东/深圳, 北京/北京, 湖北/恩施); employer, title and major are as the page writes them; the education
level is the highest degree shown; the field of study is that degree's major as written (absent for high
school); years of experience are whole years of the jobs listed (every listing is drawn so that counting
months inclusively, exclusively or from the first start date gives the same whole number, and a stated
figure always agrees); the employer, title and role category are those of the current job; the desired
role and expected salary are those stated as wished for (a salary range counts as its lower bound, a
yearly figure is divided by 12, 面议 or nothing stated is absent), never the salary of a past job;
skills are the vocabulary skills listed as skills or abilities (titles, employers and majors do not
count). A field that the page does not state is None (skills: an empty list).
"""

from __future__ import annotations

import csv
import io
import random
from functools import lru_cache
from pathlib import Path

SEALED_HELD_OUT = ("zh_board_export", "en_onepage", "bilingual_labels", "en_particulars", "zh_letter", "scan_zh_board_export")
SEALED_SEED = 9_402_117

# ---------------------------------------------------------------- pools

_SURNAMES = "蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
_GIVEN = {
    "F": ["雪梅", "婷婷", "海燕", "佳琪", "梓萱", "慧敏", "玉兰", "芷若", "琳", "萍", "媛", "蕾", "珊", "晓雯"],
    "M": ["晓东", "志强", "建华", "文博", "宇航", "天佑", "一鸣", "晨阳", "少华", "家乐", "鹏", "斌", "峰", "亮", "毅"],
}
_SURNAME_PINYIN = {"欧阳": "Ouyang"}
_WESTERN_FIRST = {
    "F": ["Bella", "Cathy", "Elaine", "Gloria", "Iris", "Karen", "Maggie", "Queenie", "Teresa", "Winnie"],
    "M": ["Andrew", "Derek", "Frank", "Henry", "Jerry", "Louis", "Peter", "Sam", "Vincent", "Alan"],
}
_MOBILE = [
    "131",
    "132",
    "135",
    "136",
    "138",
    "139",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "177",
    "181",
    "186",
    "187",
    "188",
    "189",
    "191",
    "199",
]
_MAIL_HOSTS = ["example.com", "example.cn", "mail.example.org", "example.net"]

# (level, Chinese forms, English forms, years after birth at graduation)
_EDU = {
    "high_school": (["高中"], ["High School Diploma", "Senior High School"], 18),
    "associate": (["大专", "专科"], ["Associate Degree", "Associate of Applied Science"], 21),
    "bachelor": (["本科", "统招本科", "全日制本科"], ["Bachelor of Engineering", "B.A.", "BSc", "Bachelor of Science"], 22),
    "master": (["硕士", "硕士研究生"], ["Master of Science", "M.Eng.", "MSc", "Master's degree"], 25),
    "doctorate": (["博士", "博士研究生"], ["Ph.D.", "Doctor of Philosophy"], 28),
}
_LEVEL_WEIGHTS = [("bachelor", 45), ("master", 20), ("associate", 20), ("high_school", 8), ("doctorate", 7)]
_MAJORS = [
    ("计算机科学与技术", "Computer Science"),
    ("电子信息工程", "Electronic Information Engineering"),
    ("自动化", "Automation"),
    ("机械设计制造及其自动化", "Mechanical Engineering"),
    ("数学与应用数学", "Applied Mathematics"),
    ("信息管理与信息系统", "Information Systems"),
    ("工商管理", "Business Administration"),
    ("国际经济与贸易", "International Trade"),
    ("财务管理", "Financial Management"),
    ("人力资源管理", "Human Resource Management"),
    ("广告学", "Advertising"),
    ("工业工程", "Industrial Engineering"),
    ("交通运输", "Transportation"),
    ("应用心理学", "Applied Psychology"),
    ("新闻学", "Journalism"),
    ("通信工程", "Telecommunications Engineering"),
    ("车辆工程", "Automotive Engineering"),
    ("经济学", "Economics"),
]
_SCHOOLS = {  # by level group: (Chinese, English)
    "university": [
        ("华中科技大学", "Huazhong University of Science and Technology"),
        ("西南交通大学", "Southwest Jiaotong University"),
        ("郑州大学", "Zhengzhou University"),
        ("南昌大学", "Nanchang University"),
        ("苏州大学", "Soochow University"),
        ("东北师范大学", "Northeast Normal University"),
        ("长沙理工大学", "Changsha University of Science and Technology"),
        ("广东工业大学", "Guangdong University of Technology"),
        ("兰州大学", "Lanzhou University"),
        ("福州大学", "Fuzhou University"),
        ("天津工业大学", "Tiangong University"),
        ("云南大学", "Yunnan University"),
    ],
    "college": [
        ("江苏经贸职业技术学院", "Jiangsu Vocational Institute of Commerce"),
        ("重庆电子工程职业学院", "Chongqing College of Electronic Engineering"),
        ("湖南铁道职业技术学院", "Hunan Railway Professional Technology College"),
        ("广州番禺职业技术学院", "Guangzhou Panyu Polytechnic"),
    ],
    "school": [("市第一中学", "No. 1 Senior High School"), ("实验中学", "Experimental High School")],
}

# Titles by role category: (Chinese, English, skill pool)
_TITLES = {
    "engineering": [
        ("Java开发工程师", "Java Developer", "soft"),
        ("前端开发工程师", "Frontend Developer", "web"),
        ("嵌入式软件工程师", "Embedded Software Engineer", "embedded"),
        ("运维工程师", "Site Reliability Engineer", "ops"),
        ("机械设计工程师", "Mechanical Design Engineer", "mech"),
        ("电气工程师", "Electrical Engineer", "mech"),
        ("软件开发工程师", "Software Engineer", "soft"),
    ],
    "data": [
        ("商业数据分析师", "Business Intelligence Analyst", "bi"),
        ("数据挖掘工程师", "Data Scientist", "ds"),
        ("BI分析师", "BI Analyst", "bi"),
        ("数据运营分析师", "Data Analyst", "bi"),
    ],
    "product": [
        ("产品经理", "Product Manager", "pm"),
        ("交互设计师", "UX Designer", "design"),
        ("产品专员", "Product Owner", "pm"),
        ("视觉设计师", "Visual Designer", "design"),
    ],
    "sales": [
        ("大客户经理", "Key Account Manager", "sell"),
        ("销售代表", "Sales Representative", "sell"),
        ("渠道经理", "Channel Manager", "sell"),
        ("市场推广经理", "Marketing Manager", "mkt"),
        ("品牌专员", "Brand Specialist", "mkt"),
    ],
    "finance": [
        ("总账会计", "General Ledger Accountant", "acct"),
        ("审计师", "Auditor", "audit"),
        ("税务专员", "Tax Specialist", "acct"),
        ("财务经理", "Finance Manager", "acct"),
        ("出纳", "Cashier", "acct"),
    ],
    "hr": [
        ("人事专员", "HR Specialist", "hr"),
        ("薪酬福利专员", "Compensation and Benefits Specialist", "hr"),
        ("HRBP", "HR Business Partner", "hr"),
        ("培训主管", "Learning and Development Supervisor", "hr"),
    ],
    "operations": [
        ("供应链主管", "Supply Chain Supervisor", "scm"),
        ("物流专员", "Logistics Coordinator", "scm"),
        ("仓储经理", "Warehouse Manager", "scm"),
        ("电商运营专员", "E-commerce Operations Specialist", "ecom"),
        ("生产计划主管", "Production Planning Supervisor", "scm"),
    ],
}
_SENIOR = [("高级", "Senior "), ("资深", "Lead ")]
_SKILL_POOLS = {
    "soft": ["java", "spring", "mysql", "redis", "linux", "docker", "kubernetes", "python", "go", "postgresql"],
    "web": ["javascript", "typescript", "react", "vue", "figma", "docker", "linux"],
    "embedded": ["c++", "linux", "python", "plc"],
    "ops": ["linux", "docker", "kubernetes", "python", "go", "mysql", "redis"],
    "mech": ["cad", "plc", "quality_control", "lean", "project_management"],
    "bi": ["sql", "excel", "tableau", "power_bi", "python", "data_analysis", "statistics"],
    "ds": ["python", "sql", "spark", "hadoop", "machine_learning", "deep_learning", "statistics"],
    "pm": ["product_management", "ux_research", "project_management", "figma", "sql", "data_analysis"],
    "design": ["ui_design", "figma", "photoshop", "ux_research"],
    "sell": ["sales", "negotiation", "customer_service", "excel", "marketing"],
    "mkt": ["marketing", "digital_marketing", "seo", "content_writing", "photoshop"],
    "acct": ["accounting", "tax", "excel", "financial_analysis", "office"],
    "audit": ["auditing", "accounting", "tax", "excel", "financial_analysis"],
    "hr": ["recruiting", "training", "payroll", "office", "team_leadership"],
    "scm": ["logistics", "supply_chain", "procurement", "excel", "lean", "quality_control"],
    "ecom": ["ecommerce_operations", "digital_marketing", "excel", "content_writing", "data_analysis"],
}
_GENERAL_SKILLS = ["english", "japanese", "communication", "team_leadership", "driving", "office"]
_LANGUAGE_SKILLS = {"english", "japanese"}
# How a skill may be written, besides the vocabulary's own names (unambiguous synonyms only).
_SKILL_EXTRA = {
    "go": (["Golang"], ["Golang"]),
    "kubernetes": (["K8s"], ["K8s"]),
    "spring": (["Spring Boot"], ["Spring Boot"]),
    "postgresql": ([], ["Postgres"]),
    "react": ([], ["React.js"]),
    "vue": ([], ["Vue.js"]),
    "spark": ([], ["PySpark"]),
    "cad": (["AutoCAD"], ["AutoCAD"]),
    "excel": ([], ["MS Excel"]),
    "office": (["Office软件"], ["MS Office"]),
    "project_management": (["PMP"], []),
    "negotiation": (["谈判"], ["Business negotiation"]),
    "customer_service": (["客服"], ["Customer support"]),
    "communication": (["沟通"], ["Communication skills"]),
    "team_leadership": (["团队领导"], ["Team management"]),
    "ecommerce_operations": (["淘宝运营"], []),
    "content_writing": (["文案"], ["Copywriting"]),
    "recruiting": (["招聘管理"], ["Talent acquisition"]),
    "quality_control": (["质量管理"], []),
    "lean": (["六西格玛"], ["Six Sigma"]),
    "english": (["英语六级", "CET-6"], ["CET-6"]),
    "japanese": (["日语N2"], ["JLPT N2"]),
}
_SKILL_ONLY = {"driving": (["C1驾照", "驾照C1"], ["Driving licence", "Driver's license"])}

_EMPLOYERS = [  # (Chinese, English)
    ("苏州华创精密机械有限公司", "Huachuang Precision Machinery (Suzhou) Co., Ltd."),
    ("宁波东港物流股份有限公司", "Donggang Logistics Co., Ltd."),
    ("合肥启明星软件有限公司", "Qimingxing Software Co., Ltd."),
    ("厦门鹭岛贸易有限公司", "Ludao Trading Ltd."),
    ("西安秦川智能装备有限公司", "Qinchuan Intelligent Equipment Co., Ltd."),
    ("长沙麓山互动网络科技有限公司", "Lushan Interactive Network Technology Co., Ltd."),
    ("天津渤海湾会计师事务所", "Bohai Bay Certified Public Accountants"),
    ("郑州中原百货集团", "Zhongyuan Department Store Group"),
    ("哈尔滨北国乳业有限公司", "Beiguo Dairy Co., Ltd."),
    ("昆明春城生物医药有限公司", "Chuncheng Biopharma Co., Ltd."),
    ("深圳前海微联数据服务有限公司", "Weilian Data Services (Shenzhen) Ltd."),
    ("济南泉城汽车零部件有限公司", "Quancheng Auto Parts Co., Ltd."),
    ("南宁绿城电子商务有限公司", "Lvcheng E-Commerce Co., Ltd."),
    ("沈阳重工机床集团", "Shenyang Heavy Machine Tool Group"),
    ("杭州知行教育科技有限公司", "Zhixing Education Technology Co., Ltd."),
    ("成都天府云计算有限公司", "Tianfu Cloud Computing Co., Ltd."),
]
_INDUSTRIES = [
    "计算机软件",
    "互联网/电子商务",
    "机械/设备/重工",
    "快速消费品",
    "专业服务/咨询",
    "仓储/运输",
    "医药/生物工程",
    "汽车/摩托车",
    "教育/科研",
    "贸易/进出口",
]
_SIZES = ["20-99人", "100-499人", "500-999人", "1000-9999人", "10000人以上"]
_OWNERSHIP = ["民营", "国企", "合资", "外商独资", "上市公司"]

# What a job involved, written without any skill of the vocabulary (so that skills stay where they are listed).
_DUTIES_ZH = {
    "engineering": [
        "负责核心模块的设计与开发，按期完成版本迭代",
        "参与系统架构评审，优化接口响应时间",
        "编写技术文档，指导新人熟悉代码规范",
        "跟进现场问题，牵头完成故障复盘",
        "主导两条产线设备的改造方案并落地",
    ],
    "data": [
        "搭建经营日报与周报体系，支撑管理层决策",
        "梳理指标口径，推动各部门数据标准统一",
        "对用户留存做专题研究，输出改进建议",
        "建立门店选址评估模型，准确率明显提升",
    ],
    "product": [
        "负责会员体系的需求调研、原型与上线跟进",
        "协调研发、设计与业务三方，保证版本按期交付",
        "通过用户访谈发现痛点，改版后转化率提升",
        "制定产品路线图并按季度复盘",
    ],
    "sales": [
        "负责华东区域重点客户的开发与维护，年度完成率超过目标",
        "拓展经销商网络，新增签约伙伴二十余家",
        "策划新品上市活动，提升品牌曝光",
        "跟进合同回款，应收账款周期明显缩短",
    ],
    "finance": [
        "负责月末结账与总账管理，按时出具报表",
        "配合外部机构完成年度检查工作",
        "梳理费用报销流程，缩短审批周期",
        "编制年度预算并跟踪执行情况",
    ],
    "hr": [
        "负责研发中心的人员配置与入离职手续",
        "搭建新员工入职引导体系",
        "完善绩效考核方案并推动落地",
        "处理员工关系事务，组织年度满意度调研",
    ],
    "operations": [
        "统筹仓库日常作业，库存准确率保持在99%以上",
        "优化配送线路，降低单票成本",
        "负责店铺日常运营与活动排期",
        "对接供应商，推动交付周期缩短",
    ],
}
_DUTIES_EN = {
    "engineering": [
        "Designed and shipped the core modules of the order platform on a fortnightly release train.",
        "Cut average response time of the public endpoints by a third.",
        "Mentored four new joiners on code review habits.",
        "Led the retrofit of two production lines, on time and under budget.",
    ],
    "data": [
        "Built the daily and weekly business dashboards used by senior management.",
        "Unified metric definitions across five departments.",
        "Ran a retention deep-dive that changed the onboarding flow.",
        "Modelled store-site selection, lifting hit rate noticeably.",
    ],
    "product": [
        "Owned the membership roadmap from discovery to launch.",
        "Coordinated engineering, design and business teams across releases.",
        "Interviewed customers to find pain points; the redesign lifted conversion.",
        "Reviewed the roadmap every quarter.",
    ],
    "sales": [
        "Grew key accounts in East China, beating the yearly target.",
        "Signed more than twenty new distributors.",
        "Planned the launch events of three new product lines.",
        "Shortened the receivables cycle on large contracts.",
    ],
    "finance": [
        "Ran the month-end close and the general ledger; reports always on time.",
        "Worked with external reviewers on the year-end review.",
        "Redesigned expense claims, halving approval time.",
        "Prepared the annual budget and tracked spending against it.",
    ],
    "hr": [
        "Staffed the R&D centre and handled joiners and leavers.",
        "Built the onboarding programme for new hires.",
        "Rolled out a new performance review scheme.",
        "Ran the yearly employee survey and followed up on its findings.",
    ],
    "operations": [
        "Ran daily warehouse work, keeping stock accuracy above 99%.",
        "Re-planned delivery routes, lowering cost per parcel.",
        "Managed the online store's daily running and campaign calendar.",
        "Worked with suppliers to shorten lead times.",
    ],
}

_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_CN_NUM = "零一二三四五六七八九十"
_PROVINCE_EN = {"陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "西藏": "Tibet"}
_MUNICIPALITIES = {"11", "12", "31", "50"}
_ETHNIC = [
    "土家族",
    "苗族",
    "藏族",
    "羌族",
    "彝族",
    "朝鲜族",
    "蒙古族",
    "蒙古",
    "布依族",
    "傈僳族",
    "回族",
    "哈萨克",
    "白族",
    "壮族",
    "傣族",
    "哈尼族",
    "景颇族",
    "柯尔克孜",
    "侗族",
]


# ---------------------------------------------------------------- places


def _short_province(name: str) -> str:
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _short_prefecture(name: str) -> str:
    if name.endswith("自治州"):
        cut = min((name.index(e) for e in _ETHNIC if e in name), default=len(name) - 3)
        return name[:cut]
    for suffix in ("地区", "盟", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    out = ""
    for syllable in lazy_pinyin(text):
        out += ("'" if out and syllable[0] in "aeo" else "") + syllable
    return out.capitalize()


@lru_cache(maxsize=1)
def _places() -> list[tuple]:
    """(province, city, full prefecture name, province in English, city in English, districts) for every
    prefecture of the division list and the four municipalities."""
    import cpca

    path = Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [(row["adcode"], row["name"]) for row in csv.DictReader(handle)]
    provinces = {code[:2]: name for code, name in rows if code[2:] == "0000000000" and code[:2] not in ("71", "81", "82")}
    counties: dict[str, list[str]] = {}
    for code, name in rows:
        if code[4:6] != "00" and code[6:] == "000000" and name.endswith(("区", "县", "市", "旗")) and name != "市辖区":
            counties.setdefault(code[:4], []).append(name)
            counties.setdefault(code[:2], []).append(name)
    out = []
    for code, name in sorted(rows):
        prefix = code[:2]
        if prefix not in provinces:
            continue
        province = _short_province(provinces[prefix])
        province_en = _PROVINCE_EN.get(province) or _pinyin(province)
        if prefix in _MUNICIPALITIES:
            if code[2:] == "0000000000":
                out.append((province, province, provinces[prefix], province_en, province_en, sorted(counties.get(prefix, []))))
            continue
        if code[2:4] == "00" or code[4:] != "00000000" or not name.endswith(("市", "自治州", "地区", "盟")):
            continue
        if name in ("市辖区",):
            continue
        city = _short_prefecture(name)
        districts = sorted(set(counties.get(code[:4], [])))
        out.append((province, city, name, province_en, _pinyin(city), districts))
    return out


# ---------------------------------------------------------------- people


def _ym_add(ym: tuple[int, int], months: int) -> tuple[int, int]:
    index = ym[0] * 12 + ym[1] - 1 + months
    return (index // 12, index % 12 + 1)


def _ym_diff(a: tuple[int, int], b: tuple[int, int]) -> int:
    return (b[0] - a[0]) * 12 + b[1] - a[1]


def _career(rng: random.Random, start: tuple[int, int], today: tuple[int, int]) -> tuple[list, int]:
    """Jobs (start, end or None), oldest first, and the whole years they add up to, drawn until every
    reasonable way of counting gives the same whole number."""
    span = _ym_diff(start, today)
    for _ in range(200):
        jobs_wanted = min(rng.randint(1, 3), max(1, span // 20))
        cuts = sorted(rng.sample(range(8, span - 5), jobs_wanted - 1)) if jobs_wanted > 1 and span > 16 else []
        jobs, begin, worked = [], start, 0
        for cut in cuts:
            end = _ym_add(start, cut)
            if _ym_diff(begin, end) < 4:
                break
            jobs.append((begin, end))
            worked += _ym_diff(begin, end)
            begin = _ym_add(end, rng.choice([1, 1, 2, 3]))
        else:
            if _ym_diff(begin, today) < 4:
                continue
            jobs.append((begin, None))
            worked += _ym_diff(begin, today)
            inclusive = worked + len(jobs)
            if worked // 12 == inclusive // 12 == span // 12 == (span + 1) // 12 and worked >= 12:
                return jobs, worked // 12
    raise RuntimeError("no career fits")  # a start date too close to today: the caller draws another


def _skill_form(rng: random.Random, skill: dict, english: bool) -> str:
    if skill["id"] in _SKILL_ONLY:
        return rng.choice(_SKILL_ONLY[skill["id"]][1 if english else 0])
    extra = _SKILL_EXTRA.get(skill["id"], ([], []))[1 if english else 0]
    own = skill["en"] if english else skill["zh"]
    return rng.choice([own, own, *extra])


@lru_cache(maxsize=1)
def _skills_vocabulary() -> dict[str, dict]:
    import json

    path = Path(__file__).resolve().parents[2] / "privacy" / "data" / "skills.json"
    return {skill["id"]: skill for skill in json.loads(path.read_text(encoding="utf-8"))["skills"]}


def _salary(rng: random.Random, years: int, english: bool) -> dict:
    """What the person asks for: a kind, the monthly figure it means (None when nothing is asked), and numbers
    to write it with."""
    kinds = (
        [("none", 30), ("point", 25), ("krange", 20), ("annual", 15), ("annual_range", 10)]
        if english
        else [
            ("band", 25),
            ("wan_range", 15),
            ("point", 15),
            ("krange", 15),
            ("annual", 10),
            ("negotiable", 10),
            ("none", 5),
            ("months", 5),
        ]
    )
    kind = rng.choices([k for k, _w in kinds], [w for _k, w in kinds])[0]
    base = min(60_000, 5_000 + years * 1_800 + rng.randint(0, 6) * 1_000)
    if kind in ("none", "negotiable"):
        return {"kind": kind, "monthly": None}
    if kind == "band":  # the job boards' fixed bands
        bands = [(4001, 6000), (6001, 8000), (8001, 10000), (10001, 15000), (15001, 20000), (20001, 30000), (30001, 50000)]
        low, high = min(bands, key=lambda band: abs(band[0] - base))
        return {"kind": kind, "monthly": low, "low": low, "high": high}
    if kind == "wan_range":  # 1.5-2万/月
        low = max(5_000, round(base / 5_000) * 5_000)
        return {"kind": kind, "monthly": low, "low": low, "high": low + rng.choice([5_000, 10_000])}
    if kind in ("annual", "annual_range"):  # figures whose twelfth is a whole number of yuan
        monthly = max(5_000, round(base / 2_500) * 2_500)
        return {
            "kind": kind,
            "monthly": monthly,
            "yearly": monthly * 12,
            "yearly_high": monthly * 12 + rng.choice([60_000, 120_000]),
        }
    if kind == "months":  # 15K·14薪: a monthly figure paid over more months
        monthly = max(5_000, round(base / 1_000) * 1_000)
        return {"kind": kind, "monthly": monthly, "pay_months": rng.choice([13, 14, 15, 16])}
    if kind == "krange":
        low = max(5_000, round(base / 1_000) * 1_000)
        return {"kind": kind, "monthly": low, "low": low, "high": low + rng.choice([3_000, 5_000, 8_000])}
    monthly = max(5_000, round(base / 500) * 500)
    return {"kind": "point", "monthly": monthly}


def person(rng: random.Random, english: bool, today) -> dict:
    province, city, prefecture, province_en, city_en, districts = rng.choice(_places())
    level = rng.choices([k for k, _w in _LEVEL_WEIGHTS], [w for _k, w in _LEVEL_WEIGHTS])[0]
    level_zh_forms, level_en_forms, age_at_graduation = _EDU[level]
    while True:
        graduated = rng.randint(1997, today.year - 2)
        start = (graduated, rng.choice([7, 7, 8, 9]))
        try:
            jobs, years = _career(rng, start, (today.year, today.month))
        except RuntimeError:
            continue
        break
    birth_year = graduated - age_at_graduation - rng.choice([0, 0, 1, -1])
    category = rng.choice(list(_TITLES))
    title_zh, title_en, pool = rng.choice(_TITLES[category])
    seniority = rng.choice([None, None, *_SENIOR]) if years >= 5 else None
    current_zh = (seniority[0] + title_zh) if seniority and not title_zh.isascii() else title_zh
    current_en = (seniority[1] + title_en) if seniority else title_en
    employers = rng.sample(_EMPLOYERS, len(jobs))
    earlier = []
    for _job in jobs[:-1]:
        kind = category if rng.random() < 0.8 else rng.choice(list(_TITLES))
        zh, en, _pool = rng.choice(_TITLES[kind])
        earlier.append((zh, en, kind))
    wants = rng.random() < (0.55 if english else 0.85)
    upward = rng.choice(_SENIOR)
    desired_zh = rng.choice([title_zh, current_zh, upward[0] + title_zh if not title_zh.isascii() else title_zh])
    desired_en = rng.choice([title_en, current_en, upward[1] + title_en])
    major = rng.choice(_MAJORS) if level != "high_school" else None
    vocabulary = _skills_vocabulary()
    chosen = rng.sample(_SKILL_POOLS[pool], min(len(_SKILL_POOLS[pool]), rng.randint(2, 5)))
    chosen += rng.sample([s for s in _GENERAL_SKILLS if s not in chosen], rng.randint(0, 2))
    if rng.random() < 0.06:
        chosen = []  # no skills section at all
    shown = {"zh": rng.random() < (0.9 if not english else 0.3), "birth": rng.random() < (0.85 if not english else 0.3)}
    sex = rng.choice(["F", "M"])
    if english:
        first = rng.choice(_WESTERN_FIRST[sex]) if rng.random() < 0.35 else None
        surname_zh, given_zh = rng.choice(_SURNAMES), rng.choice(_GIVEN[sex])
        pinyin_given = _pinyin(given_zh)
        name = (
            f"{first} {_pinyin(surname_zh)}"
            if first
            else rng.choice([f"{pinyin_given} {_pinyin(surname_zh)}", f"{_pinyin(surname_zh).upper()} {pinyin_given}"])
        )
        local = name.lower().replace("'", "").replace(" ", rng.choice([".", "_", ""]))
    else:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN[sex])
        local = (
            _pinyin(name[0]).lower().replace("'", "")
            + rng.choice(["", ".", "_"])
            + _pinyin(name[1:]).lower()
            + rng.choice(["", str(birth_year % 100), str(rng.randint(1, 999))])
        )
    hometown = rng.choice(_places())
    salary = _salary(rng, years, english)
    school_group = {"high_school": "school", "associate": "college"}.get(level, "university")
    return {
        "full_name": name,
        "phone": rng.choice(_MOBILE) + f"{rng.randint(0, 99_999_999):08d}",
        "contact_email": f"{local}@{rng.choice(_MAIL_HOSTS)}",
        "birth_year": birth_year if shown["birth"] else None,
        "gender": sex if shown["zh"] else None,
        "province": province,
        "city": city,
        "education_level": level,
        "field_of_study": None if major is None else (major[1] if english else major[0]),
        "years_experience": years,
        "current_employer": employers[-1][1] if english else employers[-1][0],
        "current_title": current_en if english else current_zh,
        "role_category": category,
        "desired_role": (desired_en if english else desired_zh) if wants else None,
        "expected_salary": salary["monthly"],
        "skills": sorted(set(chosen)),
        "_english": english,
        "_birth": (birth_year, rng.randint(1, 12), rng.randint(1, 28)),
        "_place": (province, city, prefecture, province_en, city_en, rng.choice(districts) if districts else None),
        "_hometown": hometown,
        "_level": level,
        "_level_zh": rng.choice(level_zh_forms),
        "_level_en": rng.choice(level_en_forms),
        "_major": major,
        "_school": rng.choice(_SCHOOLS[school_group]),
        "_graduated": graduated,
        "_age_at_graduation": age_at_graduation,
        "_category": category,
        # newest first: (start, end or None, (employer zh, en), (title zh, en, role category))
        "_jobs": [
            (begin, end, employers[index], (current_zh, current_en, category) if end is None else earlier[index])
            for index, (begin, end) in reversed(list(enumerate(jobs)))
        ],
        "_salary": salary,
        "_skills_zh": [_skill_form(rng, vocabulary[s], False) for s in chosen],
        "_skills_en": [_skill_form(rng, vocabulary[s], True) for s in chosen],
        "_skill_ids": chosen,
        "_years": years,
        "_today": (today.year, today.month),
    }


# ---------------------------------------------------------------- writing pieces


def _gender(p) -> str | None:
    return p["gender"]


def _age(p) -> int:
    year, month, _day = p["_birth"]
    return p["_today"][0] - year - (1 if month > p["_today"][1] else 0)


def _zh_ym(ym, style: int) -> str:
    if ym is None:
        return ["至今", "今", "现在", "至今"][style % 4]
    return [f"{ym[0]}.{ym[1]:02d}", f"{ym[0]}年{ym[1]}月", f"{ym[0]}/{ym[1]}", f"{ym[0]}-{ym[1]:02d}"][style % 4]


def _en_ym(ym, style: int) -> str:
    if ym is None:
        return ["Present", "present", "Now", "Current"][style % 4]
    return [f"{_MON[ym[1] - 1]} {ym[0]}", f"{_MONTH[ym[1] - 1]} {ym[0]}", f"{ym[1]:02d}/{ym[0]}", f"{_MON[ym[1] - 1]}. {ym[0]}"][
        style % 4
    ]


def _phone_zh(p, rng) -> str:
    n = p["phone"]
    return rng.choice([n, f"{n[:3]} {n[3:7]} {n[7:]}", f"{n[:3]}-{n[3:7]}-{n[7:]}", f"+86 {n}", f"(+86){n}"])


def _phone_en(p, rng) -> str:
    n = p["phone"]
    return rng.choice(
        [f"+86 {n[:3]}-{n[3:7]}-{n[7:]}", f"+86 {n[:3]} {n[3:7]} {n[7:]}", f"(+86) {n}", f"+86-{n}", f"{n[:3]} {n[3:7]} {n[7:]}"]
    )


def _cn_count(n: int) -> str:
    """A count of years as written in Chinese prose: 两, 八, 十二, 二十三."""
    if n == 2:
        return "两"
    if n <= 10:
        return _CN_NUM[n]
    if n < 20:
        return "十" + (_CN_NUM[n - 10] if n > 10 else "")
    return _CN_NUM[n // 10] + "十" + (_CN_NUM[n % 10] if n % 10 else "")


def _duration_zh(p, begin, end) -> str:
    months = _ym_diff(begin, end or p["_today"])
    years, rest = divmod(months, 12)
    return (f"{years}年" if years else "") + (f"{rest}个月" if rest else "")


def _salary_zh(p, rng) -> str | None:
    s = p["_salary"]
    kind = s["kind"]
    if kind == "none":
        return None
    if kind == "negotiable":
        return rng.choice(["面议", "薪资面议", "可面议"])
    if kind == "band":
        return f"{s['low']}-{s['high']}元/月"
    if kind == "wan_range":
        return f"{s['low'] / 10_000:g}-{s['high'] / 10_000:g}万/月"
    if kind == "annual":
        return rng.choice([f"{s['yearly'] / 10_000:g}万/年", f"年薪{s['yearly'] / 10_000:g}万"])
    if kind == "annual_range":
        return f"{s['yearly'] / 10_000:g}-{s['yearly_high'] / 10_000:g}万/年"
    if kind == "months":
        return f"{s['monthly'] // 1000}K·{s['pay_months']}薪"
    if kind == "krange":
        return rng.choice([f"{s['low'] // 1000}-{s['high'] // 1000}K", f"{s['low'] // 1000}k-{s['high'] // 1000}k"])
    return rng.choice([f"{s['monthly']}元/月", f"月薪{s['monthly']}元", f"{s['monthly']:,}元/月", f"税前{s['monthly']}元/月"])


def _salary_en(p, rng) -> str | None:
    s = p["_salary"]
    kind = s["kind"]
    if kind in ("none", "negotiable"):
        return None
    if kind == "krange":
        return rng.choice(
            [f"RMB {s['low'] // 1000}K–{s['high'] // 1000}K / month", f"CNY {s['low']:,} - {s['high']:,} per month"]
        )
    if kind == "annual":
        return rng.choice(
            [f"RMB {s['yearly']:,} per annum", f"CNY {s['yearly'] // 1000}k p.a.", f"RMB {s['yearly'] // 1000}k/year"]
        )
    if kind == "annual_range":
        return f"RMB {s['yearly'] // 1000}k–{s['yearly_high'] // 1000}k per year"
    if kind == "months":
        return f"RMB {s['monthly']:,} per month"
    return rng.choice(
        [
            f"RMB {s['monthly']:,}/month",
            f"CNY {s['monthly']:,} monthly",
            f"¥{s['monthly'] // 1000}k per month" if s["monthly"] % 1000 == 0 else f"RMB {s['monthly']:,} per month",
        ]
    )


def _address_zh(p, rng, full: bool) -> str:
    province, city, prefecture, _pe, _ce, district = p["_place"]
    municipality = province == city
    if municipality:
        head = rng.choice([f"{province}市", province])
    else:
        head = (
            (
                f"{province}省"
                if province not in ("内蒙古", "广西", "西藏", "宁夏", "新疆")
                else {
                    "内蒙古": "内蒙古自治区",
                    "广西": "广西壮族自治区",
                    "西藏": "西藏自治区",
                    "宁夏": "宁夏回族自治区",
                    "新疆": "新疆维吾尔自治区",
                }[province]
            )
            if full
            else province
        )
        head += prefecture if full or not prefecture.endswith("市") else city
    return head + (district if district and rng.random() < 0.6 else "")


def _home(place, joiner: str = "") -> str:
    return place[0] if place[0] == place[1] else f"{place[0]}{joiner}{place[1]}"


def _place_en(p) -> str:
    province, city, _prefecture, province_en, city_en, _district = p["_place"]
    return f"{city_en}, China" if province == city else f"{city_en}, {province_en}"


def _duties(p, rng, english: bool, count: int, category: str | None = None) -> list[str]:
    pool = (_DUTIES_EN if english else _DUTIES_ZH)[category or p["_category"]]
    return rng.sample(pool, min(count, len(pool)))


# ---------------------------------------------------------------- layouts
# A layout is a list of blocks: ("name", text), ("line", text), ("small", text), ("head", text),
# ("para", text), ("split", left, right), ("bullet", text), ("pairs", [(label, value)], per_row),
# ("grid", [[cell, ...]], widths), ("gap",).


def _zh_board_export(p: dict, rng: random.Random) -> list[tuple]:
    zhilian = rng.random() < 0.5
    style = rng.randint(0, 3)
    blocks: list[tuple] = [("name", p["full_name"])]
    gender = {"F": "女", "M": "男", None: None}[p["gender"]]
    birth = p["_birth"]
    facts = [gender] if gender else []
    if p["birth_year"] is not None:
        facts.append(f"{_age(p)}岁" if zhilian else f"{_age(p)}岁（{birth[0]}年{birth[1]}月{birth[2]}日）")
        if zhilian:
            facts.append(f"{birth[0]}年{birth[1]}月")
    facts.append(rng.choice(["未婚", "已婚", "保密"]))
    home = p["_hometown"]
    facts.append(f"户口：{_home(home)}" if zhilian else f"户口 {_home(home, '-')}")
    place = p["_place"]
    lives = place[1] + (f"-{place[5]}" if place[5] else "")
    if place[0] != place[1]:
        lives = f"{place[0]}{lives}" if rng.random() < 0.4 else lives
    facts.append(f"现居住地：{lives}" if zhilian else f"现居住 {lives}")
    if zhilian:
        blocks.append(("line", " | ".join(facts)))
        blocks.append(("line", f"{p['_years']}年工作经验 | {p['_level_zh']}"))
        blocks.append(("line", f"手机：{_phone_zh(p, rng)}    E-mail：{p['contact_email']}"))
    else:
        blocks.append(("line", f"{p['_years']}年工作经验 | " + " | ".join(facts)))
        blocks.append(("line", f"电话：{_phone_zh(p, rng)}（手机）"))
        blocks.append(("line", f"E-mail：{p['contact_email']}"))
        begin, _end, employer, title = p["_jobs"][0]
        blocks.append(
            (
                "pairs",
                [
                    ("最近工作", f"（{_duration_zh(p, begin, None)}）"),
                    ("公　司：", employer[0]),
                    ("行　业：", rng.choice(_INDUSTRIES)),
                    ("职　位：", title[0]),
                ],
                2,
            )
        )
        blocks.append(
            (
                "pairs",
                [
                    ("最高学历", ""),
                    ("学　历：", p["_level_zh"]),
                    ("专　业：", p["_major"][0] if p["_major"] else "—"),
                    ("学　校：", p["_school"][0]),
                ],
                2,
            )
        )
    blocks.append(
        ("small", f"ID:{rng.randint(10**8, 10**9 - 1)}    更新时间：2026-{rng.randint(9, 11):02d}-{rng.randint(1, 28):02d}")
    )
    blocks.append(("head", "求职意向"))
    intent = [("期望工作地区：" if zhilian else "期望地点：", place[1])]
    salary = _salary_zh(p, rng)
    if salary:
        intent.append(("期望月薪：" if zhilian else "期望薪资：", salary))
    intent.append(
        ("目前状况：" if zhilian else "求职状态：", rng.choice(["在职，急寻新工作", "在职，看看新机会", "离职，正在找工作"]))
    )
    intent.append(("期望工作性质：" if zhilian else "工作类型：", "全职"))
    if p["desired_role"]:
        intent.append(("期望从事职业：" if zhilian else "职能/职位：", p["desired_role"]))
    intent.append(("期望从事行业：" if zhilian else "行业：", rng.choice(_INDUSTRIES)))
    blocks.append(("pairs", intent, 1))
    if rng.random() < 0.6:
        blocks.append(("head", "自我评价"))
        blocks.append(
            (
                "para",
                rng.choice(
                    [
                        "性格开朗，责任心强，能承受较大的工作压力，善于总结。",
                        "做事踏实认真，有较强的学习能力和执行力。",
                        "目标明确，注重细节，乐于接受挑战，能够快速适应新环境。",
                    ]
                ),
            )
        )
    blocks.append(("head", "工作经历"))
    for begin, end, employer, title in p["_jobs"]:
        period = f"{_zh_ym(begin, style)} - {_zh_ym(end, style)}"
        blocks.append(("split", f"{period}  {employer[0]}", f"（{_duration_zh(p, begin, end)}）"))
        pay = rng.choice(["4001-6000元/月", "6001-8000元/月", "8001-10000元/月", "10001-15000元/月", "保密"])
        blocks.append(("line", f"{title[0]} | {pay}" if zhilian else f"{title[0]}    月薪：{pay}"))
        blocks.append(("small", f"{rng.choice(_INDUSTRIES)} | 企业性质：{rng.choice(_OWNERSHIP)} | 规模：{rng.choice(_SIZES)}"))
        duties = _duties(p, rng, False, rng.randint(1, 3), title[2])
        blocks.append(("para", "工作描述：" + "；".join(duties) + "。"))
    blocks.append(("head", "教育经历"))
    grad = p["_graduated"]
    entered = grad - {"high_school": 3, "associate": 3, "bachelor": 4, "master": 3, "doctorate": 4}[p["_level"]]
    major = p["_major"][0] if p["_major"] else ""
    if p["_level"] in ("master", "doctorate") and rng.random() < 0.6:
        first = grad - (3 if p["_level"] == "master" else 4) - 4
        blocks.append(
            ("line", f"{_zh_ym((entered, 9), style)} - {_zh_ym((grad, 6), style)}  {p['_school'][0]}  {major}  {p['_level_zh']}")
        )
        other = rng.choice([s for s in _SCHOOLS["university"] if s != p["_school"]])
        blocks.append(("line", f"{_zh_ym((first, 9), style)} - {_zh_ym((first + 4, 6), style)}  {other[0]}  {major}  本科"))
    else:
        blocks.append(
            ("line", f"{_zh_ym((entered, 9), style)} - {_zh_ym((grad, 6), style)}  {p['_school'][0]}  {major}  {p['_level_zh']}")
        )
    technical = [
        (form, skill) for form, skill in zip(p["_skills_zh"], p["_skill_ids"], strict=True) if skill not in _LANGUAGE_SKILLS
    ]
    languages = [(form, skill) for form, skill in zip(p["_skills_zh"], p["_skill_ids"], strict=True) if skill in _LANGUAGE_SKILLS]
    if technical:
        blocks.append(("head", "专业技能"))
        for form, _skill in technical:
            blocks.append(
                ("split", form, rng.choice(["熟练", "精通", "良好", "一般"]) + ("" if zhilian else f" | {rng.randint(1, 8)}年"))
            )
    if languages:
        blocks.append(("head", "语言能力"))
        for form, _skill in languages:
            blocks.append(("line", f"{form}：{rng.choice(['读写能力熟练', '听说能力良好', '熟练'])}"))
    return blocks


def _en_onepage(p: dict, rng: random.Random) -> list[tuple]:
    style = rng.randint(0, 3)
    name = p["full_name"]
    blocks: list[tuple] = [("name", name.upper() if rng.random() < 0.4 else name)]
    contact = [_place_en(p), _phone_en(p, rng), p["contact_email"]]
    if rng.random() < 0.5:
        contact.append(f"linkedin.com/in/{p['contact_email'].split('@')[0].replace('.', '-').replace('_', '-')}")
    rng.shuffle(contact)
    blocks.append(("line", " | ".join(contact)))
    if rng.random() < 0.5:
        blocks.append(("head", "Summary"))
        blocks.append(
            (
                "para",
                rng.choice(
                    [
                        "Hands-on professional who likes owning outcomes end to end.",
                        "Calm under deadlines; known for clear writing and careful follow-through.",
                        "Moved from individual work to leading small teams across two employers.",
                    ]
                ),
            )
        )
    blocks.append(("head", rng.choice(["Experience", "Professional Experience", "Work Experience"])))
    dash = rng.choice([" — ", " – ", ", "])
    for begin, end, employer, title in p["_jobs"]:
        when = f"{_en_ym(begin, style)} – {_en_ym(end, style)}"
        if rng.random() < 0.6:
            blocks.append(("line", f"{employer[1]}{dash}{title[1]}, {when}"))
        else:
            blocks.append(("split", f"{employer[1]}{dash}{title[1]}", when))
        for duty in _duties(p, rng, True, rng.randint(2, 3), title[2]):
            blocks.append(("bullet", duty))
    blocks.append(("head", "Education"))
    major = p["_major"][1] if p["_major"] else None
    school = p["_school"][1]
    degree = p["_level_en"] + (f" in {major}" if major else "")
    blocks.append(
        ("line", f"{school} — {degree}, {p['_graduated'] - (4 if p['_level'] == 'bachelor' else 3)} – {p['_graduated']}")
    )
    if p["skills"]:
        blocks.append(("head", "Skills"))
        tools = [f for f, s in zip(p["_skills_en"], p["_skill_ids"], strict=True) if s not in _LANGUAGE_SKILLS]
        spoken = [f for f, s in zip(p["_skills_en"], p["_skill_ids"], strict=True) if s in _LANGUAGE_SKILLS]
        if tools:
            blocks.append(("line", "Languages & Tools: " + ", ".join(tools)))
        if spoken:
            blocks.append(
                (
                    "line",
                    "Spoken: Mandarin (native), " + ", ".join(f"{f} ({rng.choice(['fluent', 'professional'])})" for f in spoken),
                )
            )
    closing = []
    if p["desired_role"]:
        closing.append(f"Target role: {p['desired_role']}")
    salary = _salary_en(p, rng)
    if salary:
        closing.append(f"Expected salary: {salary}")
    personal = []
    if p["gender"]:
        personal.append({"F": "Female", "M": "Male"}[p["gender"]])
    if p["birth_year"]:
        personal.append(f"born {p['birth_year']}")
    if personal:
        closing.append("Personal: " + ", ".join(personal))
    if closing:
        blocks.append(("gap",))
        blocks.append(("small", " · ".join(closing)))
    return blocks


def _bilingual_labels(p: dict, rng: random.Random) -> list[tuple]:
    style = rng.randint(0, 3)
    colon = rng.choice(["：", ": ", " "])
    blocks: list[tuple] = [("name", "个人简历 Resume")]
    rows = [("姓名 Name", p["full_name"])]
    if p["gender"]:
        rows.append(("性别 Gender", {"F": "女 Female", "M": "男 Male"}[p["gender"]]))
    if p["birth_year"]:
        year, month, _day = p["_birth"]
        rows.append(("出生年月 Date of Birth", rng.choice([f"{year}.{month:02d}", f"{year}年{month}月"])))
    rows.append(("手机 Mobile", _phone_zh(p, rng)))
    rows.append(("邮箱 E-mail", p["contact_email"]))
    rows.append(("现居地 Location", _address_zh(p, rng, full=rng.random() < 0.5)))
    rows.append(("籍贯 Native Place", _home(p["_hometown"])))
    rows.append(("最高学历 Degree", f"{p['_level_zh']} {p['_level_en'] if p['_level'] != 'bachelor' else 'Bachelor'}"))
    if p["_major"]:
        rows.append(("专业 Major", p["_major"][0]))
    blocks.append(("pairs", [(label + colon, value) for label, value in rows], 2))
    blocks.append(("head", "求职意向 Career Objective"))
    intent = []
    if p["desired_role"]:
        intent.append(("期望职位 Desired Position", p["desired_role"]))
    salary = _salary_zh(p, rng)
    if salary:
        intent.append(("期望薪资 Expected Salary", salary))
    intent.append(("到岗时间 Availability", rng.choice(["一个月内 Within a month", "随时 Immediately", "两周 Two weeks"])))
    blocks.append(("pairs", [(label + colon, value) for label, value in intent], 1))
    blocks.append(("head", "工作经历 Work Experience"))
    for begin, end, employer, title in p["_jobs"]:
        blocks.append(("line", f"{_zh_ym(begin, style)} — {_zh_ym(end, style)}    {employer[0]}    {title[0]}"))
        for duty in _duties(p, rng, False, 2, title[2]):
            blocks.append(("bullet", duty))
    blocks.append(("head", "教育背景 Education"))
    major = p["_major"][0] if p["_major"] else ""
    grad = p["_graduated"]
    length = {"high_school": 3, "associate": 3, "bachelor": 4, "master": 3, "doctorate": 4}[p["_level"]]
    blocks.append(("line", f"{grad - length}.09 — {grad}.06    {p['_school'][0]}    {major}    {p['_level_zh']}"))
    if p["skills"]:
        blocks.append(("head", "技能证书 Skills & Certificates"))
        mixed = [zh if rng.random() < 0.6 else en for zh, en in zip(p["_skills_zh"], p["_skills_en"], strict=True)]
        blocks.append(("line", "、".join(mixed) if rng.random() < 0.5 else " / ".join(mixed)))
    blocks.append(("head", "自我评价 Self-assessment"))
    blocks.append(("para", "工作认真负责，善于在压力下按时交付。 Reliable, detail-minded and quick to learn."))
    return blocks


def _en_particulars(p: dict, rng: random.Random) -> list[tuple]:
    style = rng.randint(0, 3)
    blocks: list[tuple] = [("name", "CURRICULUM VITAE")]
    blocks.append(("head", "PERSONAL PARTICULARS"))
    rows = [["Name", p["full_name"]]]
    if p["gender"]:
        rows.append(["Gender", {"F": "Female", "M": "Male"}[p["gender"]]])
    if p["birth_year"]:
        year, month, day = p["_birth"]
        rows.append(
            [
                "Date of Birth",
                rng.choice(
                    [f"{day} {_MONTH[month - 1]} {year}", f"{day:02d}/{month:02d}/{year}", f"{_MON[month - 1]} {day}, {year}"]
                ),
            ]
        )
    rows.append(["Nationality", "Chinese"])
    rows.append(["Contact Number", _phone_en(p, rng)])
    rows.append(["Email", p["contact_email"]])
    province, city, _pref, province_en, city_en, district = p["_place"]
    road = rng.choice(["Renmin", "Jiefang", "Zhongshan", "Heping", "Xinhua"])
    street = f"Room {rng.randint(2, 28)}{rng.randint(1, 9):02d}, No. {rng.randint(1, 399)} {road} Road"
    area = (
        f"{_pinyin(district[:-1])} {'District' if district.endswith('区') else 'County'}, "
        if district and district.endswith(("区", "县"))
        else ""
    )
    rows.append(
        ["Current Address", f"{street}, {area}{city_en}" + ("" if province == city else f", {province_en} Province") + ", PRC"]
    )
    major = p["_major"][1] if p["_major"] else None
    rows.append(["Highest Qualification", p["_level_en"] + (f" in {major}" if major else "")])
    begin, _end, employer, title = p["_jobs"][0]
    rows.append(["Present Position", title[1]])
    rows.append(["Present Employer", employer[1]])
    if p["desired_role"]:
        rows.append(["Position Applied For", p["desired_role"]])
    salary = _salary_en(p, rng)
    if salary:
        rows.append(["Expected Salary", salary + rng.choice(["", " (negotiable)"])])
    rows.append(["Availability", rng.choice(["One month's notice", "Immediate", "Two weeks' notice"])])
    blocks.append(("grid", rows, (0.32, 0.68)))
    blocks.append(("head", "EMPLOYMENT HISTORY"))
    history = [["Period", "Company / Position / Duties"]]
    for begin, end, employer, title in p["_jobs"]:
        duties = _duties(p, rng, True, 2, title[2])
        history.append([f"{_en_ym(begin, style)} to {_en_ym(end, style)}", "\n".join([employer[1], title[1], *duties])])
    blocks.append(("grid", history, (0.32, 0.68)))
    blocks.append(("head", "EDUCATION"))
    degree = p["_level_en"] + (f", {major}" if major else "")
    blocks.append(
        ("grid", [["Year", "Institution / Qualification"], [str(p["_graduated"]), f"{p['_school'][1]}\n{degree}"]], (0.32, 0.68))
    )
    if p["skills"]:
        blocks.append(("head", "SKILLS"))
        tools = [f for f, s in zip(p["_skills_en"], p["_skill_ids"], strict=True) if s not in _LANGUAGE_SKILLS]
        spoken = [f for f, s in zip(p["_skills_en"], p["_skill_ids"], strict=True) if s in _LANGUAGE_SKILLS]
        rows = []
        if tools:
            rows.append(["Professional", "; ".join(tools)])
        rows.append(["Languages", ", ".join(["Mandarin (native)", *[f"{s} (good)" for s in spoken]])])
        blocks.append(("grid", rows, (0.32, 0.68)))
    return blocks


def _zh_letter(p: dict, rng: random.Random) -> list[tuple]:
    blocks: list[tuple] = [("line", rng.choice(["自我介绍", "求职信", "个人简介"])), ("gap",)]
    blocks.append(("line", rng.choice(["尊敬的人事部负责人：", "尊敬的领导：", "您好！"])))
    intro = f"本人{p['full_name']}"
    if p["gender"]:
        intro += "，" + {"F": "女", "M": "男"}[p["gender"]]
    if p["birth_year"]:
        year, month, _day = p["_birth"]
        intro += rng.choice([f"，{year}年出生", f"，{year}年{month}月生"])
    intro += f"，现居{_address_zh(p, rng, full=rng.random() < 0.5)}。"
    major = p["_major"][0] if p["_major"] else None
    school = p["_school"][0]
    if p["_level"] == "high_school":
        study = f"{p['_graduated']}年高中毕业。"
    else:
        study = rng.choice(
            [
                f"{p['_graduated']}年毕业于{school}{major}专业，{p['_level_zh']}学历。",
                f"毕业于{school}，所学专业为{major}，{p['_level_zh']}学历，{p['_graduated']}年毕业。",
            ]
        )
    years = p["_years"]
    span = rng.choice(
        [
            f"至今已有{_cn_count(years)}年工作经验",
            f"累计工作{years}年",
            f"从业{_cn_count(years)}年有余" if years < 10 else f"从业{years}年",
        ]
    )
    paragraphs = [intro + study + f"参加工作后一直在企业一线，{span}。"]
    story = []
    jobs = list(reversed(p["_jobs"]))
    for index, (begin, end, employer, title) in enumerate(jobs):
        if end is None:
            verb = rng.choice(
                [
                    f"{begin[0]}年{begin[1]}月加入{employer[0]}，现任{title[0]}",
                    f"目前就职于{employer[0]}（{begin[0]}年{begin[1]}月至今），担任{title[0]}一职",
                ]
            )
        else:
            verb = f"{begin[0]}年{begin[1]}月至{end[0]}年{end[1]}月在{employer[0]}担任{title[0]}"
        duty = _duties(p, rng, False, 1, title[2])[0]
        story.append(f"{'先是' if index == 0 and len(jobs) > 1 else ''}{verb}，{duty}")
    paragraphs.append("；".join(story) + "。")
    if p["skills"]:
        forms = p["_skills_zh"]
        paragraphs.append(
            rng.choice(["工作中熟练掌握", "专业方面，我熟悉", "个人能力上，具备"])
            + "、".join(forms)
            + "等，"
            + rng.choice(["能够独立承担工作。", "并在实际项目中持续运用。"])
        )
    wish = []
    if p["desired_role"]:
        wish.append(rng.choice([f"此次希望应聘贵公司的{p['desired_role']}一职", f"希望能在贵公司从事{p['desired_role']}工作"]))
    s = p["_salary"]
    kind = s["kind"]
    if kind == "negotiable":
        wish.append("薪资可面议")
    elif kind == "point":
        wish.append(
            rng.choice(
                [f"期望月薪{s['monthly']}元", f"期望薪资不低于{s['monthly']}元/月", f"期望月薪{s['monthly'] / 10_000:g}万元左右"]
            )
        )
    elif kind in ("krange", "band", "wan_range"):
        wish.append(f"期望月薪{s['low']}至{s['high']}元")
    elif kind in ("annual", "annual_range"):
        wish.append(f"期望年薪{s['yearly'] / 10_000:g}万元" + ("起" if kind == "annual_range" else ""))
    elif kind == "months":
        wish.append(f"期望月薪{s['monthly'] // 1000}K，{s['pay_months']}薪")
    if wish:
        paragraphs.append("，".join(wish) + "。")
    paragraphs.append(f"如蒙面试，请拨打{_phone_zh(p, rng)}或发邮件至{p['contact_email']}与我联系。")
    for paragraph in paragraphs:
        blocks.append(("para", "　　" + paragraph))
    blocks.extend(
        [
            ("gap",),
            ("line", "此致"),
            ("line", "敬礼！"),
            ("line", p["full_name"]),
            ("line", f"2026年{rng.randint(9, 11)}月{rng.randint(1, 28)}日"),
        ]
    )
    return blocks


_LAYOUT = {
    "zh_board_export": _zh_board_export,
    "en_onepage": _en_onepage,
    "bilingual_labels": _bilingual_labels,
    "en_particulars": _en_particulars,
    "zh_letter": _zh_letter,
    "scan_zh_board_export": _zh_board_export,
}


# ---------------------------------------------------------------- rendering


def _cjk(text: str) -> bool:
    return any(ord(ch) > 0x2E7F for ch in text)


def _text(blocks: list[tuple]) -> bytes:
    lines = []
    for block in blocks:
        kind = block[0]
        if kind in ("name", "line", "small", "para"):
            lines.append(block[1])
        elif kind == "head":
            lines.extend(["", block[1]])
        elif kind == "bullet":
            lines.append(f"- {block[1]}")
        elif kind == "split":
            lines.append(f"{block[1]}    {block[2]}")
        elif kind == "pairs":
            lines.extend(f"{label}{value}" for label, value in block[1])
        elif kind == "grid":
            lines.extend("    ".join(cell.replace("\n", " / ") for cell in row) for row in block[1])
        elif kind == "gap":
            lines.append("")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _docx(blocks: list[tuple]) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    document = Document()
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
    for block in blocks:
        kind = block[0]
        if kind == "name":
            run = document.add_paragraph().add_run(block[1])
            run.bold, run.font.size = True, Pt(20)
        elif kind in ("line", "para"):
            document.add_paragraph(block[1])
        elif kind == "small":
            document.add_paragraph().add_run(block[1]).font.size = Pt(8)
        elif kind == "head":
            document.add_heading(block[1], level=2)
        elif kind == "bullet":
            document.add_paragraph(block[1], style="List Bullet")
        elif kind == "split":
            paragraph = document.add_paragraph(f"{block[1]}\t{block[2]}")
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
        elif kind == "pairs":
            per_row = block[2]
            pairs = block[1]
            table = document.add_table(rows=(len(pairs) + per_row - 1) // per_row, cols=per_row * 2)
            for index, (label, value) in enumerate(pairs):
                row, col = divmod(index, per_row)
                table.cell(row, col * 2).text = label
                table.cell(row, col * 2 + 1).text = value
        elif kind == "grid":
            rows, widths = block[1], block[2]
            table = document.add_table(rows=len(rows), cols=len(widths))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    target = table.cell(r, c)
                    target.width = Cm(17 * widths[c])
                    parts = cell.split("\n")
                    target.text = parts[0]
                    for part in parts[1:]:
                        target.add_paragraph(part)
        elif kind == "gap":
            document.add_paragraph("")
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
    width, height = A4
    left, right = 56, width - 56
    state = {"y": height - 60}

    def font(text: str, bold: bool = False) -> str:
        return "STSong-Light" if _cjk(text) else ("Times-Bold" if bold else "Times-Roman")

    def need(space: float) -> None:
        if state["y"] - space < 50:
            page.showPage()
            state["y"] = height - 60

    def wrap(text: str, face: str, size: float, room: float) -> list[str]:
        if pdfmetrics.stringWidth(text, face, size) <= room:
            return [text]
        cjk = face == "STSong-Light"
        tokens = list(text) if cjk else text.split(" ")
        out, current = [], ""
        for token in tokens:
            trial = current + token if cjk else (f"{current} {token}" if current else token)
            if current and pdfmetrics.stringWidth(trial, face, size) > room:
                out.append(current)
                current = token
            else:
                current = trial
        return [*out, current] if current else out

    def write(text: str, x: float, size: float, room: float, bold: bool = False, lead: float = 1.45) -> None:
        face = font(text, bold)
        for piece in wrap(text, face, size, room):
            need(size * lead)
            page.setFont(face, size)
            page.drawString(x, state["y"], piece)
            state["y"] -= size * lead

    for block in blocks:
        kind = block[0]
        if kind == "name":
            write(block[1], left, 22, right - left, bold=True, lead=1.6)
        elif kind in ("line", "para"):
            write(block[1], left, 10.5, right - left)
        elif kind == "small":
            write(block[1], left, 8, right - left)
        elif kind == "head":
            state["y"] -= 8
            need(30)
            write(block[1], left, 13, right - left, bold=True, lead=1.1)
            page.setLineWidth(0.6)
            page.line(left, state["y"] + 6, right, state["y"] + 6)
            state["y"] -= 8
        elif kind == "bullet":
            need(16)
            page.setFont("Times-Roman", 10.5)
            page.drawString(left + 6, state["y"], "•")
            write(block[1], left + 18, 10.5, right - left - 18)
        elif kind == "split":
            need(16)
            page.setFont(font(block[2]), 10.5)
            page.drawRightString(right, state["y"], block[2])
            write(block[1], left, 10.5, right - left - 120)
        elif kind == "pairs":
            per_row = block[2]
            column = (right - left) / per_row
            for start in range(0, len(block[1]), per_row):
                need(16)
                for index, (label, value) in enumerate(block[1][start : start + per_row]):
                    x = left + index * column
                    page.setFont(font(label), 10.5)
                    page.drawString(x, state["y"], label)
                    shift = pdfmetrics.stringWidth(label, font(label), 10.5) + 4
                    page.setFont(font(value), 10.5)
                    page.drawString(x + shift, state["y"], value)
                state["y"] -= 16
        elif kind == "grid":
            rows, widths = block[1], block[2]
            xs = [left]
            for share in widths:
                xs.append(xs[-1] + share * (right - left))
            for row in rows:
                cells = [
                    [piece for part in cell.split("\n") for piece in wrap(part, font(part), 10, (xs[c + 1] - xs[c]) - 8)]
                    for c, cell in enumerate(row)
                ]
                tall = max(len(c) for c in cells) * 14 + 6
                need(tall)
                top = state["y"] + 11
                for c, lines in enumerate(cells):
                    y = state["y"]
                    for line in lines:
                        page.setFont(font(line), 10)
                        page.drawString(xs[c] + 4, y, line)
                        y -= 14
                    page.rect(xs[c], top - tall, xs[c + 1] - xs[c], tall)
                state["y"] -= tall
            state["y"] -= 6
        elif kind == "gap":
            state["y"] -= 10
    page.save()
    return buffer.getvalue()


def _raster(pdf: bytes, rng: random.Random, dpi: int):
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def _scan_pdf(pdf: bytes, rng: random.Random) -> bytes:
    """Printed, then fed through an office scanner: grey, a little skew, speckles, no text layer."""
    from PIL import Image, ImageFilter
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = _raster(pdf, rng, 200)
    picture = picture.rotate(rng.uniform(-1.0, 1.0), resample=Image.BICUBIC, fillcolor=250, expand=False)
    picture = picture.filter(ImageFilter.GaussianBlur(0.5))
    pixels = picture.load()
    for _ in range(1500):
        pixels[rng.randrange(picture.width), rng.randrange(picture.height)] = rng.randint(90, 200)
    picture = picture.point(lambda value: min(255, int(value * 0.93 + 12)))
    image = io.BytesIO()
    picture.save(image, format="JPEG", quality=70)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawImage(ImageReader(io.BytesIO(image.getvalue())), 0, 0, width=A4[0], height=A4[1])
    page.save()
    return buffer.getvalue()


def _photo(pdf: bytes, rng: random.Random, fmt: str) -> bytes:
    """A phone photo of the printed page: the page on a darker desk, tilted, lit unevenly."""
    from PIL import Image, ImageDraw

    page = _raster(pdf, rng, 160).convert("RGB")
    desk = Image.new("RGB", (page.width + 160, page.height + 200), (118, 104, 92))
    desk.paste(page, (80 + rng.randint(-20, 20), 90 + rng.randint(-20, 20)))
    desk = desk.rotate(rng.uniform(-2.0, 2.0), resample=Image.BICUBIC, fillcolor=(110, 98, 88))
    shade = Image.new("L", desk.size, 0)
    draw = ImageDraw.Draw(shade)
    for step in range(40):
        draw.rectangle([0, step * desk.height // 40, desk.width, (step + 1) * desk.height // 40], fill=int(step * 1.2))
    desk = Image.composite(Image.new("RGB", desk.size, (60, 55, 50)), desk, shade)
    buffer = io.BytesIO()
    if fmt in ("jpg", "jpeg"):
        desk.save(buffer, format="JPEG", quality=rng.randint(72, 88))
    else:
        desk.save(buffer, format="PNG")
    return buffer.getvalue()


_FORMATS = {
    "zh_board_export": ("pdf", "docx"),
    "en_onepage": ("pdf", "docx"),
    "bilingual_labels": ("pdf", "docx"),
    "en_particulars": ("docx", "pdf"),
    "zh_letter": ("docx", "txt"),
    "scan_zh_board_export": ("pdf", "jpg", "png", "jpeg"),
}


def formats(layout: str) -> tuple[str, ...]:
    return _FORMATS[layout]


def blocks(p: dict, layout: str, rng: random.Random) -> list[tuple]:
    return _LAYOUT[layout](p, rng)


def document(p: dict, layout: str, fmt: str, rng: random.Random) -> bytes:
    drawn = blocks(p, layout, rng)
    if layout.startswith("scan_"):
        pdf = _pdf(drawn)
        return _scan_pdf(pdf, rng) if fmt == "pdf" else _photo(pdf, rng, fmt)
    return {"pdf": _pdf, "docx": _docx, "txt": _text}[fmt](drawn)
