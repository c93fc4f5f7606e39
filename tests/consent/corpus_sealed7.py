"""A seventh sealed family of labelled resumes (see corpus.py), written without reading the parser, its data or the
other families' wordings.

Layouts, each a kind of resume met in practice:

- zh_soe_registration: a state-owned enterprise's 应聘人员登记表, one ruled grid: a photo box, 籍贯, 户口所在地 and
  现居住地址 apart, 参加工作时间, a study table from high school on, a work table with a 证明人 and a phone for each
  job, family members with their own employers, a signed pledge (PDF and Word);
- en_expat_china: the English resume of a foreigner working in China: nationality and visa, "Shenzhen, Guangdong",
  earlier jobs abroad, a Chinese name at times, languages;
- zh_paged_header: a Chinese resume over two or three pages whose running header repeats the name and phone and
  whose footer reads "第 1 页 / 共 2 页"; entries run across the page breaks (the text format is what copying the
  PDF gives, header and footer between the pages);
- en_date_column: an English resume whose dates sit in a right-aligned column ("06/2017 – 03/2021"): a right tab in
  Word, right-aligned strings in the PDF, padding in text;
- zh_worker_terse: a blue-collar resume (普工, 电工, 焊工, 厨师, 保安, 仓管...), few labels, facts run together on a
  line, a hometown before the place of residence, two-digit years at times;
- zh_cover_letter_first: a 求职信 to the company applied to (signed and dated), then the resume proper;
- photo_zh_worker_terse: a phone photo of the terse resume (the driver's page, then perspective, uneven light);
- scan_en_date_column_fax: the date-column resume received by fax (204 dpi, 98 or 196 lines an inch, thresholded,
  speckled, skewed, a sender's header line), as an image-only PDF or a PNG.

Truth rules (what a careful reader writes down from the page):

- expected_salary is monthly yuan: a range gives its lower end, "X以上"/"X左右" gives X, a yearly figure is divided by 12
  (drawn so that the month is whole); "面议", "按公司规定", "Negotiable" or nothing -> None.
- years_experience: whole years from the first job's start to TODAY; jobs follow one another without gaps and the
  last runs to the present; first jobs start in March to August, so a page that shows years alone gives the same
  figure.
- education_level is the highest completed: 中专, 技校 and 职高 are high school, 初中 is no level (None); an in-service
  (在职) master's counts. field_of_study is the highest degree's; schooling at high-school level shows none (None).
- province and city are short simplified names of the place of residence (现居住地址, 现住, "Based in"), never the
  籍贯, 户口 or hometown; a municipality is both.
- phone is the person's own mainland mobile, never a 证明人's, a family member's or a fax line's. contact_email is
  None when the page gives none (a QQ number alone is not an e-mail address).
- full_name as the page writes it (Latin letters in English layouts, where a Chinese name may sit apart).
- current_employer and current_title are those of the job that runs to the present, as written; desired_role is
  the 应聘岗位, 求职意向 or target role as written, None when the page states none.
- gender and birth_year are None when the page does not state them.
- skills: every vocabulary skill the page names (skills lists, certificates, the cover letter, project lines); the
  titles, employers, schools, fields, duties and prose are worded to name no vocabulary skill by its label (the
  family's test checks every page for it), but for the cover letter's 招聘, which speaks of the company's hiring.

The driver reads a resume's truth after drawing its document: a layout that needs a blue-collar worker or a
foreigner recasts the person drawn for it (`cast`, from the person's own seed), so each layout's people stay
independent of which layouts are chosen.

First measured once the family was written (`python -m tests.consent.corpus --only sealed7_held_out`): 110 resumes,
0.8837 over fields, skills F1 0.758; nothing in this file that draws a resume was changed after that figure was read.
"""

from __future__ import annotations

import io
import random
import re
from datetime import date
from pathlib import Path

SEALED7_SEED = 5_904_377
SEALED7_HELD_OUT = (
    "zh_soe_registration",
    "en_expat_china",
    "zh_paged_header",
    "en_date_column",
    "zh_worker_terse",
    "zh_cover_letter_first",
    "photo_zh_worker_terse",
    "scan_en_date_column_fax",
)
LAYOUT_FORMATS = {
    "zh_soe_registration": ("pdf", "docx"),
    "en_expat_china": ("pdf", "docx", "txt"),
    "zh_paged_header": ("pdf", "docx", "txt"),
    "en_date_column": ("pdf", "docx", "txt"),
    "zh_worker_terse": ("txt", "docx", "pdf"),
    "zh_cover_letter_first": ("pdf", "docx", "txt"),
    "photo_zh_worker_terse": ("jpg", "png"),
    "scan_en_date_column_fax": ("pdf", "png"),
}
# Which kind of person a layout is written for; the others take the person as drawn.
LAYOUT_KIND = {"zh_worker_terse": "worker", "photo_zh_worker_terse": "worker", "en_expat_china": "expat"}

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
MONO_FONT = Path("/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf")

# ---------------------------------------------------------------- places

# (province, city, province in pinyin, city in pinyin, districts); short simplified names, as the truth records them.
PLACES = (
    ("广东", "东莞", "Guangdong", "Dongguan", ("长安镇", "虎门镇", "松山湖")),
    ("广东", "佛山", "Guangdong", "Foshan", ("顺德区", "南海区")),
    ("广东", "珠海", "Guangdong", "Zhuhai", ("香洲区", "金湾区")),
    ("广东", "惠州", "Guangdong", "Huizhou", ("惠城区", "惠阳区")),
    ("广东", "深圳", "Guangdong", "Shenzhen", ("南山区", "龙岗区", "宝安区")),
    ("广东", "广州", "Guangdong", "Guangzhou", ("天河区", "番禺区")),
    ("江苏", "苏州", "Jiangsu", "Suzhou", ("工业园区", "吴中区", "相城区")),
    ("江苏", "无锡", "Jiangsu", "Wuxi", ("新吴区", "滨湖区")),
    ("江苏", "常州", "Jiangsu", "Changzhou", ("武进区", "新北区")),
    ("江苏", "南通", "Jiangsu", "Nantong", ("崇川区", "通州区")),
    ("浙江", "宁波", "Zhejiang", "Ningbo", ("鄞州区", "北仑区")),
    ("浙江", "温州", "Zhejiang", "Wenzhou", ("鹿城区", "瓯海区")),
    ("浙江", "嘉兴", "Zhejiang", "Jiaxing", ("南湖区", "秀洲区")),
    ("浙江", "绍兴", "Zhejiang", "Shaoxing", ("越城区", "柯桥区")),
    ("浙江", "杭州", "Zhejiang", "Hangzhou", ("滨江区", "余杭区")),
    ("福建", "厦门", "Fujian", "Xiamen", ("思明区", "集美区")),
    ("福建", "福州", "Fujian", "Fuzhou", ("鼓楼区", "仓山区")),
    ("山东", "烟台", "Shandong", "Yantai", ("芝罘区", "莱山区")),
    ("山东", "济南", "Shandong", "Jinan", ("历下区", "槐荫区")),
    ("山东", "潍坊", "Shandong", "Weifang", ("奎文区", "潍城区")),
    ("山东", "青岛", "Shandong", "Qingdao", ("崂山区", "黄岛区")),
    ("湖南", "长沙", "Hunan", "Changsha", ("岳麓区", "雨花区")),
    ("河北", "石家庄", "Hebei", "Shijiazhuang", ("长安区", "裕华区")),
    ("河北", "唐山", "Hebei", "Tangshan", ("路北区", "丰润区")),
    ("辽宁", "沈阳", "Liaoning", "Shenyang", ("和平区", "浑南区")),
    ("辽宁", "大连", "Liaoning", "Dalian", ("甘井子区", "金州区")),
    ("吉林", "长春", "Jilin", "Changchun", ("朝阳区", "南关区")),
    ("黑龙江", "哈尔滨", "Heilongjiang", "Harbin", ("南岗区", "道里区")),
    ("山西", "太原", "Shanxi", "Taiyuan", ("小店区", "迎泽区")),
    ("内蒙古", "包头", "Inner Mongolia", "Baotou", ("昆都仑区", "青山区")),
    ("新疆", "乌鲁木齐", "Xinjiang", "Urumqi", ("天山区", "沙依巴克区")),
    ("宁夏", "银川", "Ningxia", "Yinchuan", ("金凤区", "兴庆区")),
    ("海南", "海口", "Hainan", "Haikou", ("龙华区", "美兰区")),
    ("甘肃", "兰州", "Gansu", "Lanzhou", ("城关区", "七里河区")),
    ("广西", "柳州", "Guangxi", "Liuzhou", ("城中区", "柳南区")),
    ("广西", "南宁", "Guangxi", "Nanning", ("青秀区", "西乡塘区")),
    ("湖北", "宜昌", "Hubei", "Yichang", ("西陵区", "伍家岗区")),
    ("江西", "南昌", "Jiangxi", "Nanchang", ("红谷滩区", "青山湖区")),
    ("安徽", "合肥", "Anhui", "Hefei", ("蜀山区", "包河区")),
    ("河南", "郑州", "Henan", "Zhengzhou", ("金水区", "二七区")),
    ("陕西", "宝鸡", "Shaanxi", "Baoji", ("渭滨区", "金台区")),
    ("四川", "德阳", "Sichuan", "Deyang", ("旌阳区", "罗江区")),
    ("四川", "成都", "Sichuan", "Chengdu", ("高新区", "锦江区")),
    ("贵州", "贵阳", "Guizhou", "Guiyang", ("观山湖区", "南明区")),
    ("天津", "天津", "Tianjin", "Tianjin", ("滨海新区", "河西区")),
    ("北京", "北京", "Beijing", "Beijing", ("海淀区", "朝阳区")),
    ("上海", "上海", "Shanghai", "Shanghai", ("浦东新区", "闵行区")),
    ("重庆", "重庆", "Chongqing", "Chongqing", ("渝北区", "九龙坡区")),
)
CITY_PROVINCES = ("北京", "上海", "天津", "重庆")
REGION_NAMES = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "新疆": "新疆维吾尔自治区", "宁夏": "宁夏回族自治区"}
FACTORY_CITIES = ("东莞", "佛山", "惠州", "深圳", "苏州", "宁波", "温州", "嘉兴", "无锡", "常州", "厦门", "郑州", "重庆", "天津")
EXPAT_CITIES = ("深圳", "广州", "上海", "北京", "苏州", "宁波", "厦门", "成都", "杭州", "青岛", "天津", "大连")
# Hometowns (籍贯, 户口, "xx人"): where people come from, not where they live.
HOMETOWNS = (
    ("河南", "周口"), ("河南", "信阳"), ("四川", "南充"), ("四川", "达州"), ("湖南", "邵阳"), ("江西", "上饶"),
    ("安徽", "阜阳"), ("安徽", "六安"), ("贵州", "毕节"), ("甘肃", "天水"), ("广西", "玉林"), ("湖北", "黄冈"),
    ("山东", "菏泽"), ("河北", "邯郸"), ("湖南", "衡阳"), ("江苏", "盐城"), ("黑龙江", "齐齐哈尔"), ("山西", "运城"),
)  # fmt: skip
ID_AREAS = ("411602", "411502", "511302", "511702", "430502", "361102", "341202", "341502", "520502", "620502",
            "450902", "421102", "371702", "130402", "430408", "320902", "230202", "140802")  # fmt: skip
STREETS = ("人民路", "建设路", "解放大道", "中山路", "星湖街", "学府路", "长江路", "滨河路", "文化路", "新华街", "朝晖路")
ESTATES = ("阳光花园", "锦绣家园", "翠湖苑", "金色港湾", "御景城", "香樟园", "滨江一号", "枫林湾")

# ---------------------------------------------------------------- names and contacts

SURNAMES = ("王", "李", "张", "刘", "陈", "孔", "曹", "严", "华", "金", "魏", "陶", "姜", "谢", "邹", "喻", "章", "苏",
            "潘", "葛", "范", "彭", "鲁", "韦", "马", "方", "俞", "任", "袁", "柳", "鲍", "唐", "费", "岑", "薛", "雷",
            "贺", "倪", "汤", "殷", "罗", "毕", "郝", "邬", "安", "常", "于", "傅", "齐", "康", "伍", "余", "顾", "孟",
            "黄", "欧阳", "司徒", "钟", "廖", "蒋")  # fmt: skip
SURNAME_PINYIN = ("Xie", "Pan", "Deng", "Cao", "Peng", "Yuan", "Lu", "Jiang", "Fan", "Fang", "Tan", "Qian", "Shen", "Yao",
                  "Du", "Ye", "Cheng", "Wei", "Xiao", "Han", "Zhong", "Liao", "Gu", "Meng")  # fmt: skip
GIVEN_F = ("晓燕", "丽娟", "春梅", "桂芳", "雪莹", "佳琪", "梦瑶", "思琪", "婉婷", "海燕", "玉兰", "凤英", "诗涵", "可欣",
           "慧敏", "雅婷", "秋菊", "红霞", "静怡", "亚楠")  # fmt: skip
GIVEN_M = ("建国", "志强", "国栋", "海波", "永刚", "德华", "卫东", "宏伟", "振华", "子轩", "宇航", "博文", "天佑", "明辉",
           "俊峰", "家豪", "立新", "文斌", "金龙", "少杰")  # fmt: skip
GIVEN_PINYIN = ("Yiming", "Haoran", "Xinyi", "Zihan", "Jiawei", "Ruoxi", "Tianyu", "Mengqi", "Shuang", "Lei", "Bo", "Jun",
                "Chenxi", "Yutong", "Wenjie", "Kaiyuan", "Siqi", "Zhen")  # fmt: skip
ENGLISH_NAMES = ("Kelly", "Vincent", "Iris", "Harvey", "Cathy", "Bruce", "Echo", "Jasper", "Sherry", "Alvin", "Coco",
                 "Raymond", "Wendy", "Ivy", "Marcus", "Joanna")  # fmt: skip
EXPAT_FIRST = ("Oliver", "Lucas", "Mathieu", "Sebastian", "Hannah", "Chloe", "Isabella", "Daniel", "Marco", "Anders",
               "Katarina", "Rafael", "Priya", "Tomasz", "Liam", "Ines", "Johan", "Freya", "Ahmed", "Nadia")  # fmt: skip
EXPAT_LAST = ("Whitfield", "Novak", "Lindqvist", "Moreau", "Rossi", "Okafor", "Fernandes", "Kowalski", "Brennan",
              "Schneider", "Haddad", "Patel", "Delacroix", "van Dijk", "McAllister", "Bergstrom", "Ferrante", "Osei")  # fmt: skip
# Chinese names foreigners go by; the truth keeps the Latin name.
EXPAT_ZH_NAMES = ("马克", "魏奥利", "林安德", "柯思明", "白瑞", "高飞", "罗兰", "安娜", "苏菲", "杜卡")
MOBILE_HEADS = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
                "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "185", "186",
                "187", "188", "189", "191", "193", "195", "198", "199")  # fmt: skip
ZH_MAIL = ("163.com", "126.com", "qq.com", "sina.cn", "sohu.com", "aliyun.com", "139.com", "foxmail.com", "yeah.net")
EN_MAIL = ("gmail.com", "outlook.com", "hotmail.com", "icloud.com", "yahoo.com", "protonmail.com")

# ---------------------------------------------------------------- schools

UNIVERSITIES = (
    ("东南大学", "Southeast University"), ("厦门大学", "Xiamen University"), ("中南大学", "Central South University"),
    ("华中科技大学", "Huazhong University of Science and Technology"), ("中山大学", "Sun Yat-sen University"),
    ("吉林大学", "Jilin University"), ("山东大学", "Shandong University"), ("同济大学", "Tongji University"),
    ("北京交通大学", "Beijing Jiaotong University"), ("南京航空航天大学", "Nanjing University of Aeronautics and Astronautics"),
    ("中国海洋大学", "Ocean University of China"), ("哈尔滨工业大学", "Harbin Institute of Technology"),
    ("西南交通大学", "Southwest Jiaotong University"), ("湖南大学", "Hunan University"), ("郑州大学", "Zhengzhou University"),
    ("苏州大学", "Soochow University"), ("宁波大学", "Ningbo University"), ("福州大学", "Fuzhou University"),
    ("江南大学", "Jiangnan University"), ("广东工业大学", "Guangdong University of Technology"),
)  # fmt: skip
COLLEGES = (
    ("苏州工业职业技术学院", "Suzhou Institute of Industrial Technology"), ("宁波职业技术学院", "Ningbo Polytechnic"),
    ("深圳信息职业技术学院", "Shenzhen Institute of Information Technology"),
    ("无锡职业技术学院", "Wuxi Institute of Technology"),
    ("郑州铁路职业技术学院", "Zhengzhou Railway Vocational and Technical College"),
    ("重庆电子工程职业学院", "Chongqing College of Electronic Engineering"),
)  # fmt: skip
ABROAD_MASTERS = ("University of Manchester", "National University of Singapore", "University of Sydney",
                  "University of Warwick", "University of Melbourne")  # fmt: skip
WORKER_COLLEGES = ("东莞职业技术学院", "顺德职业技术学院", "温州职业技术学院", "河南工业职业技术学院", "四川工程职业技术学院")
ZH_LEVEL = {
    "associate": ("大专", "专科"),
    "bachelor": ("本科",),
    "master": ("硕士研究生", "硕士"),
    "doctorate": ("博士研究生", "博士"),
}
ZH_DEGREE = {"associate": "无", "bachelor": "学士", "master": "硕士", "doctorate": "博士"}
STUDY_YEARS = {"associate": 3, "bachelor": 4, "master": 3, "doctorate": 4}
GRADUATION_AGE = {"associate": 21, "bachelor": 22, "master": 25, "doctorate": 28}

# ---------------------------------------------------------------- skills

# Vocabulary skill id -> (wordings on a Chinese page, wordings on an English page).
SKILL_WORDS = {
    "python": (("Python",), ("Python",)),
    "java": (("Java",), ("Java",)),
    "javascript": (("JavaScript",), ("JavaScript",)),
    "typescript": (("TypeScript",), ("TypeScript",)),
    "go": (("Go语言", "Golang"), ("Golang",)),
    "sql": (("SQL",), ("SQL",)),
    "mysql": (("MySQL",), ("MySQL",)),
    "postgresql": (("PostgreSQL",), ("PostgreSQL", "Postgres")),
    "redis": (("Redis",), ("Redis",)),
    "linux": (("Linux",), ("Linux",)),
    "docker": (("Docker",), ("Docker",)),
    "kubernetes": (("Kubernetes", "K8s"), ("Kubernetes",)),
    "spring": (("Spring",), ("Spring",)),
    "react": (("React",), ("React",)),
    "vue": (("Vue",), ("Vue.js",)),
    "machine_learning": (("机器学习",), ("Machine learning",)),
    "deep_learning": (("深度学习",), ("Deep learning",)),
    "data_analysis": (("数据分析",), ("Data analysis",)),
    "statistics": (("统计学",), ("Statistics",)),
    "excel": (("Excel",), ("Excel", "Advanced Excel")),
    "tableau": (("Tableau",), ("Tableau",)),
    "power_bi": (("Power BI",), ("Power BI",)),
    "spark": (("Spark",), ("Spark",)),
    "hadoop": (("Hadoop",), ("Hadoop",)),
    "project_management": (("项目管理",), ("Project management",)),
    "product_management": (("产品管理",), ("Product management",)),
    "ui_design": (("UI设计",), ("UI design",)),
    "ux_research": (("用户研究",), ("UX research", "User research")),
    "figma": (("Figma",), ("Figma",)),
    "photoshop": (("Photoshop",), ("Photoshop",)),
    "negotiation": (("商务谈判",), ("Negotiation",)),
    "customer_service": (("客户服务",), ("Customer service",)),
    "marketing": (("市场营销",), ("Marketing",)),
    "digital_marketing": (("数字营销",), ("Digital marketing",)),
    "seo": (("SEO",), ("SEO",)),
    "content_writing": (("文案写作",), ("Content writing",)),
    "accounting": (("会计核算",), ("Accounting",)),
    "financial_analysis": (("财务分析",), ("Financial analysis",)),
    "auditing": (("审计",), ("Auditing",)),
    "tax": (("税务筹划",), ("Tax",)),
    "recruiting": (("招聘",), ("Recruiting",)),
    "training": (("培训",), ("Training",)),
    "payroll": (("薪酬核算",), ("Payroll",)),
    "logistics": (("物流管理",), ("Logistics",)),
    "supply_chain": (("供应链管理",), ("Supply chain management",)),
    "procurement": (("采购管理",), ("Procurement",)),
    "quality_control": (("质量控制",), ("Quality control",)),
    "cad": (("CAD制图", "AutoCAD"), ("AutoCAD", "CAD")),
    "plc": (("PLC编程", "PLC"), ("PLC programming",)),
    "lean": (("精益生产",), ("Lean manufacturing",)),
    "teaching": (("教学",), ("Teaching",)),
    "english": (("英语（CET-6）", "大学英语六级", "英语"), ("English",)),
    "japanese": (("日语N2",), ("Japanese (JLPT N2)",)),
    "communication": (("沟通能力",), ("Communication",)),
    "team_leadership": (("团队管理",), ("Team leadership",)),
    "office": (("办公软件",), ("Microsoft Office",)),
    "ecommerce_operations": (("电商运营",), ("E-commerce operations",)),
    "driving": (("C1驾照",), ("Driving licence",)),
}
# Certificates that name no vocabulary skill, listed beside the skills.
ZH_EXTRAS = ("普通话二级甲等", "全国计算机等级考试二级", "注册安全工程师")

# ---------------------------------------------------------------- office roles

# Each role: category, titles (zh, en), earlier titles (zh, en), fields (zh, en), skills, duties (zh, en), projects.
ROLES = (
    {
        "category": "engineering",
        "zh": ("软件开发工程师", "后端开发工程师"),
        "en": ("Software Engineer", "Backend Developer"),
        "junior_zh": ("初级开发工程师", "开发工程师"),
        "junior_en": ("Junior Developer", "Graduate Software Engineer"),
        "fields": (
            ("计算机科学与技术", "Computer Science"),
            ("软件工程", "Software Engineering"),
            ("电子信息工程", "Electronic Information Engineering"),
        ),
        "skills": ("java", "spring", "mysql", "redis", "linux", "docker", "kubernetes", "python", "go", "postgresql"),
        "duties_zh": (
            "负责订单与结算模块的设计、编码与上线",
            "梳理历史接口，推动单体系统拆分为独立服务",
            "排查线上故障，核心接口响应时间降低一半",
            "编写设计文档，参与代码评审",
        ),
        "duties_en": (
            "Designed and shipped the order and settlement services",
            "Split a legacy monolith into six services without downtime",
            "Cut p95 latency of the core API by half",
            "Reviewed code and wrote design notes for a group of eight",
        ),
        "projects": (
            ("订单中心重构", "将原有单体系统拆分为独立服务，日订单处理能力提升至百万级"),
            ("设备远程监控平台", "采集产线设备运行数据，实现故障提前预警"),
        ),
    },
    {
        "category": "engineering",
        "zh": ("前端开发工程师", "Web前端工程师"),
        "en": ("Frontend Engineer", "Web Developer"),
        "junior_zh": ("前端开发助理", "初级前端工程师"),
        "junior_en": ("Junior Web Developer", "Frontend Intern"),
        "fields": (("计算机科学与技术", "Computer Science"), ("数字媒体技术", "Digital Media Technology")),
        "skills": ("javascript", "typescript", "vue", "react", "figma", "photoshop"),
        "duties_zh": ("负责商家管理后台与H5页面开发", "封装通用组件库，提升页面复用率", "优化首屏加载速度，低端机型提升40%"),
        "duties_en": (
            "Built the merchant console used by 3,000 shops",
            "Wrote a shared component library adopted by four groups",
            "Halved first-paint time on low-end phones",
        ),
        "projects": (
            ("商家后台改版", "重新设计页面结构与交互，首屏时间缩短至1.2秒"),
            ("小程序商城", "从零搭建商城前端，上线三个月订单突破十万"),
        ),
    },
    {
        "category": "engineering",
        "zh": ("电气工程师", "电气设计工程师"),
        "en": ("Electrical Engineer", "Electrical Design Engineer"),
        "junior_zh": ("电气技术员", "助理工程师"),
        "junior_en": ("Electrical Technician", "Assistant Engineer"),
        "fields": (("电气工程及其自动化", "Electrical Engineering"), ("自动化", "Automation")),
        "skills": ("plc", "cad", "project_management", "english", "office", "lean"),
        "duties_zh": ("负责产线电气控制系统的设计与调试", "编制电气图纸与设备技术规格书", "跟进新设备安装与验收"),
        "duties_en": (
            "Designed control cabinets for two new assembly lines",
            "Drew wiring diagrams and equipment specifications",
            "Commissioned 40 machines at a new plant",
        ),
        "projects": (
            ("新能源电池模组产线", "完成整线电气设计与联调，按期交付"),
            ("老旧设备改造", "更换控制系统，设备故障率下降六成"),
        ),
    },
    {
        "category": "engineering",
        "zh": ("结构工程师", "机械设计工程师"),
        "en": ("Mechanical Design Engineer", "Structural Engineer"),
        "junior_zh": ("机械技术员", "助理结构工程师"),
        "junior_en": ("Mechanical Technician", "Junior Design Engineer"),
        "fields": (("机械设计制造及其自动化", "Mechanical Engineering"), ("材料成型及控制工程", "Materials Engineering")),
        "skills": ("cad", "project_management", "lean", "office", "english"),
        "duties_zh": ("负责产品外壳与支架的结构设计", "协调模具厂完成试模与改模", "编写试验报告，推动设计改进"),
        "duties_en": (
            "Designed housings and brackets for consumer devices",
            "Worked with tooling suppliers through mould trials",
            "Ran drop and thermal tests and fed the results back into design",
        ),
        "projects": (("便携储能电源外壳", "完成结构设计与跌落试验，量产良率达98%"), ("智能门锁", "负责锁体结构与装配工艺")),
    },
    {
        "category": "data",
        "zh": ("数据挖掘工程师", "数据科学家"),
        "en": ("Data Scientist", "Data Mining Engineer"),
        "junior_zh": ("数据专员", "数据挖掘助理"),
        "junior_en": ("Junior Data Scientist", "Data Associate"),
        "fields": (
            ("数学与应用数学", "Mathematics"),
            ("计算机科学与技术", "Computer Science"),
            ("信息与计算科学", "Information and Computing Science"),
        ),
        "skills": ("python", "sql", "machine_learning", "deep_learning", "spark", "statistics", "hadoop", "tableau"),
        "duties_zh": (
            "搭建用户流失预警模型，召回率提升12个百分点",
            "负责推荐排序特征的设计与上线",
            "与业务方共同定义核心指标口径",
        ),
        "duties_en": (
            "Built a churn model for nine million app users",
            "Designed ranking features for the recommendation feed",
            "Defined core business metrics with the finance group",
        ),
        "projects": (
            ("用户画像平台", "整合多源数据，为精准推送提供标签支持"),
            ("门店客流预测", "预测未来两周客流，排班成本下降8%"),
        ),
    },
    {
        "category": "data",
        "zh": ("数据仓库工程师", "大数据开发工程师"),
        "en": ("Data Engineer", "Big Data Developer"),
        "junior_zh": ("数据开发助理", "数据专员"),
        "junior_en": ("Junior Data Engineer", "Data Associate"),
        "fields": (("计算机科学与技术", "Computer Science"), ("软件工程", "Software Engineering")),
        "skills": ("sql", "hadoop", "spark", "python", "mysql", "linux"),
        "duties_zh": ("负责数据仓库分层建模与任务调度", "建立数据质量监控与告警", "为报表平台提供稳定的数据接口"),
        "duties_en": (
            "Modelled the warehouse layers and the nightly jobs",
            "Set up data checks and alerts across 300 tables",
            "Served clean tables to the reporting platform",
        ),
        "projects": (("实时数仓建设", "将核心指标延迟由一天缩短至五分钟"), ("数据资产目录", "梳理三千余张表的口径与负责人")),
    },
    {
        "category": "product",
        "zh": ("产品经理", "产品策划"),
        "en": ("Product Manager", "Product Owner"),
        "junior_zh": ("产品助理", "产品专员"),
        "junior_en": ("Product Assistant", "Associate Product Manager"),
        "fields": (
            ("工商管理", "Business Administration"),
            ("计算机科学与技术", "Computer Science"),
            ("汉语言文学", "Chinese Language and Literature"),
        ),
        "skills": ("product_management", "ux_research", "figma", "project_management", "data_analysis", "sql"),
        "duties_zh": ("负责会员体系的需求调研与原型设计", "推动版本按期上线，跟踪关键指标", "整理用户反馈，规划季度路线图"),
        "duties_en": (
            "Owned the membership programme from discovery to launch",
            "Shipped a release every two weeks and tracked its uptake",
            "Turned user feedback into a quarterly roadmap",
        ),
        "projects": (("会员成长体系", "设计积分与等级规则，付费会员增长35%"), ("线上问诊", "梳理问诊流程，上线后满意度达96%")),
    },
    {
        "category": "product",
        "zh": ("交互设计师", "视觉设计师"),
        "en": ("Product Designer", "Visual Designer"),
        "junior_zh": ("设计助理", "初级设计师"),
        "junior_en": ("Junior Designer", "Design Assistant"),
        "fields": (("工业设计", "Industrial Design"), ("数字媒体艺术", "Digital Media Arts"), ("视觉传达设计", "Graphic Design")),
        "skills": ("figma", "ui_design", "photoshop", "ux_research"),
        "duties_zh": ("负责App改版的交互与视觉方案", "建立设计规范与组件库", "参与可用性测试并迭代方案"),
        "duties_en": (
            "Led the redesign of the booking app",
            "Built the design system used across three products",
            "Ran usability sessions and iterated on the results",
        ),
        "projects": (("出行App改版", "重构下单流程，下单步骤由七步减为四步"), ("设计规范2.0", "统一三条产品线的控件与配色")),
    },
    {
        "category": "sales",
        "zh": ("区域业务经理", "大客户经理"),
        "en": ("Key Account Manager", "Business Development Manager"),
        "junior_zh": ("业务代表", "业务专员"),
        "junior_en": ("Account Executive", "Business Development Representative"),
        "fields": (
            ("国际经济与贸易", "International Trade"),
            ("工商管理", "Business Administration"),
            ("机械设计制造及其自动化", "Mechanical Engineering"),
        ),
        "skills": ("negotiation", "customer_service", "marketing", "office", "english", "communication"),
        "duties_zh": (
            "开拓华东区经销商渠道，合作伙伴由12家增至31家",
            "维护重点客户关系，连续三年超额完成业绩指标",
            "组织行业展会与客户拜访",
        ),
        "duties_en": (
            "Grew the distributor network in East China from 12 to 31 partners",
            "Looked after the top 20 accounts, beating target three years running",
            "Ran trade-fair stands and customer visits",
        ),
        "projects": (("华南渠道拓展", "半年内签约经销商18家"), ("重点客户年度框架协议", "促成三家主机厂的年度框架合作")),
    },
    {
        "category": "finance",
        "zh": ("财务主管", "财务经理"),
        "en": ("Finance Supervisor", "Financial Controller"),
        "junior_zh": ("财务专员", "出纳"),
        "junior_en": ("Finance Assistant", "Cashier"),
        "fields": (("财务管理", "Financial Management"), ("金融学", "Finance"), ("经济学", "Economics")),
        "skills": ("accounting", "financial_analysis", "tax", "excel", "auditing", "office"),
        "duties_zh": ("负责月度结账与合并报表编制", "建立滚动预算模型，为管理层提供经营数据", "对接银行与外部事务所"),
        "duties_en": (
            "Ran the month-end close for two legal entities",
            "Built the rolling forecast used by the board",
            "Brought receivable days down from 74 to 52",
        ),
        "projects": (
            ("费用管控系统上线", "实现报销线上审批，单据处理时间缩短一半"),
            ("资金集中管理", "归集八家子公司账户，资金利用率提升"),
        ),
    },
    {
        "category": "hr",
        "zh": ("人力资源主管", "人事专员"),
        "en": ("HR Business Partner", "HR Generalist"),
        "junior_zh": ("人事助理", "人事文员"),
        "junior_en": ("HR Assistant", "HR Coordinator"),
        "fields": (
            ("人力资源管理", "Human Resource Management"),
            ("行政管理", "Public Administration"),
            ("心理学", "Psychology"),
        ),
        "skills": ("recruiting", "payroll", "training", "office", "communication", "excel"),
        "duties_zh": ("负责员工入离职、转正及劳动合同管理", "搭建绩效考核流程并推动落地", "年均完成技术岗位入职60余人"),
        "duties_en": (
            "Ran onboarding and contract paperwork for 600 staff",
            "Introduced a twice-yearly performance review",
            "Brought in 60 engineers a year for the R&D centre",
        ),
        "projects": (("绩效体系优化", "建立季度考核与校准机制，覆盖全员"), ("校园人才计划", "与六所高校共建实习基地")),
    },
    {
        "category": "operations",
        "zh": ("生产计划主管", "生产计划员"),
        "en": ("Production Planner", "Operations Supervisor"),
        "junior_zh": ("计划助理", "生产文员"),
        "junior_en": ("Planning Assistant", "Production Clerk"),
        "fields": (("工业工程", "Industrial Engineering"), ("机械设计制造及其自动化", "Mechanical Engineering")),
        "skills": ("lean", "supply_chain", "excel", "quality_control", "procurement", "office"),
        "duties_zh": ("制定月度生产排程，协调车间产能", "跟进物料到货，减少停线次数", "推动换线时间缩短三成"),
        "duties_en": (
            "Planned monthly output for three assembly lines",
            "Chased material arrivals and cut line stoppages",
            "Cut changeover time by a third",
        ),
        "projects": (("产线换型效率提升", "换型时间由90分钟降至55分钟"), ("安全库存模型", "按月滚动测算，呆滞物料下降两成")),
    },
    {
        "category": "operations",
        "zh": ("运营主管", "运营专员"),
        "en": ("Operations Manager", "Store Operations Lead"),
        "junior_zh": ("运营助理", "店铺专员"),
        "junior_en": ("Operations Assistant", "Store Assistant"),
        "fields": (("工商管理", "Business Administration"), ("新闻学", "Journalism")),
        "skills": ("ecommerce_operations", "data_analysis", "excel", "digital_marketing", "content_writing", "seo"),
        "duties_zh": ("负责天猫旗舰店日常运营与活动策划", "跟踪转化率与复购率，调整商品结构", "协调仓库处理大促期间订单"),
        "duties_en": (
            "Ran the brand's flagship store on Tmall",
            "Tracked conversion and repeat rates and reshaped the range",
            "Got 80,000 orders out during Singles' Day",
        ),
        "projects": (("双十一大促", "统筹活动节奏，单日成交额创店铺新高"), ("私域社群", "搭建会员社群，复购率提升至31%")),
    },
)
SENIOR_ZH = ("高级", "资深", "", "", "")
SENIOR_EN = ("Senior ", "Lead ", "", "", "")
BRANDS = (("恒拓", "Hengtuo"), ("瑞丰", "Ruifeng"), ("华岳", "Huayue"), ("信诚", "Xincheng"), ("博纳", "Bona"),
          ("鼎泰", "Dingtai"), ("凯旋", "Kaixuan"), ("远航", "Yuanhang"), ("新锐", "Xinrui"), ("安捷", "Anjie"),
          ("嘉禾", "Jiahe"), ("泓睿", "Hongrui"), ("天衡", "Tianheng"), ("启明", "Qiming"), ("融通", "Rongtong"),
          ("宏图", "Hongtu"), ("聚能", "Juneng"), ("青禾", "Qinghe"), ("拓朴", "Tuopu"), ("澜海", "Lanhai"))  # fmt: skip
TRADES = (("精密机械", "Precision Machinery"), ("智能装备", "Intelligent Equipment"), ("电子科技", "Electronic Technology"),
          ("信息技术", "Information Technology"), ("新材料", "New Materials"), ("生物医药", "Biopharma"),
          ("汽车零部件", "Auto Parts"), ("环保科技", "Environmental Technology"), ("食品", "Foods"), ("纺织", "Textiles"),
          ("家居用品", "Home Products"), ("软件", "Software"), ("网络科技", "Network Technology"),
          ("电器", "Electric Appliances"),
          ("光电", "Optoelectronics"), ("化工", "Chemicals"), ("医疗器械", "Medical Devices"))  # fmt: skip
ZH_SUFFIXES = ("有限公司", "有限公司", "股份有限公司", "有限责任公司")
FOREIGN_BRANDS = ("Nordholm", "Valbright", "Kestrel", "Aldermoor", "Corvane", "Meridale", "Ostrand", "Halvorsen",
                  "Bellancourt", "Trevane", "Ashgrove", "Lindwell")  # fmt: skip
FOREIGN_TRADES = ("Industrial", "Automotive Systems", "Consumer Goods", "Medical", "Engineering", "Fluid Technology",
                  "Digital", "Packaging")  # fmt: skip
# State-owned groups: the one applied to heads the registration form, and some applicants already work for one.
SOE_NAMES = ("华东能源投资集团有限公司", "中冶恒远工程技术有限公司", "长河水务集团有限公司", "国投瑞丰港务有限公司",
             "中航鼎盛装备制造有限公司", "华夏城建发展集团有限公司", "北辰重型机械集团有限公司", "江海交通建设集团有限公司",
             "国华粮油储备有限公司", "中盐恒信化工有限公司", "东岳电力工程有限公司", "中联通达信息产业集团有限公司")  # fmt: skip
SOE_DEPARTMENTS = {
    "engineering": ("技术部", "信息中心", "工程管理部"), "data": ("信息中心", "数字化部"), "product": ("数字化部", "信息中心"),
    "sales": ("市场开发部", "营业部"), "finance": ("财务部", "资金中心"), "hr": ("人力资源部", "组织人事部"),
    "operations": ("生产运营部", "调度中心"),
}  # fmt: skip
PRO_TITLES = {"engineering": ("助理工程师", "工程师", "中级工程师"), "hr": ("企业人力资源管理师（二级）", "助理经济师")}
PROJECT_OUTCOMES = (
    "按期上线，获公司年度优秀项目",
    "提前两周交付，客户验收一次通过",
    "成本较预算节约15%",
    "成为部门后续同类项目的模板",
)
ACHIEVEMENTS_ZH = ("连续两年考核为优秀", "获评部门季度之星", "牵头的改进方案在全公司推广", "所负责模块全年零重大事故")
HOBBIES = ("篮球", "徒步", "摄影", "羽毛球", "阅读", "游泳", "书法", "跑步")
SELF_ZH = ("工作踏实认真，责任心强，能承受较大的工作压力。", "性格开朗，执行力强，善于总结与复盘。",
           "乐于钻研，对新事物保持好奇，适应能力强。", "做事有条理，注重细节，守时守信。")  # fmt: skip

# ---------------------------------------------------------------- blue-collar work

WORKER_JOBS = (
    {
        "title": "普工",
        "category": "other",
        "place": "factory",
        "earlier": ("普工", "操作工", "包装工"),
        "duties": ("流水线组装", "打包贴标", "看机上下料"),
        "can": ("吃苦耐劳", "会看简单图纸"),
        "certs": (),
        "skills": (),
        "pay": (4500, 6000),
    },
    {
        "title": "电工",
        "category": "other",
        "place": "factory",
        "earlier": ("维修电工", "电工学徒", "普工"),
        "duties": ("配电柜接线", "车间线路维修", "设备电路保养"),
        "can": ("看电路图", "接线", "维修电机"),
        "certs": ("低压电工证", "高压电工证"),
        "skills": ("plc", "cad"),
        "pay": (6000, 9000),
    },
    {
        "title": "焊工",
        "category": "other",
        "place": "factory",
        "earlier": ("焊工学徒", "普工"),
        "duties": ("钢结构焊接", "不锈钢管道焊接"),
        "can": ("二保焊", "氩弧焊", "电焊"),
        "certs": ("焊工证", "特种作业操作证（焊接）"),
        "skills": ("cad",),
        "pay": (7000, 10000),
    },
    {
        "title": "数控车工",
        "category": "other",
        "place": "factory",
        "earlier": ("CNC操作工", "普工"),
        "duties": ("数控车床编程与调机", "首件自检"),
        "can": ("看图纸", "手工编程", "调机"),
        "certs": ("数控车工中级证",),
        "skills": ("cad",),
        "pay": (6500, 9000),
    },
    {
        "title": "注塑技术员",
        "category": "other",
        "place": "factory",
        "earlier": ("注塑操作工", "普工"),
        "duties": ("注塑机调机", "模具上下"),
        "can": ("调机", "修模"),
        "certs": (),
        "skills": (),
        "pay": (6000, 8000),
    },
    {
        "title": "厨师",
        "category": "other",
        "place": "kitchen",
        "earlier": ("配菜", "帮厨", "厨师"),
        "duties": ("炒锅", "负责热菜出品"),
        "can": ("川菜", "湘菜", "粤菜", "家常菜", "面点"),
        "certs": ("中式烹调师证", "健康证"),
        "skills": (),
        "pay": (6000, 12000),
    },
    {
        "title": "保安",
        "category": "other",
        "place": "property",
        "earlier": ("保安", "普工"),
        "duties": ("门岗值守", "夜间巡逻", "监控室值班"),
        "can": ("消防设施操作",),
        "certs": ("保安员证", "消防设施操作员证"),
        "skills": ("driving",),
        "pay": (4000, 5500),
    },
    {
        "title": "仓管员",
        "category": "operations",
        "place": "warehouse",
        "earlier": ("仓库文员", "理货员", "普工"),
        "duties": ("出入库登记", "每月盘点", "收发货"),
        "can": ("开叉车", "ERP系统出入库"),
        "certs": ("叉车证",),
        "skills": ("excel", "office"),
        "pay": (5000, 7000),
    },
    {
        "title": "设备维修工",
        "category": "other",
        "place": "factory",
        "earlier": ("机修学徒", "普工"),
        "duties": ("设备日常保养", "故障排查"),
        "can": ("钳工", "看图纸"),
        "certs": ("钳工证",),
        "skills": ("plc",),
        "pay": (6500, 9000),
    },
)
WORKER_WORDS = {"plc": ("PLC", "会PLC编程"), "cad": ("会看CAD图", "CAD制图"), "driving": ("C1驾照", "有驾照（C1）"),
                "excel": ("Excel表格",), "office": ("会用办公软件",)}  # fmt: skip
WORKER_BRANDS = ("锦盛", "美华", "鸿运", "兴达", "金源", "永创", "宏达", "顺发", "祥和", "利民", "大成", "旺佳")
FACTORY_TRADES = ("五金制品厂", "塑胶制品有限公司", "电子厂", "模具厂", "鞋业有限公司", "家具厂", "纸品包装厂", "服装厂",
                  "电器有限公司", "机械加工厂", "玩具厂", "灯饰厂", "钢结构工程有限公司")  # fmt: skip
RESTAURANTS = ("湘味轩酒楼", "巴渝人家餐饮管理有限公司", "老灶台火锅店", "福满楼大酒店", "蓉城小厨餐饮有限公司",
               "海之韵海鲜酒家", "川香阁饭店", "客家王菜馆")  # fmt: skip
WORKER_FIELDS = {"factory": ("机电一体化技术", "电气自动化技术", "数控技术", "模具设计与制造"),
                 "kitchen": ("烹饪工艺与营养",), "property": ("物业管理",), "warehouse": ("工商企业管理",)}  # fmt: skip
# (how schooling is written, education level in the truth); 初中 is no level of the vocabulary.
WORKER_SCHOOLING = (("初中", None), ("高中", "high_school"), ("中专", "high_school"), ("技校", "high_school"),
                    ("职高", "high_school"), ("大专", "associate"))  # fmt: skip
WORKER_SCHOOLING_WEIGHTS = (15, 22, 25, 10, 8, 20)
WORKER_CLOSINGS = ("能吃苦耐劳，服从安排，能接受加班。", "人老实肯干，不怕脏不怕累。", "身体健康，能上夜班。",
                   "有住宿最好，可以马上上班。")  # fmt: skip

# ---------------------------------------------------------------- foreigners

# (nationality, country, home cities, universities, home language or None for English, calling code)
NATIONS = (
    ("British", "UK", ("London", "Manchester", "Leeds"), ("University of Leeds", "University of Bristol"), None, "44"),
    ("Canadian", "Canada", ("Toronto", "Vancouver", "Calgary"), ("McGill University", "University of Waterloo"), None, "1"),
    ("Australian", "Australia", ("Melbourne", "Brisbane", "Perth"), ("Monash University", "University of Queensland"), None,
     "61"),
    ("German", "Germany", ("Hamburg", "Stuttgart", "Munich"), ("University of Hamburg", "University of Stuttgart"), "German",
     "49"),
    ("French", "France", ("Lyon", "Lille", "Toulouse"), ("University of Lyon", "Toulouse Business School"), "French", "33"),
    ("Italian", "Italy", ("Milan", "Turin", "Bologna"), ("Politecnico di Milano", "University of Bologna"), "Italian", "39"),
    ("Swedish", "Sweden", ("Gothenburg", "Stockholm"), ("Chalmers University of Technology", "Stockholm School of Economics"),
     "Swedish", "46"),
    ("Polish", "Poland", ("Warsaw", "Krakow"), ("Warsaw School of Economics", "Jagiellonian University"), "Polish", "48"),
    ("Brazilian", "Brazil", ("Sao Paulo", "Curitiba"), ("University of Sao Paulo", "Federal University of Parana"),
     "Portuguese", "55"),
    ("Indian", "India", ("Bangalore", "Pune", "Chennai"), ("Christ University", "Anna University"), "Hindi", "91"),
    ("Irish", "Ireland", ("Dublin", "Cork"), ("Trinity College Dublin", "University College Cork"), None, "353"),
    ("Dutch", "Netherlands", ("Rotterdam", "Eindhoven"), ("Erasmus University Rotterdam", "Eindhoven University of "
                                                          "Technology"), "Dutch", "31"),
    ("American", "USA", ("Chicago", "Seattle", "Boston"), ("University of Illinois", "Northeastern University"), None, "1"),
    ("South African", "South Africa", ("Cape Town", "Durban"), ("University of Cape Town", "Stellenbosch University"), None,
     "27"),
)  # fmt: skip
EXPAT_ROLES = (
    {
        "category": "sales",
        "titles": ("Business Development Manager", "Regional Business Development Director"),
        "earlier": ("Account Executive", "Business Development Executive"),
        "who": "commercial lead",
        "fields": ("Economics", "Business Administration", "International Relations"),
        "skills": ("negotiation", "marketing", "customer_service", "team_leadership"),
        "duties": (
            "Opened the South China market for the group's industrial valves",
            "Signed framework agreements with three carmakers",
            "Built a group of six account managers from scratch",
        ),
    },
    {
        "category": "engineering",
        "titles": ("Senior Software Engineer", "Engineering Manager"),
        "earlier": ("Software Developer", "Junior Developer"),
        "who": "software engineer",
        "fields": ("Computer Science", "Electrical Engineering", "Physics"),
        "skills": ("python", "go", "docker", "kubernetes", "postgresql", "linux", "react", "typescript"),
        "duties": (
            "Led the backend of a cross-border payments product",
            "Moved 40 services onto a new container platform",
            "Hired and mentored five engineers for a new team",
        ),
    },
    {
        "category": "finance",
        "titles": ("Financial Controller", "Finance Director"),
        "earlier": ("Finance Analyst", "Assistant Controller"),
        "who": "finance professional",
        "fields": ("Finance", "Economics", "Business Administration"),
        "skills": ("financial_analysis", "auditing", "tax", "excel", "accounting"),
        "duties": (
            "Owned statutory reporting for the China entities",
            "Set up a shared service centre for the region",
            "Led the year-end close and the group reporting pack",
        ),
    },
    {
        "category": "product",
        "titles": ("Product Designer", "Design Lead"),
        "earlier": ("Junior Designer", "Visual Designer"),
        "who": "product designer",
        "fields": ("Industrial Design", "Graphic Design", "Architecture"),
        "skills": ("figma", "ui_design", "ux_research", "photoshop"),
        "duties": (
            "Redesigned the ride-hailing app's booking flow",
            "Set up the design system for three product lines",
            "Ran field studies with drivers in four cities",
        ),
    },
    {
        "category": "data",
        "titles": ("Data Scientist", "Head of Analytics"),
        "earlier": ("Research Analyst", "Junior Data Scientist"),
        "who": "data scientist",
        "fields": ("Mathematics", "Physics", "Computer Science"),
        "skills": ("python", "sql", "machine_learning", "deep_learning", "statistics", "spark", "tableau", "power_bi"),
        "duties": (
            "Built demand forecasts for 1,200 stores",
            "Set up the experimentation platform for the app",
            "Cut forecast error on fresh produce by a fifth",
        ),
    },
    {
        "category": "operations",
        "titles": ("Operations Manager", "Plant Manager"),
        "earlier": ("Production Engineer", "Shift Supervisor"),
        "who": "manufacturing manager",
        "fields": ("Mechanical Engineering", "Industrial Engineering", "Chemistry"),
        "skills": ("lean", "quality_control", "supply_chain", "procurement", "team_leadership"),
        "duties": (
            "Ran a 600-person moulding plant on three shifts",
            "Cut scrap from 4.1% to 1.6% in two years",
            "Brought a second moulding hall on line ahead of plan",
        ),
    },
    {
        "category": "hr",
        "titles": ("Talent Acquisition Lead", "HR Director"),
        "earlier": ("HR Officer", "People Partner"),
        "who": "people and talent specialist",
        "fields": ("Psychology", "Business Administration", "Sociology"),
        "skills": ("recruiting", "training", "payroll", "team_leadership"),
        "duties": (
            "Built the hiring process for a new R&D site",
            "Brought staff turnover down from 22% to 13%",
            "Rolled out a new grading structure for 900 employees",
        ),
    },
    {
        "category": "other",
        "titles": ("ESL Instructor", "Academic Director"),
        "earlier": ("Language Assistant", "Tutor"),
        "who": "language educator",
        "fields": ("History", "Linguistics", "Education"),
        "skills": ("teaching", "training"),
        "duties": (
            "Taught IELTS and business classes to adult learners",
            "Wrote the centre's curriculum for young learners",
            "Coached a staff of twelve tutors",
        ),
    },
    {
        "category": "other",
        "titles": ("Executive Chef", "Head Chef"),
        "earlier": ("Sous Chef", "Chef de Partie"),
        "who": "chef",
        "fields": ("Culinary Arts", "Hospitality Management"),
        "skills": ("team_leadership", "procurement"),
        "duties": (
            "Ran the kitchens of a 300-room hotel",
            "Designed seasonal menus and cut food cost by four points",
            "Opened two restaurants for the group",
        ),
    },
)
EXPAT_DEGREES = {"associate": ("Associate Degree in {}",), "bachelor": ("BA (Hons) {}", "BSc {}", "Bachelor of {}"),
                 "master": ("MSc {}", "MA {}", "Master of {}"), "doctorate": ("PhD {}", "PhD in {}")}  # fmt: skip
EN_DEGREES = {"associate": ("Associate Degree in {}",), "bachelor": ("Bachelor's degree, {}", "B.S. in {}", "Bachelor, {}"),
              "master": ("M.Sc. in {}", "Master's degree, {}"), "doctorate": ("Ph.D. in {}",)}  # fmt: skip
# Duties that fit any job, dealt once the role's own are used up, so that no two jobs repeat a line.
GENERIC_EN = ("Reported monthly to the regional leadership", "Worked with headquarters on the yearly plan",
              "Wrote the handbook later given to new joiners", "Stepped in as acting head for six months")  # fmt: skip
GENERIC_ZH = (
    "参与部门年度计划的制定与复盘",
    "编写岗位操作手册，供新同事参考",
    "配合总部完成年度检查",
    "在主管休假期间代理部门日常工作",
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_FULL = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")  # fmt: skip
EXPAT_MANNERS = ("Comfortable working across headquarters and local teams.", "Used to building things from a blank sheet.",
                 "Known for steady delivery under pressure.")  # fmt: skip
FAX_SENDERS = ("COPY & PRINT CENTRE", "BUSINESS CENTRE 2F", "HOTEL BUSINESS CENTER", "XINDA PRINT SHOP", "FRONT DESK")
FAX_AREAS = ("512", "571", "755", "21", "10", "532", "592", "28")


# ---------------------------------------------------------------- drawing people


def _pick(rng: random.Random, pool, weights=None):
    return rng.choices(pool, weights=weights)[0] if weights else rng.choice(pool)


def _months(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


def _ym(months: int) -> tuple[int, int]:
    return months // 12, months % 12 + 1


def _whole_years(start: tuple[int, int], today: date) -> int:
    return (_months((today.year, today.month)) - _months(start)) // 12


def _deal(rng: random.Random, own, generic, jobs: int) -> list[list[str]]:
    """Duties for each job, newest first, none repeated: the role's own, then generic ones; two a job while they last."""
    pool = rng.sample(own, len(own)) + rng.sample(generic, len(generic))
    dealt = []
    for _ in range(jobs):
        take = 2 if len(pool) - 2 >= jobs - len(dealt) - 1 else 1  # the newest jobs get two
        dealt.append(pool[:take] or [own[0]])
        pool = pool[take:]
    return dealt


def _mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_HEADS) + f"{rng.randrange(10**8):08d}"


def _landline(rng: random.Random) -> str:
    return f"0{rng.choice(FAX_AREAS)}-{rng.randint(5, 8)}{rng.randrange(10**7):07d}"


def _career(rng: random.Random, first: tuple[int, int], today: date, jobs: int) -> list[tuple]:
    """Spans newest first, one after another without gaps; the newest runs to the present (end None)."""
    start, now = _months(first), _months((today.year, today.month))
    jobs = max(1, min(jobs, (now - start) // 10))
    while True:  # every job at least six months long
        cuts = sorted(rng.sample(range(start + 6, now - 3), jobs - 1))
        bounds = [start, *cuts, now]
        if all(later - earlier >= 6 for earlier, later in zip(bounds, bounds[1:], strict=False)):
            break
    bounds = bounds[:-1]
    spans = []
    for index, begin in enumerate(bounds):
        if index + 1 < len(bounds):
            # the next job starts the month after, or in the very month this one ended
            end = bounds[index + 1] - rng.choice((0, 1))
            spans.append((_ym(begin), _ym(end)))
        else:
            spans.append((_ym(begin), None))
    return spans[::-1]


def _zh_name(rng: random.Random, gender: str) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_F if gender == "F" else GIVEN_M)


def _pinyin_name(rng: random.Random) -> tuple[str, str]:
    """(the name as written, e-mail local part)."""
    surname, given = rng.choice(SURNAME_PINYIN), rng.choice(GIVEN_PINYIN)
    style = rng.randrange(4)
    if style == 0:
        return f"{given} {surname}", f"{given}.{surname}".lower()
    if style == 1:
        english = rng.choice(ENGLISH_NAMES)
        return f"{english} {surname}", f"{english}{surname}".lower()
    if style == 2:
        return f"{surname.upper()} {given}", f"{surname}{given}{rng.randint(1, 99)}".lower()
    english = rng.choice(ENGLISH_NAMES)
    return f"{english} {given} {surname}", f"{english[0]}{surname}{rng.randint(80, 99)}".lower()


def _company_zh(rng: random.Random, city: str) -> str:
    brand, trade = rng.choice(BRANDS)[0], rng.choice(TRADES)[0]
    style = rng.randrange(4)
    if style == 0:
        return f"{city}{brand}{trade}{rng.choice(ZH_SUFFIXES)}"
    if style == 1:
        return f"{brand}{trade}（{city}）有限公司"
    if style == 2:
        return f"{brand}{trade}{rng.choice(ZH_SUFFIXES)}"
    return f"{brand}集团有限公司"


def _company_en(rng: random.Random, city_en: str) -> str:
    brand, trade = rng.choice(BRANDS)[1], rng.choice(TRADES)[1]
    style = rng.randrange(4)
    if style == 0:
        return f"{city_en} {brand} {trade} Co., Ltd."
    if style == 1:
        return f"{brand} {trade} ({city_en}) Co., Ltd."
    if style == 2:
        return f"{rng.choice(FOREIGN_BRANDS)} {rng.choice(FOREIGN_TRADES)} (China) Co., Ltd."
    return f"{brand} {trade} Inc."


def _place(rng: random.Random, cities: tuple[str, ...] | None = None) -> dict:
    pool = [p for p in PLACES if cities is None or p[1] in cities]
    province, city, province_en, city_en, districts = rng.choice(pool)
    return {"province": province, "city": city, "province_en": province_en, "city_en": city_en,
            "district": rng.choice(districts)}  # fmt: skip


def _province_full(province: str) -> str:
    if province in CITY_PROVINCES:
        return f"{province}市"
    return REGION_NAMES.get(province, f"{province}省")


def _id_number(rng: random.Random, birth: tuple[int, int]) -> str:
    """An 18-digit resident ID with its ISO 7064 check digit, born on the person's birth month."""
    body = f"{rng.choice(ID_AREAS)}{birth[0]}{birth[1]:02d}{rng.randint(1, 28):02d}{rng.randrange(1000):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _zh_salary(rng: random.Random, monthly: int) -> tuple[str, int | None]:
    """How a Chinese page asks for a monthly figure, and the figure a reader records."""
    k = monthly // 1000
    style = rng.randrange(8)
    if style == 0:
        return f"{k}K-{k + rng.choice((3, 5))}K", k * 1000
    if style == 1:
        return f"{monthly}元/月", monthly
    if style == 2 and monthly % 1000 == 0:
        return f"{monthly / 10000:g}万/月", monthly
    if style == 3:
        return f"月薪{monthly}-{monthly + 3000}元", monthly
    if style == 4:
        yearly = max(3, round(monthly * 12 / 30000) * 3)  # 万 a year, a multiple of 3 so that the month is whole
        return f"年薪{yearly}万", yearly * 10000 // 12
    if style == 5:
        return rng.choice(("面议", "按公司规定")), None
    if style == 6:
        return f"{k}K以上", k * 1000
    return f"{k}k/月", k * 1000


def _en_salary(rng: random.Random, monthly: int, expat: bool) -> tuple[str, int | None]:
    k = monthly // 1000
    style = rng.randrange(5)
    if style == 0:
        return f"{k}K–{k + (10 if expat else 5)}K RMB/month", k * 1000
    if style == 1:
        return f"RMB {k * 1000:,} per month", k * 1000
    if style == 2:
        return (f"RMB {k * 12}k p.a." if expat else f"RMB {k * 12000:,} per year"), k * 1000
    if style == 3:
        return f"{k}k CNY monthly", k * 1000
    return rng.choice(("Negotiable", "Open to discussion")), None


def _skill_words(rng: random.Random, ids, script: int) -> list[tuple[str, str]]:
    return [(skill, rng.choice(SKILL_WORDS[skill][script])) for skill in ids]


def _schooling(rng: random.Random, level: str, graduated: int, fields, english: bool) -> list[dict]:
    """Degrees newest first, each ending in June or July of its year."""
    entries, end = [], graduated
    chain = {"associate": ["associate"], "bachelor": ["bachelor"], "master": ["master", "bachelor"],
             "doctorate": ["doctorate", "master", "bachelor"]}[level]  # fmt: skip
    used = set()
    for degree in chain:
        years = STUDY_YEARS[degree]
        if degree == "master" and english and rng.random() < 0.3:
            abroad = rng.choice(ABROAD_MASTERS)
            school, years = (abroad, abroad), 1
        else:
            pool = COLLEGES if degree == "associate" else UNIVERSITIES
            school = rng.choice([s for s in pool if s not in used])
        used.add(school)
        field = fields[0] if degree == chain[0] or rng.random() < 0.5 else rng.choice(fields)
        entries.append({"level": degree, "school": school, "field": field, "start": (end - years, 9),
                        "end": (end, rng.choice((6, 7))), "mode": "全日制"})  # fmt: skip
        end -= years
    return entries


def _professional(rng: random.Random, today: date, english: bool) -> dict:
    """A Chinese office professional; `english` writes their resume in English."""
    role = rng.choice(ROLES)
    gender = rng.choice("FM")
    level = _pick(rng, ("associate", "bachelor", "master", "doctorate"), (14, 52, 28, 6))
    years = rng.randint(1, 16)
    first = (today.year - years, rng.randint(3, 8))
    graduated = first[0] if first[1] >= 7 and rng.random() < 0.6 else first[0] - rng.choice((1, 1, 2))
    birth = (graduated - GRADUATION_AGE[level] - rng.randint(0, 1), rng.randint(1, 12))
    script = 1 if english else 0
    schooling = _schooling(rng, level, graduated, role["fields"], english)
    if level == "bachelor" and years >= 6 and not english and rng.random() < 0.3:
        # a part-time master's taken while working (在职): the highest degree all the same
        begun = rng.randint(first[0] + 1, today.year - 3)
        schooling.insert(0, {"level": "master", "school": rng.choice([s for s in UNIVERSITIES if s != schooling[0]["school"]]),
                             "field": ("工商管理", "Business Administration"), "start": (begun, 9),
                             "end": (begun + 3, 6), "mode": "在职"})  # fmt: skip
    top = schooling[0]
    place = _place(rng)
    spans = _career(rng, first, today, rng.choice((1, 2, 2, 3, 3, 4)))
    titles = role["en" if english else "zh"]
    juniors = role["junior_en" if english else "junior_zh"]
    senior = rng.choice(SENIOR_EN if english else SENIOR_ZH)
    duties = _deal(rng, role["duties_en" if english else "duties_zh"], GENERIC_EN if english else GENERIC_ZH, len(spans))
    jobs = []
    for index, (start, end) in enumerate(spans):
        if index == 0:
            title = senior + rng.choice(titles)
        else:
            title = rng.choice(juniors) if index == len(spans) - 1 else rng.choice(titles)
        city = place if index == 0 and rng.random() < 0.8 else _place(rng)
        name = None
        while name is None or name in {job["employer"] for job in jobs}:
            name = _company_en(rng, city["city_en"]) if english else _company_zh(rng, city["city"])
            if not english and rng.random() < 0.15:
                name = rng.choice(SOE_NAMES)
        jobs.append({"start": start, "end": end, "employer": name, "title": title, "city": city,
                     "duties": duties[index]})  # fmt: skip
    skills = sorted(set(rng.sample(role["skills"], rng.randint(2, min(5, len(role["skills"]))))))
    if english and rng.random() < 0.7:
        skills = sorted({*skills, "english"})
    words = _skill_words(rng, skills, script)
    monthly = min(60000, ({"associate": 6000, "bachelor": 9000, "master": 13000, "doctorate": 18000}[level]
                          + years * rng.randint(800, 1600)) // 1000 * 1000)  # fmt: skip
    salary_text, salary = _en_salary(rng, monthly, False) if english else _zh_salary(rng, monthly)
    if english and rng.random() < 0.4:  # many English resumes say nothing of pay
        salary_text, salary = None, None
    desired = senior + rng.choice(titles) if not english or rng.random() < 0.6 else None
    if english:
        name, local = _pinyin_name(rng)
        email = f"{local}@{rng.choice(EN_MAIL + ('163.com', 'qq.com'))}"
        states_birth = rng.random() < 0.3
    else:
        name = _zh_name(rng, gender)
        local = rng.choice((f"{rng.randint(10**7, 10**10)}", f"hr{rng.randint(100, 9999)}", f"job_{rng.randint(1000, 99999)}"))
        email = f"{local}@{rng.choice(ZH_MAIL)}"
        states_birth = True
    hometown = rng.choice(HOMETOWNS)
    employers = {job["employer"] for job in jobs}
    return {
        "full_name": name,
        "phone": _mobile(rng),
        "contact_email": email,
        "birth_year": birth[0] if states_birth else None,
        "gender": gender if states_birth else None,
        "province": place["province"],
        "city": place["city"],
        "education_level": top["level"],
        "field_of_study": top["field"][script],
        "years_experience": _whole_years(first, today),
        "current_employer": jobs[0]["employer"],
        "current_title": jobs[0]["title"],
        "role_category": role["category"],
        "desired_role": desired,
        "expected_salary": salary,
        "skills": skills,
        "_kind": "local" if english else "office",
        "_role": role,
        "_birth": birth,
        "_place": place,
        "_hometown": hometown,
        "_schooling": schooling,
        "_jobs": jobs,
        "_skill_words": words,
        "_salary_text": salary_text,
        "_extras": rng.sample(ZH_EXTRAS, rng.randint(0, 2)),
        "_applying": rng.choice([name for name in SOE_NAMES if name not in employers]),
        "_target": next(name for name in iter(lambda: _company_zh(rng, rng.choice(PLACES)[1]), None) if name not in employers),
        "_married": birth[0] < today.year - 28 and rng.random() < 0.7,
        "_ethnic": _pick(rng, ("汉族", "回族", "满族", "壮族", "土家族", "蒙古族"), (80, 4, 4, 4, 4, 4)),
        "_politics": rng.choice(("中共党员", "共青团员", "群众", "群众")),
    }


def _worker(rng: random.Random, today: date) -> dict:
    """A blue-collar worker, written for the terse layout."""
    job = rng.choice(WORKER_JOBS)
    manly = job["title"] in ("电工", "焊工", "数控车工", "保安", "设备维修工", "厨师")
    gender = "M" if manly and rng.random() < 0.93 else rng.choice("FM")
    schooling, level = rng.choices(WORKER_SCHOOLING, weights=WORKER_SCHOOLING_WEIGHTS)[0]
    age = rng.randint(23 if schooling == "大专" else 20, 50)
    birth = (today.year - age, rng.randint(1, 12))
    starts_at = {"初中": 16, "大专": 21}.get(schooling, 18) + rng.randint(0, 1)
    working = max(1, age - starts_at)
    years = min(24, rng.randint(max(1, working // 2), working))  # the older list more of their years
    first = (today.year - years, rng.randint(3, 8))
    place = _place(rng, FACTORY_CITIES)
    spans = _career(rng, first, today, rng.choice((1, 2, 2, 3)))
    jobs = []
    for index, (start, end) in enumerate(spans):
        city = place if index == 0 or rng.random() < 0.5 else _place(rng, FACTORY_CITIES)
        jobs.append({"start": start, "end": end, "employer": _workplace(rng, job["place"], city),
                     "title": job["title"] if index == 0 else rng.choice(job["earlier"]),
                     "duty": rng.choice(job["duties"]), "city": city})  # fmt: skip
    skills = sorted({skill for skill in job["skills"] if rng.random() < 0.5} | ({"driving"} if rng.random() < 0.2 else set()))
    words = [(skill, rng.choice(WORKER_WORDS[skill])) for skill in skills]
    low, high = job["pay"]
    monthly = rng.randrange(low, high + 1, 500)
    salary_text, salary = _worker_salary(rng, monthly)
    field = rng.choice(WORKER_FIELDS[job["place"]]) if level == "associate" else None
    mail = rng.random()
    qq = str(rng.randint(10**8, 3 * 10**9))
    return {
        "full_name": _zh_name(rng, gender),
        "phone": _mobile(rng),
        "contact_email": f"{qq}@qq.com" if mail < 0.35 else None,
        "birth_year": birth[0],
        "gender": gender,
        "province": place["province"],
        "city": place["city"],
        "education_level": level,
        "field_of_study": field,
        "years_experience": _whole_years(first, today),
        "current_employer": jobs[0]["employer"],
        "current_title": jobs[0]["title"],
        "role_category": job["category"],
        "desired_role": rng.choice((job["title"], job["title"], job["title"], None)),
        "expected_salary": salary,
        "skills": skills,
        "_kind": "worker",
        "_job": job,
        "_birth": birth,
        "_place": place,
        "_hometown": rng.choice(HOMETOWNS),
        "_schooling_word": schooling,
        "_jobs": jobs,
        "_skill_words": words,
        "_salary_text": salary_text,
        "_qq": qq if 0.35 <= mail < 0.6 else None,
        "_cert": rng.choice(job["certs"]) if job["certs"] and rng.random() < 0.7 else None,
        "_can": rng.sample(job["can"], min(len(job["can"]), rng.randint(1, 3))),
        "_states_years": rng.random() < 0.3,
    }


def _workplace(rng: random.Random, kind: str, place: dict) -> str:
    city, district, brand = place["city"], place["district"], rng.choice(WORKER_BRANDS)
    if kind == "kitchen":
        return rng.choice((f"{city}{rng.choice(RESTAURANTS)}", rng.choice(RESTAURANTS)))
    if kind == "property":
        return f"{city}{brand}{rng.choice(('物业服务有限公司', '保安服务有限公司'))}"
    if kind == "warehouse":
        return f"{city}{brand}{rng.choice(('仓储服务有限公司', '实业有限公司'))}"
    style = rng.randrange(3)
    if style == 0:
        return f"{city}市{district}{brand}{rng.choice(FACTORY_TRADES)}"
    if style == 1:
        return f"{city}{brand}{rng.choice(FACTORY_TRADES)}"
    return f"{brand}{rng.choice(FACTORY_TRADES)}"


def _worker_salary(rng: random.Random, monthly: int) -> tuple[str, int | None]:
    style = rng.randrange(6)
    if style == 0:
        return f"工资{monthly}以上", monthly
    if style == 1:
        return f"月薪{monthly}左右", monthly
    if style == 2 and monthly % 1000 == 0:
        return f"{monthly // 1000}千到{monthly // 1000 + 1}千", monthly
    if style == 3:
        return f"工资{monthly}-{monthly + 1000}", monthly
    if style == 4:
        return rng.choice(("工资面议", "工资看着给")), None
    return f"包吃住{monthly}就行", monthly


def _expat(rng: random.Random, today: date) -> dict:
    """A foreigner working in China, written for the expat layout."""
    role = rng.choice(EXPAT_ROLES)
    nation = rng.choice(NATIONS)
    level = _pick(rng, ("associate", "bachelor", "master", "doctorate"), (4, 56, 35, 5))
    if role["category"] == "other" and level == "doctorate":
        level = "bachelor"
    years = rng.randint(3, 22)
    first = (today.year - years, rng.randint(3, 8))
    graduated = first[0] - rng.choice((0, 1, 1, 2)) if first[1] >= 7 else first[0] - rng.choice((1, 2))
    birth = (graduated - GRADUATION_AGE[level] - rng.randint(0, 2), rng.randint(1, 12))
    place = _place(rng, EXPAT_CITIES)
    spans = _career(rng, first, today, rng.choice((2, 2, 3, 3, 4)))
    abroad = rng.randint(1, max(1, len(spans) - 1))  # the oldest jobs were at home
    duties = _deal(rng, role["duties"], GENERIC_EN, len(spans))
    jobs = []
    for index, (start, end) in enumerate(spans):
        at_home = index >= len(spans) - abroad and index > 0
        title = role["titles"][0 if index else rng.randrange(2)] if index < 2 else rng.choice(role["earlier"])
        if at_home:
            city, country = rng.choice(nation[2]), nation[1]
            employer = f"{rng.choice(FOREIGN_BRANDS)} {rng.choice(FOREIGN_TRADES)} Ltd."
        else:
            china = place if index == 0 else _place(rng, EXPAT_CITIES)
            city, country = china["city_en"], "China"
            employer = _expat_employer(rng, role, china)
        jobs.append({"start": start, "end": end, "employer": employer, "title": title, "city": city, "country": country,
                     "duties": duties[index]})  # fmt: skip
    field = rng.choice(role["fields"])
    schooling = [{"level": level, "school": rng.choice(nation[3]), "field": field, "end": (graduated, 6)}]
    if level in ("master", "doctorate"):
        schooling.append({"level": "bachelor", "school": rng.choice(nation[3]), "field": rng.choice(role["fields"]),
                          "end": (graduated - (1 if level == "master" else 4), 6)})  # fmt: skip
    skills = sorted({*rng.sample(role["skills"], rng.randint(1, min(4, len(role["skills"])))), "english"})
    if role["category"] == "other" and role["titles"][0] == "ESL Instructor":
        skills = sorted({*skills, "teaching"})
    if rng.random() < 0.15:
        skills = sorted({*skills, "japanese"})
    monthly = min(120000, (22000 + years * rng.randint(1500, 3500)) // 1000 * 1000)
    salary_text, salary = _en_salary(rng, monthly, True) if rng.random() < 0.45 else (None, None)
    first_name, last_name = rng.choice(EXPAT_FIRST), rng.choice(EXPAT_LAST)
    local = rng.choice((f"{first_name}.{last_name}", f"{first_name[0]}{last_name}", f"{first_name}{rng.randint(10, 99)}"))
    china_start = next(job["start"] for job in reversed(jobs) if job["country"] == "China")
    states_birth = rng.random() < 0.2
    return {
        "full_name": f"{first_name} {last_name}",
        "phone": _mobile(rng),
        "contact_email": f"{local.replace(' ', '').lower()}@{rng.choice(EN_MAIL)}",
        "birth_year": birth[0] if states_birth else None,
        "gender": None,
        "province": place["province"],
        "city": place["city"],
        "education_level": level,
        "field_of_study": field,
        "years_experience": _whole_years(first, today),
        "current_employer": jobs[0]["employer"],
        "current_title": jobs[0]["title"],
        "role_category": role["category"],
        "desired_role": rng.choice(role["titles"]) if rng.random() < 0.4 else None,
        "expected_salary": salary,
        "skills": skills,
        "_kind": "expat",
        "_role": role,
        "_nation": nation,
        "_birth": birth if states_birth else None,
        "_place": place,
        "_jobs": jobs,
        "_schooling": schooling,
        "_skill_words": _skill_words(rng, skills, 1),
        "_salary_text": salary_text,
        "_china_years": _whole_years(china_start, today),
        "_zh_name": rng.choice(EXPAT_ZH_NAMES) if rng.random() < 0.3 else None,
        "_home_phone": rng.random() < 0.3,
        "_wechat": f"{first_name.lower()}_{place['city_en'].lower()[:2]}{rng.randint(1, 99)}",
    }


def _expat_employer(rng: random.Random, role: dict, place: dict) -> str:
    if role["titles"][0] == "Executive Chef":
        return rng.choice((f"The Meridale Hotel {place['city_en']}", f"Ashgrove Grand Hotel {place['city_en']}",
                           f"Lindwell Hospitality ({place['city_en']}) Co., Ltd."))  # fmt: skip
    if role["titles"][0] == "ESL Instructor":
        return rng.choice(("Bright Horizon English Centre", "Northstar Academy", f"{place['city_en']} Maple Leaf School"))
    return _company_en(rng, place["city_en"])


def person(rng: random.Random, english: bool, today: date) -> dict:
    """A person as the driver draws one: an office professional (in English, a Chinese professional writing in
    English); `cast` makes a worker or a foreigner of them for the layouts written for one."""
    seed = rng.getrandbits(64)
    drawn = _professional(random.Random(seed), today, english)
    drawn["_seed"], drawn["_today"] = seed, today
    return drawn


def cast(drawn: dict, layout: str) -> dict:
    """The person as the layout needs them, drawn again from their own seed when the kind differs."""
    kind = LAYOUT_KIND.get(layout, drawn["_kind"])
    if kind != drawn["_kind"]:
        seed, today = drawn["_seed"], drawn["_today"]
        recast = (_worker if kind == "worker" else _expat)(random.Random(seed), today)
        drawn.clear()
        drawn.update(recast, _seed=seed, _today=today)
    return drawn


# ---------------------------------------------------------------- how things are written


def _zh_ym(ym: tuple[int, int] | None, style: int) -> str:
    if ym is None:
        return ("至今", "至今", "今")[style % 3]
    year, month = ym
    return (f"{year}.{month:02d}", f"{year}年{month}月", f"{year}/{month:02d}", f"{year}-{month:02d}")[style % 4]


def _zh_span(start, end, style: int) -> str:
    joiner = ("-", " - ", "—", "～")[style % 4]
    return f"{_zh_ym(start, style)}{joiner}{_zh_ym(end, style)}"


def _phone_zh(phone: str, rng: random.Random) -> str:
    return rng.choice((phone, f"{phone[:3]} {phone[3:7]} {phone[7:]}", f"{phone[:3]}-{phone[3:7]}-{phone[7:]}",
                       f"+86 {phone}"))  # fmt: skip


def _phone_en(phone: str, rng: random.Random) -> str:
    return rng.choice((f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}", f"(+86) {phone}", f"+86-{phone[:3]}-{phone[3:7]}-{phone[7:]}",
                       f"+86 {phone}"))  # fmt: skip


def _residence_zh(place: dict, rng: random.Random) -> str:
    city, district = place["city"], place["district"]
    if place["province"] in CITY_PROVINCES:
        return rng.choice((f"{city}市{district}", f"{city}{district}", f"{city}市"))
    return rng.choice((f"{_province_full(place['province'])}{city}市{district}", f"{city}市{district}", f"{city}{district}",
                       f"{place['province']}{city}"))  # fmt: skip


def _residence_en(place: dict, rng: random.Random, *, country: bool) -> str:
    city, province = place["city_en"], place["province_en"]
    tail = ", China" if country else ""
    if place["province"] in CITY_PROVINCES:
        return f"{city}{tail or rng.choice(('', ', China'))}"
    return rng.choice((f"{city}, {province}{tail}", f"{city}, {province} Province{tail}", f"{city}, {province}, PRC"))


def _address(place: dict, rng: random.Random) -> str:
    street = f"{rng.choice(STREETS)}{rng.randint(2, 399)}号{rng.choice(ESTATES)}{rng.randint(1, 28)}栋{rng.randint(1, 3)}单元"
    city = f"{place['city']}市{place['district']}{street}{rng.randint(1, 30)}0{rng.randint(1, 4)}室"
    return city if place["province"] in CITY_PROVINCES else f"{_province_full(place['province'])}{city}"


def _gender_zh(p: dict) -> str:
    return "女" if p["gender"] == "F" else "男"


def _zh_skill_line(p: dict) -> str:
    return "、".join(word for _skill, word in p["_skill_words"])


def _tech(p: dict) -> list[str]:
    """Skill wordings a project or a letter may name (the person's own)."""
    return [word for _skill, word in p["_skill_words"] if word.isascii() or word.endswith(("学习", "设计", "制图", "编程"))]


# ---------------------------------------------------------------- layouts


def _soe_form(p: dict, rng: random.Random) -> dict:
    """The 应聘人员登记表 as rows of (text, columns spanned, "label" | "value" | "section") on a seven-column grid;
    the first four rows leave the last column to the photo."""
    today = p["_today"]
    style = rng.choice((0, 3))  # the short date forms, which fit a grid's narrow first column
    birth = rng.choice((f"{p['_birth'][0]}.{p['_birth'][1]:02d}", f"{p['_birth'][0]}年{p['_birth'][1]}月"))
    home_province, home_city = p["_hometown"]
    place = p["_place"]
    hukou = rng.choice((f"{_province_full(home_province)}{home_city}市", f"{_province_full(place['province'])}{place['city']}市"))
    top = p["_schooling"][0]
    first = p["_jobs"][-1]["start"]
    category = p["role_category"]
    lab, val = "label", "value"
    rows = [
        [
            ("姓名", 1, lab),
            (p["full_name"], 1, val),
            ("性别", 1, lab),
            (_gender_zh(p), 1, val),
            ("出生年月", 1, lab),
            (birth, 1, val),
        ],
        [
            ("民族", 1, lab),
            (p["_ethnic"], 1, val),
            ("政治面貌", 1, lab),
            (p["_politics"], 1, val),
            ("籍贯", 1, lab),
            (f"{home_province}{home_city}", 1, val),
        ],
        [
            ("婚姻状况", 1, lab),
            ("已婚" if p["_married"] else "未婚", 1, val),
            ("健康状况", 1, lab),
            (rng.choice(("良好", "健康")), 1, val),
            ("户口所在地", 1, lab),
            (hukou, 1, val),
        ],
        [
            ("身份证号", 1, lab),
            (_id_number(rng, p["_birth"]) if rng.random() < 0.6 else "", 3, val),
            ("参加工作时间", 1, lab),
            (_zh_ym(first, style % 2), 1, val),
        ],
        [
            ("最高学历", 1, lab),
            (rng.choice(ZH_LEVEL[top["level"]]) + ("（在职）" if top["mode"] == "在职" else ""), 1, val),
            ("学位", 1, lab),
            (ZH_DEGREE[top["level"]], 1, val),
            ("职称/职业资格", 1, lab),
            (rng.choice(PRO_TITLES.get(category, ("助理经济师", "经济师", "无"))), 2, val),
        ],
        [("毕业院校", 1, lab), (top["school"][0], 3, val), ("所学专业", 1, lab), (top["field"][0], 2, val)],
        [("联系电话", 1, lab), (_phone_zh(p["phone"], rng), 3, val), ("电子邮箱", 1, lab), (p["contact_email"], 2, val)],
        [("现居住地址", 1, lab), (_address(place, rng), 6, val)],
        [("期望薪酬", 1, lab), (p["_salary_text"], 3, val), ("是否服从调剂", 1, lab), (rng.choice(("是", "服从")), 2, val)],
        [("学习经历（从高中起填写）", 7, "section")],
        [("起止年月", 1, lab), ("学校名称", 3, lab), ("专业", 2, lab), ("学历/学位", 1, lab)],
    ]
    oldest = p["_schooling"][-1]["start"][0]
    school = rng.choice((f"{home_city}市第{rng.choice('一二三四五六七八')}中学", f"{home_city}一中", f"{home_city}市实验中学"))
    rows.append([(_zh_span((oldest - 3, 9), (oldest, 6), style), 1, val), (school, 3, val), ("—", 2, val), ("高中", 1, val)])
    for entry in reversed(p["_schooling"]):
        name = entry["school"][0] + ("（在职）" if entry["mode"] == "在职" else "")
        degree = f"{ZH_LEVEL[entry['level']][0]}/{ZH_DEGREE[entry['level']]}"
        rows.append([(_zh_span(entry["start"], entry["end"], style), 1, val), (name, 3, val), (entry["field"][0], 2, val),
                     (degree, 1, val)])  # fmt: skip
    rows.append([("工作经历", 7, "section")])
    rows.append([("起止年月", 1, lab), ("工作单位", 2, lab), ("部门", 1, lab), ("职务", 1, lab), ("证明人及电话", 2, lab)])
    jobs = p["_jobs"] if rng.random() < 0.5 else p["_jobs"][::-1]
    for job in jobs:
        referee = rng.choice(SURNAMES) + rng.choice(GIVEN_F + GIVEN_M)
        contact = _mobile(rng) if rng.random() < 0.4 else _landline(rng)
        rows.append([(_zh_span(job["start"], job["end"], style), 1, val), (job["employer"], 2, val),
                     (rng.choice(SOE_DEPARTMENTS[category]), 1, val), (job["title"], 1, val),
                     (f"{referee} {contact}", 2, val)])  # fmt: skip
    rows.append([("家庭主要成员及社会关系", 7, "section")])
    rows.append([("称谓", 1, lab), ("姓名", 1, lab), ("出生年月", 1, lab), ("政治面貌", 1, lab), ("工作单位及职务", 3, lab)])
    for relation, member, born, work in _family(p, rng):
        rows.append([(relation, 1, val), (member, 1, val), (born, 1, val), (rng.choice(("群众", "中共党员")), 1, val),
                     (work, 3, val)])  # fmt: skip
    skills = "、".join([word for _skill, word in p["_skill_words"]] + p["_extras"])
    award_year = rng.randint(first[0], today.year - 1)
    awards = rng.choice(("无", f"{award_year}年度优秀员工", f"{award_year}年获评先进工作者", f"{award_year}年度技术标兵"))
    rows += [[("专业技能及证书", 1, lab), (skills, 6, val)], [("奖惩情况", 1, lab), (awards, 6, val)],
             [("自我评价", 1, lab), (rng.choice(SELF_ZH), 6, val)]]  # fmt: skip
    day = rng.randint(1, today.day)
    meta = f"应聘岗位：{p['desired_role']}　　　　填表日期：{today.year}年{today.month}月{day}日"
    if rng.random() < 0.4:  # the post applied for inside the grid instead, above the personal data
        meta = f"编号：{rng.randint(1, 400):04d}　　　　填表日期：{today.year}年{today.month}月{day}日"
        rows.insert(0, [("应聘岗位", 1, lab), (p["desired_role"], 3, val), ("应聘部门", 1, lab),
                        (rng.choice(SOE_DEPARTMENTS[category]), 2, val)])  # fmt: skip
    tail = ["本人承诺：以上所填内容真实、准确，如有不实，本人愿承担由此产生的一切后果。",
            "本人签名：＿＿＿＿＿＿＿＿　　　　　日期：　　　年　　月　　日"]  # fmt: skip
    return {"title": (p["_applying"], "应聘人员登记表"), "meta": meta, "rows": rows, "tail": tail,
            "photo_rows": (1, 5) if rows[0][0][0] == "应聘岗位" else (0, 4)}  # fmt: skip


def _family(p: dict, rng: random.Random) -> list[tuple[str, str, str, str]]:
    surname = next(s for s in sorted(SURNAMES, key=len, reverse=True) if p["full_name"].startswith(s))
    home_city = p["_hometown"][1]
    born = p["_birth"][0]
    works = (
        "务农",
        "退休",
        f"{home_city}市供电公司 职工",
        "个体经营",
        f"{home_city}市第二中学 教师",
        f"{home_city}市人民医院 医生",
    )
    father = (surname + rng.choice(GIVEN_M), f"{born - rng.randint(24, 31)}.{rng.randint(1, 12):02d}", rng.choice(works))
    mother = (
        rng.choice(SURNAMES) + rng.choice(GIVEN_F),
        f"{born - rng.randint(22, 29)}.{rng.randint(1, 12):02d}",
        rng.choice(works),
    )
    members = [("父亲", *father), ("母亲", *mother)]
    if p["_married"]:
        spouse = rng.choice(SURNAMES) + rng.choice(GIVEN_M if p["gender"] == "F" else GIVEN_F)
        brand, trade = rng.choice(BRANDS)[0], rng.choice(TRADES)[0]
        members.append(("配偶", spouse, f"{born + rng.randint(-3, 3)}.{rng.randint(1, 12):02d}",
                        f"{p['city']}{brand}{trade}有限公司 职员"))  # fmt: skip
    return members


def _paged_body(p: dict, rng: random.Random) -> list[str]:
    style = rng.randrange(4)
    top = p["_schooling"][0]
    place = p["_place"]
    lines = ["# 个人简历"] if rng.random() < 0.5 else []
    lines.append("## 基本信息")
    if rng.random() < 0.5:
        lines.append(f"姓名：{p['full_name']}")
    lines += [f"性别：{_gender_zh(p)}　　出生年月：{_zh_ym(p['_birth'], style)}", f"现居住地：{_residence_zh(place, rng)}",
              f"学历：{rng.choice(ZH_LEVEL[top['level']])}　　专业：{top['field'][0]}"]  # fmt: skip
    if rng.random() < 0.5:
        lines.append(f"工作年限：{p['years_experience']}年")
    if rng.random() < 0.5:
        lines.append(f"手机：{_phone_zh(p['phone'], rng)}")
    lines.append(f"电子邮箱：{p['contact_email']}")
    wanted = rng.choice([place["city"], place["city"], rng.choice(PLACES)[1]])
    lines += ["## 求职意向", f"期望职位：{p['desired_role']}", f"期望城市：{wanted}", f"期望薪资：{p['_salary_text']}",
              f"到岗时间：{rng.choice(('一个月内', '随时到岗', '两周内'))}", "## 教育背景"]  # fmt: skip
    for entry in p["_schooling"]:
        mode = "（在职）" if entry["mode"] == "在职" else ""
        lines.append(f"{_zh_span(entry['start'], entry['end'], style)}　{entry['school'][0]}{mode}　{entry['field'][0]}　"
                     f"{ZH_LEVEL[entry['level']][0]}")  # fmt: skip
    lines.append("## 工作经历")
    role = p["_role"]
    for job in p["_jobs"]:
        lines += [f"{_zh_span(job['start'], job['end'], style)}　{job['employer']}　{job['title']}", "工作内容："]
        lines += [f"- {duty}" for duty in job["duties"]]
        lines += ["工作业绩：", f"- {rng.choice(ACHIEVEMENTS_ZH)}"]
    lines.append("## 项目经历")
    words = _tech(p)
    newest = p["_jobs"][0]["start"]
    for index, (name, about) in enumerate(rng.sample(role["projects"], 2)):
        begin = _ym(_months(newest) + index * 3)
        end = _ym(min(_months(begin) + rng.randint(3, 9), _months((p["_today"].year, p["_today"].month))))
        lines += [f"项目名称：{name}", f"项目时间：{_zh_span(begin, end, style)}", f"项目描述：{about}"]
        if words:
            lines.append(f"本人职责：负责方案设计与实施，使用{'、'.join(rng.sample(words, min(2, len(words))))}完成核心功能")
        else:
            lines.append("本人职责：牵头制定方案并推进落地")
        lines.append(f"项目成果：{rng.choice(PROJECT_OUTCOMES)}")
    lines += ["## 专业技能"]
    skill_words = [word for _skill, word in p["_skill_words"]]
    half = max(1, len(skill_words) // 2)
    lines.append(f"- 熟练掌握{'、'.join(skill_words[:half])}")
    if skill_words[half:]:
        lines.append(f"- 熟悉{'、'.join(skill_words[half:])}")
    if p["_extras"]:
        lines += ["## 证书", *(f"- {extra}" for extra in p["_extras"])]
    lines += ["## 自我评价", "".join(rng.sample(SELF_ZH, 3)), "## 兴趣爱好", "、".join(rng.sample(HOBBIES, 3))]
    return lines


def _paged_header(p: dict, rng: random.Random) -> tuple[str, str]:
    """The running header (a tab puts its second part at the right margin) and the footer, {page} and {pages} to fill."""
    phone = _phone_zh(p["phone"], rng)
    header = rng.choice((f"{p['full_name']}　个人简历\t电话：{phone}", f"{p['full_name']} | {phone} | {p['contact_email']}",
                         f"应聘：{p['desired_role']}\t{p['full_name']}　{phone}"))  # fmt: skip
    footer = rng.choice(("第 {page} 页 / 共 {pages} 页", "第 {page} 页 / 共 {pages} 页", "第{page}页，共{pages}页"))
    return header, footer


def _expat_lines(p: dict, rng: random.Random) -> list[str]:
    nation, place = p["_nation"], p["_place"]
    lines = [f"# {p['full_name']}"]
    if p["_zh_name"]:
        lines.append(f"Chinese name: {p['_zh_name']}")
    contact = [f"Based in {_residence_en(place, rng, country=rng.random() < 0.5)}", _phone_en(p["phone"], rng),
               p["contact_email"]]  # fmt: skip
    if rng.random() < 0.5:
        contact.append(f"WeChat: {p['_wechat']}")
    lines.append(rng.choice((" · ", " | ")).join(contact))
    if p["_home_phone"]:
        lines.append(
            f"{nation[1]} number: +{nation[5]} {rng.randint(200, 999)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        )
    lines.append(f"Nationality: {nation[0]} · {rng.choice(('Z visa and work permit held', 'Residence permit for work held'))}")
    if p["_birth"]:
        lines.append(f"Date of birth: {rng.randint(1, 28)} {MONTHS_FULL[p['_birth'][1] - 1]} {p['_birth'][0]}")
    if p["desired_role"]:
        lines.append(f"{rng.choice(('Target role', 'Looking for', 'Next role'))}: {p['desired_role']}")
    years, china = p["years_experience"], p["_china_years"]
    in_china = f"the last {china} in China" if 1 < china < years else "based in China"
    manner = rng.choice(EXPAT_MANNERS)
    lines += [
        "## Profile",
        f"{nation[0]} {p['_role']['who']} with {years} years of experience, {in_china}. {manner}",
        "## Experience",
    ]
    style = rng.randrange(3)
    for job in p["_jobs"]:
        lines += [f"{job['title']} — {job['employer']}", f"{job['city']}, {job['country']} | {_en_span(job, style)}"]
        lines += [f"- {duty}" for duty in job["duties"]]
    lines.append("## Education")
    for entry in p["_schooling"]:
        degree = rng.choice(EXPAT_DEGREES[entry["level"]]).format(entry["field"])
        lines.append(f"{degree}, {entry['school']}, {nation[1]}, {entry['end'][0]}")
    if rng.random() < 0.3:
        lines.append(
            f"Chinese language course (non-degree), Beijing Language and Culture University, {p['_jobs'][0]['start'][0]}"
        )
    shown = [word for skill, word in p["_skill_words"] if skill not in ("english", "japanese")]
    lines += ["## Skills", rng.choice((" · ", ", ", " | ")).join(shown), "## Languages"]
    languages = [f"English ({'native' if nation[4] is None else rng.choice(('fluent', 'C2', 'full professional'))})"]
    if nation[4]:
        languages.append(f"{nation[4]} (native)")
    languages.append(rng.choice(("Mandarin (HSK 4)", "Mandarin Chinese (conversational)", "Mandarin (business level, HSK 5)")))
    if "japanese" in p["skills"]:
        languages.append(SKILL_WORDS["japanese"][1][0])
    lines.append(", ".join(languages))
    if p["_salary_text"]:
        lines += ["## Availability", f"One month's notice. Expected package: {p['_salary_text']}"]
    return lines


def _en_span(job: dict, style: int) -> str:
    def when(ym):
        if ym is None:
            return ("Present", "present", "now")[style]
        return (f"{MONTHS[ym[1] - 1]} {ym[0]}", f"{MONTHS_FULL[ym[1] - 1]} {ym[0]}", f"{ym[1]:02d}/{ym[0]}")[style]

    return f"{when(job['start'])} – {when(job['end'])}"


def _column_span(start, end, style: int) -> str:
    def when(ym):
        if ym is None:
            return "Present"
        return f"{ym[1]:02d}/{ym[0]}" if style < 3 else f"{ym[0]}/{ym[1]:02d}"

    return f"{when(start)}{(' – ', ' – ', ' - ', ' – ')[style]}{when(end)}"


def _date_column_lines(p: dict, rng: random.Random) -> list[str]:
    place = p["_place"]
    style = rng.randrange(4)
    lines = [
        f"# {p['full_name']}",
        rng.choice((" | ", " · ")).join(
            (_residence_en(place, rng, country=True), _phone_en(p["phone"], rng), p["contact_email"])
        ),
    ]
    if p["birth_year"]:
        lines.append(
            f"Gender: {'Female' if p['gender'] == 'F' else 'Male'} · Date of birth: {p['birth_year']}-{p['_birth'][1]:02d}"
        )
    if p["desired_role"]:
        lines.append(f"Objective: {p['desired_role']}")
    if rng.random() < 0.5:
        manner = rng.choice(
            ("Calm under deadlines and careful with detail.", "Happy in a fast-moving, cross-functional setting.")
        )
        lines += ["## Summary", f"{p['_role']['en'][0]} with {p['years_experience']} years of experience. {manner}"]
    lines.append(rng.choice(("## Professional Experience", "## Work Experience", "## Experience")))
    for job in p["_jobs"]:
        lines += [
            f"{job['title']}\t{_column_span(job['start'], job['end'], style)}",
            f"{job['employer']}, {job['city']['city_en']}",
        ]
        lines += [f"- {duty}" for duty in job["duties"]]
    lines.append("## Education")
    for entry in p["_schooling"]:
        lines += [f"{entry['school'][1]}\t{_column_span(entry['start'], entry['end'], style)}",
                  rng.choice(EN_DEGREES[entry["level"]]).format(entry["field"][1])]  # fmt: skip
    shown = [word for skill, word in p["_skill_words"] if skill != "english"]
    lines += ["## Skills", ", ".join(shown)]
    if "english" in p["skills"]:
        lines.append(f"Languages: Mandarin (native), English ({rng.choice(('fluent', 'CET-6', 'professional working'))})")
    if p["_salary_text"]:
        lines.append(f"Expected salary: {p['_salary_text']}")
    return lines


def _terse_lines(p: dict, rng: random.Random) -> list[str]:
    lines = [f"# {rng.choice(('个人简历', '简历', '求职简历'))}"] if rng.random() < 0.6 else []
    born, month = p["_birth"]
    birth = rng.choice((f"{born}年生", f"{born % 100:02d}年的", f"{born}年出生", f"出生{born}.{month}", f"{born % 100:02d}年生"))
    schooling = p["_schooling_word"] + (f"（{p['field_of_study']}）" if p["field_of_study"] else "")
    home_province, home_city = p["_hometown"]
    glue = rng.choice(("，", " ", "  "))
    facts = [p["full_name"], _gender_zh(p), birth, schooling, f"{home_province}{home_city}人"]
    place = p["_place"]
    living = rng.choice((f"现住{place['city']}{place['district']}", f"现在{place['city']}{place['district']}",
                         f"人在{place['city']}", f"住{_residence_zh(place, rng)}"))  # fmt: skip
    contact = [rng.choice((f"电话{p['phone']}", f"手机：{_phone_zh(p['phone'], rng)}", f"{p['phone']}（微信同号）"))]
    if p["contact_email"]:
        contact.append(rng.choice((f"邮箱{p['contact_email']}", p["contact_email"])))
    if p["_qq"]:
        contact.append(f"QQ：{p['_qq']}")
    if rng.random() < 0.5:
        lines += [glue.join([*facts, living]), glue.join(contact)]
    else:
        lines += [glue.join(facts), glue.join([living, *contact])]
    want = []
    if p["desired_role"]:
        want.append(rng.choice((f"求职：{p['desired_role']}", f"想找{p['desired_role']}的活", f"应聘{p['desired_role']}")))
    want.append(p["_salary_text"])
    if p["_states_years"]:
        want.append(rng.choice((f"出来打工{p['years_experience']}年", f"工作{p['years_experience']}年了")))
    lines.append("，".join(want))
    if rng.random() < 0.5:
        lines.append(rng.choice(("经历：", "工作经历：", "干过：")))
    style = rng.randrange(4)
    for job in p["_jobs"]:
        line = f"{_terse_span(job['start'], job['end'], style)} {job['employer']} {job['title']}"
        if rng.random() < 0.5:
            line += f"，{job['duty']}"
        lines.append(line)
    items = list(p["_can"]) + ([p["_cert"]] if p["_cert"] else []) + [word for _skill, word in p["_skill_words"]]
    lines.append(rng.choice(("特长：", "技能：", "会的：", "")) + rng.choice(("、", " ", "，")).join(items))
    if rng.random() < 0.6:
        lines.append(rng.choice(WORKER_CLOSINGS))
    return lines


def _terse_span(start, end, style: int) -> str:
    def when(ym, is_start):
        if ym is None:
            return ("至今", "到现在", "现在", "今")[style]
        year, month = ym
        return (f"{year}年", f"{year}.{month}", f"{year % 100:02d}年", f"{year}年{month}月" if is_start else f"{year}年")[style]

    return f"{when(start, True)}{('-', '—', '到', '至')[style]}{when(end, False)}"


def _cover_letter_lines(p: dict, rng: random.Random) -> list[str]:
    today, top = p["_today"], p["_schooling"][0]
    job = p["_jobs"][0]
    words = _tech(p) or [word for _skill, word in p["_skill_words"]]
    greeting = rng.choice((f"尊敬的{p['_target']}领导：", f"尊敬的{p['_target']}人力资源部负责人：", "尊敬的招聘负责人："))
    source = rng.choice(("贵公司官网", "招聘网站", "朋友介绍", "校友群"))
    lines = [
        f"# {rng.choice(('求职信', '自荐信'))}",
        greeting,
        "您好！",
        f"　　我叫{p['full_name']}，{top['end'][0]}年毕业于{top['school'][0]}{top['field'][0]}专业，目前在{job['employer']}担任"
        f"{job['title']}，已有{p['years_experience']}年工作经验。从{source}得知贵公司正在招聘{p['desired_role']}，特此冒昧来信应聘。",
        f"　　在过去的工作中，我{job['duties'][0]}，{job['duties'][1]}。熟练掌握{'、'.join(words[:2])}，能够独立承担岗位职责。",
        f"　　{rng.choice(SELF_ZH)}希望能有机会为贵公司贡献力量。随信附上个人简历，如蒙面试，不胜感激。"
        f"我的联系电话是{_phone_zh(p['phone'], rng)}，期待您的回复。",
        "此致",
        "敬礼！",
        f"求职人：{p['full_name']}",
        f"{today.year}年{today.month}月{rng.randint(1, today.day)}日",
        "",
        "# 个人简历",
        "## 基本信息",
    ]
    style = rng.randrange(4)
    lines += [f"姓名：{p['full_name']}　　性别：{_gender_zh(p)}",
              f"出生年月：{_zh_ym(p['_birth'], style)}　　民族：{p['_ethnic']}",
              f"现居地：{_residence_zh(p['_place'], rng)}",
              f"联系电话：{_phone_zh(p['phone'], rng)}　　邮箱：{p['contact_email']}",
              f"学历：{rng.choice(ZH_LEVEL[top['level']])}　　专业：{top['field'][0]}", f"毕业院校：{top['school'][0]}",
              "## 求职意向", f"应聘职位：{p['desired_role']}　　期望薪资：{p['_salary_text']}", "## 工作经历"]  # fmt: skip
    for entry in p["_jobs"]:
        lines.append(f"{_zh_span(entry['start'], entry['end'], style)}　{entry['employer']}　{entry['title']}")
        lines += [f"- {duty}" for duty in entry["duties"]]
    lines.append("## 教育经历")
    for entry in p["_schooling"]:
        mode = "（在职）" if entry["mode"] == "在职" else ""
        lines.append(f"{_zh_span(entry['start'], entry['end'], style)}　{entry['school'][0]}{mode}　{entry['field'][0]}　"
                     f"{ZH_LEVEL[entry['level']][0]}")  # fmt: skip
    lines += ["## 技能证书", "、".join([word for _skill, word in p["_skill_words"]] + p["_extras"]), "## 自我评价",
              rng.choice(SELF_ZH)]  # fmt: skip
    return lines


# ---------------------------------------------------------------- formats

PAGE_TOP, PAGE_BOTTOM, LEFT, RIGHT = 800, 56, 50, 545
CJK_PDF = "STSong-Light"


def _is_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f" for ch in text)


def _tokens(text: str) -> list[str]:
    """Words of Latin letters stay whole when a line wraps; Chinese breaks between any two characters."""
    return re.findall(r"[A-Za-z0-9@._+#&/%'()\-]+|\s+|.", text)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out, current = [], ""
    for token in _tokens(text):
        trial = current + token
        if current and stringWidth(trial.rstrip(), font, size) > width:
            out.append(current.rstrip())
            current = token.lstrip()
        else:
            current = trial
    return [*out, current.rstrip()] if current.strip() else out or [""]


def _register_cjk() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CJK_PDF not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_PDF))


def _bold(latin: str) -> str:
    return {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}[latin]


def _pdf_pages(lines: list[str], latin: str, size: float, leading: float, top: float = PAGE_TOP,
               bottom: float = PAGE_BOTTOM) -> list[list[tuple]]:  # fmt: skip
    """The flow laid out on pages: each page a list of (x, y, text, font, size, align), align "left" or "right"."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_cjk()
    pages, ops, y = [], [], top

    def room(height: float) -> None:
        nonlocal ops, y
        if y - height < bottom:
            pages.append(ops)
            ops, y = [], top

    for line in lines:
        if not line:
            y -= leading * 0.6
            continue
        kind = (
            "title"
            if line.startswith("# ")
            else "heading"
            if line.startswith("## ")
            else "bullet"
            if line.startswith("- ")
            else "text"
        )
        text = line.split(" ", 1)[1] if kind != "text" else line
        font = CJK_PDF if _is_cjk(text) else (_bold(latin) if kind in ("title", "heading") else latin)
        font_size = {"title": size + 7, "heading": size + 2.5}.get(kind, size)
        step = {"title": leading + 12, "heading": leading + 6}.get(kind, leading)
        if kind == "heading":
            y -= 4
        indent = 14 if kind == "bullet" else 0
        right = ""
        if "\t" in text:
            text, right = text.split("\t", 1)
            font = CJK_PDF if _is_cjk(text) else _bold(latin)
        width = RIGHT - LEFT - indent - (stringWidth(right, latin, font_size) + 16 if right else 0)
        for index, piece in enumerate(_wrap(text, font, font_size, width)):
            room(step)
            if index == 0 and kind == "bullet":
                ops.append((LEFT + 3, y, "•" if font != CJK_PDF else "·", font, font_size, "left"))
            ops.append((LEFT + indent, y, piece, font, font_size, "left"))
            if index == 0 and right:
                ops.append((RIGHT, y, right, CJK_PDF if _is_cjk(right) else latin, font_size, "right"))
            y -= step
    pages.append(ops)
    return [page for page in pages if page]


def _flow_pdf(lines: list[str], latin: str = "Helvetica", size: float = 10.5, leading: float = 15.5,
              header: str | None = None, footer: str | None = None) -> bytes:  # fmt: skip
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    top = PAGE_TOP - (28 if header else 0)
    pages = _pdf_pages(lines, latin, size, leading, top=top, bottom=PAGE_BOTTOM + (10 if footer else 0))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number, ops in enumerate(pages, start=1):
        if header:
            left, _tab, right = header.partition("\t")
            pdf.setFont(CJK_PDF, 9)
            pdf.drawString(LEFT, 812, left)
            if right:
                pdf.drawRightString(RIGHT, 812, right)
            pdf.setLineWidth(0.5)
            pdf.line(LEFT, 806, RIGHT, 806)
        if footer:
            pdf.setFont(CJK_PDF, 9)
            pdf.drawCentredString((LEFT + RIGHT) / 2, 34, footer.format(page=number, pages=len(pages)))
        for x, y, text, font, font_size, align in ops:
            pdf.setFont(font, font_size)
            (pdf.drawRightString if align == "right" else pdf.drawString)(x, y, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _paged_text(lines: list[str], header: str, footer: str) -> bytes:
    """What copying the multi-page PDF gives: each page's lines between its header and its footer."""
    pages = _pdf_pages(lines, "Helvetica", 11, 17.5, top=PAGE_TOP - 28, bottom=PAGE_BOTTOM + 10)
    out = []
    for number, ops in enumerate(pages, start=1):
        out += [header.replace("\t", "    "), ""]
        rows: dict[float, list[str]] = {}
        for _x, y, text, *_rest in ops:
            rows.setdefault(y, []).append(text)
        out += [" ".join(texts) for _y, texts in sorted(rows.items(), key=lambda item: -item[0])]
        out += ["", footer.format(page=number, pages=len(pages)), ""]
    return "\n".join(out).encode("utf-8")


def _flow_text(lines: list[str], rng: random.Random, english: bool) -> bytes:
    heading = rng.choice(("{}", "{}", "=== {} ===") if english else ("【{}】", "{}", "■ {}", "—— {} ——"))
    bullet = rng.choice(("• ", "- ", "* ") if english else ("· ", "- ", "● "))
    out = []
    for line in lines:
        if line.startswith("# "):
            out.append(line[2:].upper() if english and rng.random() < 0.5 else line[2:])
        elif line.startswith("## "):
            out += ["", heading.format(line[3:].upper() if english and heading == "{}" else line[3:])]
        elif line.startswith("- "):
            out.append(bullet + line[2:])
        elif "\t" in line:
            left, right = line.split("\t", 1)
            out.append(left + " " * max(3, 84 - len(left) - len(right)) + right)
        else:
            out.append(line)
    return "\n".join(out).encode("utf-8")


def _docx_document(english: bool):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri" if english else "宋体"
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    return document


def _page_field(paragraph, code: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) with the value it last showed, as Word saves one."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _flow_docx(lines: list[str], english: bool, header: str | None = None, footer: str | None = None) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    document = _docx_document(english)
    for line in lines:
        if line.startswith("# "):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(line[2:])
            run.bold, run.font.size = True, Pt(18)
        elif line.startswith("## "):
            if english:
                document.add_heading(line[3:], level=2)
            else:
                run = document.add_paragraph().add_run(line[3:])
                run.bold, run.font.size = True, Pt(12.5)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif "\t" in line:
            left, right = line.split("\t", 1)
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
            paragraph.add_run(left).bold = True
            paragraph.add_run("\t" + right)
        else:
            document.add_paragraph(line)
    section = document.sections[0]
    if header:
        paragraph = section.header.paragraphs[0]
        left, _tab, right = header.partition("\t")
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(left + ("\t" + right if right else ""))
    if footer:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, rest = footer.split("{page}", 1)
        middle, after = rest.split("{pages}", 1)
        paragraph.add_run(before)
        _page_field(paragraph, "PAGE", "1")
        paragraph.add_run(middle)
        _page_field(paragraph, "NUMPAGES", "2")
        paragraph.add_run(after)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SOE_WIDTHS = (84, 74, 62, 74, 72, 80, 69)


def _soe_pdf(form: dict) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register_cjk()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(CJK_PDF, 15)
    pdf.drawCentredString(297, 806, form["title"][0])
    pdf.setFont(CJK_PDF, 17)
    pdf.drawCentredString(297, 782, form["title"][1])
    pdf.setFont(CJK_PDF, 9.5)
    pdf.drawString(LEFT - 10, 760, form["meta"])
    y, size = 750, 9
    first_photo, last_photo = form["photo_rows"]
    photo_top = photo_bottom = None
    for index, row in enumerate(form["rows"]):
        x, cells = LEFT - 10, []
        column = 0
        for text, span, role in row:
            width = sum(SOE_WIDTHS[column : column + span])
            cells.append((x, width, text, role))
            x, column = x + width, column + span
        height = max(20, max(len(_wrap(text, CJK_PDF, size, width - 6)) for _x, width, text, _r in cells) * 12 + 8)
        if y - height < 60:
            pdf.showPage()
            y = 800
        for cell_x, width, text, role in cells:
            pdf.setLineWidth(0.6)
            pdf.rect(cell_x, y - height, width, height)
            pdf.setFont(CJK_PDF, size + (1 if role == "section" else 0))
            pieces = _wrap(text, CJK_PDF, size, width - 6)
            for line_number, piece in enumerate(pieces):
                line_y = y - 13 - line_number * 12
                if role == "value":
                    pdf.drawString(cell_x + 3, line_y, piece)
                else:
                    pdf.drawCentredString(cell_x + width / 2, line_y, piece)
        if index == first_photo:
            photo_top = y
        if index == last_photo - 1:
            photo_bottom = y - height
        y -= height
    photo_x = LEFT - 10 + sum(SOE_WIDTHS[:6])
    pdf.rect(photo_x, photo_bottom, SOE_WIDTHS[6], photo_top - photo_bottom)
    pdf.setFont(CJK_PDF, size)
    pdf.drawCentredString(photo_x + SOE_WIDTHS[6] / 2, (photo_top + photo_bottom) / 2, "照片")
    y -= 24
    for line in form["tail"]:
        if y < 60:
            pdf.showPage()
            y = 800
        pdf.setFont(CJK_PDF, 9.5)
        pdf.drawString(LEFT - 10, y, line)
        y -= 22
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _soe_docx(form: dict) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = _docx_document(english=False)
    for text, size in ((form["title"][0], 14), (form["title"][1], 17)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(size)
    document.add_paragraph(form["meta"])
    rows = form["rows"]
    table = document.add_table(rows=len(rows), cols=7)
    table.style = "Table Grid"
    for index, row in enumerate(rows):
        column = 0
        for text, span, role in row:
            cell = table.cell(index, column)
            if span > 1:
                cell = cell.merge(table.cell(index, column + span - 1))
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.bold = role != "value"
            if role == "section":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            column += span
    first_photo, last_photo = form["photo_rows"]
    photo = table.cell(first_photo, 6).merge(table.cell(last_photo - 1, 6))
    photo.paragraphs[0].add_run("照片")
    photo.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in form["tail"]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _photo(lines: list[str], rng: random.Random, fmt: str) -> bytes:
    """A phone photo of the printed page: the driver's page picture, seen at an angle on a desk, lit from one side."""
    import numpy as np
    from PIL import Image, ImageFilter

    from tests.consent import corpus as driver

    spec = driver.Spec(["## " + line[2:] if line.startswith("# ") else line for line in lines])
    page = Image.open(io.BytesIO(driver._as_image(spec, rng, "png"))).convert("RGB")
    width, height = 1536, 2048
    corners = [
        (rng.uniform(40, 150), rng.uniform(60, 170)),
        (width - rng.uniform(40, 150), rng.uniform(40, 150)),
        (width - rng.uniform(20, 120), height - rng.uniform(40, 160)),
        (rng.uniform(20, 130), height - rng.uniform(60, 180)),
    ]
    source = [(0, 0), (page.width, 0), (page.width, page.height), (0, page.height)]
    equations, values = [], []
    for (out_x, out_y), (in_x, in_y) in zip(corners, source, strict=True):
        equations += [
            [out_x, out_y, 1, 0, 0, 0, -in_x * out_x, -in_x * out_y],
            [0, 0, 0, out_x, out_y, 1, -in_y * out_x, -in_y * out_y],
        ]
        values += [in_x, in_y]
    coefficients = np.linalg.solve(np.array(equations, float), np.array(values, float)).tolist()
    warped = page.transform((width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC)
    mask = Image.new("L", page.size, 255).transform((width, height), Image.Transform.PERSPECTIVE, coefficients)
    noise = np.random.default_rng(rng.getrandbits(32))
    desk = np.array(rng.choice(((150, 112, 74), (118, 118, 124), (196, 190, 178))), np.float32)
    grain = noise.standard_normal((height, width, 1), dtype=np.float32)
    background = Image.fromarray(np.clip(desk + 6 * grain, 0, 255).astype(np.uint8))
    picture = np.asarray(Image.composite(warped, background, mask), np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    across = np.linspace(-0.5, 0.5, width, dtype=np.float32)[None, :]
    down = np.linspace(-0.5, 0.5, height, dtype=np.float32)[:, None]
    light = 0.9 + rng.uniform(0.12, 0.25) * (across * np.cos(angle) + down * np.sin(angle)) - 0.18 * (across**2 + down**2)
    tint = np.array((1.0, 0.97, rng.uniform(0.86, 0.95)), np.float32)
    picture = np.clip(picture * light[..., None] * tint + 4 * grain, 0, 255).astype(np.uint8)
    image = Image.fromarray(picture).filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.1)))
    buffer = io.BytesIO()
    if fmt == "jpg":
        image.save(buffer, format="JPEG", quality=rng.randint(72, 88))
    else:
        image.save(buffer, format="PNG")
    return buffer.getvalue()


def _fax(pdf_bytes: bytes, rng: random.Random, fmt: str, today: date) -> bytes:
    """The PDF as a fax receives it: 204 dots an inch across, 98 (normal) or 196 (fine) lines an inch down, black and
    white, speckled, a little skewed, a sender's line along the top; an image-only PDF or one PNG."""
    import numpy as np
    import pypdfium2
    from PIL import Image, ImageDraw, ImageFont

    fine = rng.random() < 0.6
    noise = np.random.default_rng(rng.getrandbits(32))
    document = pypdfium2.PdfDocument(pdf_bytes)
    count = len(document)
    day, hour, minute = rng.randint(1, today.day), rng.randint(8, 19), rng.randint(0, 59)
    stamp = f"{MONTHS[today.month - 1].upper()}-{day:02d}-{today.year} {hour:02d}:{minute:02d}"
    sender = f"FROM: {rng.choice(FAX_SENDERS)}   FAX: +86 {rng.choice(FAX_AREAS)} {rng.randint(5, 8)}{rng.randrange(10**7):07d}"
    font = ImageFont.truetype(str(MONO_FONT), 22)
    pages = []
    for number in range(count):
        rendered = document[number].render(scale=204 / 72).to_pil().convert("L")
        sheet = Image.new("L", (1728, rendered.height), 255)
        sheet.paste(rendered, ((1728 - rendered.width) // 2, 0))
        ImageDraw.Draw(sheet).text((30, 10), f"{stamp}   {sender}   P.{number + 1:02d}/{count:02d}", fill=0, font=font)
        sheet = sheet.rotate(rng.uniform(-0.9, 0.9), resample=Image.Resampling.BICUBIC, fillcolor=255)
        rows = round(sheet.height * (196 if fine else 98) / 204)
        grey = np.asarray(sheet.resize((1728, rows), Image.Resampling.BOX), float) + noise.normal(0, 18, (rows, 1728))
        black = grey < rng.uniform(150, 175)
        black |= noise.random(black.shape) < 0.0012
        for _ in range(rng.randint(1, 4)):  # lines the modem dropped, and a dirty-roller streak
            row, start = rng.randrange(rows), rng.randrange(1200)
            black[row, start : start + rng.randint(200, 900)] = False
        streak, begin = rng.randrange(rows), rng.randrange(800)
        black[streak, begin:] |= noise.random(1728 - begin) < 0.6
        image = Image.fromarray(np.where(black, 0, 255).astype(np.uint8))
        if not fine:
            image = image.resize((1728, rows * 2), Image.Resampling.NEAREST)  # a normal-mode page, its lines doubled
        pages.append(image)
    if fmt == "png":
        tall = Image.new("L", (1728, sum(page.height for page in pages)), 255)
        top = 0
        for page in pages:
            tall.paste(page, (0, top))
            top += page.height
        buffer = io.BytesIO()
        tall.convert("1").save(buffer, format="PNG")
        return buffer.getvalue()
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for page in pages:
        pdf.drawImage(ImageReader(page), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def formats(layout: str) -> tuple[str, ...]:
    return LAYOUT_FORMATS[layout]


def document(drawn: dict, layout: str, fmt: str, rng: random.Random) -> bytes:
    """The resume's bytes in `fmt`; the person is cast for the layout first (see the module's docstring)."""
    p = cast(drawn, layout)
    if layout == "photo_zh_worker_terse":
        return _photo(_terse_lines(p, rng), rng, fmt)
    if layout == "scan_en_date_column_fax":
        return _fax(_flow_pdf(_date_column_lines(p, rng), latin="Times-Roman", size=11, leading=15), rng, fmt, p["_today"])
    if layout == "zh_soe_registration":
        form = _soe_form(p, rng)
        return _soe_pdf(form) if fmt == "pdf" else _soe_docx(form)
    english = layout.startswith("en_")
    if layout == "zh_paged_header":
        lines, (header, footer) = _paged_body(p, rng), _paged_header(p, rng)
        if fmt == "txt":
            return _paged_text(lines, header, footer)
        if fmt == "docx":
            return _flow_docx(lines, english, header=header, footer=footer)
        return _flow_pdf(lines, size=11, leading=17.5, header=header, footer=footer)
    build = {"en_expat_china": _expat_lines, "en_date_column": _date_column_lines, "zh_worker_terse": _terse_lines,
             "zh_cover_letter_first": _cover_letter_lines}[layout]  # fmt: skip
    lines = build(p, rng)
    if fmt == "txt":
        return _flow_text(lines, rng, english)
    if fmt == "docx":
        return _flow_docx(lines, english)
    return _flow_pdf(lines, latin="Times-Roman" if layout == "en_date_column" else "Helvetica")
