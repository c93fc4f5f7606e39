"""Parse resume text (Chinese or English) into fields shaped after the JSON Resume schema.

Plain Python (no Django). `parse_resume(text)` returns a JSON Resume-shaped dict
(`basics`, `education`, `work`, `skills`, an `x-exchange` block with the fields the
exchange needs that JSON Resume has no slot for, and `x-confidence`: how sure the parser
is of each flat field, 0 for a field it did not find); `flat_fields(parsed)` turns it into
the Resume model's flat fields. The parser only proposes: the person reviews and corrects
every field before anything is used.

How it reads: the text is cut into sections by their headings (a known heading, in either
language, on a line of its own; "# " marks a heading the extractor saw by its font or
style). Each field is then taken from the first extractor that finds it, strongest first:
a labelled line or table cell ("期望薪资：20K"), a sentence that states it ("Seeking a
Senior Data Analyst role", "8年工作经验"), and last what the layout implies (the first
line is the name; years of experience are summed from the work history). Places come
from China's administrative divisions (cpca, with pinyin), phone numbers from
phonenumbers, titles, degrees, majors and skills are mapped onto the vocabularies with
rapidfuzz, and Chinese text is segmented with jieba using the vocabularies as its
dictionary.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from . import scripts
from .places import place_in
from .salaries import SALARY_WORDS as _SALARY_WORDS
from .salaries import salary_in_text, salary_monthly, salary_negotiable

SKILLS_FILE = Path(__file__).resolve().parent.parent / "privacy" / "data" / "skills.json"
VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.json"

# How sure each kind of evidence makes the parser; the review page asks the person to check
# anything below LOW_CONFIDENCE first.
LABELLED, SENTENCE, LAYOUT, INFERRED = 0.95, 0.8, 0.65, 0.5
LOW_CONFIDENCE = 0.7

LABELS = {
    "name": ["姓名", "名字", "name", "full name", "候选人", "候选人姓名", "candidate", "candidate name"],
    "phone": ["手机", "电话", "联系电话", "手机号", "手机号码", "mobile", "phone", "tel", "telephone", "cell"],
    "email": ["邮箱", "电子邮箱", "电子邮件", "email", "e-mail", "mail"],
    "birth": ["出生年份", "出生日期", "出生年月", "出生", "生日", "born", "birth year", "date of birth", "year of birth",
              "birthday", "dob", "birth"],
    "age": ["年龄", "age"],
    "gender": ["性别", "gender", "sex"],
    "location": ["现居地", "现居", "现居住地", "所在地", "居住地", "所在城市", "城市", "地址", "现居城市", "居住城市", "通讯地址",
                 "联系地址", "家庭住址", "家庭地址", "现住址", "居住地址", "所在地区", "目前所在地", "现所在地",
                 "location", "city", "based in", "address", "residence", "current location",
                 "current city", "home", "home address", "current address", "lives in"],
    # Where a person would like to work: a weak hint of where they live, read only when nothing says it.
    "wanted_place": ["期望城市", "期望地点", "工作地点", "意向城市", "期望工作地点", "期望工作城市", "desired location",
                     "preferred location", "preferred city", "willing to work in", "期望工作地区", "期望地区", "意向地区",
                     "期望工作地"],
    # Where a person comes from is not where they live: a hometown or household register is read as such.
    "hometown": ["籍贯", "户籍", "户口", "户口所在地", "户籍所在地", "户籍地", "出生地", "生源地", "birthplace", "place of birth",
                 "hometown", "native place", "hukou"],
    # When a job was held: the dates are read from the value; the label names nobody's employer.
    "period": ["任职时间", "在职时间", "工作时间", "起止时间", "就职时间", "时间", "period", "dates", "duration",
               "employment period"],
    # Labels of a form that the exchange does not keep; known, so that their values are never read as anything else.
    "unused": ["民族", "政治面貌", "婚姻状况", "婚否", "健康状况", "身高", "体重", "工作性质", "到岗时间", "求职状态",
               "期望工作性质", "工作类型", "目前状况", "当前状况", "目前状态", "当前状态", "期望从事行业", "期望行业", "意向行业",
               "行业", "所属行业", "期望行业", "industry", "报考单位", "岗位代码", "职位代码", "报考岗位代码", "是否服从调剂",
               "奖惩情况", "参加工作时间", "毕业时间",
               # A recruiter's report: the pay now is not the pay wanted, and the consultant is not the candidate.
               "目前年薪", "当前年薪", "目前薪资", "当前薪资", "目前月薪", "当前月薪", "现薪资", "现年薪", "current salary",
               "推荐顾问", "顾问", "猎头顾问", "客户", "报告日期", "离职原因",
               "nationality", "ethnicity", "marital status", "political status", "height", "weight", "availability", "job type",
               "notice period", "type of business or sector", "sector", "main activities and responsibilities",
               "self-assessment", "organisational skills and competences", "organizational skills",
               "social skills and competences", "communication skills and competences"],
    "education": ["学历", "最高学历", "education level", "degree", "highest degree", "highest education", "education",
                  "highest qualification", "qualification", "academic qualification", "title of qualification awarded",
                  "qualification awarded"],
    "school": ["毕业院校", "学校", "院校", "毕业学校", "school", "university", "institution", "college",
               "name and type of organisation providing education and training",
               "name and type of organization providing education and training"],
    # One cell for both: "毕业院校及专业  兰州大学  财务管理" (the school's name ends at its 大学/学院).
    "school_field": ["毕业院校及专业", "毕业学校及专业", "院校及专业", "学校及专业", "毕业院校及所学专业", "毕业院校/专业",
                     "毕业院校与专业", "school and major"],
    "field": ["专业", "所学专业", "主修", "major", "field of study", "field", "discipline", "subject", "principal subjects",
              "principal subjects / occupational skills covered"],
    "years": ["工作年限", "工作经验", "经验", "从业年限", "years of experience", "experience", "work experience",
              "total experience", "years"],
    "salary": ["期望薪资", "期望月薪", "期望工资", "期望年薪", "薪资要求", "期望薪酬", "薪资期望", "期望待遇", "薪资待遇",
               "期望收入", "目标薪资", "月薪要求", "expected salary", "expected compensation", "salary range", "desired pay",
               "salary expectation", "desired salary", "salary", "expected pay", "target salary", "compensation"],
    "desired": ["期望职位", "求职意向", "意向岗位", "目标职位", "期望岗位", "应聘职位", "应聘岗位", "意向职位", "求职岗位",
                "desired role", "desired position", "objective", "target role", "target position", "seeking",
                "position sought", "job target", "looking for", "career objective", "applying for", "目标岗位", "期望从事",
                "期望工作", "期望职业", "求职目标", "求职方向", "意向工作", "目标工作", "应聘", "desired job", "target job",
                "preferred role", "preferred position", "position desired", "position applied for", "role sought",
                "job objective", "career goal", "期望从事职业", "期望从事岗位", "期望从事职位", "期望从事工作",
                "报考岗位", "报考职位", "应征职位", "position applied", "申请职位", "推荐职位", "推荐岗位",
                "desired employment", "desired employment / occupational field"],
    "skills": ["技能", "专业技能", "技能特长", "技能证书", "技术栈", "掌握技能", "语言能力", "外语水平", "外语", "语言",
               "外语能力", "个人特长", "特长", "专业特长", "技能标签",
               "skills", "key skills", "technical skills", "languages", "language skills",
               "core skills", "tools", "skill set", "expertise", "computer skills", "computer skills and competences",
               "technical skills and competences", "job-related skills", "digital skills", "other language(s)",
               "other languages", "foreign languages"],
    # The mother tongue: a skill only when it is not Chinese (every job seeker here speaks that).
    "mother_tongue": ["母语", "mother tongue", "mother tongue(s)", "native language", "first language"],
    # A driving licence is a skill whatever its class ("Driving licence  C1", "驾照：C1").
    "driving": ["驾照", "驾驶证", "驾驶执照", "driving licence", "driving license", "driver's license", "driver's licence"],
    # Certificates name a skill only by the vocabulary's names ("PMP", "六西格玛绿带"); the rest are no skills.
    "certificates": ["证书", "资格证书", "获奖证书", "所获证书", "职业资格", "专业技术资格", "职业资格证书",
                     "certificates", "certifications", "certificate"],
    "employer": ["公司", "当前公司", "现工作单位", "现单位", "现任职单位", "现就职单位", "目前公司", "目前单位", "现公司",
                 "所在公司", "公司名称", "单位", "工作单位", "单位名称", "任职公司", "就职公司",
                 "current employer", "employer", "company", "current company", "company name", "organisation", "organization",
                 "name and address of employer", "name of employer", "employer's name", "employer name"],
    "title": ["职位", "当前职位", "现任职务", "现职务", "现任职位", "现任岗位", "目前职位", "目前职务", "现职位",
              "职务", "职位名称", "担任职位", "所任职位", "岗位", "岗位名称", "任职岗位", "current title",
              "title", "job title", "position", "current position", "position held", "occupation or position held",
              "occupation"],
}  # fmt: skip
_LABEL_OF = {name: field for field, names in LABELS.items() for name in names}

_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w\-]+(?:\.[\w\-]+)*\.(?:com|cn|net|org|io|me)(?:/\S*)?\b", re.I)
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
PHONE_RE = re.compile(r"(?<!\d)(?:\+?86[\s\-]?)?(1[3-9]\d[\s\-]?\d{4}[\s\-]?\d{4})(?!\d)")
RESIDENT_ID_RE = re.compile(r"(?<!\d)\d{6}(19\d{2}|20\d{2})(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])\d{3}[\dXx](?!\d)")
_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_YM = (
    r"(?:(?P<{p}y>(?:19|20)\d{{2}})\s*(?:[年./\-]\s*(?P<{p}m>\d{{1,2}})(?!\d)\s*月?|年)?"
    r"|(?P<{p}mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\.?,?\s*"
    r"(?P<{p}y2>(?<=\s)(?:19|20)\d{{2}}|['’‘]\d{{2}}(?!\d))"  # "Mar 2019", and "Mar '19" with the century left out
    r"|(?P<{p}m3>\d{{1,2}})\s*/\s*(?P<{p}y3>(?:19|20)\d{{2}}))"
)
_PRESENT = r"(?P<now>至今|迄今|今|现在|目前|present|now|current|today|date|so far)"
# "2019.03 - 至今", "Nov 2016 - to date", "Jan 2020 – till now": the marks between the dates may be several words.
DATE_RANGE_RE = re.compile(
    _YM.format(p="s")
    + r"(?:\s*(?:-|–|—|~|～|至|到|\bto\b|\buntil\b|\btill\b|\bup to\b))+\s*(?:"
    + _PRESENT
    + "|"
    + _YM.format(p="e")
    + ")",
    re.IGNORECASE,
)
COMPANY_RE = re.compile(
    r"(有限责任公司|股份有限公司|有限公司|公司|集团|银行|医院|研究院|研究所|事务所|工作室|中心|工厂|"
    r"\bCo\.?,?\s*Ltd\.?|\bLtd\b\.?|\bLimited\b|\bInc\b\.?|\bLLC\b|\bL\.L\.C\.|\bCorp\b\.?|\bCorporation\b|\bGroup\b|"
    r"\bCompany\b|\bBank\b|\bHospital\b|\bTechnologies\b|\bGmbH\b|\bPLC\b|\bLLP\b|\bPte\b\.?|\bPty\b\.?|\bHoldings\b)",
    re.IGNORECASE,
)
TITLE_WORD_RE = re.compile(
    r"(工程师|经理|总监|主管|专员|助理|分析师|设计师|会计|出纳|顾问|架构师|科学家|代表|主任|总裁|总经理|店长|讲师|教师|"
    r"运营|策划|开发|程序员|审计师|规划师|实习生|组长|负责人|文员|司机|教师|老师|护士|技术员|编辑|翻译|律师|医生|药师|采购员|调度|质检员|"
    r"仓管员|跟单员|业务员|销售员|"
    r"班长|队长|领班|技师|护师|焊工|电工|钳工|车工|厨师|面点师|保安|保洁员|普工|操作工|装配工|维修工|收银员|营业员|导购|"
    r"服务员|快递员|配送员|"
    r"\b(?:engineer|developer|manager|director|analyst|designer|accountant|specialist|consultant|architect|scientist|"
    r"representative|lead|head|officer|assistant|intern|administrator|executive|coordinator|supervisor|recruiter|"
    r"auditor|programmer|owner|vp|president|cashier|bookkeeper|controller|statistician|marketer|buyer|dispatcher|planner|"
    r"clerk|teacher|nurse|technician|editor|writer|translator|tutor|lawyer|attorney|pharmacist|physician|surveyor|"
    r"strategist|merchandiser|underwriter|actuary|economist|researcher|receptionist|secretary|trainer|instructor|"
    r"advisor|adviser|foreman|operator|inspector)s?\b)",
    re.IGNORECASE,
)
SCHOOL_RE = re.compile(r"(大学|学院|学校|中学|University|College|Institute|School|Academy|Polytechnic)", re.I)
_SENTENCE_END = re.compile(r"[。！？!?；;]|[.](?:\s|$)")
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_ZH_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ZH_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
    "廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁"
    "岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾"
    "尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛"
    "仲虞敖巩明佘池查麻苑迟邝"
)
_ZH_COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "公孙", "夏侯", "尉迟", "长孙", "司徒", "端木", "独孤",
    "南宫", "万俟", "闻人", "轩辕", "钟离", "宇文", "鲜于", "闾丘", "司空", "亓官", "司寇", "澹台", "公冶", "宗政", "濮阳",
    "淳于", "单于", "太叔", "申屠", "公羊", "赫连", "仲孙", "乐正", "呼延", "百里", "东郭", "西门", "拓跋", "梁丘", "左丘",
    "第五",
)  # fmt: skip
_HEADLINE_WORDS = re.compile(r"(简历|resume|curriculum vitae|\bcv\b|个人简历|求职)", re.I)
_PROFICIENCY = re.compile(
    r"^(?:熟练掌握|熟练使用|熟练运用|熟悉|精通|掌握|了解|擅长|会使用|能够使用|熟练|良好|一般|较好|入门|"
    r"proficient (?:in|with)|familiar with|"
    r"skilled in|experienced (?:in|with)|knowledge of|expert in|good at|strong|advanced|fluent in|working knowledge of)\s*",
    re.I,
)
_NOT_A_SKILL = re.compile(
    r"(\d+\s*\+?\s*(?:年|years?|yrs?)|经验|experience|岁|years? old|负责|responsible|工作|work(?:ed|ing)?\b|我|\bi\b|"
    r"\bmy\b|期望|薪|salary|出生|born|邮箱|电话|phone|e-?mail|\S@\S|http|www\.)",  # a lone "@" is a misread bullet
    re.I,
)


# ---------------------------------------------------------------- vocabularies


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


@cache
def vocabulary() -> dict:
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    data["title_list"] = [(title, category) for category, titles in data["titles"].items() for title in titles]
    data["section_of"] = {name.lower(): section for section, names in data["sections"].items() for name in names}
    data["degree_of"] = {name.lower(): level for level, names in data["degrees"].items() for name in names}
    return data


@cache
def _skill_scanner() -> re.Pattern:
    """One regex finding any vocabulary skill name (three characters or more) inside a phrase."""
    _by_id, lookup = skills_vocabulary()
    names = sorted((name for name in lookup if len(name) >= 3), key=len, reverse=True)
    parts = []
    for name in names:
        escaped = re.escape(name)
        if re.match(r"[a-z0-9]", name):
            escaped = r"(?<![a-z0-9])" + escaped
        if re.search(r"[a-z0-9+#]$", name):
            escaped += r"(?![a-z0-9])"
        parts.append(escaped)
    return re.compile("|".join(parts), re.IGNORECASE)


@cache
def _segmenter():
    """A jieba tokenizer that knows the vocabulary's skills, titles and majors as words."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    _by_id, lookup = skills_vocabulary()
    words = set(lookup) | {title for title, _c in vocabulary()["title_list"]} | set(vocabulary()["majors"])
    for word in words:
        if re.search(r"[\u4e00-\u9fff]", word):
            tokenizer.add_word(word, freq=200000)
    return tokenizer


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


def skills_split(values: list[str]) -> tuple[list[str], list[str]]:
    """(vocabulary skill ids, other skills) from normalised names, each in the order given.

    Only vocabulary skills are skills to the exchange (matched, counted, released in products); a name outside
    the vocabulary is the person's own words, kept apart as "other skills" for their profile and never a category.
    """
    by_id, _lookup = skills_vocabulary()
    known, other = [], []
    for value in values:
        (known if value in by_id else other).append(value)
    return known, other


def skill_labels(ids: list[str], language: str) -> list[str]:
    """Each skill's name in the reader's language (a vocabulary id is a code, never shown as such)."""
    by_id, _lookup = skills_vocabulary()
    key = "zh" if language.startswith("zh") else "en"
    return [by_id[skill][key] if skill in by_id else skill for skill in ids]


# Words that say how well someone knows a skill, not what the skill is.
_LEVEL_WORDS_EN = r"expert|advanced|intermediate|basic|beginner|proficient|fluent|native|good|excellent|strong"
_LEVEL_WORDS_ZH = r"熟练|精通|熟悉|掌握|了解|良好|一般|优秀|入门|较好"
# How well a skill is known, written after it: "Python（熟练）", "SQL - advanced", "Excel: 5 years", "Java 精通".
_SKILL_LEVEL = re.compile(
    r"(?:\s*[:：\-–—,，]\s*|\s+|(?<=[A-Za-z0-9+#.]))"
    rf"(?:(?:{_LEVEL_WORDS_EN})(?:\s+level)?|"
    rf"{_LEVEL_WORDS_ZH}|"
    r"\d+(?:\.\d+)?\s*\+?\s*(?:years?|yrs?|年)(?:以上)?(?:经验)?)$"
    r"|\s*[（(\[][^)）\]]*[)）\]]$"
    r"|\s+\d{1,3}\s*%$|\s*[■□●○◆◇★☆▇█▓▒░]{2,}$",  # a skill bar: "Sketch 90%", "Python ■■■■□"
    re.I,
)


# A word that says how well, not what: "良好 | 2年" under a list of skills, "Fluent" on a line of its own.
_LEVEL_ONLY = re.compile(
    rf"(?:(?:读写|听说|口语|书面|阅读|写作|听力)(?:能力)?\s*)?(?:{_LEVEL_WORDS_EN}|{_LEVEL_WORDS_ZH}|较强)"
    r"|(?:understanding|speaking|writing|listening|reading)?\s*[ABC][12]",  # "读写能力精通", "听说良好", a CEFR level
    re.I,
)
# How long a skill was used, in a column of its own ("36个月", "5 years"): no skill.
_DURATION_ONLY = re.compile(r"\d+(?:\.\d+)?\s*\+?\s*(?:个月|月|年|years?|yrs?|months?|mos?)(?:以上|多)?", re.I)
# The heading of a group of skills inside the skills section: "Professional", "Technical skills", "语言能力".
_SKILL_GROUP = re.compile(
    r"(?:professional|technical|personal|soft|hard|other|core|key|general|computer|it|language|languages|tools?|"
    r"certificates?|certifications?|spoken|written)(?:\s+(?:skills?|tools?|languages?))?|专业技能|语言能力|其他|其它",
    re.I,
)


# Chinese as the person's mother tongue ("Mandarin (native)", "普通话（母语）"): what every Chinese job seeker speaks,
# no skill to offer. A foreign language, even a native one, stays a skill.
_CHINESE_LANGUAGE = re.compile(r"mandarin|chinese|putonghua|普通话|汉语|中文", re.I)
_NATIVE_CHINESE = re.compile(
    r"(?:mandarin|chinese|mandarin chinese|putonghua|普通话|汉语|中文)\s*[:：\-–—,，]?\s*[(（]?\s*"
    r"(?:native|native speaker|native or bilingual(?: proficiency)?|mother tongue|first language|母语)\s*[)）]?|"
    r"(?:native|母语)\s*[:：\-–—]?\s*(?:mandarin|chinese|普通话|汉语|中文)|"
    # 普通话, with the grade of its test or none (普通话二级甲等, Putonghua Level 2A), is a native speaker's word
    r"(?:普通话|putonghua)\s*[(（]?\s*(?:(?:水平|测试|等级)*\s*[一二三123]\s*级\s*[甲乙]?\s*等?|level\s*[123]\s*[ab]?)?\s*[)）]?",
    re.I,
)


def _skill_ids(part: str) -> list[str]:
    """Vocabulary skills named in one listed item; an unknown item counts only if it is shaped like a skill."""
    _by_id, lookup = skills_vocabulary()
    bare = _PROFICIENCY.sub("", part.strip().strip(_BULLETS + ".。:： ")).strip()
    group = re.match(r"^([^:：]{1,24}?)\s*[:：]\s*(?=\S)", bare)
    if group and _LEVEL_ONLY.fullmatch(bare[group.end() :].strip()):
        bare = group.group(1)  # "英语（雅思7.0）：读写能力精通", "Japanese: fluent": the skill, then how well
    elif group and group.group(1).lower() not in lookup:
        bare = bare[group.end() :]  # "Spoken: Japanese", "Tools & platforms: Jira": the group's name goes
    if _LEVEL_ONLY.fullmatch(bare) or _SKILL_GROUP.fullmatch(bare) or _NATIVE_CHINESE.fullmatch(bare):
        return []
    if re.fullmatch(r"[（(\[][^)）\]]*[)）\]]", bare) or _DURATION_ONLY.fullmatch(bare):
        return []  # an aside alone ("（5年3个月）"), a duration in a matrix's column ("36个月"): how long, not what
    while bare.lower() not in lookup:  # "Python (advanced)", "Python（熟练，3年）", "SQL - intermediate"; "Visual Basic" stays
        shorter = _SKILL_LEVEL.sub("", bare).strip()
        if shorter == bare or not shorter:
            break
        bare = shorter
    if not bare or _CHINESE_LANGUAGE.fullmatch(bare):
        return []  # "普通话（流利）", "Mandarin (fluent)": Chinese at any level is what every job seeker here speaks
    key = bare.lower()
    if key in lookup:
        return [lookup[key]]
    named = list(_skill_scanner().finditer(bare))
    found = [lookup[m.group(0).lower()] for m in named]
    rest = _skill_scanner().sub(" ", bare)
    if re.search(r"[\u4e00-\u9fff]", bare):
        tokens = [token for token in _segmenter().lcut(rest) if token.lower() in lookup]
        found += [lookup[token.lower()] for token in tokens]
        for token in tokens:
            rest = rest.replace(token, " ")
    if _NOT_A_SKILL.search(rest):
        return []  # "8 years of experience in data analysis" states experience; it lists no skill
    if found:
        return list(dict.fromkeys(found))
    if len(bare) > 60:
        return []  # a long run of words names only the vocabulary skills found in it
    from rapidfuzz import fuzz, process

    match = process.extractOne(key, list(lookup), scorer=fuzz.ratio, score_cutoff=90)
    if match:
        return [lookup[match[0]]]
    if _looks_like_skill(bare):
        return [key]
    return []


def _looks_like_skill(value: str) -> bool:
    """Free text never becomes a skill: an unknown item is kept only if it reads like a tool or ability's name."""
    if len(value) > 30 or _NOT_A_SKILL.search(value) or _SENTENCE_END.search(value):
        return False
    if SCHOOL_RE.search(value) or COMPANY_RE.search(value) or education_level(value):
        return False  # a school, an employer or a degree set among the skills by a page's columns
    if re.search(r"[\[\]{}<>〈〉()（）]", value) or re.fullmatch(r"[a-z]{1,2}", value):
        return False  # a stray bracket, two lower-case letters: a scan's specks, not a tool's name
    if re.search(r"[\u4e00-\u9fff]", value):
        if re.search(r"[\u4e00-\u9fff]\s+[A-Za-z]|[A-Za-z]\s+[\u4e00-\u9fff]", value):
            return False  # "隆 FF": two scripts apart, a misread mark, not a name ("Java开发" is written together)
        return 2 <= len(value) <= 10 and not re.search(r"[的了是在和与及]", value)
    words = value.split()
    return 1 <= len(words) <= 3 and not re.search(r"\d{3,}", value) and bool(re.match(r"[A-Za-z]", value))


# ---------------------------------------------------------------- lines and sections


_CID = re.compile(r"\(cid:\d+\)")  # a glyph the PDF's font does not map to a character (a bullet, an icon)
# A form's label spaced out to the width of its column ("姓　　名", "籍  贯"): single characters apart.
_SPACED_LABEL = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \t]+[\u4e00-\u9fff]){1,3}(?![\u4e00-\u9fff])")


_BULLETS = "".join(sorted(set("•·*▪■◆●○►➢✓-—◇❖➤→★☆♦◎□▶▸")))


def _join_spaced_label(match: re.Match) -> str:
    joined = re.sub(r"\s+", "", match.group(0))
    after = match.string[match.end() : match.end() + 2].lstrip(" \t")
    return joined if joined in _LABEL_OF or after[:1] in (":", "：") else match.group(0)


def _norm_line(line: str) -> str:
    line = _CID.sub(" ", unicodedata.normalize("NFKC", line).replace("\u3000", " "))
    line = _SPACED_LABEL.sub(_join_spaced_label, line)
    line = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"\1", line)  # Markdown's bold: "**Looking for:** Director of Product"
    line = re.sub(r"^\*(?=\S)([^*]+)(?<=\S)\*$", r"\1", line.strip())  # and its italics: "*May 2021 – present · Xi'an*"
    if "【" in line:  # a label in lenticular brackets, as pasted into a chat: "【姓名】张三  【性别】女"
        line = _BRACKETED_LABEL.sub(lambda m: f"{m.group(1)}: " if m.group(1).lower() in _LABEL_OF else m.group(0), line)
    return line.strip().strip(_BULLETS).strip()


_BRACKETED_LABEL = re.compile(r"【\s*([\u4e00-\u9fffA-Za-z ]{2,16}?)\s*】\s*(?=\S)")


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "S" or ch in "【】[]〔〕〖〗<>《》=—–-_|:：*#~·•・"


def _without_marks(text: str) -> str:
    """Text without the marks around it; a scan's speck read as a dot or an "@" before it, or apart after it."""
    start, end = 0, len(text)
    while start < end and (_is_mark(text[start]) or text[start].isspace() or text[start] in "@.。,，、'`"):
        start += 1
    while end > start and (
        _is_mark(text[end - 1]) or text[end - 1].isspace() or (text[end - 1] in ".。," and text[end - 2 : end - 1].isspace())
    ):
        end -= 1
    return text[start:end]


def _section_of(line: str) -> str | None:
    """The section a heading line opens, or None. Bilingual headings ("工作经历 Work Experience") count."""
    marked = line.startswith("#")
    # Marks around a heading are no part of it: "【教育背景】", "★ 专业技能", "■ 工作经历", "== Skills ==" (a stop is
    # no mark: "年工作经验。" ends a sentence).
    bare = _without_marks(line.strip("#【】[]=—-_|:： *")).strip()
    if not bare or len(bare) > 40:
        return None
    section_of = vocabulary()["section_of"]
    lowered = bare.lower()
    if lowered in section_of:
        return section_of[lowered]
    halves = re.split(r"\s*[/|｜]\s*|\s+(?=[A-Za-z])|(?<=[A-Za-z])\s+(?=[\u4e00-\u9fff])", bare, maxsplit=1)
    if len(halves) == 2 and all(h.lower() in section_of for h in halves):
        if bare.isascii():  # "Career Summary": two English words, the head noun (the last) names the section
            return section_of[halves[1].lower()]
        return section_of[halves[0].lower()]  # "工作经历 Work Experience": one heading in two languages
    if re.match(r"^[\u4e00-\u9fff]+\s+[A-Za-z &\-]+$", bare):  # "自我评价 Self-assessment"
        zh, en = bare.split(None, 1)
        if zh.lower() in section_of:
            return section_of[zh.lower()]
        if en.lower() in section_of:
            return section_of[en.lower()]
    misread = _without_marks(bare[1:]) if len(bare) <= 12 and "\u4e00" <= bare[0] <= "\u9fff" else ""
    if misread in section_of and re.fullmatch(r"[\u4e00-\u9fff]{4,8}", misread):
        return section_of[misread]  # "支技能证书", "娘求职意向": a scan's mark before a heading read as a character
    if marked or (bare.isupper() and len(bare) <= 30):
        from rapidfuzz import fuzz, process

        match = process.extractOne(lowered, list(section_of), scorer=fuzz.ratio, score_cutoff=85)
        if match:
            return section_of[match[0]]
    return _section_by_keyword(line, bare, marked)


# A heading the vocabulary does not list is known by the word that says what it holds ("技能与证书",
# "Technical Toolkit", "Tools & Technologies", "职业经历"), when the line looks like a heading.
_SECTION_KEYWORDS = [
    ("skills", re.compile(r"技能|证书|特长|技术栈|语言|外语|\b(?:skills?|tool(?:s|kit|box)|competenc(?:y|ies)|expertise|"
                          r"languages|proficienc(?:y|ies)|stack|abilities)\b", re.I)),
    ("other", re.compile(r"项目|获奖|荣誉|兴趣|爱好|\b(?:projects?|awards?|honou?rs|interests|hobbies|"
                         r"publications|activities)\b", re.I)),
    ("work", re.compile(r"工作|职业经历|任职|从业|实习|\b(?:experience|employment|career|positions held)\b", re.I)),
    ("education", re.compile(r"教育|学历|学习经历|\b(?:education|academic|studies|schooling)\b", re.I)),
    ("summary", re.compile(r"评价|简介|概述|优势|总结|\b(?:summary|profile|about|overview)\b", re.I)),
    ("intent", re.compile(r"意向|求职目标|\b(?:objective|goals?)\b", re.I)),
    ("basics", re.compile(r"基本资料|个人资料|基本信息|个人信息|联系方式|"
                          r"\b(?:contact|personal (?:details|information|data|info))\b", re.I)),
]  # fmt: skip


def _section_by_keyword(line: str, bare: str, marked: bool) -> str | None:
    # A heading its font marks may be longer: "Personal skills and competences" (a Europass CV's).
    if len(bare) > (40 if marked else 30) or re.search(r"[\d@:：,，、;；.。]", bare):
        return None
    chinese = bool(re.fullmatch(r"[\u4e00-\u9fff与和及/&\s]{2,8}", bare))
    english = bool(re.fullmatch(r"[A-Za-z&/\- ]{3,40}", bare)) and len(bare.split()) <= (5 if marked else 4)
    colon = line.rstrip().endswith((":", "："))
    if bare.lower() in skills_vocabulary()[1] or SCHOOL_RE.search(bare) or COMPANY_RE.search(bare) or TITLE_WORD_RE.search(bare):
        return None  # "Communication skills", "Hefei University of Technology", a job title: listed, not a heading
    if chinese:
        heading_noun = re.search(
            r"(经历|经验|背景|技能|证书|特长|简介|评价|信息|资料|项目|爱好|荣誉|奖项|总结|优势|概况|能力)$", bare
        )
        if not (marked or colon or heading_noun):
            return None
    elif english:
        title_case = all(word[:1].isupper() or word.lower() in ("and", "of", "&") for word in bare.split())
        # "Skills and languages", "Projects and awards": in sentence case, a heading only if each word names a section
        named = bare[:1].isupper() and all(
            word.lower() in ("and", "of", "&") or any(pattern.fullmatch(word) for _s, pattern in _SECTION_KEYWORDS)
            for word in bare.split()
        )
        if not (marked or colon or bare.isupper() or title_case or named):
            return None
    else:
        return None
    # The head noun names what the section holds: a "Career Summary" is a summary, "Work Experience" the work.
    head = bare.split()[-1] if english else bare
    for text in (head, bare):
        for section, pattern in _SECTION_KEYWORDS:
            if pattern.search(text):
                return section
    return None


def _label_field(label: str) -> str | None:
    bare = label.strip().strip("*#【】[]").strip().lower()
    if bare in _LABEL_OF:
        return _LABEL_OF[bare]
    if bare in skills_vocabulary()[1]:
        return None  # "Communication skills" in a skills matrix is a skill, not a label of its words
    # A bilingual label: "姓名 Name", "性别/Gender"
    for piece in re.split(r"\s*[/|｜]\s*|\s+", bare):
        if piece in _LABEL_OF:
            return _LABEL_OF[piece]
    zh = re.match(r"^([\u4e00-\u9fff]+)\s*([A-Za-z][A-Za-z \-]*)$", bare)
    if zh and zh.group(1) in _LABEL_OF:
        return _LABEL_OF[zh.group(1)]
    if zh and zh.group(2).strip() in _LABEL_OF:
        return _LABEL_OF[zh.group(2).strip()]  # "期望职位 Desired role" with the Chinese half misread or unknown
    return None


@cache
def _label_tails() -> dict[str, str]:
    """A Chinese label of four characters or more without its first, when only one field's labels end so."""
    tails: dict[str, set[str]] = {}
    for name, field in _LABEL_OF.items():
        if len(name) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", name):
            tails.setdefault(name[1:], set()).add(field)
    return {tail: next(iter(fields)) for tail, fields in tails.items() if len(fields) == 1 and tail not in _LABEL_OF}


def _misread_label(label: str) -> str | None:
    """The field of a form's label whose first character a scan misread or lost, before a colon: "朋望岗位：",
    "望岗位：" (期望岗位), "匈居住地：" (现居住地). Only a label of four characters or more, whose tail no other
    field's label shares; a heading is no label."""
    bare = label.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{3,8}", bare) or _section_of(bare):
        return None
    tails = _label_tails()
    if len(bare) >= 4:
        return _LABEL_OF.get(bare[1:]) or tails.get(bare[1:]) or tails.get(bare) or _one_character_off(bare)
    return tails.get(bare)


@lru_cache(maxsize=4096)
def _one_character_off(bare: str) -> str | None:
    """The field of the one label of four characters or more that `bare` differs from in a single character (a
    scan's "个人特攻" is 个人特长), if all such labels are one field's."""
    fields = {
        field
        for name, field in _LABEL_OF.items()
        if len(name) == len(bare) and sum(a != b for a, b in zip(name, bare, strict=True)) == 1
    }
    return next(iter(fields)) if len(fields) == 1 else None


_PAIR_SPLIT = re.compile(r"\s{2,}|\t|\s+[|｜]\s+|[|｜]|\s+·\s+")
_LABEL_VALUE_RE = re.compile(r"^([^:：]{1,28}?)\s*[:：]\s*(.*)$")


_BILINGUAL_LABEL = re.compile(
    r"(?:^|(?<=\s\s)|(?<=\t)|(?<=[|｜]))\s*([\u4e00-\u9fff]{2,8})\s*[/|｜]?\s*([A-Za-z][A-Za-z\-. ]{0,30})(?=\s|$|[:：])"
)


def _colon_after_bilingual_labels(line: str) -> str:
    """ "姓名 Name 张三  出生年月 Date of Birth 1990年5月": a label written in both languages and no colon; a colon is
    put after each, so that the value is told from its label."""

    if not re.search(r"[\u4e00-\u9fff]{2,8}\s*[/|｜]?\s*[A-Za-z]", line):
        return line
    result, position = [], 0
    for match in _BILINGUAL_LABEL.finditer(line):
        # The English half is the longest run of words that is a label ("Date of Birth", not "Date").
        words = match.group(2).split()
        for cut in range(len(words), 0, -1):
            english = " ".join(words[:cut])
            if english.lower() in _LABEL_OF and match.group(1) in _LABEL_OF:
                end = match.start(2) + len(english)
                if not re.match(r"\s*[:：]", line[end:]):
                    result.append(line[position:end] + "：")
                    position = end
                break
    result.append(line[position:])
    return "".join(result)


_HEADING_WORDS = {"skill", "skills", "level", "proficiency", "技能", "熟练程度", "掌握程度", "使用时长", "时长",
                  "year", "years", "period", "dates", "date", "institution", "qualification", "qualifications", "duties",
                  "responsibilities", "description", "company", "position", "role", "employer", "school", "major", "degree",
                  "时间", "起止时间", "学校", "院校", "专业", "学历", "公司", "职位", "职责", "工作内容",
                  "from", "to", "start", "end", "city", "location", "main duties", "duties and achievements", "category",
                  "details", "title", "organisation", "organization", "course", "grade", "入职时间", "离职时间",
                  "单位", "工作单位", "岗位", "职务", "城市", "地点", "开始时间", "结束时间", "主要职责",
                  "类别", "详情"}  # fmt: skip


def _column_headings(line: str) -> bool:
    """True for the header row of a table: every cell is a column's name ("Period  Company / Position / Duties"),
    or all but one short speck a scan made of one ("起止时间  学校  专业  [sa")."""
    cells = [cell.strip().lower() for cell in re.split(r"\s{2,}|\t|\s*[/|｜]\s*", line) if cell.strip()]
    named = [cell in _HEADING_WORDS for cell in cells]
    if len(cells) >= 3 and named.count(False) == 1:
        odd = cells[named.index(False)]
        return len(odd) <= 4 and not re.search(r"[\u4e00-\u9fff]", odd) and not re.search(r"\d", odd)
    return len(cells) >= 2 and all(named)


def _labelled_pairs(line: str) -> list[tuple[str, str]]:
    """("field", value) pairs of a line of labels: "姓名：张三  性别：女", "Name | Jane", or table cells."""
    pairs: list[tuple[str, str]] = []
    line = _colon_after_bilingual_labels(line)
    match = _LABEL_VALUE_RE.match(line)
    first = (_label_field(match.group(1)) or _misread_label(match.group(1))) if match else None
    if match and first:
        rest = match.group(2)
        # Another label inside the value ("Target role: X Expected salary: Y" once the separator is lost).
        for inner in re.finditer(r"(?<=\s)([A-Za-z][A-Za-z\- ]{1,24}|[\u4e00-\u9fff]{2,6})\s*[:：]", rest):
            words = inner.group(1).split()
            for cut in range(len(words)):
                if _label_field(" ".join(words[cut:])) and " ".join(words[cut:]).lower() in _LABEL_OF:
                    position = inner.start() + len(" ".join(words[:cut])) + (1 if cut else 0)
                    chinese_half = re.search(r"([\u4e00-\u9fff]{2,8})\s*[/|｜]?\s*$", rest[:position])
                    if chinese_half and chinese_half.group(1) in _LABEL_OF:
                        position = chinese_half.start(1)  # "出生年月 Date of Birth：": the label has a Chinese half
                    rest = rest[:position].rstrip() + "  " + rest[position:]
                    break
            else:
                continue
            break
        # More labels may follow on the same line, separated by gaps or bars.
        pieces = _PAIR_SPLIT.split(rest)
        value_parts = [pieces[0]]
        tail = pieces[1:]
        pairs.append((first, ""))
        for index, piece in enumerate(tail):
            inner = _LABEL_VALUE_RE.match(piece.strip())
            if inner and _label_field(inner.group(1)):
                pairs.extend(_labelled_pairs(" | ".join(p.strip() for p in tail[index:])))
                break
            value_parts.append(piece)
        field = pairs[0][0]
        # A list keeps its separators ("求职意向：Java开发工程师 | 上海 | 15-20K": the role is the first piece).
        joiner = {"skills": ", ", "desired": " | "}.get(field, " ")
        pairs[0] = (field, joiner.join(p.strip() for p in value_parts).strip())
        return pairs
    cells = [cell.strip() for cell in re.split(r"\s{2,}|\t|[|｜]", line) if cell.strip()]
    if len(cells) >= 2 and not _label_field(cells[0]) and _misread_label(cells[0]):
        cells[0] = next(name for name, field in _LABEL_OF.items() if field == _misread_label(cells[0]))  # "个人特攻  Excel"
    if len(cells) >= 2 and _label_field(cells[0]) and (len(cells[0]) <= 28 or cells[0].lower() in _LABEL_OF):
        index = 0
        while index + 1 < len(cells):
            field = _label_field(cells[index])
            if field == "school_field":  # "毕业院校及专业  兰州大学  财务管理": the school, then the major in a cell of its own
                values = list(itertools.takewhile(lambda cell: not _label_field(cell), cells[index + 1 :]))
                pairs.append((field, " ".join(values)))
                index += 1 + max(len(values), 1)
            elif field:
                pairs.append((field, cells[index + 1]))
                index += 2
            else:
                index += 1
        return pairs
    # A form copied out with single spaces: "姓名 张三", "性别 男 年龄 28岁" (Chinese labels, each a word of its own).
    tokens = line.split()
    if len(tokens) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", tokens[0]) and tokens[0] in _LABEL_OF:
        for token in tokens:
            if re.fullmatch(r"[;；:：.。,，、]+", token):
                continue  # a scan's colon misread or set apart: "期望职位 ; 采购经理"
            if re.fullmatch(r"[\u4e00-\u9fff]{2,6}", token) and token in _LABEL_OF:
                pairs.append((_LABEL_OF[token], ""))
            elif pairs:
                pairs[-1] = (pairs[-1][0], f"{pairs[-1][1]} {token}".strip())
        pairs = [(field, value) for field, value in pairs if value]
    if not pairs:
        # A scanned form's label run into its value, the colon misread as a stop or lost: "毕业院校及专业。兰州大学财务管理".
        run_on = _run_on_label().match(line)
        if run_on and len(run_on.group(2)) >= 2 and not _section_of(line):
            pairs = [(_LABEL_OF[run_on.group(1)], run_on.group(2).strip())]
        elif named := re.fullmatch(r"姓\s*名\s*([\u4e00-\u9fff][\u4e00-\u9fff·]{1,4})", line.strip()):
            pairs = [("name", named.group(1))]  # "姓名朱芳": a name alone after its label, the colon lost
    return pairs


@cache
def _run_on_label() -> re.Pattern:
    names = sorted((name for name in _LABEL_OF if len(name) >= 5 and re.fullmatch(r"[\u4e00-\u9fff]+", name)), key=len)
    return re.compile(r"^(" + "|".join(reversed(names)) + r")[。.,，、|\s]*(\S.*)$")


# ---------------------------------------------------------------- values


def _year_month(year, month, mon, year2, month3=None, year3=None) -> str | None:
    if year:
        return f"{int(year):04d}-{int(month):02d}" if month and 1 <= int(month) <= 12 else f"{int(year):04d}"
    if year2 and mon and mon.lower()[:3] in _MONTHS:
        if not year2[0].isdigit():  # "'19": this century up to a few years ahead, the last one before that
            year2 = int(year2[1:]) + (2000 if int(year2[1:]) <= date.today().year % 100 + 5 else 1900)  # noqa: DTZ011 (a calendar year)
        return f"{int(year2):04d}-{_MONTHS[mon.lower()[:3]]:02d}"
    if year3 and month3 and 1 <= int(month3) <= 12:
        return f"{int(year3):04d}-{int(month3):02d}"
    return None


def _range_dates(match: re.Match) -> tuple[str | None, str | None]:
    g = match.group
    start = _year_month(g("sy"), g("sm"), g("smon"), g("sy2"), g("sm3"), g("sy3"))
    end = None if g("now") else _year_month(g("ey"), g("em"), g("emon"), g("ey2"), g("em3"), g("ey3"))
    return start, end


def _months_between(start: str, end: str | None, today: date) -> int:
    sy, sm = (int(x) for x in ([*start.split("-"), "1"])[:2])
    ey, em = (today.year, today.month) if end is None else (int(x) for x in ([*end.split("-"), "12"])[:2])
    return max(0, (ey - sy) * 12 + (em - sm))


def _number(word: str) -> int | None:
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    if word in _WORD_NUMBERS:
        return _WORD_NUMBERS[word]
    if word and all(ch in _ZH_NUMBERS for ch in word):
        if word == "十":
            return 10
        if word.startswith("十"):
            return 10 + _ZH_NUMBERS[word[1]]
        if "十" in word:
            tens, _, ones = word.partition("十")
            return _ZH_NUMBERS[tens] * 10 + (_ZH_NUMBERS[ones] if ones else 0)
        return _ZH_NUMBERS.get(word)
    return None


@cache
def _degree_matchers() -> list[tuple[str, str, re.Pattern | str]]:
    """(level, kind, matcher) for each degree name, highest level first: "short" for an acronym that
    counts only beside capitals, "word" for a whole-word English name, "text" for a Chinese one."""
    matchers = []
    for level, names in vocabulary()["degrees"].items():  # listed highest first
        for name in names:
            if len(name) <= 3 and name.isascii() and name.isalpha():
                matchers.append((level, "short", re.compile(rf"(?<![a-z]){re.escape(name)}(?![a-z])", re.I)))
            elif re.match(r"[a-z]", name):
                matchers.append((level, "word", re.compile(rf"(?<![a-z]){re.escape(name)}(?![a-z])")))
            else:
                matchers.append((level, "text", name))
    return matchers


_MICROSOFT_PRODUCT = re.compile(r"\s*(?:Office|Word|Excel|PowerPoint|SQL|Project|Visio|Access|Dynamics|Teams)\b")


def education_level(text: str) -> str:
    """The highest degree `text` names ("本科", "M.Sc.", "Bachelor of Engineering"), or ""."""
    lowered = text.lower()
    for level, kind, matcher in _degree_matchers():
        if kind == "text":
            if matcher in lowered:
                return level
        elif kind == "word":
            if matcher.search(lowered):
                return level
        else:
            # An acronym as degrees are written: "MBA", "BSc", "PhD", "Msc"; never "Ms Wang", "Ma" the surname or the
            # "ms" of a word (two letters need both capitals, three a capital first).
            for match in matcher.finditer(text):
                written = match.group(0)
                if _MICROSOFT_PRODUCT.match(text, match.end()):
                    continue  # "MS Office" is Microsoft's
                if sum(ch.isupper() for ch in written) >= 2 or (len(written) >= 3 and written[0].isupper()):
                    return level
    return ""


def _clean_field_of_study(value: str) -> str:
    value = re.sub(r"^(?:(?:in|of|major(?:ed)?\s+in|majoring\s+in)\s+|major\s*[:：]\s*)", "", value.strip(), flags=re.I)
    value = re.sub(r"(专业|方向)$", "", value).strip(" ,，.;；()（）")
    # How the degree was studied is no part of the field: "自动化统招", "会计学（全日制）"
    value = re.sub(r"(?<=[\u4e00-\u9fff]{2})\s*[（(]?(?:统招|全日制|非全日制|自考|成人教育|成教|函授|在职)[)）]?$", "", value)
    return value.strip(" ,，.;；()（）")


# What a degree's name says of its kind ("of Science", "of Applied Science"; the kinds of China's degrees, 学科门类:
# "Bachelor of Management", "Master of Economics"), never a field of study.
_DEGREE_KIND_WORDS = (
    r"sciences?|fine arts|arts|engineering|business administration|business|philosophy|technology|laws|management|"
    r"economics|education|literature|history|medicine|agriculture|commerce"
)


def _field_like(value: str) -> bool:
    """A major's name has words: two Chinese characters or three letters at least ("[sa" is a scan's speck)."""
    return len(re.findall(r"[\u4e00-\u9fff]", value)) >= 2 or len(re.findall(r"[A-Za-z]", value)) >= 3


def _field_from_line(line: str) -> tuple[str, float]:
    """(field of study, confidence) named on one education line."""
    degree_of = re.search(
        r"(?<![A-Za-z])(?:degree|bachelor(?:'s)?|master(?:'s)?|b\.?\s?sc\.?|m\.?\s?sc\.?|ph\.?\s?d\.?|mba|b\.?a\.?|b\.?s\.?|"
        r"m\.?s\.?|m\.?a\.?|m\.?phil\.?|"
        r"b\.?eng\.?|m\.?eng\.?|associate(?:\s+degree)?|a\.a\.(?:s\.)?|a\.s\.|aas|diploma|doctorate|doctor|high school)"
        rf"(?:\s+(?:of|in)\s+(?:applied\s+)?(?:{_DEGREE_KIND_WORDS}))?"
        r"(?:\s+(?:graduate|holder|student))?\s*,?\s+"  # "Associate degree graduate in Automation"
        r"(?:in|of|majoring in)\s+"
        r"([A-Za-z][A-Za-z&\- ]*[A-Za-z])",
        line,
        re.I,
    ) or re.search(r"\bmajor(?:ed|ing)?\s*(?:in|:)\s*([A-Za-z][A-Za-z&\- ]*[A-Za-z])", line, re.I)
    # "Bachelor of Science" names the kind of degree; "Ph.D. in Business Administration" names the field studied.
    studied_in = degree_of and re.search(r"\b(?:in|majoring in)\s+$", line[: degree_of.start(1)], re.I)
    # "Bachelor of Management - BM, …": the kind, its initials, then the field after the comma
    generic = (
        degree_of and not studied_in and _DEGREE_KINDS.fullmatch(re.split(r"\s*,|\s+[-–]\s+", degree_of.group(1))[0].strip())
    )
    if not degree_of or generic or education_level(degree_of.group(1)):
        # "Bachelor of Science - BS, Statistics", "M.Sc., Finance": the degree, then the field after a comma
        comma = re.search(
            r"(?<![A-Za-z])(?:bachelor|master|associate|doctor|diploma|b\.?\s?sc|m\.?\s?sc|ph\.?\s?d|mba|b\.?a|b\.?s|m\.?s|m\.?a|"
            r"b\.?eng|m\.?eng|a\.a\.(?:s\.)?|a\.s\.|aas)\.?"
            r"(?:'s)?(?:\s+degree)?(?:\s+(?:of|in)\s+(?:applied\s+)?"
            rf"(?:{_DEGREE_KIND_WORDS}))?"
            r"(?:\s*[-–]\s*[A-Za-z.]{2,8})?\s*,\s*([A-Za-z][A-Za-z&\- ]*[A-Za-z])",
            line,
            re.I,
        )
        if comma and not SCHOOL_RE.search(comma.group(1)) and not education_level(comma.group(1)):
            degree_of = comma
        elif generic:
            degree_of = None  # "Associate of Applied Science" names the kind of degree, not a field
    if degree_of:
        value = re.split(r"\s+(?:from|at|with|who|where|since|for)(?:\s+|$)|,|\s{2,}|\s+\d", degree_of.group(1))[0]
        return _clean_field_of_study(value), SENTENCE
    zh = re.search(r"([\u4e00-\u9fffA-Za-z]{2,14}?)专业", line) or re.search(r"主修([\u4e00-\u9fff]{2,14})", line)
    if zh:
        value = re.sub(r"^.*?(大学|学院|学校)", "", zh.group(1))
        if value:
            return value, SENTENCE
    parts = [
        p.strip()
        for p in re.split(r"[,，|｜/·]|\s{2,}|\t|\s+[-–—]\s+|(?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff])", line)
        if p.strip()
    ]
    candidates = []
    for part in parts:
        if DATE_RANGE_RE.search(part) or re.fullmatch(r"[\d.\-–—~至今年月/ ]+", part):
            continue
        school_then = re.match(r"^[\u4e00-\u9fff]{2,20}?(?:大学|学院)([\u4e00-\u9fff]{2,16})$", part)
        if school_then:  # "南京师范大学工业设计硕士": the gaps between school, major and degree were lost
            part = _DEGREE_AT_END.sub("", school_then.group(1))
            if not part or SCHOOL_RE.search(part):
                continue
        with_degree = _MAJOR_THEN_DEGREE.fullmatch(part)
        if with_degree:  # "旅游管理（本科）", "国际经济与贸易本科": the major, then its degree
            part = with_degree.group(1)
        if SCHOOL_RE.search(part) or education_level(part) or len(part) > 40:
            continue
        if _label_field(part.rstrip(":：")) or _NOT_A_FIELD.search(part):
            continue
        candidates.append(part)
    if not candidates:
        return "", 0.0
    from rapidfuzz import fuzz, process

    majors = vocabulary()["majors"]
    scored = []
    for part in candidates:
        match = process.extractOne(part, majors, scorer=fuzz.WRatio)
        scored.append((match[1] if match else 0, part))
    score, best = max(scored)
    return _clean_field_of_study(best), (LAYOUT if score >= 80 else INFERRED)


_DEGREE_KINDS = re.compile(rf"(?:applied\s+)?(?:{_DEGREE_KIND_WORDS})", re.I)
# A major with its degree after it, in brackets or written on: "旅游管理（本科）", "国际经济与贸易本科".
_MAJOR_THEN_DEGREE = re.compile(
    r"([\u4e00-\u9fff]{2,16}?)\s*[(（]?(?:博士研究生|硕士研究生|大学本科|大学专科|本科|硕士|博士|研究生|大专|专科|学士)[)）]?"
)
# A grade, a ranking or an award on an education line: how well, never what was studied ("GPA 3.7/4.0", "专业排名前10%").
# How a degree was studied ("统招本科", "全日制硕士"), left once the degree is cut off, is no field either.
_NOT_A_FIELD = re.compile(
    r"\d|%|排名|绩点|成绩|奖学金|\bGPA\b|\brank(?:ed|ing)?\b|\btop\b|\bhonou?rs?\b|"
    r"^(?:统招|全日制|非全日制|自考|成人教育|成教|函授|在职|脱产|网络教育|远程教育)$",
    re.I,
)
_DEGREE_AT_END = re.compile(r"(?:博士研究生|硕士研究生|大学本科|大学专科|本科|硕士|博士|研究生|大专|专科|学士|高中|中专)$")


@lru_cache(maxsize=8192)
def _title_category(title: str) -> tuple[str, float]:
    """(role category, score 0-100) of a job title, by the closest title in the vocabulary."""
    if not title:
        return "", 0.0
    from rapidfuzz import fuzz, process

    titles = vocabulary()["title_list"]
    exact = process.extractOne(title, _title_names(), scorer=fuzz.ratio, processor=str.lower, score_cutoff=90)
    if exact:
        return titles[exact[2]][1], exact[1]
    chinese = bool(re.search(r"[\u4e00-\u9fff]", title))
    scorer = fuzz.partial_ratio if chinese else fuzz.token_set_ratio
    # Among equally good matches the longest vocabulary title wins: "高级产品经理" is a 产品经理, not a 经理.
    matches = process.extract(title, _title_names(), scorer=scorer, processor=str.lower, limit=8)
    if not matches:
        return "", 0.0
    top = max(score for _name, score, _index in matches)
    name, score, index = max((m for m in matches if m[1] == top), key=lambda m: len(m[0]))
    return titles[index][1], score


@cache
def _title_names() -> list[str]:
    return [title for title, _category in vocabulary()["title_list"]]


def _title_score(text: str) -> float:
    if not text or len(text) > 50:
        return 0.0
    bonus = 30 if TITLE_WORD_RE.search(text) else 0
    return min(100.0, _title_category(text)[1] * 0.7 + bonus)


def _industry(employer: str) -> str:
    lowered = employer.lower()
    for industry, words in vocabulary()["industries"].items():
        for word in words:
            if re.match(r"[a-z]", word):
                if re.search(rf"\b{re.escape(word)}\b", lowered):
                    return industry
            elif word in employer:
                return industry
    return "other"


# ---------------------------------------------------------------- work history

_PROTECT_COMMA = re.compile(r"(\bCo)\.?\s*,\s*(Ltd|Limited)", re.I)
_COMMA_MARK = "\x01"


# A branch after its company's name is part of the name: "Hengxin Industrial Co., Ltd., Sanming Branch".
_BRANCH_COMMA = re.compile(r"\b(Ltd\.?|Limited|Inc\.?)\s*,\s*((?:[A-Z][\w'’\-]*\s+){1,3}(?:Branch|Subsidiary)\b)")


def _split_parts(text: str) -> list[str]:
    protected = _PROTECT_COMMA.sub(lambda m: f"{m.group(1)}.{_COMMA_MARK} {m.group(2)}", text)
    protected = re.sub(r",\s*(Inc|LLC|Ltd)\b", lambda m: f"{_COMMA_MARK} {m.group(1)}", protected)
    protected = _BRANCH_COMMA.sub(lambda m: f"{m.group(1)}{_COMMA_MARK} {m.group(2)}", protected)
    protected = re.sub(r"(?<=[\u4e00-\u9fff])(?=担任|出任)", "  ", protected)  # "在阿里巴巴担任产品经理"
    pieces = re.split(
        r"\s*[|｜•·]\s*|\s+[-–—]\s+|\s*[—–]\s*|\s*[,，;；]\s*|\s+at\s+|\s+as\s+(?:an?\s+)?|\s+@\s+|\s{2,}|\t", protected
    )
    pieces = [_without_aside(p.replace(_COMMA_MARK, ",").strip()) for p in pieces]
    return [_trimmed(p) for p in pieces if p and _trimmed(p)]


def _trimmed(piece: str) -> str:
    """A piece without the brackets, colons and spaces at its ends, but the bracket that closes an aside it keeps
    ("某某会计师事务所（特殊普通合伙）")."""
    bare = piece.strip(" ()（）:：")
    opened = bare.count("(") + bare.count("（") - bare.count(")") - bare.count("）")
    if opened > 0 and piece.rstrip(" :：").endswith((")", "）")):
        bare += piece.rstrip(" :：")[-1]
    return bare


_ASIDE = re.compile(r"^(?P<main>.*?\S)\s*[(（](?P<aside>[^()（）]*)[)）]?$")


def _without_aside(piece: str) -> str:
    """A job line's piece without the aside at its end: the department after a title ("数据分析师（市场部）"),
    the city after an employer ("Alibaba Group (Hangzhou)"), the kind of contract. An aside inside a
    name ("腾讯科技（深圳）有限公司") is part of the name."""
    match = _ASIDE.match(piece)
    if not match or not match.group("aside").strip():
        return piece
    if COMPANY_RE.search(match.group("aside")) and not COMPANY_RE.search(match.group("main")):
        return piece
    if _LEGAL_FORM.fullmatch(match.group("aside").strip()):
        return piece  # "某某会计师事务所（特殊普通合伙）": a partnership's legal form is part of its registered name
    return match.group("main")


# A partnership's legal form, written in brackets after its name: part of the name ("立信会计师事务所（特殊普通合伙）").
_LEGAL_FORM = re.compile(r"(?:特殊普通|普通|有限)合伙(?:企业)?|LLP|L\.L\.P\.", re.I)


def _split_company_title(part: str) -> list[str]:
    """ "深圳星河科技有限公司 数据分析师" / "深圳星河科技有限公司数据分析师" -> [company, title]."""
    match = re.match(
        r"^(.*(?:有限责任公司|股份有限公司|有限公司|公司|集团|银行|医院|研究院|研究所|事务所))"
        r"(?:\s*[(（](?P<aside>[^()（）]{1,16})[)）])?\s*(\S.*)$",
        part,
    )
    titled = match and (
        _title_score(match.group(3)) >= 40 or (TITLE_WORD_RE.search(match.group(3)) and len(match.group(3)) <= 12)
    )
    if titled and not COMPANY_RE.search(match.group(3)):
        # A bracket after the name: a partnership's legal form belongs to it, any other aside (a city) goes.
        legal = match.group("aside") and _LEGAL_FORM.fullmatch(match.group("aside").strip())
        return [match.group(1) + (f"（{match.group('aside').strip()}）" if legal else ""), match.group(3)]
    if match and re.fullmatch(r"[A-Za-z]{1,3}", match.group(3)) and not match.group("aside"):
        return [match.group(1)]  # "某某有限公司 Bit": a scan's specks after a Chinese name, neither name nor title
    match = re.match(r"^(.*?(?:\bCo\.?,?\s*Ltd\.?|\bLtd\.?|\bInc\.?|\bLLC|\bGroup|\bCorp\.?))\s+(\S.*)$", part, re.I)
    if match and _title_score(match.group(2)) >= 40:
        return [match.group(1), match.group(2)]
    return _title_before_company(part)


def _title_before_company(part: str) -> list[str]:
    """ "Head of Operations Chengdu Leren Logistics Co., Ltd." (the mark between them lost) -> [title, company]:
    a Chinese company's English name begins with its city, so the title ends where a city's name begins."""
    words = part.split()
    if len(words) < 4 or not re.search(r"\b(?:Co\.?,?\s*Ltd\.?|Ltd\.?|Limited|Inc\.?|LLC|Corp\.?)(?:,.*)?$", part, re.I):
        return [part]
    for cut in range(1, min(len(words) - 2, 7)):
        title, company = " ".join(words[:cut]), " ".join(words[cut:])
        if not words[cut][:1].isupper() or not (_title_score(title) >= 40 or TITLE_WORD_RE.search(title)):
            continue
        if COMPANY_RE.search(title) or not place_in(words[cut].rstrip(","))[1]:
            continue
        return [title, company]
    return [part]


def _is_description(line: str) -> bool:
    """A line that tells what was done in a job, not who the employer was or what the job was called."""
    if re.match(
        r"^(负责|参与|主导|完成|带领|工作内容|主要职责|职责|responsible|led\b|managed|built|developed|worked)", line, re.I
    ):
        return True
    company = COMPANY_RE.search(line)
    if company and len(line) <= 120 and not re.search(r"[。；;]", line):
        return False  # "Supply Chain Manager at Shunde Appliances Manufacturing Co., Ltd." is long, and a job line
    sentence = bool(re.search(r"[。；;!！]$|[a-z]{3,}\.$", line)) and len(line.split()) >= 5
    return len(line) > 60 or sentence


# Pieces of a job line that name neither employer nor title: how long it lasted ("7 yrs 5 mos",
# "共3年"), the kind of contract, where it was done, a bare country.
_NOT_A_JOB = re.compile(
    r"^(?:共|历时|为期)?\s*\(?\s*(?:\d+\s*(?:\+\s*)?(?:years?|yrs?|months?|mos?|年|个月|月)\s*(?:and\s*)?)+\)?$|"
    r"^(?:full[\s-]?time|part[\s-]?time|contract(?:or)?|freelance|self-employed|internship|intern|permanent|temporary|"
    r"remote|hybrid|on-?site|全职|兼职|实习|合同工|远程|china|p\.?r\.?\s?china|中国|中华人民共和国)$",
    re.I,
)


# The words a sentence puts before an employer or a title: "就职于X公司，任Y", "在X公司担任Y", "Joined X as Y".
_EMPLOYER_LEAD_IN = re.compile(
    r"^(?:(?:先后)?(?:就职|任职|供职|服务|受雇|受聘|工作|效力)(?:于|在)|入职|加入|加盟|"
    r"(?:worked|working|employed|serving)\s+(?:at|for|with|by)\s+|joined\s+)",
    re.I,
)
_TITLE_LEAD_IN = re.compile(
    r"^(?:担任|出任|升任|晋升为|任职|任|职位为|职位是|职务为|岗位为|做过|做|当过|当|"
    r"(?:promoted to|working as|served as)\s+)",
    re.I,
)


def _without_lead_in(piece: str) -> str:
    bare = _EMPLOYER_LEAD_IN.sub("", piece).strip()
    inside = re.fullmatch(r"在(.{2,40}?)(?:工作|任职|就职|上班)", bare)
    if inside:  # "在重庆某某有限公司工作"
        bare = inside.group(1)
    elif bare.startswith("在") and re.search(r"(?:公司|集团|银行|医院|研究院|研究所|事务所)$", bare):
        if _segmenter().lcut(bare, HMM=False)[0] == "在":
            bare = bare[1:]  # "在深圳某某科技有限公司" (担任高级工程师), not the 在 of "在线教育科技有限公司"
    if bare != piece:
        return bare
    title = _TITLE_LEAD_IN.sub("", piece).strip()
    if title != piece and title and (_title_score(title) >= 35 or TITLE_WORD_RE.search(title)):
        return title  # "任项目经理", but "任" starting no title is kept
    return piece


# A department named beside a title ("产品总监 · 产品部", "物流主管 运营中心"): neither the employer nor part of the title.
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,5}(?:部|部门|事业部|事业群|中心|团队|小组|组|科|处|办公室)")


def _without_department(part: str) -> list[str]:
    """The pieces of a job line's part without a department after the title: "招聘经理 人力资源部" -> ["招聘经理"]."""
    if _DEPARTMENT.fullmatch(part):
        return []
    beside = re.fullmatch(r"(\S.*?)\s+([\u4e00-\u9fff]{1,5}(?:部|部门|事业部|事业群|中心|团队|小组|组|科|处|办公室))", part)
    if beside and TITLE_WORD_RE.search(beside.group(1)) and not COMPANY_RE.search(beside.group(1)):
        return [beside.group(1)]
    return [part]


def _employer_title(parts: list[str]) -> tuple[str, str, float]:
    """(employer, title, confidence) from the pieces of a work entry."""
    if len(parts) > 1 or (parts and " " in parts[0]):
        parts = [piece for part in parts for piece in _without_department(part)] or parts
    expanded: list[str] = []
    for part in parts:
        part = _without_lead_in(part)
        for piece in _split_company_title(part):
            expanded.append(_without_lead_in(piece))
    parts = [
        p
        for p in expanded
        if not re.fullmatch(r"[\d\s.\-–—/~年月至今]+", p)
        and not place_only(p)
        and not _NOT_A_JOB.match(p)
        and not (_label_field(p) and p.lower().strip() in _LABEL_OF)
    ]
    if not parts:
        return "", "", 0.0
    companies = [p for p in parts if COMPANY_RE.search(p)]
    employer = companies[0] if companies else ""
    others = [p for p in parts if p != employer]
    title = ""
    if others:
        scored = sorted(((_title_score(p), -i, p) for i, p in enumerate(others)), reverse=True)
        if scored[0][0] >= 35:
            title = scored[0][2]
        elif (
            (companies or (len(others) == 2 and not TITLE_WORD_RE.search(scored[1][2])))
            and len(scored[0][2]) <= 10
            and TITLE_WORD_RE.search(scored[0][2])
            and not _is_description(scored[0][2])
        ):
            # Beside a company's name, a job's noun the vocabulary lacks: "调度组长", "Fleet Dispatcher"; so beside a
            # workplace named without a legal suffix, when only one of the two names a job ("优衣库门店  店长").
            title = scored[0][2]
    if not employer and others:
        rest = [p for p in others if p != title]
        if rest:
            employer = rest[0]
    bilingual = re.fullmatch(r"([\u4e00-\u9fffA-Za-z]*[\u4e00-\u9fff])\s+[A-Za-z][A-Za-z &/\-]+", title)
    if bilingual:
        title = bilingual.group(1)  # "数据分析师 Data Analyst": the resume's own language first
    confidence = LAYOUT if employer and title and companies else INFERRED if employer or title else 0.0
    # A scan's specks after a Chinese name ("某某有限公司 ”."): no part of it (an English name keeps its "Inc.").
    employer = re.sub(r"(?<=[\u4e00-\u9fff）])[\s\"'“”‘’.,，。·:：;；_\-]+$", "", employer)
    return _chinese_brackets(employer), title, confidence


_ADDRESS_PIECE = re.compile(
    r"\b(?:road|rd|street|st|avenue|ave|district|county|no\.|room|floor|building|tower|park|zone)\b|[路街道号区县]$", re.I
)


def _without_address(name: str) -> str:
    """An employer's name without the address a form's "Name and address of employer" puts after it: "Redwood
    Foods LLC, Chengdu, Sichuan, China" is Redwood Foods LLC (the commas of "Co., Ltd." are the name's own)."""
    protected = _PROTECT_COMMA.sub(lambda m: f"{m.group(1)}.{_COMMA_MARK} {m.group(2)}", name)
    protected = re.sub(r",\s*(Inc|LLC|Ltd)\b", lambda m: f"{_COMMA_MARK} {m.group(1)}", protected)
    protected = _BRANCH_COMMA.sub(lambda m: f"{m.group(1)}{_COMMA_MARK} {m.group(2)}", protected)
    parts = re.split(r"\s*[,，]\s*", protected)
    while len(parts) > 1 and (
        place_only(parts[-1]) or _NOT_A_JOB.match(parts[-1]) or _ADDRESS_PIECE.search(parts[-1]) or not parts[-1]
    ):
        parts.pop()
    return ", ".join(parts).replace(_COMMA_MARK, ",")


def _chinese_brackets(name: str) -> str:
    """Brackets inside a Chinese name as Chinese writes them: the text was normalised (NFKC) to ASCII ones,
    "腾讯科技(深圳)有限公司" is registered as "腾讯科技（深圳）有限公司"."""
    return re.sub(r"\(([\u4e00-\u9fff]{1,12})\)", r"（\1）", name) if re.search(r"[\u4e00-\u9fff]", name) else name


def place_only(text: str) -> bool:
    """True for a piece that only names a place ("Shenzhen", "深圳", "北京市")."""
    if len(text) > 20 or COMPANY_RE.search(text) or TITLE_WORD_RE.search(text):
        return False
    bare = re.sub(r"(省|市|区|, ?China)$", "", text.strip())
    province, city = place_in(bare)
    if not province:
        return False
    return bare in (province, city) or bare.lower().replace("'", "") in _pinyin_names()


@cache
def _pinyin_names() -> set[str]:
    from .places import divisions

    _provinces, cities, provinces = divisions()
    return set(cities) | set(provinces)


_ZH_SINGLE_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:(\d{1,2})\s*月)?")
_PROSE_EMPLOYER = re.compile(
    r"(?:加入|就职于|任职于|供职于|受聘于|入职|效力于|在|于)\s*(?P<employer>[^，,。；;（()）\s]{2,40}?"
    r"(?:有限责任公司|股份有限公司|有限公司|公司|集团|银行|医院|研究院|研究所|事务所|工作室|中心|工厂))"
)
_PROSE_TITLE = re.compile(
    r"(?:现任|担任|出任|任职|升任|晋升为|任)\s*(?P<title>[^，,。；;（()）\s]{2,20}?)\s*(?:一职|职务|岗位|职位)?(?=[，,。；;（(]|$)"
)


def _prose_jobs(line: str) -> list[dict]:
    """Jobs a Chinese sentence tells: "2019年3月加入某某有限公司，现任测试主管", "2015年7月至2018年6月在某某集团
    担任会计", "目前就职于某某有限公司（2020年至今），担任产品经理一职". Each sentence (up to 。；) is one job."""
    if not re.search(r"[\u4e00-\u9fff]", line) or not _SENTENCE_END.search(line + "。") or len(line) < 12:
        return []
    jobs = []
    for clause in re.split(r"[。；;]", line):
        employer_match = _PROSE_EMPLOYER.search(clause)
        title_match = _PROSE_TITLE.search(clause, employer_match.end()) if employer_match else None
        if not employer_match or not title_match or _title_score(title_match.group("title")) < 45:
            continue
        if title_match.start() - employer_match.end() > 20:
            continue  # the title belongs to another clause of the sentence
        dated = DATE_RANGE_RE.search(clause)
        if dated:
            start, end = _range_dates(dated)
        else:
            single = _ZH_SINGLE_DATE.search(clause[: employer_match.start() + 1])
            if not single:
                continue
            start, end = _year_month(single.group(1), single.group(2), None, None), None  # "…加入…": still there
        jobs.append(
            {
                "name": employer_match.group("employer"),
                "position": title_match.group("title"),
                "startDate": start,
                "endDate": end,
                "x-confidence": SENTENCE,
            }
        )
    return jobs


def _work_entries(lines: list[str], sections: list[str | None]) -> list[dict]:
    """Jobs: each starts at a date range; its employer and title sit on that line or the lines around it."""
    entries: list[dict] = []
    used: set[int] = set()
    date_lines = [
        i
        for i, line in enumerate(lines)
        if DATE_RANGE_RE.search(line)
        and (sections[i] == "work" or (sections[i] in (None, "basics", "summary") and COMPANY_RE.search(line)))
    ]
    for index, line in enumerate(lines):
        if sections[index] in (None, "basics", "summary", "work") and _SENTENCE_END.search(line):
            jobs = _prose_jobs(line)
            if jobs:
                entries.extend(jobs)
                used.add(index)
    date_lines = [index for index in date_lines if index not in used]
    for position, index in enumerate(date_lines):
        line = lines[index]
        match = DATE_RANGE_RE.search(line)
        start, end = _range_dates(match)
        rest = (line[: match.start()] + "  " + line[match.end() :]).strip(" ,，|()（）:：\t。")
        labels = dict(_labelled_pairs(rest)) if rest else {}
        if labels.get("employer") or labels.get("title"):  # "2018.07-至今  公司：某某有限公司  职位：测试工程师"
            employer, title = _without_address(labels.get("employer", "").strip()), _clean_desired(labels.get("title", ""))
            confidence = LAYOUT if employer and title else INFERRED
        else:
            employer, title, confidence = _employer_title(_split_parts(rest) if rest else [])
        previous_date = date_lines[position - 1] if position else -1
        next_date = date_lines[position + 1] if position + 1 < len(date_lines) else len(lines)
        neighbours = []
        before, looked = index - 1, 0
        while before > previous_date and looked < 2:  # title over employer over dates (an ATS or LinkedIn export)
            if _NOT_A_JOB.match(lines[before]):
                before -= 1  # "10 years 10 months" under a company: the time there over all its positions
                continue
            if before not in used and sections[before] == sections[index]:
                neighbours.append(before)
            before, looked = before - 1, looked + 1
        for after in (index + 1, index + 2):
            if after < next_date and sections[after] == sections[index]:
                neighbours.append(after)
        # The employer's name on the line after the dates ("2019.04 - 至今" over "某某有限公司" over the title): the
        # line before is the end of the previous job's description, whatever it looks like.
        named_after = any(
            neighbour == index + 1
            and COMPANY_RE.search(lines[neighbour])
            and len(lines[neighbour]) <= 60
            and not re.search(r"[，,。；;]", lines[neighbour])
            and not _is_description(lines[neighbour])
            and not _labelled_pairs(lines[neighbour])
            for neighbour in neighbours
        ) and not (index and _labelled_pairs(lines[index - 1]))
        # So is the title labelled on the line after them ("2022年10月 – 2023年2月  某某有限公司" over "职位 Position：…").
        named_after = named_after or (
            index + 1 in neighbours
            and not (index and _labelled_pairs(lines[index - 1]))
            and bool({"employer", "title"} & {field for field, _value in _labelled_pairs(lines[index + 1])})
        )
        for neighbour in neighbours:
            if employer and title:
                break
            text = lines[neighbour]
            if named_after and neighbour < index and not COMPANY_RE.search(text):
                continue
            pairs = dict(_labelled_pairs(text))
            if pairs and ({"employer", "title"} & set(pairs)):
                took = False
                if not employer and pairs.get("employer"):
                    employer, took = _without_address(pairs["employer"].strip()), True
                if not title and pairs.get("title"):
                    title, took = _clean_desired(pairs["title"]), True
                if took:
                    used.add(neighbour)
                    confidence = LAYOUT if employer and title else INFERRED
                continue
            if _is_description(text) or _section_of(text) or pairs or _column_headings(text):
                continue
            more_employer, more_title, _c = _employer_title(_split_parts(text))
            took = False
            if not employer and more_employer and (COMPANY_RE.search(more_employer) or not title):
                employer, took = more_employer, True
            elif employer and not COMPANY_RE.search(employer) and more_employer and COMPANY_RE.search(more_employer):
                employer, took = more_employer, True  # "May 2021 – present · Ngari" under "Title · Some Co., Ltd.": the company
            if not title and more_title:
                title, took = more_title, True
            if not title and not more_title and employer and more_employer and more_employer != employer and took is False:
                if _title_score(more_employer) >= 25:
                    title, took = more_employer, True
            if took:
                used.add(neighbour)
                confidence = LAYOUT if employer and title else INFERRED
        for after in range(index + 3, next_date):  # a form's block of labelled lines: "Name and address of employer"
            if (employer and title) or sections[after] != sections[index]:
                break
            pairs = dict(_labelled_pairs(lines[after]))
            if not employer and pairs.get("employer"):
                employer = _without_address(pairs["employer"].strip())
                used.add(after)
            if not title and pairs.get("title"):
                title = _clean_desired(pairs["title"])
                used.add(after)
            confidence = LAYOUT if employer and title else INFERRED
        used.add(index)
        # The pay of the job beside its title ("数据分析师 月薪：8001-10000元/月") is no part of the title.
        title = re.split(r"\s*(?:月薪|年薪|薪资|薪酬|薪水|待遇|月|salary|pay)\s*[:：]", title, maxsplit=1, flags=re.I)[0].strip()
        wrapped = index + 1
        if (
            title
            and not TITLE_WORD_RE.search(title)
            and wrapped < next_date
            and wrapped not in used
            and sections[wrapped] == sections[index]
            and len(lines[wrapped].split()) <= 2
            and TITLE_WORD_RE.fullmatch(lines[wrapped].strip())
        ):  # "Acme Ltd — Production Planning  Jul 2024 – now" / "Supervisor": the title ran onto the next line
            title = f"{title} {lines[wrapped].strip()}" if title.isascii() else title + lines[wrapped].strip()
            used.add(wrapped)
        if employer or title:
            entries.append({"name": employer, "position": title, "startDate": start, "endDate": end, "x-confidence": confidence})
    return entries


# ---------------------------------------------------------------- sentences

_DESIRED_SENTENCES = [
    # The role's whole name when the sentence closes it with "role"/"position": "Looking for a Compensation and
    # Benefits Specialist role" (the general pattern below would stop at "and").
    re.compile(
        r"(?:seeking|looking for|pursuing|searching for|apply(?:ing)? for|interested in|aiming for|targeting)\s+"
        r"(?:an?\s+|the\s+)?(?:new\s+)?"
        r"(?P<role>[A-Za-z](?:(?!\s(?:in|at|with|where|that|which|for|to|my|our|an?|the|as|on|is)\s)[A-Za-z&/\- ]){2,60}?)"
        r"\s+(?:role|position|job|opportunity|post)s?\b",
        re.I,
    ),
    re.compile(
        r"(?:seeking|looking for|pursuing|searching for|apply(?:ing)? for|interested in|aiming for|targeting)\s+"
        r"(?:an?\s+|the\s+)?(?:new\s+)?(?:(?:positions?|roles?|jobs?|opportunit(?:y|ies)|posts?)\s+(?:as|of)\s+(?:an?\s+)?)?"
        r"(?P<role>[A-Za-z][A-Za-z&/\- ]{2,60}?)"
        r"(?:\s+(?:role|position|job|opportunity|post)s?)?(?=\s*(?:[,.;()]|$|\s+(?:in|at|with|where|that|based|within|for|paying|"
        r"offering|and|to)\b))",
        re.I,
    ),
    re.compile(
        r"(?:to (?:obtain|secure|find|join as|work as|become)|wish to work as|hope to work as|want to work as|next step(?: is)?"
        r"(?: to be)?|aspiring|goal is to become)\s+(?:an?\s+|the\s+)?(?:(?:position|role|job)\s+(?:as|of)\s+(?:an?\s+)?)?"
        r"(?P<role>[A-Za-z][A-Za-z&/\- ]{2,60}?)(?:\s+(?:role|position|job))?(?=\s*(?:[,.;()]|$|\s+(?:in|at|with|where|that|"
        r"based|for|and|to)\b))",
        re.I,
    ),
    re.compile(
        r"(?:希望|期望|想要|意向|打算|寻求|谋求)(?:能够|能|可以)?(?:从事|应聘|担任|成为|寻找|获得|做|在[^，。]{1,12}?(?:从事|担任))?"
        r"(?:贵公司|贵司|贵单位|贵集团|贵行|贵院|贵校)?(?:的)?(?:一份)?"
        r"(?P<role>[\u4e00-\u9fffA-Za-z]{2,16}?)(?:的)?(?:工作|岗位|职位|职务|机会|方向|一职)"
    ),
    re.compile(r"(?:求职意向|应聘职位|应聘岗位|意向岗位|目标岗位)(?:为|是)\s*(?P<role>[\u4e00-\u9fffA-Za-z]{2,16})"),
    # A letter answering an opening: "看到贵司在招聘物流规划师，…", "得知贵公司正在招测试组长".
    re.compile(
        r"(?:贵司|贵公司|贵单位|贵部门|贵行|贵院|贵校|你们|您们?)(?:部门|公司|团队|单位)?(?:正|目前|最近|近期)?(?:在)?"
        r"(?:招聘|招)(?:的)?"
        r"(?P<role>[\u4e00-\u9fffA-Za-z]{2,16}?)(?:岗位|职位|一职)?(?=[，,。；;！!（(]|$)"
    ),
]
_YEARS_SENTENCES = [
    re.compile(
        r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
        r"sixteen|seventeen|eighteen|nineteen|twenty)\s*\+?\s*(?:full\s+)?(?:years?|yrs?)(?:['’]s?)?\s+"
        r"(?:of\s+)?(?:[\w\-]+\s+){0,3}?(?:experience|expertise|in the industry|in the field|working)",
        re.I,
    ),
    re.compile(r"(?:over|more than|nearly|almost|about)\s+(?P<n>\d{1,2}|[a-z]+)\s+years?\b", re.I),
    re.compile(r"(?:over|in|for|during)\s+the\s+(?:last|past)\s+(?P<n>\d{1,2}|[a-z]+)\s+years?\b", re.I),
    re.compile(
        r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年(?:以上|多)?(?:的)?(?:[\u4e00-\u9fffA-Za-z]{0,8}?)"
        r"(?:工作|从业|相关|行业|开发|管理)?经验"
    ),
    re.compile(r"(?:从业|工作)了?(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年"),  # "前后一共工作了13年"
]
# A sentence naming what was studied: "学的是土木工程专业", "所学专业为英语", "专业是会计学", "主修金融".
_FIELD_SENTENCE = re.compile(
    r"(?:学的是|读的是|念的是|所学专业(?:为|是)?|所读专业(?:为|是)?|专业(?:为|是)|主修|攻读)\s*"
    r"(?P<field>[\u4e00-\u9fffA-Za-z]{2,16}?)\s*(?:专业|方向)?(?=[，,。；;！!（(\s]|$)"
)
_AGE_RE = re.compile(r"(?:(?:年龄|age)\s*[:：]?\s*(?P<a>\d{2})|(?P<b>\d{2})\s*(?:岁|years? old|-year-old))", re.I)
_BIRTH_RES = [
    re.compile(  # never across a sentence: "1990年出生，现居温州。2011年毕业" was born in 1990
        r"(?:\bborn\b|出生于?|生于|\bDOB\b|birth)(?:[^\d\n。；;，]|(?<!\d)\d{1,2}(?!\d)){0,20}?((?:19|20)\d{2})(?!\d)", re.I
    ),
    re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*日\s*)?(?:出生|生人|生)(?![产活])"),
    re.compile(r"((?:19|20)\d{2})\s*年生"),
]


def _desired_from_sentence(text: str) -> str:
    for pattern in _DESIRED_SENTENCES:
        for match in pattern.finditer(text):
            role = match.group("role").strip(" -/")
            role = re.sub(r"^(?:a|an|the)\s+", "", role, flags=re.I)
            role = re.sub(r"\s+(?:role|position|job)$", "", role, flags=re.I)
            if _title_score(role) >= 40 or TITLE_WORD_RE.search(role):
                return role
    return ""


def _wanted_piece(value: str) -> str:
    """The role among the pieces of a job-intent value: "全职 | 行政助理 | 广州 | 5-6K" wants 行政助理."""
    pieces = [piece.strip() for piece in value.split(" | ") if piece.strip()]
    for piece in pieces:
        if _NOT_A_JOB.match(piece) or place_only(piece) or _MONEY_PIECE.fullmatch(piece) or salary_negotiable(piece):
            continue
        return piece
    return value


_OBJECTIVE_ROLE = re.compile(
    r"\b(?i:an?|the|my)\s+(?:[a-z][a-z\-]*\s+){0,2}(?P<role>[A-Z][A-Za-z&/\-]*(?:\s+(?:[A-Z][A-Za-z&/\-]*|of|and|&))*)"
    r"\s+(?:role|position|job|post|opportunity)\b"
)


def _role_in_objective(line: str) -> str:
    """The role an objective names by its capitalised title: "A challenging Data Engineer position in …"."""
    for match in _OBJECTIVE_ROLE.finditer(line):
        role = match.group("role").strip()
        if _title_score(role) >= 40 or TITLE_WORD_RE.search(role):
            return role
    return ""


def _clean_desired(value: str) -> str:
    # Of alternatives ("行政助理/前台", "出纳、会计") the first; "UI/UX设计师" is one name.
    value = re.split(r"(?<=[\u4e00-\u9fff]{2})\s*[/／、]\s*(?=[\u4e00-\u9fff]{2})", value, maxsplit=1)[0]
    for pay in _SALARY_WORDS.finditer(value):
        # The pay that follows the role ("数据分析师 期望薪资：15K", "Buyer, salary 20k"); a pay word inside the role's
        # own name stays ("Compensation and Benefits Specialist", "薪酬福利专员").
        if re.match(r"\s*(?:[:：]|[¥￥$]|RMB|CNY|\d|面议|negotiable|$)", value[pay.end() :], re.I):
            value = value[: pay.start()]
            break
    value = re.split(r"\s+[^\s:：]{2,8}\s*[:：]", value, maxsplit=1)[0]  # the next label on the line, however misread
    value = re.split(r"[（(]|\s{2,}|\s*[|｜,，;；]\s*|\s+[-–—]\s+|期望薪|薪资|salary", value, maxsplit=1, flags=re.I)[0]
    placed = re.search(r"\s+in\s+(?=[A-Z])", value)
    if placed and place_in(value[placed.end() :])[0]:
        value = value[: placed.start()]  # "Product Manager in Shanghai", but "Software Engineer in Test" is one title
    value = re.sub(
        r"^(?:to\s+(?:obtain|secure|find)\s+)?(?:an?\s+|the\s+)?(?:(?:position|role)\s+as\s+(?:an?\s+)?)?",
        "",
        value.strip(),
        flags=re.I,
    )
    # "Product Manager roles in fintech", "数据分析师岗位": the kind of opening is not part of the role's name
    value = re.sub(r"(?<=\S)\s+(?:roles?|positions?|jobs?|opportunities|openings)\b.*$", "", value, flags=re.I)
    value = re.sub(r"(?<=[\u4e00-\u9fffA-Za-z]{2})(?:相关)?(?:岗位|职位|工作|方向)$", "", value)
    return _DANGLING.sub("", value)


# A piece of a line that is only a sum of money with its unit ("15-20K", "1.5万/月", "¥25,000"), no label.
_MONEY_PIECE = re.compile(
    r"(?:[¥￥]|RMB|CNY)?\s*\d+(?:[.,]\d+)?\s*(?:[kK千]|万|w|W)?(?:\s*[-~～至]\s*\d+(?:[.,]\d+)?)?\s*(?:[kK千]|万|w|W)"
    r"(?:\s*(?:[xX×*·]\s*1[2-8]\s*薪?|1[2-8]\s*薪))?(?:\s*(?:元)?\s*/\s*(?:月|年|month|year))?|"
    r"(?:[¥￥]|RMB|CNY)\s*\d[\d,]*(?:\s*[-~～至]\s*\d[\d,]*)?(?:\s*/\s*(?:月|年|month|year))?|"
    r"\d[\d,]*(?:\s*[-~～至]\s*\d[\d,]*)?\s*元(?:\s*/\s*(?:月|年))?",
    re.I,
)

# Stray marks left at either end of a value (a scan's speck read as "-", "'" or "«", a cut separator).
_DANGLING = re.compile(r"^[\s.。:：\-–—_'\"‘’“”«»|~·,，;；]+|[\s.。:：\-–—_'\"‘’“”«»|~·,，;；]+$")


def _years_from_text(text: str) -> int | None:
    for pattern in _YEARS_SENTENCES:
        match = pattern.search(text)
        if match:
            number = _number(match.group("n"))
            if number is not None and 0 <= number <= 50:
                return number
    return None


_CURRENT_JOB = re.compile(
    r"(?:\b(?:currently|presently)\b|\bI am now\b|现任职于|现就职于|现任|目前(?:就职于|任职于|在)|现在(?:就职于|在))"
    r"\s*(?P<clause>[^。；;\n]*?)"
    r"(?:[。；;\n]|\.(?:\s|$)(?<!\bCo\.\s)|\s*[,，]\s*(?:previously|formerly|before that|prior to|曾|此前|之前)|$)",
    re.I,
)


def _current_job_in_sentences(lines: list[str]) -> tuple[str, str]:
    """(employer, title) of the job a sentence says the person holds now."""
    for line in lines:
        for match in _CURRENT_JOB.finditer(line):
            clause = re.sub(
                r"^(?:(?:working|employed|serving)\s+(?:as\s+)?|(?:working\s+)?(?:at|with|for)\s+)?(?:an?\s+|the\s+)?",
                "",
                match.group("clause").strip(),
                flags=re.I,
            )
            employer, title, _confidence = _employer_title(_split_parts(clause))
            named = (
                COMPANY_RE.search(employer)
                or re.fullmatch(r"[A-Z][A-Za-z0-9&'.\-]*(?:\s+[A-Z][A-Za-z0-9&'.\-]*){0,4}", employer)
                or (re.fullmatch(r"[\u4e00-\u9fffA-Za-z]{2,20}", employer) and re.search(r"担任|出任|[，,\s]任", clause))
            )
            job_noun = COMPANY_RE.search(employer) and TITLE_WORD_RE.search(title)  # "…有限公司当调度组长"
            if employer and title and named and (_title_score(title) >= 45 or job_noun):
                return employer, title  # "… at Deloitte LLP", "… at KPMG"
    return "", ""


def _headline_job(lines: list[str], sections: list[str | None], name: str) -> tuple[str, str]:
    """(employer, title) of the headline under the name: "Senior Engineer at Acme Ltd", "高级产品经理 | 某某有限公司",
    "Data Analyst | 5 years | Shenzhen". Only the lines before the first section and without contact details."""
    for line, section in list(zip(lines, sections, strict=True))[:4]:
        if section is not None or EMAIL_RE.search(line) or PHONE_RE.search(line) or _labelled_pairs(line):
            continue
        if re.search(r"[。！？!?]|[\u4e00-\u9fff][，,][\u4e00-\u9fff]{4}", line):
            continue  # a sentence ("听说贵司在招仓储规划师，冒昧来信。") is no headline
        bare = line.replace(name, " ").strip() if name else line
        if not bare or _name_of(bare, headline=True) == bare:
            continue
        parts = [p for p in _split_parts(bare) if not _years_from_text(p) and not re.fullmatch(r"\d+\s*(?:年|years?)\S*", p)]
        employer, title, _confidence = _employer_title(parts)
        if title and _title_score(title) >= 45 and TITLE_WORD_RE.search(title):  # a job's noun, not a major
            return (employer if COMPANY_RE.search(employer) else ""), title
    return "", ""


# ---------------------------------------------------------------- the parser


def _name_of(line: str, *, headline: bool = False) -> str:
    """A person's name on a header line, or "". On the headline itself a Chinese name whose surname is
    not among the common ones is taken too, when it is no word the resume's vocabularies know."""
    line = re.sub(r"\s*的?\s*(个人简历|简历|求职简历)\s*$", "", line).strip()
    line = re.sub(r"\s*[-–—|]?\s*(resume|curriculum vitae|cv)\s*$", "", line, flags=re.I).strip()
    line = re.sub(r"\s*[（(][A-Za-z][A-Za-z .\-]{0,30}[)）]", "", line).strip()  # "张伟（David）": the English name aside
    for part in re.split(r"\s*[|｜·•,，/]\s*|\s{2,}", line):
        part = part.strip()
        chinese = re.fullmatch(r"[\u4e00-\u9fff]{2,4}", part.replace(" ", ""))
        if chinese:
            bare = part.replace(" ", "")
            known = bare[0] in _ZH_SURNAMES or bare[:2] in _ZH_COMPOUND_SURNAMES
            if known and _resume_words(bare):
                continue  # "高级会计", "项目管理": a surname's character starts many words
            if (known or (headline and len(bare) <= 3 and _unknown_word(bare))) and not _label_field(bare):
                if not _section_of(bare) and not place_only(bare) and not education_level(bare):
                    return bare
            continue
        words = part.split()
        if 2 <= len(words) <= 4 and all(re.fullmatch(r"[A-Z][a-zA-Z'\-]*\.?", w) for w in words):
            if (
                not _section_of(part)
                and not TITLE_WORD_RE.search(part)
                and not COMPANY_RE.search(part)
                and not place_only(part)
                and _title_category(part)[1] < 75  # "CONTENT OPERATIONS" over the name is the title sought
            ):
                return " ".join(w if not w.isupper() or len(w) <= 2 else w.capitalize() for w in words)
        if re.match(r"^[\u4e00-\u9fff]{2,4}\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$", part):
            zh = part.split()[0]  # a bilingual header "张伟 Wei Zhang"
            if zh[0] in _ZH_SURNAMES or zh[:2] in _ZH_COMPOUND_SURNAMES:
                return zh
    return ""


_SELF_NAMED = re.compile(r"(?:本人|我叫|我名叫|我的名字是|我是)\s*(?P<name>[\u4e00-\u9fff]{2,4}?)\s*(?=[，,。；;（(]|$)")
_LETTER_CLOSING = re.compile(r"^(?:此致|敬礼[！!]?|此致敬礼[！!]?|谢谢[！!]?|感谢您的阅读[！!。]?|顺祝商祺[！!。]?)$")


def _name_in_letter(lines: list[str]) -> str:
    """The name a resume written as a letter gives: "本人张三，男，…" in its first sentences, else the signature
    under the closing ("此致 / 敬礼！ / 张三 / 2026年5月1日")."""
    for line in lines[:8]:
        match = _SELF_NAMED.search(line)
        if match and _name_of(match.group("name")):
            return match.group("name")
    for index, line in enumerate(lines):
        if _LETTER_CLOSING.match(line.strip()):
            for after in lines[index + 1 : index + 3]:
                name = _name_of(after.strip())
                if name and name == after.strip().replace(" ", ""):
                    return name
    return ""


def _resume_words(text: str) -> bool:
    """True for Chinese text that is words, not a name: a title or skill, or (four characters without a
    compound surname) a dictionary word or two ("项目管理", "金融分析")."""
    if TITLE_WORD_RE.search(text) or text.lower() in skills_vocabulary()[1]:
        return True
    if len(text) < 4 or text[:2] in _ZH_COMPOUND_SURNAMES:
        return False
    tokenizer = _segmenter()
    tokenizer.check_initialized()
    tokens = tokenizer.lcut(text, HMM=False)
    return tokenizer.FREQ.get(text, 0) > 0 or (len(tokens) >= 2 and all(len(token) >= 2 for token in tokens))


def _unknown_word(text: str) -> bool:
    """True when `text` is none of the words a resume is made of (a title, a skill, a heading, a common word)."""
    if TITLE_WORD_RE.search(text) or _HEADLINE_WORDS.search(text) or COMPANY_RE.search(text) or SCHOOL_RE.search(text):
        return False
    if text.lower() in skills_vocabulary()[1] or re.search(r"[的了是在和与及有我年月日岁省市区县]", text):
        return False
    tokenizer = _segmenter()
    tokenizer.check_initialized()
    return tokenizer.FREQ.get(text, 0) < 50


def _unwrapped(lines: list[str]) -> str:
    """The lines with prose that a page wrapped mid-sentence joined again: "…毕业于华中科技大学人工智" + "能专业，…"
    is one sentence, and so is "… Seeking a Senior Supply" + "and Logistics Planner position." A long line ending
    in a character (or a Chinese list's 、 or ，), with no stop, runs on into a line starting with one; a long
    English line ending in a word or a comma runs on into a line starting in lower case, and a line as wide as the
    page into a line of words after it ("… seeking a Senior" + "Inventory Planner position.")."""
    text = lines[0] if lines else ""
    for previous, line in zip(lines, lines[1:], strict=False):
        runs_on = len(previous) >= 25 and (
            (re.search(r"[\u4e00-\u9fff]$", previous) and re.match(r"[\u4e00-\u9fff]", line))
            or (re.search(r"[\u4e00-\u9fff][、，]$", previous) and re.match(r"[\u4e00-\u9fffA-Za-z0-9]", line))
        )  # a list cut after its 、 goes on, whatever its next item is written in: "专长包括项目管理、" + "Excel、谈判"
        english = re.search(r"[A-Za-z,]$", previous) and (
            (len(previous) >= 40 and re.match(r"[a-z]", line))
            or (len(previous) >= 70 and re.match(r"[A-Z][a-z]+(?: [A-Za-z]+){2}", line) and " " in previous)
        )
        text += ("" if runs_on else " " if english else "\n") + line
    return text


_CUT_SUFFIXES = ("有限责任公司", "股份有限公司", "有限公司", "集团")
_SUFFIX_CUTS = tuple((suffix[:cut], suffix[cut:]) for suffix in _CUT_SUFFIXES for cut in range(1, len(suffix)))
_SUFFIX_LED = re.compile(r"[\u4e00-\u9fff]{1,4}(?:" + "|".join(_CUT_SUFFIXES) + r")(?=\s|$)")


def _company_rejoined(lines: list[str]) -> list[str]:
    """Lines with a company's name that a narrow box wrapped joined again (a chat bubble, a table cell):
    "2017.03-至今乌鲁木齐泓达零售有限责" over "任公司    运营总监", or "…知禾文化传" over "媒有限责任公司": the
    line below goes on with the legal suffix the line above began, or with a few characters and a whole suffix
    after a dated line whose company the line above began."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        tail = re.search(r"[\u4e00-\u9fff]+$", previous)
        if tail and re.match(r"[\u4e00-\u9fff]", line) and not previous.endswith(_CUT_SUFFIXES):
            cut = any(previous.endswith(before) and line.startswith(after) for before, after in _SUFFIX_CUTS)
            begun = len(tail.group()) >= 4 and DATE_RANGE_RE.search(previous) and _SUFFIX_LED.match(line)
            if cut or begun:
                out[-1] = previous + line
                continue
        out.append(line)
    return out


def _sectioned(lines: list[str]) -> tuple[list[str], list[str | None]]:
    kept, sections = [], []
    section: str | None = None
    for line in lines:
        heading = _section_of(line)
        if heading:
            section = heading
            continue
        kept.append(line.lstrip("# ").strip())
        sections.append(section)
    return kept, sections


_LONE_DATE = re.compile(_YM.format(p="s") + r"(?=\s|$)\s*(?P<rest>.*)$", re.I)
_LONE_END = re.compile(r"(?:" + _PRESENT + "|" + _YM.format(p="e") + r")(?=\s|$)\s*(?P<rest>.*)$", re.I)


def _timeline_dates_joined(lines: list[str], sections: list[str | None]) -> tuple[list[str], list[str | None]]:
    """A timeline's dates set one over the other beside (or above) the entry, "2021.03" over "至今" in a left
    column: the two are one range, "2021.03 - 至今", and what stood beside each stays on the range's line."""
    out_lines: list[str] = []
    out_sections: list[str | None] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        start = _LONE_DATE.match(line)
        beside = _LONE_END.match(start.group("rest")) if start and not DATE_RANGE_RE.search(line) else None
        months = start and (start.group("sm") or start.group("smon") or start.group("sm3"))
        if beside and months and any(beside.group(name) for name in ("em", "emon", "em3", "now")):
            g, e = start.group, beside.group  # "1994/08 1998/06  江西师范大学", "01/2016  Present": side by side, a range
            begun = _year_month(g("sy"), g("sm"), g("smon"), g("sy2"), g("sm3"), g("sy3"))
            ended = _year_month(e("ey"), e("em"), e("emon"), e("ey2"), e("em3"), e("ey3")) or "9999"
            if begun and begun <= ended:
                cut = start.start("rest")
                line = f"{line[:cut].strip()} - {start.group('rest')}"
        end = _LONE_END.match(lines[index + 1]) if start and index + 1 < len(lines) else None
        if (
            start
            and end
            and (start.group("sm") or start.group("smon") or start.group("sm3"))
            and sections[index + 1] == sections[index]
            and not DATE_RANGE_RE.search(line)
            and not DATE_RANGE_RE.search(lines[index + 1])
        ):
            g, e = start.group, end.group
            begun = _year_month(g("sy"), g("sm"), g("smon"), g("sy2"), g("sm3"), g("sy3"))
            ended = None if e("now") else _year_month(e("ey"), e("em"), e("emon"), e("ey2"), e("em3"), e("ey3"))
            if begun and (ended is None and end.group("now") or (ended and begun <= ended)):
                first, second = line[: start.start("rest")].strip(), lines[index + 1][: end.start("rest")].strip()
                rest = "  ".join(part for part in (start.group("rest").strip(), end.group("rest").strip()) if part)
                out_lines.append(f"{first} - {second}" + (f"  {rest}" if rest else ""))
                out_sections.append(sections[index])
                index += 2
                continue
        out_lines.append(line)
        out_sections.append(sections[index])
        index += 1
    return out_lines, out_sections


def _places_only(line: str) -> bool:
    """True for a line that only says where, as an address's tail: "Ningbo, Zhejiang, China", "Nan'an District,
    Chongqing, China", "Pu'er, Yunnan" (its last place a province or a municipality, the others capitalised names)."""
    pieces = [piece.strip() for piece in re.split(r"\s*[,，]\s*", line) if piece.strip()]
    while pieces and _NOT_A_JOB.match(pieces[-1]):
        pieces.pop()  # the country
    if not 1 <= len(pieces) <= 3 or COMPANY_RE.search(line) or TITLE_WORD_RE.search(line) or SCHOOL_RE.search(line):
        return False
    province, _city = place_in(pieces[-1])
    if not province or not place_only(pieces[-1]):
        return False
    return all(place_only(piece) or re.fullmatch(r"[A-Z][A-Za-z'’\-]*(?: [A-Z][A-Za-z'’\-]*){0,2}", piece) for piece in pieces)


# A sidebar read before the main column: what it holds (contact details, top skills, languages, certifications).
_SIDEBAR_SECTIONS = ("basics", "skills", "certificates", "other")


def _sidebar_end(lines: list[str], sections: list[str | None]) -> int | None:
    """The line where the main column begins when a sidebar was read first: LinkedIn's export (and many a
    template) puts Contact, Top Skills, Languages and Certifications in a left column, and its text opens with
    them; the main column starts with the name, over the headline and the location ("Ningbo, Zhejiang, China")."""
    if not lines or sections[0] not in _SIDEBAR_SECTIONS:
        return None
    for index, line in enumerate(lines[:60]):
        if sections[index] not in _SIDEBAR_SECTIONS:
            return None
        if index and _name_of(line) and any(_places_only(after) for after in lines[index + 1 : index + 3]):
            return index
        # The name set large over the main column's first heading ("LAN Junjie" over "PROFILE"): the sidebar's
        # last section ends with it, and the line after it is under a heading of the main column.
        if index and _name_of(line) and index + 1 < len(lines) and sections[index + 1] not in _SIDEBAR_SECTIONS:
            return index
    return None


def _salary_text(lines: list[str], sections: list[str | None]) -> str:
    """The lines where a person states what they want: not the work history or projects (their budgets and revenue)."""
    return "\n".join(
        line for line, section in zip(lines, sections, strict=True) if section not in ("work", "other", "certificates")
    )


class _Found:
    """The first value found for each field, with its confidence."""

    def __init__(self):
        self.values: dict[str, object] = {}
        self.confidence: dict[str, float] = {}

    def offer(self, field: str, value, confidence: float) -> None:
        if value in (None, "", []) or field in self.values:
            return
        self.values[field] = value
        self.confidence[field] = confidence

    def get(self, field: str, default=None):
        return self.values.get(field, default)


_NONE_VALUE = re.compile(r"无|暂无|没有|（?无）?|none|n/?a|nil|-+|—+|/", re.I)


# Vocabulary skills named in a sentence: "熟练掌握Python", "她的专长包括SQL、Figma", "proficient in Excel".
_SKILL_SENTENCE = re.compile(
    r"(?:熟练掌握|熟练使用|熟练运用|精通|熟悉|擅长|掌握|会使用|能够使用|具备|(?:专长|特长)(?:包括|有|是|为)|"
    r"proficient (?:in|with|at)|"
    r"skilled (?:in|at|with)|experienced (?:in|with)|expertise (?:in|with)|familiar with|hands-on experience with|"
    r"tools? (?:include|like)|"
    r"(?:strong|solid|good|excellent|working|deep|sound)\s+(?:skills?|knowledge|proficiency|command|background)\s+(?:in|of|with)|"
    r"well[- ]versed in|competent (?:in|with)|fluent in|good at)"
    r"((?:[^\n。.;；]|\.(?=[A-Za-z0-9]))"  # "Vue.js", "Node.js": a dot inside a name does not end the sentence
    r"{2,120})",
    re.I,
)


def parse_resume(text: str, *, today: date | None = None) -> dict:
    """Propose structured fields for one resume's text (JSON Resume shape), each with a confidence.

    A resume in Traditional Chinese is read in Simplified (headings, labels, vocabularies) and its
    values are given back as written (consent.scripts).
    """
    read = scripts.simplified(text)
    if read is not None:
        return scripts.as_written(_parse_resume(read, today=today), read, text)
    return _parse_resume(text, today=today)


def _parse_resume(text: str, *, today: date | None) -> dict:
    today = today or date.today()  # noqa: DTZ011 (a calendar year, no time zone involved)
    raw = [_norm_line(line) for line in text.splitlines()]
    lines, sections = _timeline_dates_joined(*_sectioned(_company_rejoined([line for line in raw if line])))
    main_column = _sidebar_end(lines, sections)
    if main_column is not None:  # the header of the main column, not the sidebar's last section
        sidebar_section = sections[main_column]
        for index in range(main_column, len(lines)):
            if sections[index] != sidebar_section:
                break
            sections[index] = None
    joined = "\n".join(lines)
    prose = _unwrapped(lines)  # the text with sentences a page wrapped joined again
    found = _Found()
    labelled: dict[str, str] = {}
    skill_chunks: list[str] = []
    certificate_chunks: list[str] = []
    education_lines: list[str] = []
    work_labelled: dict[str, str] = {}
    intent_lines: list[str] = []

    for index, line in enumerate(lines):
        section = sections[index]
        if _column_headings(line):
            continue  # "Year  Institution / Qualification": a table's header row holds no one's details
        pairs = _labelled_pairs(line)
        for field, value in pairs:
            if field == "title" and section == "intent":
                field = "desired"  # "求职意向 / 职位：数据分析师" is the job wanted, not the one held
            if field == "skills":
                skill_chunks.append(value)
            elif field == "certificates":
                certificate_chunks.append(value)
            elif field == "mother_tongue":
                if not _CHINESE_LANGUAGE.search(value):
                    skill_chunks.append(value)  # "Mother tongue: Korean" is a language to offer
            elif field == "driving":
                if value and not re.match(r"(?:none|no|n/?a|无|没有)\b", value.strip(), re.I):
                    skill_chunks.append("driving licence")
            elif field == "school_field":
                school_major = re.match(r"^(.*?(?:大学|学院|学校|University|College|Institute))[\s,，/]*(.*)$", value, re.I)
                if school_major:
                    labelled.setdefault("school", school_major.group(1).strip())
                    if school_major.group(2).strip():
                        labelled.setdefault("field", school_major.group(2).strip())
            elif field in ("employer", "title") and section == "work":
                work_labelled.setdefault(field, value)  # one job's block among several: the work history decides
            elif value and not _NONE_VALUE.fullmatch(value.strip()):  # "现工作单位  无": the form's cell says none
                labelled.setdefault(field, value)
        if section == "skills" and not pairs and not re.search(r"。|^[^:：]{2,8}描述\s*[:：]", line):
            skill_chunks.append(line)  # a job's description set among the skills by the page's columns lists none
        if section == "certificates" and not pairs:
            certificate_chunks.append(line)
        if section == "education":
            education_lines.append(line)
        if section == "intent" and not pairs:
            intent_lines.append(line)

    # Contact details.
    found.offer("name", labelled.get("name", "").strip(), LABELLED)
    if main_column is not None:
        found.offer("name", _name_of(lines[main_column]), LAYOUT)
    if "name" not in found.values:
        for line in lines[:6]:
            if EMAIL_RE.search(line) and not _name_of(EMAIL_RE.sub("", line)):
                continue
            name = _name_of(EMAIL_RE.sub("", PHONE_RE.sub("", line)), headline=line is lines[0])
            if name:
                found.offer("name", name, LAYOUT if line is lines[0] or line is lines[1] else INFERRED)
                break
    if "name" not in found.values:
        found.offer("name", _name_in_letter(lines), SENTENCE)
    email = EMAIL_RE.search(labelled.get("email", "")) or EMAIL_RE.search(joined)
    if email:
        found.offer("email", email.group(0), LABELLED if labelled.get("email") else SENTENCE)
    found.offer("phone", _phone(labelled.get("phone", "")), LABELLED)
    found.offer("phone", _phone(joined), SENTENCE)

    # Birth year and gender.
    birth = re.search(r"(19\d{2}|20\d{2})", labelled.get("birth", ""))
    if birth:
        found.offer("birth_year", int(birth.group(1)), LABELLED)
    minguo = re.search(r"民国\s*(\d{2,3})\s*年", labelled.get("birth", ""))
    if minguo:  # "民國85年10月": years of the Republic of China, counted from 1912 (Taiwan's dates)
        found.offer("birth_year", 1911 + int(minguo.group(1)), LABELLED)
    short_year = re.match(r"\s*(\d{2})\s*(?:年|[./\-]\s*\d{1,2}(?!\d))", labelled.get("birth", ""))
    if short_year:  # "90年3月", "88.05": a year written with two digits
        year = int(short_year.group(1))
        found.offer("birth_year", (1900 if year > today.year % 100 else 2000) + year, LAYOUT)
    age = re.search(r"\d{2}", labelled.get("age", ""))
    if age:
        found.offer("birth_year", today.year - int(age.group(0)), LAYOUT)
    for pattern in _BIRTH_RES:
        match = pattern.search(joined)
        if match:
            found.offer("birth_year", int(match.group(1)), SENTENCE)
    resident_id = RESIDENT_ID_RE.search(joined)
    if resident_id:
        found.offer("birth_year", int(resident_id.group(1)), SENTENCE)
    age_match = _AGE_RE.search(joined)
    if age_match and "birth_year" not in found.values:
        # "43岁 | 1982年12月": a year and month beside the age is the birth month (the birthday may be still to come).
        age = int(age_match.group("a") or age_match.group("b"))
        line = next((line for line in lines if age_match.group(0) in line), "")
        for year in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|[./\-])\s*\d{1,2}(?!\d)", line):
            if int(year) in (today.year - age, today.year - age - 1):
                found.offer("birth_year", int(year), SENTENCE)
                break
    if age_match:
        found.offer("birth_year", today.year - int(age_match.group("a") or age_match.group("b")), INFERRED)
    found.offer("gender", _gender(labelled.get("gender", "")), LABELLED)
    header = "\n".join(line for line, section in zip(lines, sections, strict=True) if section in (None, "basics", "summary"))
    found.offer("gender", _gender_in_text(header), SENTENCE)
    for personal in re.finditer(
        r"\bpersonal(?:\s+(?:details|information|info|particulars))?\s*[:：]\s*([^\n·|]{1,60})", joined, re.I
    ):
        found.offer("gender", _gender_in_text(personal.group(1)), SENTENCE)  # "… · Personal: Female, 1991"

    # Where the person lives: a label, a sentence, then the header lines (never an employer's name).
    if labelled.get("location"):
        province, city = place_in(labelled["location"])
        found.offer("province", province, LABELLED)
        found.offer("city", city, LABELLED if city else 0)
    if "province" not in found.values:
        sentence = re.search(
            r"(?:现居(?:住)?(?:于|在)?|居住(?:于|在)|常住|现在|lives? in|living in|based in|located in|reside[sd]? in|"
            r"residing in|relocated to)\s*([^\n。;；,，]{2,40})",
            joined,
            re.I,
        )
        if sentence:
            province, city = place_in(sentence.group(1))
            found.offer("province", province, SENTENCE)
            found.offer("city", city, SENTENCE)
    if "province" not in found.values:
        for line, section in zip(lines, sections, strict=True):
            if section not in (None, "basics"):
                continue
            bare = _URL_RE.sub(" ", EMAIL_RE.sub(" ", line))  # "...@corp.example.net" names no company
            if COMPANY_RE.search(bare) or SCHOOL_RE.search(bare):
                continue
            if found.get("name"):  # the name is no place, however it is written ("LAI Yang" is not Laiyang)
                bare = re.sub(re.escape(found.get("name")).replace(r"\ ", r"\s+"), " ", bare, flags=re.I)
            for field, value in _labelled_pairs(line):
                if field in ("hometown", "unused", "school", "employer", "wanted_place") and value:
                    bare = bare.replace(value, " ")  # "籍贯：湖南衡阳" is where the person comes from
            province, city = place_in(bare)
            if province:
                found.offer("province", province, LAYOUT)
                found.offer("city", city, LAYOUT)
                break

    if "province" not in found.values and labelled.get("wanted_place"):
        province, city = place_in(labelled["wanted_place"])
        found.offer("province", province, INFERRED)
        found.offer("city", city, INFERRED)

    # Education.
    level_text = labelled.get("education", "")
    found.offer("education_level", education_level(level_text), LABELLED)
    # The highest degree listed, however the list is ordered (oldest first: "本科" over "硕士"), and its major.
    ranks = list(vocabulary()["degrees"])  # highest first
    levelled = [(ranks.index(level), index) for index, line in enumerate(education_lines) if (level := education_level(line))]
    highest = education_lines[min(levelled)[1]] if len({rank for rank, _index in levelled}) >= 2 else ""
    for line in ([highest] if highest else []) + education_lines:
        found.offer("education_level", education_level(line), LAYOUT)
    if highest:
        field_of_study, confidence = _field_from_line(highest)
        found.offer("field_of_study", field_of_study, confidence)
    if "education_level" not in found.values:
        work_free = "\n".join(line for line, section in zip(lines, sections, strict=True) if section != "work")
        found.offer("education_level", education_level(work_free), INFERRED)
    if labelled.get("field") and _field_like(_clean_field_of_study(labelled["field"])):
        found.offer("field_of_study", _clean_field_of_study(labelled["field"]), LABELLED)
    for line in [labelled.get("education", ""), *education_lines]:
        field_of_study, confidence = _field_from_line(line)
        if field_of_study and (confidence > INFERRED or len(education_lines) <= 3):
            found.offer("field_of_study", field_of_study, confidence)
    if "field_of_study" not in found.values:
        sentence = re.search(
            r"(?:毕业于|graduated from)[^\n。]{0,30}?(?:大学|学院|University|College)[,，]?\s*(?:的)?"
            r"(?:所学|所读|主修)?(?:专业)?(?:为|是)?([^\n。,，]{2,30})",
            prose,
            re.I,
        )
        if sentence:
            field_of_study, confidence = _field_from_line(sentence.group(1))
            found.offer("field_of_study", field_of_study, min(confidence, SENTENCE))
    if "field_of_study" not in found.values:
        said = _FIELD_SENTENCE.search(prose)  # "学的是土木工程专业", "所学专业为英语", "读的是会计"
        if said and not education_level(said.group("field")) and not SCHOOL_RE.search(said.group("field")):
            found.offer("field_of_study", _clean_field_of_study(said.group("field")), SENTENCE)
    if "field_of_study" not in found.values:
        # An education line outside an education section (a chat paste with no headings, a heading cell beside
        # its entry): a school and a degree on one line, and a major the vocabulary or the line's layout names.
        for line, section in zip(lines, sections, strict=True):
            if section != "work" and SCHOOL_RE.search(line) and education_level(line) not in ("", "high_school"):
                field_of_study, confidence = _field_from_line(line)
                if field_of_study and confidence >= LAYOUT:
                    found.offer("field_of_study", field_of_study, min(confidence, LAYOUT))
                    break
    school = labelled.get("school", "")
    if not school:
        for line in education_lines:
            match = re.search(
                r"([\u4e00-\u9fff]{2,20}(?:大学|学院))"
                r"|([A-Z][A-Za-z .&'\-]*(?:University|College|Institute)(?: of [A-Z][A-Za-z ]+)?)",
                line,
            )
            if match:
                school = (match.group(1) or match.group(2)).strip()
                break

    # Work.
    work = _work_entries(lines, sections)
    if work:
        work.sort(key=lambda w: (w["endDate"] is None, w["endDate"] or "", w["startDate"] or ""), reverse=True)
    current = work[0] if work and _still_held(work[0], today) else {}
    employer_label, title_label = labelled.get("employer", ""), labelled.get("title", "")
    if employer_label or title_label:
        found.offer("current_employer", _chinese_brackets(_without_address(employer_label.strip())), LABELLED)
        found.offer("current_title", title_label, LABELLED)
    if current:
        found.offer("current_employer", current["name"], current["x-confidence"])
        found.offer("current_title", current["position"], current["x-confidence"])
    found.offer("current_employer", _without_address(work_labelled.get("employer", "").strip()), INFERRED)
    found.offer("current_title", _clean_desired(work_labelled.get("title", "")), INFERRED)
    if "current_employer" not in found.values and "current_title" not in found.values:
        # No dated job: a sentence that says where the person works now ("Currently a Senior Accountant at
        # Deloitte LLP", "现任职于某某有限公司，担任会计"), else the headline under the name ("Senior Engineer at Acme Ltd").
        told = [line for line, section in zip(lines, sections, strict=True) if section in (None, "basics", "summary")]
        employer, title = _current_job_in_sentences(told)
        if employer or title:
            found.offer("current_employer", employer, SENTENCE)
            found.offer("current_title", title, SENTENCE)
        else:
            employer, title = _headline_job(lines, sections, found.get("name", ""))
            found.offer("current_employer", employer, INFERRED)
            found.offer("current_title", title, INFERRED)

    years_label = labelled.get("years", "")
    years_match = re.search(r"(\d{1,2})\s*(?:\+\s*)?(?:年|years?|yrs?|$)", years_label, re.I)
    if years_match:
        found.offer("years_experience", int(years_match.group(1)), LABELLED)
    found.offer("years_experience", _years_from_text(prose), SENTENCE)
    if work:
        found.offer("years_experience", _work_months(work, today) // 12, LAYOUT)
    elif (
        "work" not in sections
        and found.get("education_level")
        and not any(
            COMPANY_RE.search(line) and (DATE_RANGE_RE.search(line) or re.search(r"至今|\b(?:present|now)\b", line, re.I))
            for line in lines
        )
    ):
        # A resume that tells its schooling and no job at all (a graduate's): no years of work, a guess to be checked.
        # A dated line with a company's name is a job the parser could not read: then it does not guess.
        found.offer("years_experience", 0, INFERRED)

    # What the person wants.
    if labelled.get("salary"):
        found.offer("expected_salary", salary_monthly(labelled["salary"]), LABELLED)
    if not salary_negotiable(labelled.get("salary", "")):
        found.offer("expected_salary", salary_in_text(_salary_text(lines, sections)), SENTENCE)
    desired = _clean_desired(_wanted_piece(labelled.get("desired", "")))
    if desired and not re.match(r"^(to|i|a|an)\b", desired, re.I) and len(desired) <= 60 and len(desired.split()) <= 7:
        found.offer("desired_role", desired, LABELLED)
    elif labelled.get("desired"):
        found.offer("desired_role", _desired_from_sentence(labelled["desired"]), SENTENCE)
    for line in intent_lines:
        # A line of the job-intent section: its value, whatever its label says ("期望方向：数据分析师"), or a
        # sentence naming the role ("A challenging Data Engineer position in a growing company").
        if len(line.split()) >= 5 or _SENTENCE_END.search(line):
            found.offer("desired_role", _desired_from_sentence(line) or _role_in_objective(line), SENTENCE)
        intent = _LABEL_VALUE_RE.match(line)
        for part in _split_parts(intent.group(2) if intent else line):
            part = _clean_desired(part)
            if part and _title_score(part) >= 45:
                found.offer("desired_role", part, LAYOUT)
                break
    # A figure in the line of job intent is the pay wanted: "求职意向：Java开发工程师 | 上海 | 15-20K".
    for line in [labelled.get("desired", ""), *intent_lines]:
        for piece in re.split(r"\s*[|｜/,，;；]\s*|\s{2,}", line):
            if _MONEY_PIECE.fullmatch(piece.strip()):
                found.offer("expected_salary", salary_monthly(piece), LAYOUT)
    found.offer("desired_role", _desired_from_sentence(prose), SENTENCE)

    # Skills: listed items, and vocabulary skills named after "proficient in" / "熟练掌握" in sentences.
    skills: list[str] = []
    for chunk in skill_chunks:
        for part in _split_skills(chunk):
            skills.extend(_skill_ids(part))
    named = [match.group(1) for match in _SKILL_SENTENCE.finditer(joined)]
    # A list a page wrapped ("专长包括项目管理、" over "SQL、Figma，…"), read up to the clause's end only: the
    # unwrapped text may run a list into the next heading's sentence.
    named += [re.split(r"[，,]", match.group(1))[0] for match in _SKILL_SENTENCE.finditer(prose)]
    for sentence in named:
        for part in _split_skills(sentence):
            for skill_id in _skill_ids(part):
                if skill_id in skills_vocabulary()[0]:
                    skills.append(skill_id)
    for chunk in certificate_chunks:
        for part in _split_skills(chunk):
            skills.extend(skill for skill in _skill_ids(part) if skill in skills_vocabulary()[0])
    skills, other_skills = skills_split(list(dict.fromkeys(skills)))
    found.offer("skills", skills, LAYOUT if skill_chunks or certificate_chunks else SENTENCE)

    # Categories from the vocabularies.
    title_for_role = found.get("current_title", "") or found.get("desired_role", "")
    category, score = _title_category(title_for_role)
    # A near match only by the head noun ("市场推广经理" ~ "技术经理", "Lead Brand Specialist" ~ "HR Specialist") says
    # less than the word that names the trade.
    if not category or score < 60 or (score < 90 and _keyword_category(title_for_role) not in ("other", category)):
        category, score = _keyword_category(title_for_role), 60.0 if _keyword_category(title_for_role) != "other" else 0.0
    found.offer("role_category", category or "other", min(0.95, score / 100) if category else 0.0)
    found.offer("industry", _industry(found.get("current_employer", "")), INFERRED)

    gender = found.get("gender", "U")
    return {
        "basics": {
            "name": found.get("name", ""),
            "email": found.get("email", ""),
            "phone": found.get("phone", ""),
            "location": {"region": found.get("province", ""), "city": found.get("city", ""), "countryCode": "CN"},
            "label": found.get("desired_role", ""),
        },
        "education": [
            {"institution": school, "studyType": found.get("education_level", ""), "area": found.get("field_of_study", "")}
        ],
        "work": [{key: value for key, value in entry.items() if key != "x-confidence"} for entry in work],
        "skills": [{"name": skill} for skill in found.get("skills", [])],
        "x-exchange": {
            "birthYear": found.get("birth_year"),
            "gender": gender,
            "yearsExperience": found.get("years_experience"),
            "expectedSalary": found.get("expected_salary"),
            "desiredRole": found.get("desired_role", ""),
            "industry": found.get("industry", "other"),
            "roleCategory": found.get("role_category", "other"),
            "currentEmployer": found.get("current_employer", ""),
            "currentTitle": found.get("current_title", ""),
            "otherSkills": other_skills,
        },
        "x-confidence": {_FLAT.get(field, field): round(value, 2) for field, value in found.confidence.items()},
    }


_FLAT = {"name": "full_name", "email": "contact_email"}
_ROLE_KEYWORDS = [
    ("data", ["数据", "data", "analyst", "分析师", "算法", "machine learning", "bi "]),
    (
        "engineering",
        ["工程师", "开发", "engineer", "developer", "programmer", "架构", "运维", "测试", "devops", "信息技术", "软件", "计算机"],
    ),
    ("product", ["产品", "设计", "product", "designer", "ux", "ui"]),
    (
        "sales",
        [
            "销售",
            "市场",
            "营销",
            "推广",
            "品牌",
            "sales",
            "marketing",
            "brand",
            "business development",
            "客户经理",
            "account manager",
        ],
    ),
    ("finance", ["会计", "财务", "审计", "出纳", "accountant", "finance", "financial", "auditor"]),
    (
        "hr",
        [
            "人力",
            "招聘",
            "人事",
            "薪酬",
            "hr",
            "human resources",
            "recruit",
            "talent acquisition",
            "compensation and benefits",
            "payroll",
            "培训",
        ],
    ),
    (
        "operations",
        [
            "运营",
            "物流",
            "采购",
            "仓储",
            "仓库",
            "供应链",
            "operations",
            "logistics",
            "supply",
            "warehouse",
            "procurement",
            "purchasing",
            "sourcing",
            "行政",
            "客服",
            "customer service",
        ],
    ),
]


@cache
def _role_keyword_patterns() -> list[tuple[str, re.Pattern]]:
    """One pattern a category. An English word is matched from its start ("engineer" in "Engineering Manager"),
    a short one (UI, UX, HR, BI) as a whole word: the "ui" of "Acquisition" names no designer."""
    patterns = []
    for category, words in _ROLE_KEYWORDS:
        parts = []
        for word in words:
            word = word.strip()
            if not word.isascii():
                parts.append(re.escape(word))
            elif len(word) <= 3:
                parts.append(rf"(?<![a-z]){re.escape(word)}(?![a-z])")
            else:
                parts.append(rf"(?<![a-z]){re.escape(word)}")
        patterns.append((category, re.compile("|".join(parts))))
    return patterns


def _keyword_category(title: str) -> str:
    lowered = title.lower()
    for category, pattern in _role_keyword_patterns():
        if pattern.search(lowered):
            return category
    return "other"


# Marks between listed skills: commas, bars, slashes, bullets of any shape, and a bullet misread by OCR as a
# lone "o", "O" or "@" between spaces.
_SKILL_SEPARATORS = re.compile(r"[,，、;；|/·•▪■◆●○►➢✓◇❖➤→★☆\n\t]|\s{2,}|(?:^|\s)[oO0@](?:\s|$)|\band\b|和|及|以及")


def _split_skills(text: str) -> list[str]:
    parts = _SKILL_SEPARATORS.split(_mask_brackets(text))
    return [part.strip().replace(_COMMA_MARK, "，") for part in parts if part.strip() and len(part.strip()) <= 200]


def _mask_brackets(text: str) -> str:
    """Commas inside brackets belong to the item ("Python（熟练，3年）"): hidden from the split."""
    return re.sub(r"[（(][^)）]{0,30}[)）]", lambda m: re.sub(r"[,，、]", _COMMA_MARK, m.group(0)), text)


def _phone(text: str) -> str:
    if not text:
        return ""
    import phonenumbers

    for match in phonenumbers.PhoneNumberMatcher(text[:4000], "CN", leniency=phonenumbers.Leniency.VALID):
        number = match.number
        if phonenumbers.number_type(number) in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        ):
            return (
                str(number.national_number)
                if number.country_code == 86
                else phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            )
    loose = PHONE_RE.search(text)
    return re.sub(r"[\s\-]", "", loose.group(1)) if loose else ""


def _gender(value: str) -> str:
    value = value.strip().lower()
    if value in ("女", "female", "f", "woman", "女性", "♀"):
        return "F"
    if value in ("男", "male", "m", "man", "男性", "♂"):
        return "M"
    return ""


def _gender_in_text(text: str) -> str:
    match = (
        re.search(r"(?<![\u4e00-\u9fff])(男|女)(?:性)?(?![\u4e00-\u9fff])|\b(female|male|woman|man)\b", text, re.I)
        or re.search(r"(?:本人|性别)\s*[:：]?\s*(男|女)(?![\u4e00-\u9fff])()", text)
        or re.search(r"(男|女)()\s*[，,|/]\s*(?:\d{2}\s*岁|(?:19|20)\d{2})", text)
    )
    if not match:
        match = re.search(r"(?:[，,]|^)(男|女)(?:[，,]|$)", text, re.M)
    if not match:
        # An app export's chip row: "♂ | 30岁 | 本科" (the sign alone, between separators or at a line's ends).
        match = re.search(r"(?:^|[\s|｜/,，·])([♂♀])()(?=$|[\s|｜/,，·])", text, re.M)
    if not match:
        return ""
    return _gender(match.group(1) or match.group(2))


# A job that ended this long before the resume was read is no current job (a few months' grace: a resume is
# often written a little before it is sent, its last job's end set to the month of writing).
_ENDED_GRACE_MONTHS = 3


def _still_held(entry: dict, today: date) -> bool:
    """True for a job the person holds now: no end ("至今", "Present"), or an end within the last few months.
    A 应届生's internship that ended last summer, a job left two years ago: the person works there no longer."""
    end = entry.get("endDate")
    if not end:
        return True
    year, month = (int(x) for x in [*end.split("-"), "12"][:2])
    return (today.year - year) * 12 + today.month - month <= _ENDED_GRACE_MONTHS


# An internship's title: "财务实习生", "Marketing Intern", "Summer Internship" (not the intern- of "Internal Auditor").
_INTERNSHIP = re.compile(r"实习|\bintern(?:ship)?s?\b", re.I)


def _work_months(work: list[dict], today: date) -> int:
    """Months worked, overlapping jobs counted once. An internship is no work experience: years of experience
    (工作年限) count the jobs held after study, and a 应届生 with internships only has none."""
    spans = []
    for entry in work:
        if not entry["startDate"] or _INTERNSHIP.search(entry.get("position") or ""):
            continue
        start = entry["startDate"]
        sy, sm = (int(x) for x in [*start.split("-"), "1"][:2])
        begin = sy * 12 + sm
        spans.append((begin, begin + _months_between(start, entry["endDate"], today)))
    spans.sort()
    total, reach = 0, None
    for begin, finish in spans:
        if reach is None or begin >= reach:
            total += finish - begin
            reach = finish
        elif finish > reach:
            total += finish - reach
            reach = finish
    return total


def field_confidence(parsed: dict) -> dict[str, float]:
    """How sure the parser was of each flat field (0 where it found nothing)."""
    known = parsed.get("x-confidence") or {}
    return {key: float(known.get(key, 0.0)) for key in CONFIDENCE_FIELDS}


CONFIDENCE_FIELDS = [
    "full_name", "phone", "contact_email", "birth_year", "gender", "province", "city", "education_level",
    "field_of_study", "years_experience", "current_employer", "current_title", "industry", "role_category",
    "desired_role", "expected_salary", "skills",
]  # fmt: skip


def flat_fields(parsed: dict) -> dict:
    """The Resume model's flat fields from a parsed (JSON Resume-shaped) resume."""
    basics, extra = parsed.get("basics", {}), parsed.get("x-exchange", {})
    education = (parsed.get("education") or [{}])[0]
    work = parsed.get("work") or []
    current = work[0] if work else {}
    known, other = skills_split([skill["name"] for skill in parsed.get("skills", [])])
    return {
        "full_name": basics.get("name", ""),
        "phone": basics.get("phone", ""),
        "contact_email": basics.get("email", ""),
        "birth_year": extra.get("birthYear"),
        "gender": extra.get("gender") or "U",
        "province": basics.get("location", {}).get("region", ""),
        "city": basics.get("location", {}).get("city", ""),
        "education_level": education.get("studyType", ""),
        "field_of_study": education.get("area", ""),
        "years_experience": extra.get("yearsExperience"),
        "current_employer": extra.get("currentEmployer", current.get("name", "")),
        "current_title": extra.get("currentTitle", current.get("position", "")),
        "industry": extra.get("industry", "other"),
        "role_category": extra.get("roleCategory", "other"),
        "desired_role": extra.get("desiredRole", ""),
        "expected_salary": extra.get("expectedSalary"),
        # A parse stored before other skills were kept apart holds both in "skills": split it the same way.
        "skills": known,
        "other_skills": list(dict.fromkeys([*other, *(extra.get("otherSkills") or [])])),
        "work_history": work,
    }
