"""The demo world that `manage.py seed_demo` creates (DESIGN.md §7).

A plan (`demo_world_plan`) describes the world: jobseekers and their resumes, merchants,
consent notices, products with their source files, and sales. It is pure and
deterministic (one `random.Random(2026)`, fixed names), so every run plans the same
world. `demo_world_seed` then makes the database hold that world, writing only through
the services, and every piece is get-or-create: a second run changes nothing, and a
world that is partly there is completed rather than duplicated.
"""

import csv
import hashlib
import io
import random
from collections import Counter
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, Sum

from accounts import credit_code
from accounts.models import Merchant, User
from accounts.services import merchant_create, merchant_profile_update, merchant_verify
from consent.models import ConsentGrant, ConsentNotice, EducationLevel, Gender, Industry, Purpose, Resume, RoleCategory
from consent.services import consent_grant, notice_publish, resume_confirm, resume_save
from exchange.exceptions import BuildError
from exchange.models import DataProduct, Order, ProductVersion
from exchange.services.builds import version_build, version_build_start
from exchange.services.orders import order_place, order_settle
from exchange.services.products import product_create, product_review, product_submit
from payouts import money
from payouts.models import TopUp
from payouts.selectors import earnings_for_merchant, earnings_for_user, sale_lines_for_user, wallet_balance
from payouts.services import wallet_topup_confirm, wallet_topup_request
from talent.selectors import TalentStatistics, talent_statistics

from .journeys import Journeys

# Printed by `make run` and by the command: these are demo logins, never real ones.
DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105
SEED = 2026
# Ages and experience are planned against a fixed year so that the plan never changes.
REFERENCE_YEAR = 2026
JOBSEEKER_COUNT = 240
ORDER_KEY_PREFIX = "seed-demo:"

JOBSEEKER_EMAIL = "jobseeker@example.com"
PROVIDER_EMAIL = "provider@example.com"
BUYER_EMAIL = "buyer@example.com"
STAFF_EMAIL = "staff@example.com"
DEMO_LOGINS = (
    (JOBSEEKER_EMAIL, "jobseeker portal: /me/"),
    (PROVIDER_EMAIL, "recruiting firm, merchant dashboard: /merchant/"),
    (BUYER_EMAIL, "employer, merchant dashboard: /merchant/"),
    (STAFF_EMAIL, "exchange staff, admin: /admin/"),
)

RECRUITER = "智聘人才 Talent Bridge Recruiting"
EMPLOYER = "云帆示范科技 Cloudsail Demo Technology"
BANK = "招商示范银行 Demo Bank"
MAPS = "四维示范地图 Demo Maps"
POWER_CREDIT = "电力示范征信 Demo PowerCredit"
RETAILER = "鲜果示范零售 Demo Fresh Retail"


# --- The plan ---------------------------------------------------------------------------


def _demo_credit_code(name: str) -> str:
    """A deterministic, valid GB 32100 code for a demo organisation."""
    digits = str(int(hashlib.sha256(name.encode()).hexdigest(), 16))[:9]
    first17 = "91110000" + digits
    return first17 + credit_code.check_character(first17)


@dataclass(frozen=True)
class PersonPlan:
    email: str
    language: str
    resume: dict
    confirmed: bool
    purposes: tuple[str, ...]


@dataclass(frozen=True)
class MerchantPlan:
    name: str
    industry: str
    owner_email: str
    owner_name: str
    is_provider: bool
    is_buyer: bool
    verified: bool
    # (amount in fen, bank transfer reference, confirmed by finance?)
    topups: tuple[tuple[int, str, bool], ...] = ()


@dataclass(frozen=True)
class NoticePlan:
    provider: str
    purpose: str
    fields: dict


@dataclass(frozen=True)
class ProductPlan:
    provider: str
    title: str
    fields: dict
    # "approved": built, submitted and listed; "in_review": built and waiting for staff.
    listing: str
    source: tuple[str, bytes] | None = None
    legal_opinion: tuple[str, bytes] | None = None


@dataclass(frozen=True)
class SalePlan:
    key: str
    buyer: str
    product: str


@dataclass(frozen=True)
class WorldPlan:
    people: list[PersonPlan]
    merchants: list[MerchantPlan]
    notices: list[NoticePlan]
    products: list[ProductPlan]
    sales: list[SalePlan]

    @property
    def user_count(self) -> int:
        """Every login the plan holds: jobseekers, merchant owners and the staff member."""
        return len(self.people) + len(self.merchants) + 1


SURNAMES = (
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("林", "lin"),
    ("高", "gao"),
    ("罗", "luo"),
    ("郑", "zheng"),
    ("梁", "liang"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("许", "xu"),
    ("韩", "han"),
    ("冯", "feng"),
    ("邓", "deng"),
    ("曹", "cao"),
    ("彭", "peng"),
    ("曾", "zeng"),
    ("肖", "xiao"),
    ("田", "tian"),
    ("董", "dong"),
    ("袁", "yuan"),
    ("潘", "pan"),
    ("蒋", "jiang"),
    ("蔡", "cai"),
    ("余", "yu"),
    ("杜", "du"),
    ("叶", "ye"),
    ("程", "cheng"),
    ("苏", "su"),
    ("魏", "wei"),
    ("吕", "lv"),
    ("丁", "ding"),
    ("沈", "shen"),
    ("欧阳", "ouyang"),
    ("司马", "sima"),
)
GIVEN_FEMALE = (
    ("芳", "fang"),
    ("婷", "ting"),
    ("静", "jing"),
    ("敏", "min"),
    ("丽", "li"),
    ("娟", "juan"),
    ("霞", "xia"),
    ("艳", "yan"),
    ("雪", "xue"),
    ("琳", "lin"),
    ("欣", "xin"),
    ("怡", "yi"),
    ("颖", "ying"),
    ("梦", "meng"),
    ("萱", "xuan"),
    ("悦", "yue"),
    ("雯", "wen"),
    ("倩", "qian"),
)
GIVEN_MALE = (
    ("伟", "wei"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("浩", "hao"),
    ("鹏", "peng"),
    ("博", "bo"),
    ("凯", "kai"),
    ("翔", "xiang"),
    ("斌", "bin"),
    ("峰", "feng"),
    ("刚", "gang"),
)
GIVEN_ANY = (
    ("子", "zi"),
    ("一", "yi"),
    ("晓", "xiao"),
    ("嘉", "jia"),
    ("安", "an"),
    ("天", "tian"),
    ("思", "si"),
    ("宇", "yu"),
    ("佳", "jia"),
    ("雨", "yu"),
    ("晨", "chen"),
    ("文", "wen"),
    ("梓", "zi"),
    ("俊", "jun"),
)
ENGLISH_FIRST_FEMALE = (
    "Emily",
    "Sophie",
    "Grace",
    "Linda",
    "Amy",
    "Olivia",
    "Chloe",
    "Hannah",
    "Jessica",
    "Vivian",
    "Cindy",
    "Nina",
)
ENGLISH_FIRST_MALE = ("James", "David", "Michael", "Daniel", "Kevin", "Jason", "Eric", "Ryan", "Andrew", "Tom", "Leo", "Alex")
ENGLISH_SURNAMES = (
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Huang",
    "Lin",
    "Zhou",
    "Wu",
    "Xu",
    "Smith",
    "Miller",
    "Brown",
    "Johnson",
    "Garcia",
    "Kim",
    "Nguyen",
    "Taylor",
)

# (province, weight, cities). Provinces use the short Chinese names the privacy engine's regions use.
# The recruiting firm is based in Shenzhen, so its pool leans to Guangdong and the big coastal cities.
PROVINCES = (
    ("广东", 30, ("深圳", "广州", "东莞", "佛山", "珠海")),
    ("北京", 12, ("北京",)),
    ("上海", 12, ("上海",)),
    ("浙江", 8, ("杭州", "宁波", "温州")),
    ("江苏", 8, ("南京", "苏州", "无锡")),
    ("四川", 5, ("成都", "绵阳")),
    ("湖北", 5, ("武汉", "宜昌")),
    ("山东", 4, ("济南", "青岛", "烟台")),
    ("福建", 4, ("厦门", "福州", "泉州")),
    ("河南", 3, ("郑州", "洛阳")),
    ("湖南", 3, ("长沙", "株洲")),
    ("陕西", 2, ("西安",)),
    ("重庆", 2, ("重庆",)),
    ("天津", 1, ("天津",)),
    ("安徽", 1, ("合肥", "芜湖")),
    ("辽宁", 1, ("沈阳", "大连")),
)
TIER_ONE_CITIES = frozenset({"北京", "上海", "深圳", "广州", "杭州"})
SMALLER_CITIES = frozenset({"宜昌", "烟台", "洛阳", "株洲", "绵阳", "芜湖", "温州", "泉州"})

# (level, weight, age at graduation, salary factor in percent)
EDUCATION = (
    (EducationLevel.HIGH_SCHOOL, 10, 18, 75),
    (EducationLevel.ASSOCIATE, 22, 21, 85),
    (EducationLevel.BACHELOR, 46, 22, 100),
    (EducationLevel.MASTER, 17, 25, 115),
    (EducationLevel.DOCTORATE, 5, 28, 130),
)

ROLE_WEIGHTS = (
    (RoleCategory.ENGINEERING, 28),
    (RoleCategory.DATA, 14),
    (RoleCategory.PRODUCT, 8),
    (RoleCategory.SALES, 20),
    (RoleCategory.FINANCE, 8),
    (RoleCategory.OPERATIONS, 12),
    (RoleCategory.HR, 5),
    (RoleCategory.OTHER, 5),
)
# Monthly base salary in yuan for a junior in an ordinary city with a bachelor's degree.
ROLE_BASE_SALARY = {
    RoleCategory.ENGINEERING: 12_000,
    RoleCategory.DATA: 11_000,
    RoleCategory.PRODUCT: 11_000,
    RoleCategory.SALES: 8_000,
    RoleCategory.FINANCE: 9_000,
    RoleCategory.OPERATIONS: 7_500,
    RoleCategory.HR: 7_000,
    RoleCategory.OTHER: 6_000,
}
ROLE_INDUSTRIES = {
    RoleCategory.ENGINEERING: {
        Industry.INTERNET: 50,
        Industry.MANUFACTURING: 15,
        Industry.FINANCE: 10,
        Industry.HEALTHCARE: 5,
        Industry.EDUCATION: 5,
        Industry.LOGISTICS: 5,
        Industry.RETAIL: 5,
        Industry.PUBLIC: 2,
        Industry.OTHER: 3,
    },
    RoleCategory.DATA: {
        Industry.INTERNET: 45,
        Industry.FINANCE: 25,
        Industry.RETAIL: 10,
        Industry.MANUFACTURING: 5,
        Industry.HEALTHCARE: 5,
        Industry.LOGISTICS: 5,
        Industry.PUBLIC: 2,
        Industry.OTHER: 3,
    },
    RoleCategory.PRODUCT: {
        Industry.INTERNET: 60,
        Industry.RETAIL: 15,
        Industry.FINANCE: 10,
        Industry.EDUCATION: 10,
        Industry.OTHER: 5,
    },
    RoleCategory.SALES: {
        Industry.RETAIL: 25,
        Industry.MANUFACTURING: 20,
        Industry.INTERNET: 15,
        Industry.FINANCE: 15,
        Industry.HEALTHCARE: 10,
        Industry.LOGISTICS: 10,
        Industry.OTHER: 5,
    },
    RoleCategory.FINANCE: {
        Industry.FINANCE: 45,
        Industry.MANUFACTURING: 15,
        Industry.INTERNET: 15,
        Industry.RETAIL: 10,
        Industry.PUBLIC: 5,
        Industry.OTHER: 10,
    },
    RoleCategory.OPERATIONS: {
        Industry.LOGISTICS: 30,
        Industry.RETAIL: 25,
        Industry.MANUFACTURING: 20,
        Industry.INTERNET: 15,
        Industry.OTHER: 10,
    },
    RoleCategory.HR: {
        Industry.INTERNET: 25,
        Industry.MANUFACTURING: 25,
        Industry.RETAIL: 15,
        Industry.FINANCE: 15,
        Industry.EDUCATION: 10,
        Industry.OTHER: 10,
    },
    RoleCategory.OTHER: {
        Industry.EDUCATION: 25,
        Industry.PUBLIC: 20,
        Industry.HEALTHCARE: 20,
        Industry.RETAIL: 15,
        Industry.OTHER: 20,
    },
}

# Job titles (Chinese, English) by role and seniority: junior, mid, senior, lead.
TITLES = {
    RoleCategory.ENGINEERING: (
        (("初级开发工程师", "Junior Software Engineer"), ("测试工程师", "QA Engineer")),
        (
            ("后端开发工程师", "Backend Engineer"),
            ("前端开发工程师", "Frontend Engineer"),
            ("嵌入式软件工程师", "Embedded Software Engineer"),
        ),
        (("高级软件工程师", "Senior Software Engineer"), ("系统架构师", "Systems Architect")),
        (("技术经理", "Engineering Manager"), ("技术总监", "Director of Engineering")),
    ),
    RoleCategory.DATA: (
        (("数据专员", "Data Assistant"),),
        (("数据分析师", "Data Analyst"), ("数据工程师", "Data Engineer")),
        (("高级数据分析师", "Senior Data Analyst"), ("算法工程师", "Machine Learning Engineer")),
        (("数据分析经理", "Analytics Manager"), ("数据总监", "Head of Data")),
    ),
    RoleCategory.PRODUCT: (
        (("产品助理", "Product Assistant"), ("UI设计师", "UI Designer")),
        (("产品经理", "Product Manager"), ("交互设计师", "Interaction Designer")),
        (("高级产品经理", "Senior Product Manager"),),
        (("产品总监", "Director of Product"),),
    ),
    RoleCategory.SALES: (
        (("销售代表", "Sales Representative"), ("市场专员", "Marketing Specialist")),
        (("客户经理", "Account Manager"), ("渠道经理", "Channel Manager")),
        (("大客户经理", "Key Account Manager"), ("市场经理", "Marketing Manager")),
        (("销售总监", "Sales Director"),),
    ),
    RoleCategory.FINANCE: (
        (("会计助理", "Accounting Assistant"),),
        (("会计", "Accountant"), ("财务分析师", "Financial Analyst")),
        (("财务经理", "Finance Manager"), ("审计经理", "Audit Manager")),
        (("财务总监", "Finance Director"),),
    ),
    RoleCategory.OPERATIONS: (
        (("运营专员", "Operations Specialist"), ("物流专员", "Logistics Coordinator")),
        (("运营主管", "Operations Supervisor"), ("供应链专员", "Supply Chain Specialist")),
        (("运营经理", "Operations Manager"), ("采购经理", "Procurement Manager")),
        (("运营总监", "Head of Operations"),),
    ),
    RoleCategory.HR: (
        (("人事专员", "HR Assistant"), ("招聘专员", "Recruiter")),
        (("HRBP", "HR Business Partner"), ("培训主管", "Training Supervisor")),
        (("人力资源经理", "HR Manager"),),
        (("人力资源总监", "HR Director"),),
    ),
    RoleCategory.OTHER: (
        (("行政助理", "Administrative Assistant"), ("客服专员", "Customer Service Representative")),
        (("行政主管", "Office Supervisor"), ("教师", "Teacher")),
        (("项目经理", "Project Manager"),),
        (("总经理助理", "Assistant to the General Manager"),),
    ),
}
SENIORITY_SALARY_PERCENT = (100, 140, 190, 240)

SKILLS_ZH = {
    RoleCategory.ENGINEERING: ("python", "java", "go", "sql", "linux", "docker", "kubernetes", "react", "c++", "git", "微服务"),
    RoleCategory.DATA: ("python", "sql", "excel", "数据分析", "tableau", "spark", "机器学习", "统计建模", "power bi"),
    RoleCategory.PRODUCT: ("项目管理", "axure", "figma", "用户研究", "数据分析", "需求分析", "sql"),
    RoleCategory.SALES: ("sales", "客户关系", "商务谈判", "crm", "excel", "市场营销", "英语"),
    RoleCategory.FINANCE: ("excel", "财务分析", "会计", "sap", "税务", "审计", "cpa"),
    RoleCategory.OPERATIONS: ("项目管理", "供应链", "excel", "物流", "erp", "采购", "数据分析"),
    RoleCategory.HR: ("招聘", "培训", "薪酬福利", "excel", "劳动法", "员工关系"),
    RoleCategory.OTHER: ("excel", "office", "沟通", "客户服务", "行政管理"),
}
SKILLS_EN = {
    RoleCategory.ENGINEERING: (
        "python",
        "java",
        "go",
        "sql",
        "linux",
        "docker",
        "kubernetes",
        "react",
        "c++",
        "git",
        "microservices",
    ),
    RoleCategory.DATA: (
        "python",
        "sql",
        "excel",
        "data analysis",
        "tableau",
        "spark",
        "machine learning",
        "statistical modelling",
    ),
    RoleCategory.PRODUCT: ("project management", "figma", "user research", "data analysis", "requirements analysis", "sql"),
    RoleCategory.SALES: ("sales", "customer relations", "negotiation", "crm", "excel", "marketing", "mandarin"),
    RoleCategory.FINANCE: ("excel", "financial analysis", "accounting", "sap", "tax", "audit", "cpa"),
    RoleCategory.OPERATIONS: ("project management", "supply chain", "excel", "logistics", "erp", "procurement"),
    RoleCategory.HR: ("recruiting", "training", "compensation and benefits", "excel", "labour law"),
    RoleCategory.OTHER: ("excel", "office", "communication", "customer service", "administration"),
}
FIELDS_OF_STUDY = {
    RoleCategory.ENGINEERING: (
        ("计算机科学与技术", "Computer Science"),
        ("软件工程", "Software Engineering"),
        ("电子信息工程", "Electronic Engineering"),
    ),
    RoleCategory.DATA: (("统计学", "Statistics"), ("数学与应用数学", "Mathematics"), ("计算机科学与技术", "Computer Science")),
    RoleCategory.PRODUCT: (
        ("工业设计", "Industrial Design"),
        ("工商管理", "Business Administration"),
        ("软件工程", "Software Engineering"),
    ),
    RoleCategory.SALES: (
        ("市场营销", "Marketing"),
        ("国际经济与贸易", "International Trade"),
        ("工商管理", "Business Administration"),
    ),
    RoleCategory.FINANCE: (("会计学", "Accounting"), ("金融学", "Finance")),
    RoleCategory.OPERATIONS: (("物流管理", "Logistics Management"), ("工商管理", "Business Administration")),
    RoleCategory.HR: (("人力资源管理", "Human Resource Management"), ("心理学", "Psychology")),
    RoleCategory.OTHER: (
        ("汉语言文学", "Chinese Language and Literature"),
        ("行政管理", "Public Administration"),
        ("英语", "English"),
    ),
}
# Fictitious employers: a brand and a suffix that fits the industry.
EMPLOYER_BRANDS = (
    ("星河", "Xinghe"),
    ("远航", "Yuanhang"),
    ("青禾", "Qinghe"),
    ("启明", "Qiming"),
    ("云杉", "Yunshan"),
    ("蓝鲸", "Lanjing"),
    ("拾光", "Shiguang"),
    ("恒信", "Hengxin"),
    ("泰和", "Taihe"),
    ("锦程", "Jincheng"),
    ("知行", "Zhixing"),
    ("瑞峰", "Ruifeng"),
)
EMPLOYER_SUFFIXES = {
    Industry.INTERNET: ("科技有限公司", "Technology Co., Ltd."),
    Industry.FINANCE: ("金融服务有限公司", "Financial Services Co., Ltd."),
    Industry.MANUFACTURING: ("精密制造有限公司", "Precision Manufacturing Co., Ltd."),
    Industry.EDUCATION: ("教育科技有限公司", "Education Co., Ltd."),
    Industry.HEALTHCARE: ("医疗科技有限公司", "Medical Co., Ltd."),
    Industry.RETAIL: ("商贸有限公司", "Trading Co., Ltd."),
    Industry.LOGISTICS: ("供应链管理有限公司", "Supply Chain Co., Ltd."),
    Industry.PUBLIC: ("政务服务中心", "Public Service Centre"),
    Industry.OTHER: ("文化传媒有限公司", "Media Co., Ltd."),
}
MOBILE_PREFIXES = (
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
)


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _seniority(years: int) -> int:
    return 0 if years <= 2 else 1 if years <= 6 else 2 if years <= 13 else 3


def _salary(rng: random.Random, *, role: str, seniority: int, city: str, education_percent: int) -> int:
    """Monthly expected salary in yuan, rounded to ¥500 (integer arithmetic throughout)."""
    city_percent = 125 if city in TIER_ONE_CITIES else 85 if city in SMALLER_CITIES else 100
    noise_percent = rng.randint(85, 115)
    salary = ROLE_BASE_SALARY[role] * SENIORITY_SALARY_PERCENT[seniority] * city_percent * education_percent * noise_percent
    return max(3_000, salary // 100**4 // 500 * 500)


def _chinese_name(rng: random.Random, gender: str) -> tuple[str, str]:
    """(name, pinyin) of a 姓 + one- or two-character 名."""
    surname, surname_py = rng.choice(SURNAMES)
    pool = GIVEN_FEMALE if gender == Gender.FEMALE else GIVEN_MALE if gender == Gender.MALE else GIVEN_ANY
    if rng.random() < 0.4:
        given, given_py = rng.choice(pool)
    else:
        (first, first_py), (second, second_py) = rng.choice(GIVEN_ANY + pool), rng.choice(pool)
        given, given_py = first + second, first_py + second_py
    return surname + given, f"{surname_py}{given_py}"


def _english_name(rng: random.Random, gender: str) -> str:
    pool = (
        ENGLISH_FIRST_FEMALE
        if gender == Gender.FEMALE
        else ENGLISH_FIRST_MALE
        if gender == Gender.MALE
        else (ENGLISH_FIRST_FEMALE + ENGLISH_FIRST_MALE)
    )
    return f"{rng.choice(pool)} {rng.choice(ENGLISH_SURNAMES)}"


def _person(rng: random.Random, number: int) -> PersonPlan:
    english = rng.random() < 0.18
    gender = _weighted(rng, ((Gender.FEMALE, 48), (Gender.MALE, 48), (Gender.UNSPECIFIED, 4)))
    birth_year = round(rng.triangular(1970, 2004, 1995))
    age = REFERENCE_YEAR - birth_year
    # Degrees take time: nobody holds one younger than its graduation age.
    education, _weight, graduation_age, education_percent = _weighted(rng, [(row, row[1]) for row in EDUCATION if row[2] <= age])
    years = max(0, age - graduation_age - rng.choice((0, 0, 0, 1, 1, 2, 3, 5)))
    seniority = _seniority(years)
    role = _weighted(rng, ROLE_WEIGHTS)
    industry = _weighted(rng, ROLE_INDUSTRIES[role].items())
    province, _weight, cities = _weighted(rng, [(row, row[1]) for row in PROVINCES])
    city = rng.choice(cities)
    title_zh, title_en = rng.choice(TITLES[role][seniority])
    desired_zh, desired_en = rng.choice(TITLES[role][min(3, seniority + rng.choice((0, 1, 1)))])
    skills = rng.sample((SKILLS_EN if english else SKILLS_ZH)[role], rng.randint(3, 5))
    if rng.random() < 0.3:
        skills.append(rng.choice(("excel", "office", "英语") if not english else ("excel", "office", "english")))
    study_zh, study_en = rng.choice(FIELDS_OF_STUDY[role])
    brand_zh, brand_en = rng.choice(EMPLOYER_BRANDS)
    suffix_zh, suffix_en = EMPLOYER_SUFFIXES[industry]
    if english:
        full_name = _english_name(rng, gender)
        email = f"{full_name.lower().replace(' ', '.')}.{number:03d}@example.com"
        employer = f"{brand_en} {suffix_en}"
        title, desired, study = title_en, desired_en, study_en
    else:
        full_name, pinyin = _chinese_name(rng, gender)
        email = f"{pinyin}.{number:03d}@example.com"
        employer = f"{city}{brand_zh}{suffix_zh}"
        title, desired, study = title_zh, desired_zh, study_zh
    resume = {
        "full_name": full_name,
        "phone": f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**8):08d}",
        "contact_email": email,
        "current_employer": employer if years else "",
        "birth_year": birth_year,
        "gender": gender,
        "province": province,
        "city": city,
        "education_level": education,
        "field_of_study": "" if education == EducationLevel.HIGH_SCHOOL else study,
        "years_experience": years,
        "current_title": title if years else "",
        "industry": industry,
        "role_category": role,
        "desired_role": desired,
        "expected_salary": _salary(rng, role=role, seniority=seniority, city=city, education_percent=education_percent),
        "skills": skills,
    }
    # About 85% agree to the records purpose, about 60% to statistics, some to neither.
    records = rng.random() < 0.85
    statistics = rng.random() < (0.66 if records else 0.25)
    purposes = tuple(p for p, given in ((Purpose.RECORDS, records), (Purpose.STATISTICS, statistics)) if given)
    return PersonPlan(
        email=email, language="en" if english else "zh-hans", resume=resume, confirmed=rng.random() < 0.96, purposes=purposes
    )


# The demo login's values are the commonest in the population, so that k-anonymity keeps
# them in every records product and their portal shows sales.
DEMO_JOBSEEKER = PersonPlan(
    email=JOBSEEKER_EMAIL,
    language="zh-hans",
    resume={
        "full_name": "林晓雯",
        "phone": "13800138000",
        "contact_email": JOBSEEKER_EMAIL,
        "current_employer": "深圳星河科技有限公司",
        "birth_year": 1995,
        "gender": Gender.FEMALE,
        "province": "广东",
        "city": "深圳",
        "education_level": EducationLevel.BACHELOR,
        "field_of_study": "计算机科学与技术",
        "years_experience": 8,
        "current_title": "高级软件工程师",
        "industry": Industry.INTERNET,
        "role_category": RoleCategory.ENGINEERING,
        "desired_role": "技术经理",
        "expected_salary": 25_000,
        "skills": ["python", "java", "sql", "docker", "项目管理"],
    },
    confirmed=True,
    purposes=(Purpose.RECORDS, Purpose.STATISTICS),
)


def _merchants() -> list[MerchantPlan]:
    return [
        MerchantPlan(
            RECRUITER, Merchant.Industry.RECRUITING, PROVIDER_EMAIL, "周婷", is_provider=True, is_buyer=False, verified=True
        ),
        MerchantPlan(
            EMPLOYER,
            Merchant.Industry.EMPLOYER,
            BUYER_EMAIL,
            "陈浩",
            is_provider=False,
            is_buyer=True,
            verified=True,
            topups=((5_000_000, "CMB-20260105-0001", True),),
        ),
        MerchantPlan(
            BANK,
            Merchant.Industry.BANKING,
            "bank@example.com",
            "王磊",
            is_provider=False,
            is_buyer=True,
            verified=True,
            topups=((20_000_000, "CMB-20260106-0002", True),),
        ),
        MerchantPlan(
            MAPS, Merchant.Industry.MAPPING, "maps@example.com", "赵敏", is_provider=True, is_buyer=False, verified=True
        ),
        MerchantPlan(
            POWER_CREDIT, Merchant.Industry.CREDIT, "credit@example.com", "孙悦", is_provider=True, is_buyer=False, verified=True
        ),
        # Staff have work waiting: a merchant to verify and a transfer to confirm.
        MerchantPlan(
            RETAILER,
            Merchant.Industry.EMPLOYER,
            "retail@example.com",
            "何静",
            is_provider=False,
            is_buyer=True,
            verified=False,
            topups=((1_000_000, "ICBC-20260110-0042", False),),
        ),
    ]


NOTICE_COMMON = {
    "handler_contact": "个人信息保护负责人 Privacy officer: privacy-talentbridge@example.com, 0755-8600 0000",
    "retention": "3 年或至您撤回同意 · 3 years, or until you withdraw",
    "revenue_share": (
        "每笔销售额的 30% 按权重分给该版本包含的全体成员 · 30% of every sale is split among all members of the version, by weight"
    ),
}
NOTICES = [
    NoticePlan(
        provider=RECRUITER,
        purpose=Purpose.RECORDS,
        fields={
            "title_zh": "简历用于去标识化数据产品的告知书",
            "title_en": "Notice: your resume as a de-identified record in data products",
            "body_zh": (
                "个人信息处理者：智聘人才 Talent Bridge Recruiting（下称“我们”）。\n"
                "处理目的：经您单独同意，我们将您的简历去标识化后，作为一条记录放入数据产品，"
                "通过数据交易所出售给经交易所核验的雇主。\n"
                "接收方：经核验的雇主和用人单位；他们收到的数据不含您的姓名、电话、邮箱、证件号、雇主和学校名称。\n"
                "处理方式：删除直接标识；对年龄、性别、省份、学历、工作年限、期望薪资、行业、岗位类别进行泛化，"
                "使每组至少 5 人（k-匿名）；删除少于 5 人拥有的技能。\n"
                "使用字段：出生年份（转为年龄段）、性别、省份、学历、工作年限、期望薪资、行业、岗位类别、技能。\n"
                "保存期限：3 年，或至您撤回同意时止；撤回后新版本不再包含您，含有您的旧版本停止销售。\n"
                "收益分成：每笔销售额的 30% 进入数据主体收益池，按权重分给该版本的全体成员，每笔都在您的账户中列明。\n"
                "您可随时一键撤回同意；拒绝或撤回不影响您使用本平台的其他服务，也不影响撤回前已获得的收益。"
            ),
            "body_en": (
                'Personal information handler: 智聘人才 Talent Bridge Recruiting ("we").\n'
                "Purpose: with your separate consent, we de-identify your resume and include it as one record in data "
                "products sold through the exchange to employers the exchange has verified.\n"
                "Recipients: verified employers. They never receive your name, phone, e-mail, ID number, employer or school.\n"
                "Methods: direct identifiers are removed; age, gender, province, education, experience, expected salary, "
                "industry and role category are generalised until every group holds at least 5 people (k-anonymity); "
                "skills held by fewer than 5 people are removed.\n"
                "Fields used: birth year (as an age band), gender, province, education level, years of experience, "
                "expected salary, industry, role category, skills.\n"
                "Retention: 3 years, or until you withdraw; new versions leave you out and versions that hold you stop selling.\n"
                "Revenue share: 30% of every sale goes to a pool split by weight among all members of the version sold; "
                "each sale is itemised in your account.\n"
                "You can withdraw at any time with one click. Declining or withdrawing never limits the rest of the service "
                "and never takes back what you have already earned."
            ),
            "recipients": "经交易所核验的雇主 · Employers verified by the exchange",
            "processing_methods": (
                "去标识化、k-匿名泛化（k ≥ 5）、罕见技能删除 · "
                "De-identification, k-anonymous generalisation (k ≥ 5), suppression of rare skills"
            ),
            "fields_used": (
                "年龄段、性别、省份、学历、工作年限、期望薪资、行业、岗位类别、技能 · "
                "Age band, gender, province, education, experience, expected salary, industry, role category, skills"
            ),
            **NOTICE_COMMON,
        },
    ),
    NoticePlan(
        provider=RECRUITER,
        purpose=Purpose.STATISTICS,
        fields={
            "title_zh": "简历用于统计分析与批准查询的告知书",
            "title_en": "Notice: your resume in aggregate statistics and approved queries",
            "body_zh": (
                "个人信息处理者：智聘人才 Talent Bridge Recruiting（下称“我们”）。\n"
                "处理目的：经您单独同意，我们用您的简历计算汇总统计（如各省各岗位的薪资分布），"
                "并允许经核验的商户在交易所内运行经批准的查询模板；离开交易所的只有汇总结果。\n"
                "接收方：经交易所核验的商户（雇主、金融机构等），只收到汇总数字，从不收到任何一条个人记录。\n"
                "处理方式：每人最多贡献一行；结果加入差分隐私噪声；少于 10 人的结果不予发布；"
                "每次发布都计入每个人的隐私预算，超出预算的查询将被拒绝。\n"
                "使用字段：出生年份、性别、省份、城市、学历、工作年限、期望薪资、行业、岗位类别、技能。\n"
                "保存期限：3 年，或至您撤回同意时止；撤回后您不再参与任何新的统计或查询。\n"
                "收益分成：每笔销售额的 30% 进入数据主体收益池，按权重分给参与该产品的全体成员。\n"
                "您可随时一键撤回同意；拒绝或撤回不影响您使用本平台的其他服务。"
            ),
            "body_en": (
                'Personal information handler: 智聘人才 Talent Bridge Recruiting ("we").\n'
                "Purpose: with your separate consent, we use your resume to compute aggregate statistics (such as salary "
                "ranges by province and role) and let verified merchants run approved query templates inside the exchange; "
                "only aggregates leave it.\n"
                "Recipients: merchants verified by the exchange (employers, financial institutions); they receive numbers "
                "about groups, never a record about you.\n"
                "Methods: each person contributes at most one row; results carry differential-privacy noise; results about "
                "fewer than 10 people are suppressed; every release is charged to each person's privacy budget and queries "
                "beyond it are refused.\n"
                "Fields used: birth year, gender, province, city, education level, years of experience, expected salary, "
                "industry, role category, skills.\n"
                "Retention: 3 years, or until you withdraw; after that you are left out of every new statistic and query.\n"
                "Revenue share: 30% of every sale goes to a pool split by weight among all members of the product.\n"
                "You can withdraw at any time with one click; declining or withdrawing never limits the rest of the service."
            ),
            "recipients": "经交易所核验的商户（雇主、金融机构） · Verified merchants (employers, financial institutions)",
            "processing_methods": (
                "差分隐私汇总、最少 10 人阈值、隐私预算 · "
                "Differentially private aggregates, threshold of 10 people, privacy budget"
            ),
            "fields_used": (
                "出生年份、性别、省份、城市、学历、工作年限、期望薪资、行业、岗位类别、技能 · "
                "Birth year, gender, province, city, education, experience, expected salary, industry, role category, skills"
            ),
            **NOTICE_COMMON,
        },
    ),
]


def _notice_languages(fields: dict) -> dict:
    """The plan writes each detail as "中文 · English"; the notice keeps each language in its own field."""
    split = dict(fields)
    for name in ConsentNotice.DETAILS:
        chinese, _dot, english = fields[name].partition(" · ")
        split[name], split[f"{name}_en"] = chinese.strip(), english.strip()
    return split


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF of plain ASCII lines (the legal opinions' stand-in documents)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 16 TL 64 780 Td " + " ".join(f"({escape(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)


def _legal_opinion(product_title_en: str) -> bytes:
    return _pdf(
        [
            "Legal opinion (demo document)",
            "",
            "To: the compliance desk of the data exchange",
            f"Re: {product_title_en}, offered by Talent Bridge Recruiting",
            "",
            "We have reviewed the consent notice, the processing records and the privacy report.",
            "Each person in the product gave separate consent for this purpose under a published notice;",
            "direct identifiers are removed and the released table is k-anonymous with the stated k.",
            "In our opinion the listing complies with the PIPL, Articles 13, 14, 23 and 73.",
            "",
            "Demo Law Firm, Shenzhen - this document is sample data for the demo world.",
        ]
    )


def _csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _tenths(value: int) -> str:
    """An integer count of tenths as a decimal string: -35 -> "-3.5"."""
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    return f"{sign}{whole}.{tenth}"


CITY_DISTRICTS = (
    ("广东", "深圳", ("福田区", "罗湖区", "南山区", "宝安区", "龙岗区", "龙华区", "盐田区", "坪山区", "光明区")),
    ("广东", "广州", ("天河区", "越秀区", "海珠区", "荔湾区", "白云区", "番禺区", "黄埔区", "花都区")),
    ("北京", "北京", ("东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "通州区", "昌平区")),
    ("上海", "上海", ("黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "浦东新区", "闵行区")),
    ("浙江", "杭州", ("上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区")),
    ("四川", "成都", ("锦江区", "青羊区", "金牛区", "武侯区", "成华区", "双流区")),
    ("湖北", "武汉", ("江岸区", "江汉区", "武昌区", "洪山区", "汉阳区")),
)
# (category, typical points of interest in a district)
POI_CATEGORIES = (
    ("餐饮", 2_000),
    ("购物", 1_800),
    ("生活服务", 1_500),
    ("医疗保健", 300),
    ("科教文化", 400),
    ("交通设施", 500),
    ("金融网点", 150),
    ("酒店住宿", 200),
)


def _poi_counts(rng: random.Random) -> bytes:
    rows = []
    for province, city, districts in CITY_DISTRICTS:
        for district in districts:
            density_percent = rng.randint(40, 200)
            for category, typical in POI_CATEGORIES:
                count = typical * density_percent * rng.randint(80, 120) // 10_000
                opened = count * rng.randint(2, 9) // 100
                closed = count * rng.randint(1, 7) // 100
                rows.append(["2025Q4", province, city, district, category, count, opened, closed])
    header = ["period", "province", "city", "district", "poi_category", "poi_count", "opened_in_quarter", "closed_in_quarter"]
    return _csv(header, rows)


CREDIT_SECTORS = ("制造业", "批发和零售业", "住宿和餐饮业", "信息技术服务业", "建筑业", "交通运输和仓储业")
# (scale, weight, smallest and largest average monthly kWh)
COMPANY_SCALES = (("小微", 60, 2_000, 30_000), ("中型", 30, 30_000, 400_000), ("大型", 10, 400_000, 5_000_000))


def _power_credit_scores(rng: random.Random, count: int = 360) -> bytes:
    rows = []
    for _ in range(count):
        scale, _weight, low, high = _weighted(rng, [(row, row[1]) for row in COMPANY_SCALES])
        province = _weighted(rng, [(row[0], row[1]) for row in PROVINCES])
        yoy_tenths = rng.randint(-350, 450)
        # Most companies pay on time; a long tail does not.
        on_time_tenths = max(600, 1000 - int(rng.expovariate(1 / 40)))
        months = rng.randint(12, 60)
        score = 250 + (on_time_tenths - 600) + max(-150, min(yoy_tenths, 200)) // 5 + months * 2 + rng.randint(-60, 60)
        score = max(350, min(850, score))
        grade = "A" if score >= 750 else "B" if score >= 650 else "C" if score >= 550 else "D"
        rows.append(
            [
                f"PC{rng.getrandbits(40):010X}",
                province,
                rng.choice(CREDIT_SECTORS),
                scale,
                rng.randint(low, high),
                _tenths(yoy_tenths),
                _tenths(on_time_tenths),
                months,
                score,
                grade,
            ]
        )
    header = [
        "company_id",
        "province",
        "sector",
        "scale",
        "avg_monthly_kwh",
        "kwh_yoy_change_pct",
        "on_time_payment_pct",
        "months_observed",
        "power_credit_score",
        "risk_grade",
    ]
    return _csv(header, rows)


RECORDS_LICENCE = (
    "仅限被许可方内部招聘与人才规划使用；不得尝试重新识别任何个人，不得与其他数据关联以识别个人，不得转售。"
    "成员撤回同意后，所含版本停止交付，被许可方应删除已下载的副本。\n"
    "For the licensee's own recruiting and workforce planning only. No attempt to re-identify anyone, no linking "
    "with other data to identify people, no resale. When a member withdraws consent the version stops being "
    "delivered and the licensee deletes any copy it holds."
)
DATASET_LICENCE = (
    "被许可方内部使用，期限一年；不得转售或公开发布原始数据。\n"
    "Internal use by the licensee for one year; no resale or publication of the raw data."
)


def _products(rng: random.Random) -> list[ProductPlan]:
    records = {
        "kind": DataProduct.Kind.RECORDS,
        "category": DataProduct.Category.TALENT,
        "purpose": Purpose.RECORDS,
        "licence": RECORDS_LICENCE,
    }
    talent_en = "Jobseeker Records 2026 Q1 (de-identified)"
    salary_en = "Expected Salary by Role Category (de-identified)"
    senior_en = "Experienced Professionals by Age and Education (de-identified)"
    return [
        ProductPlan(
            provider=RECRUITER,
            title=f"求职者去标识化简历库 2026Q1 · {talent_en}",
            fields={
                **records,
                "description": (
                    "经求职者单独同意的简历，去除直接标识后按年龄段、性别和学历泛化，每组至少 5 人，附至少 5 人共有的技能。\n"
                    "Resumes of jobseekers who consented to this purpose, without direct identifiers, generalised by age band, "
                    "gender and education so that every group holds at least 5 people; skills shared by at least 5 people "
                    "included."
                ),
                "price_fen": 300_000,
                "k": 5,
                "max_suppression_bps": 1_000,
                "quasi_identifiers": ["age", "gender", "education_level"],
                "include_skills": True,
            },
            listing="approved",
            legal_opinion=("legal-opinion-jobseeker-records-2026q1.pdf", _legal_opinion(talent_en)),
        ),
        ProductPlan(
            provider=RECRUITER,
            title=f"岗位类别期望薪资分布 · {salary_en}",
            fields={
                **records,
                "description": (
                    "按岗位类别和期望月薪段泛化的求职者记录，每组至少 6 人，用于薪酬对标。\n"
                    "Jobseeker records by role category and expected monthly salary band, at least 6 people in every group: "
                    "for pay benchmarking."
                ),
                "price_fen": 180_000,
                "k": 6,
                "max_suppression_bps": 800,
                "quasi_identifiers": ["role_category", "expected_salary"],
                "include_skills": False,
            },
            listing="approved",
            legal_opinion=("legal-opinion-salary-expectations.pdf", _legal_opinion(salary_en)),
        ),
        ProductPlan(
            provider=RECRUITER,
            title=f"资深人才年龄与学历画像 · {senior_en}",
            fields={
                **records,
                "description": (
                    "按年龄段、学历和工作年限泛化的求职者记录，每组至少 8 人，附常见技能。等待交易所合规审核。\n"
                    "Jobseeker records generalised by age band, education and experience, at least 8 people in every group, "
                    "with common skills. Awaiting the exchange's compliance review."
                ),
                "price_fen": 240_000,
                "k": 8,
                "max_suppression_bps": 500,
                "quasi_identifiers": ["age", "education_level", "years_experience"],
                "include_skills": True,
            },
            listing="in_review",
            legal_opinion=("legal-opinion-experienced-professionals.pdf", _legal_opinion(senior_en)),
        ),
        ProductPlan(
            provider=MAPS,
            title="重点城市分区 POI 统计 2025Q4 · Points of Interest by District, 2025 Q4",
            fields={
                "kind": DataProduct.Kind.DATASET,
                "category": DataProduct.Category.MAPS,
                "description": (
                    "七个重点城市各区的兴趣点数量（餐饮、购物、医疗、交通、金融网点等），含本季度新开与关闭数，用于选址与商圈分析。\n"
                    "Points of interest per district in seven major cities (dining, shopping, healthcare, transport, bank "
                    "branches, ...), with openings and closures in the quarter: for site selection and trade-area analysis."
                ),
                "price_fen": 680_000,
                "licence": DATASET_LICENCE,
            },
            listing="approved",
            source=("poi-by-district-2025q4.csv", _poi_counts(rng)),
        ),
        ProductPlan(
            provider=POWER_CREDIT,
            title="企业用电信用评分 2025-12 · Company Credit Scores from Electricity Use, 2025-12",
            fields={
                "kind": DataProduct.Kind.DATASET,
                "category": DataProduct.Category.CREDIT,
                "description": (
                    "基于用电量、用电增长和缴费及时率的企业信用评分（匿名企业编号），覆盖小微、中型和大型企业，用于授信前评估。\n"
                    "Credit scores for companies (anonymised ids) from electricity consumption, its growth and on-time bill "
                    "payment, across small, medium and large firms: for pre-lending assessment."
                ),
                "price_fen": 980_000,
                "licence": DATASET_LICENCE,
            },
            listing="approved",
            source=("power-credit-scores-2025-12.csv", _power_credit_scores(rng)),
        ),
    ]


def _sales(products: list[ProductPlan]) -> list[SalePlan]:
    talent, salary, _senior, poi, credit = (plan.title for plan in products)
    return [
        SalePlan("employer-talent", EMPLOYER, talent),
        SalePlan("employer-salary", EMPLOYER, salary),
        SalePlan("employer-poi", EMPLOYER, poi),
        SalePlan("bank-credit", BANK, credit),
        SalePlan("bank-poi", BANK, poi),
        SalePlan("bank-talent", BANK, talent),
    ]


def demo_world_plan() -> WorldPlan:
    """The whole demo world, the same on every call."""
    rng = random.Random(SEED)
    people = [DEMO_JOBSEEKER] + [_person(rng, number) for number in range(1, JOBSEEKER_COUNT)]
    products = _products(rng)
    return WorldPlan(people=people, merchants=_merchants(), notices=NOTICES, products=products, sales=_sales(products))


# --- Seeding ----------------------------------------------------------------------------


@dataclass
class SeedResult:
    """What this run added or completed, by kind of thing (empty: the world was already there)."""

    changes: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return sum(self.changes.values()) > 0


class _Seeder:
    def __init__(self, plan: WorldPlan) -> None:
        self.plan = plan
        self.result = SeedResult()
        self._password_hash: str | None = None
        self.staff: User | None = None
        self.merchants: dict[str, Merchant] = {}
        self.owners: dict[str, User] = {}
        self.products: dict[str, DataProduct] = {}

    def note(self, what: str, count: int = 1) -> None:
        self.result.changes[what] += count

    @property
    def password_hash(self) -> str:
        # One PBKDF2 hash shared by every demo login: hashing ~250 passwords one by one
        # would take most of a minute, and the password is published anyway.
        if self._password_hash is None:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    def user_ensure(
        self,
        email: str,
        *,
        kind: str,
        display_name: str = "",
        language: str = "zh-hans",
        existing: User | None = None,
        staff: bool = False,
    ) -> User:
        user = existing or User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create(
                email=email,
                password=self.password_hash,
                kind=kind,
                display_name=display_name,
                language=language,
                is_staff=staff,
                is_superuser=staff,
            )
            self.note("users")
        address, created = EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if created:
            self.note("verified e-mail addresses")
        elif not (address.verified and address.primary):
            EmailAddress.objects.filter(pk=address.pk).update(verified=True, primary=True)
            self.note("verified e-mail addresses")
        return user

    # Exchange staff, merchants and their wallets.

    def staff_ensure(self) -> None:
        self.staff = self.user_ensure(STAFF_EMAIL, kind=User.Kind.STAFF, display_name="交易所运营 Exchange Ops", staff=True)

    def merchants_ensure(self) -> None:
        for plan in self.plan.merchants:
            owner = self.user_ensure(plan.owner_email, kind=User.Kind.MERCHANT, display_name=plan.owner_name)
            merchant = Merchant.objects.filter(name=plan.name).first()
            if merchant is None:
                merchant = merchant_create(
                    owner=owner, name=plan.name, industry=plan.industry, is_provider=plan.is_provider, is_buyer=plan.is_buyer
                )
                self.note("merchants")
            if plan.verified and not merchant.is_verified:
                if not merchant.credit_code:
                    # Verification needs a valid unified social credit code (issue 5).
                    merchant_profile_update(
                        merchant=merchant,
                        by=owner,
                        credit_code=_demo_credit_code(plan.name),
                        contact_name=plan.owner_name,
                        contact_phone="010-8888 0000",
                    )
                merchant_verify(merchant=merchant, by=self.staff)
                self.note("merchant verifications")
            self.merchants[plan.name] = merchant
            self.owners[plan.name] = owner
            for amount_fen, reference, confirmed in plan.topups:
                topup = TopUp.objects.filter(merchant=merchant, bank_reference=reference).first()
                if topup is None:
                    topup = wallet_topup_request(merchant=merchant, amount_fen=amount_fen, bank_reference=reference, by=owner)
                    self.note("top-ups")
                if confirmed and topup.status == TopUp.Status.REQUESTED:
                    wallet_topup_confirm(topup=topup, by=self.staff)
                    self.note("top-up confirmations")

    # Consent notices, jobseekers, resumes and grants.

    def notices_ensure(self) -> dict[tuple[str, str], ConsentNotice]:
        notices = {}
        for plan in self.plan.notices:
            provider = self.merchants[plan.provider]
            notice = ConsentNotice.objects.filter(provider=provider, purpose=plan.purpose, version=1).first()
            if notice is None:
                # There is no service for drafting a notice (staff write them in the admin); publishing is one.
                notice = ConsentNotice.objects.create(
                    provider=provider, purpose=plan.purpose, version=1, **_notice_languages(plan.fields)
                )
                self.note("consent notices")
            if not notice.is_published:
                notice_publish(notice=notice, by=self.owners[plan.provider])
                self.note("notice publications")
            # Grants are given against the newest published version, as the portal shows it.
            notices[(plan.provider, plan.purpose)] = (
                ConsentNotice.objects.filter(provider=provider, purpose=plan.purpose, published_at__isnull=False)
                .order_by("-version")
                .first()
            )
        return notices

    def people_ensure(self, notices: dict[tuple[str, str], ConsentNotice]) -> None:
        emails = [person.email for person in self.plan.people]
        users = {user.email: user for user in User.objects.filter(email__in=emails)}
        resumes = {
            resume.owner_id: resume for resume in Resume.objects.filter(owner__email__in=emails).only("id", "owner_id", "status")
        }
        # A consent once given counts, withdrawn or not: the person who withdrew is never asked again.
        granted = set(
            ConsentGrant.objects.filter(user__email__in=emails, provider=self.merchants[RECRUITER]).values_list(
                "user_id", "purpose"
            )
        )
        verified = set(EmailAddress.objects.filter(email__in=emails, verified=True, primary=True).values_list("email", flat=True))
        for person in self.plan.people:
            user = users.get(person.email)
            if user is None or person.email not in verified:
                user = self.user_ensure(
                    person.email,
                    kind=User.Kind.JOBSEEKER,
                    display_name=person.resume["full_name"],
                    language=person.language,
                    existing=user,
                )
            resume = resumes.get(user.pk)
            if resume is None:
                resume = resume_save(user=user, data=person.resume)
                self.note("resumes")
            if person.confirmed and resume.status != Resume.Status.CONFIRMED:
                resume_confirm(resume=resume)
                self.note("resume confirmations")
            for purpose in person.purposes:
                if (user.pk, purpose) not in granted:
                    consent_grant(user=user, notice=notices[(RECRUITER, purpose)], language=person.language)
                    self.note("consent grants")

    # Products, their builds and their review.

    def products_ensure(self) -> None:
        for plan in self.plan.products:
            provider = self.merchants[plan.provider]
            owner = self.owners[plan.provider]
            product = DataProduct.objects.filter(provider=provider, title=plan.title).first()
            if product is None:
                files = {}
                if plan.source:
                    files["source_file"] = ContentFile(plan.source[1], name=plan.source[0])
                if plan.legal_opinion:
                    files["legal_opinion"] = ContentFile(plan.legal_opinion[1], name=plan.legal_opinion[0])
                product = product_create(provider=provider, by=owner, title=plan.title, **plan.fields, **files)
                self.note("products")
            if product.status in (DataProduct.Status.DRAFT, DataProduct.Status.REJECTED):
                self.version_ready(product, by=owner)
                product = product_submit(product=product, by=owner)
                self.note("product submissions")
            if plan.listing == "approved" and product.status == DataProduct.Status.IN_REVIEW:
                product = product_review(
                    product=product,
                    by=self.staff,
                    approve=True,
                    notes="法律意见书、隐私报告和同意覆盖率已核查。Legal opinion, privacy report and consent coverage checked.",
                )
                self.note("product approvals")
            self.products[plan.title] = product

    def version_ready(self, product: DataProduct, *, by: User) -> ProductVersion:
        """The product's current ready version, building one now if there is none."""
        version = product.versions.filter(status=ProductVersion.Status.READY).order_by("-number").first()
        if version is not None:
            return version
        version = version_build_start(product=product, by=by)
        version.refresh_from_db()
        if version.status == ProductVersion.Status.QUEUED:
            # The build task runs after commit, and perhaps no worker is running: build here.
            # The task, when it comes, finds the version claimed and does nothing.
            version = version_build(version_id=version.pk)
        if version.status != ProductVersion.Status.READY:
            raise BuildError(f"Building “{product.title}” v{version.number} ended {version.status}: {version.error}")
        self.note("product versions")
        return version

    # Sales.

    def sales_ensure(self) -> None:
        for plan in self.plan.sales:
            buyer = self.merchants[plan.buyer]
            key = f"{ORDER_KEY_PREFIX}{plan.key}"
            order = Order.objects.filter(buyer=buyer, idempotency_key=key).first()
            if order is None:
                order = order_place(
                    buyer=buyer, product=self.products[plan.product], by=self.owners[plan.buyer], idempotency_key=key
                )
                self.note("orders")
            if order.status == Order.Status.PAID:
                # Settlement is a task after commit; settle here so the world is complete now.
                order_settle(order_id=order.pk)
                self.note("settlements")


@transaction.atomic
def demo_world_seed(*, plan: WorldPlan | None = None) -> SeedResult:
    """Make the database hold the demo world: create what is missing, complete what is half done.

    Runs in one transaction, so a failure leaves nothing half-made; tasks the services
    enqueue run after commit and find their work already done.
    """
    seeder = _Seeder(plan or demo_world_plan())
    seeder.staff_ensure()
    seeder.merchants_ensure()
    notices = seeder.notices_ensure()
    seeder.people_ensure(notices)
    seeder.products_ensure()
    seeder.sales_ensure()
    Journeys(seeder).run()
    return seeder.result


# --- Summary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoWorldSummary:
    jobseekers: int
    confirmed_resumes: int
    consents: dict[str, int]
    merchants_verified: int
    merchants_pending: int
    listed_by_kind: dict[str, int]
    in_review: int
    orders_settled: int
    turnover_fen: int
    jobseeker_sales: int
    jobseeker_pending_micros: int
    jobseeker_available_micros: int
    provider_pending_micros: int
    provider_available_micros: int
    buyer_wallet_micros: int
    talent: TalentStatistics | None = None


def demo_world_summary() -> DemoWorldSummary:
    """Figures for the command's closing report."""
    jobseeker = User.objects.filter(email=JOBSEEKER_EMAIL).first()
    provider = Merchant.objects.filter(name=RECRUITER).first()
    buyer = Merchant.objects.filter(name=EMPLOYER).first()
    merchants = Merchant.objects.aggregate(
        verified=Count("id", filter=Q(status=Merchant.Status.VERIFIED)),
        pending=Count("id", filter=Q(status=Merchant.Status.PENDING)),
    )
    settled = Order.objects.filter(status=Order.Status.SETTLED).aggregate(count=Count("id"), total=Sum("price_fen"))
    return DemoWorldSummary(
        jobseekers=User.objects.filter(kind=User.Kind.JOBSEEKER).count(),
        confirmed_resumes=Resume.objects.filter(status=Resume.Status.CONFIRMED).count(),
        consents=dict(
            ConsentGrant.objects.filter(withdrawn_at__isnull=True)
            .values("purpose")
            .annotate(n=Count("id"))
            .values_list("purpose", "n")
        ),
        merchants_verified=merchants["verified"],
        merchants_pending=merchants["pending"],
        listed_by_kind=dict(
            DataProduct.objects.filter(status=DataProduct.Status.APPROVED)
            .values("kind")
            .annotate(n=Count("id"))
            .values_list("kind", "n")
        ),
        in_review=DataProduct.objects.filter(status=DataProduct.Status.IN_REVIEW).count(),
        orders_settled=settled["count"],
        turnover_fen=settled["total"] or 0,
        jobseeker_sales=len(sale_lines_for_user(user=jobseeker)) if jobseeker else 0,
        jobseeker_pending_micros=earnings_for_user(user=jobseeker).pending if jobseeker else 0,
        jobseeker_available_micros=earnings_for_user(user=jobseeker).available if jobseeker else 0,
        provider_pending_micros=earnings_for_merchant(merchant=provider).pending if provider else 0,
        provider_available_micros=earnings_for_merchant(merchant=provider).available if provider else 0,
        buyer_wallet_micros=wallet_balance(merchant=buyer) if buyer else 0,
        talent=talent_statistics(),
    )


def demo_world_report(summary: DemoWorldSummary) -> list[str]:
    """The summary as lines for a terminal."""
    listed = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.listed_by_kind.items()))
    return [
        f"  jobseekers: {summary.jobseekers} ({summary.confirmed_resumes} confirmed resumes; active consents: "
        f"records {summary.consents.get(Purpose.RECORDS, 0)}, statistics {summary.consents.get(Purpose.STATISTICS, 0)})",
        f"  merchants: {summary.merchants_verified} verified, {summary.merchants_pending} awaiting verification",
        f"  products listed: {sum(summary.listed_by_kind.values())} ({listed}); in review: {summary.in_review}",
        f"  orders settled: {summary.orders_settled}, turnover {money.format_fen(summary.turnover_fen)}",
        f"  {JOBSEEKER_EMAIL}: {summary.jobseeker_sales} sales, {money.format_micros(summary.jobseeker_pending_micros)} pending, "
        f"{money.format_micros(summary.jobseeker_available_micros)} available",
        f"  {RECRUITER}: {money.format_micros(summary.provider_pending_micros)} pending earnings, "
        f"{money.format_micros(summary.provider_available_micros)} available",
        f"  {EMPLOYER}: wallet {money.format_micros(summary.buyer_wallet_micros)}",
        *(
            [
                f"  talent pool: {talent.pool} people; invitations open {talent.open}, accepted {talent.accepted}, "
                f"declined {talent.declined}, expired {talent.expired}"
            ]
            if (talent := summary.talent)
            else []
        ),
    ]
