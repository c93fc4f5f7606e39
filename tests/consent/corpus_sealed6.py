"""A sixth sealed family of labelled resumes (see corpus.py), written without reading the parser or its data.

Layouts, each a kind of resume met in practice:

- zh_trad_hk_tw: a 履歷表 in Traditional Chinese (學歷, 工作經驗, 專業技能, 自傳), birth dates sometimes in 民國 years,
  by people living in Hong Kong, Taiwan or the mainland (province and city are stated only for the mainland);
- en_functional: a functional resume, a summary, skill areas with achievements, a short employment history last;
- zh_wechat_paste: a resume pasted as plain text from a chat app, 【姓名】 brackets, emoji bullets, no headings;
- zh_docx_header: a Word resume whose name and contacts sit in the page header and whose body is a two-column
  table of sections (the PDF draws that header at the top of every page);
- en_ats_plain: an ATS-friendly plain resume, ALL-CAPS headings, "City, Province, China", "January 2018 – Present";
- zh_headhunter_report: a 猎头推荐报告 with 推荐职位, 目前年薪/期望年薪 in 万 and a third-person 评价 paragraph;
- photo_zh_wechat_screenshot: a phone screenshot of the chat-pasted resume in bubbles;
- scan_en_functional: the functional resume printed and scanned (image-only PDF) or photographed.

Truth rules (what a careful reader writes down from the page):

- expected_salary is monthly yuan; a range takes its lower end ("25-30K" -> 25000); a yearly figure is divided by
  12 (annual figures are drawn as multiples of 6万 so the month is whole); "面议"/"negotiable" or nothing -> None.
- years_experience: whole years from the first job's start to TODAY; jobs follow each other without gaps and the
  current one runs to the present. First jobs start in January-November, so a page that gives years alone
  ("2016 – Present") yields the same figure as one with months.
- education_level and field_of_study are the highest degree's; high school has no field (None).
- province/city: simplified short names of the mainland place of residence; None when the page states no mainland
  residence (Hong Kong or Taiwan). phone: the 11-digit mainland mobile, None when the page gives a local number only.
- skills: every vocabulary skill the page names anywhere (skills lists, bullets, the recruiter's paragraph); titles,
  employers, schools and prose are worded so that they name no skill by accident (tests check the page for it).

First measured once the family was written (`python -m tests.consent.corpus --only sealed6_held_out`): 98 resumes,
0.784 over fields; nothing in this file was changed after that figure was read.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from pathlib import Path

SEALED6_SEED = 7_713_058
SEALED6_HELD_OUT = (
    "zh_trad_hk_tw",
    "en_functional",
    "zh_wechat_paste",
    "zh_docx_header",
    "en_ats_plain",
    "zh_headhunter_report",
    "photo_zh_wechat_screenshot",
    "scan_en_functional",
)

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
CJK_FONT = FONT_DIR / "NotoSansCJK-Regular.ttc"
CJK_BOLD = FONT_DIR / "NotoSansCJK-Bold.ttc"
LATIN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LATIN_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

# ---------------------------------------------------------------- places (cpca's division list)

PROVINCE_EN = {
    "北京": "Beijing", "天津": "Tianjin", "河北": "Hebei", "山西": "Shanxi", "内蒙古": "Inner Mongolia",
    "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang", "上海": "Shanghai", "江苏": "Jiangsu",
    "浙江": "Zhejiang", "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong", "河南": "Henan",
    "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "广西": "Guangxi", "海南": "Hainan", "重庆": "Chongqing",
    "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "西藏": "Tibet", "陕西": "Shaanxi", "甘肃": "Gansu",
    "青海": "Qinghai", "宁夏": "Ningxia", "新疆": "Xinjiang",
}  # fmt: skip
MUNICIPALITIES = ("11", "12", "31", "50")


def _short(name: str) -> str:
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _load_places() -> tuple[list[dict], list[dict]]:
    """Every prefecture-level 市 and municipality of the mainland, with districts; and those whose pinyin is safe
    to print in English (no character with two readings, no two cities spelt alike)."""
    import cpca
    from pypinyin import pinyin

    path = Path(cpca.__file__).parent / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [(row["adcode"], row["name"]) for row in csv.DictReader(handle)]
    provinces = {code[:2]: name for code, name in rows if code.endswith("0000000000")}
    districts: dict[str, list[str]] = {}
    for code, name in rows:
        if code[4:6] != "00" and code[6:] == "000000" and name.endswith("区") and name != "市辖区":
            districts.setdefault(code[:2] if code[:2] in MUNICIPALITIES else code[:4], []).append(name)
    places = []
    for code, name in rows:
        head = code[:2]
        if head not in provinces or head in ("71", "81", "82"):
            continue
        if head in MUNICIPALITIES:
            if code.endswith("0000000000"):
                short = _short(name)
                places.append(
                    {"province": short, "city": short, "zh_province": name, "zh_city": name, "districts": districts.get(head, [])}
                )
            continue
        if code[4:] == "00000000" and code[2:4] != "00" and name.endswith("市") and len(name) >= 3:
            places.append(
                {
                    "province": _short(provinces[head]),
                    "city": _short(name),
                    "zh_province": provinces[head],
                    "zh_city": name,
                    "districts": districts.get(code[:4], []),
                }
            )
    places.sort(key=lambda place: (place["province"], place["city"]))
    spelt: dict[str, int] = {}
    for place in places:
        place["en_city"] = "".join(p[0] for p in pinyin(place["city"], style=0)).capitalize()
        spelt[place["en_city"]] = spelt.get(place["en_city"], 0) + 1
    english = [
        place
        for place in places
        if spelt[place["en_city"]] == 1 and all(len(pinyin(ch, heteronym=True, style=0)[0]) == 1 for ch in place["city"])
    ]
    return places, english


PLACES, EN_PLACES = _load_places()

# Places written in Traditional characters (for zh_trad_hk_tw): mainland (truth short names), Hong Kong, Taiwan.
TRAD_MAINLAND = (
    ("广东", "深圳", "廣東省深圳市", ("南山區", "福田區", "寶安區")), ("广东", "广州", "廣東省廣州市", ("天河區", "海珠區")),
    ("广东", "东莞", "廣東省東莞市", ("南城街道",)), ("广东", "珠海", "廣東省珠海市", ("香洲區",)),
    ("福建", "厦门", "福建省廈門市", ("思明區", "湖裡區")), ("福建", "福州", "福建省福州市", ("鼓樓區",)),
    ("上海", "上海", "上海市", ("浦東新區", "徐匯區")), ("北京", "北京", "北京市", ("朝陽區", "海淀區")),
    ("浙江", "杭州", "浙江省杭州市", ("西湖區", "濱江區")), ("江苏", "苏州", "江蘇省蘇州市", ("工業園區",)),
    ("福建", "泉州", "福建省泉州市", ("豐澤區",)), ("广东", "佛山", "廣東省佛山市", ("南海區", "禪城區")),
)  # fmt: skip
TRAD_ABROAD = (
    ("hk", "香港九龍觀塘"), ("hk", "香港新界沙田"), ("hk", "香港島灣仔"), ("hk", "香港九龍旺角"),
    ("tw", "台北市信義區"), ("tw", "新北市板橋區"), ("tw", "台中市西屯區"), ("tw", "新竹市東區"),
)  # fmt: skip

# ---------------------------------------------------------------- names

SURNAMES = (
    ("张", "Zhang", "張"), ("王", "Wang", "王"), ("刘", "Liu", "劉"), ("陈", "Chen", "陳"), ("杨", "Yang", "楊"),
    ("赵", "Zhao", "趙"), ("黄", "Huang", "黃"), ("周", "Zhou", "周"), ("吴", "Wu", "吳"), ("徐", "Xu", "徐"),
    ("孙", "Sun", "孫"), ("胡", "Hu", "胡"), ("朱", "Zhu", "朱"), ("高", "Gao", "高"), ("林", "Lin", "林"),
    ("何", "He", "何"), ("郭", "Guo", "郭"), ("罗", "Luo", "羅"), ("梁", "Liang", "梁"), ("宋", "Song", "宋"),
    ("郑", "Zheng", "鄭"), ("谢", "Xie", "謝"), ("韩", "Han", "韓"), ("唐", "Tang", "唐"), ("冯", "Feng", "馮"),
    ("董", "Dong", "董"), ("萧", "Xiao", "蕭"), ("程", "Cheng", "程"), ("袁", "Yuan", "袁"), ("邓", "Deng", "鄧"),
    ("许", "Xu", "許"), ("傅", "Fu", "傅"), ("沈", "Shen", "沈"), ("彭", "Peng", "彭"), ("苏", "Su", "蘇"),
    ("蒋", "Jiang", "蔣"), ("蔡", "Cai", "蔡"), ("魏", "Wei", "魏"), ("薛", "Xue", "薛"), ("叶", "Ye", "葉"),
    ("潘", "Pan", "潘"), ("杜", "Du", "杜"), ("戴", "Dai", "戴"), ("钟", "Zhong", "鍾"), ("田", "Tian", "田"),
    ("任", "Ren", "任"), ("姚", "Yao", "姚"), ("谭", "Tan", "譚"), ("廖", "Liao", "廖"), ("邹", "Zou", "鄒"),
    ("熊", "Xiong", "熊"), ("金", "Jin", "金"), ("邱", "Qiu", "邱"), ("侯", "Hou", "侯"), ("白", "Bai", "白"),
    ("孟", "Meng", "孟"), ("秦", "Qin", "秦"), ("顾", "Gu", "顧"), ("毛", "Mao", "毛"), ("汪", "Wang", "汪"),
)  # fmt: skip
# (simplified, pinyin, traditional)
GIVEN_F = (
    ("思颖", "Siying", "思穎"), ("雨桐", "Yutong", "雨桐"), ("晓岚", "Xiaolan", "曉嵐"), ("佳怡", "Jiayi", "佳怡"),
    ("静雯", "Jingwen", "靜雯"), ("梦琪", "Mengqi", "夢琪"), ("婉清", "Wanqing", "婉清"), ("欣然", "Xinran", "欣然"),
    ("若汐", "Ruoxi", "若汐"), ("诗涵", "Shihan", "詩涵"), ("慧敏", "Huimin", "慧敏"), ("丽娜", "Lina", "麗娜"),
    ("雅婷", "Yating", "雅婷"), ("嘉欣", "Jiaxin", "嘉欣"), ("芷晴", "Zhiqing", "芷晴"), ("秋月", "Qiuyue", "秋月"),
    ("玉洁", "Yujie", "玉潔"), ("文静", "Wenjing", "文靜"), ("碧莹", "Biying", "碧瑩"), ("海燕", "Haiyan", "海燕"),
    ("燕", "Yan", "燕"), ("敏", "Min", "敏"), ("蕾", "Lei", "蕾"), ("琳", "Lin", "琳"), ("倩", "Qian", "倩"),
    ("心怡", "Xinyi", "心怡"), ("佩珊", "Peishan", "佩珊"),
)  # fmt: skip
GIVEN_M = (
    ("浩然", "Haoran", "浩然"), ("子轩", "Zixuan", "子軒"), ("俊杰", "Junjie", "俊傑"), ("志明", "Zhiming", "志明"),
    ("宇航", "Yuhang", "宇航"), ("建国", "Jianguo", "建國"), ("文博", "Wenbo", "文博"), ("天佑", "Tianyou", "天佑"),
    ("振华", "Zhenhua", "振華"), ("凯", "Kai", "凱"), ("磊", "Lei", "磊"), ("鹏", "Peng", "鵬"), ("峰", "Feng", "峰"),
    ("冠宇", "Guanyu", "冠宇"), ("嘉豪", "Jiahao", "嘉豪"), ("明轩", "Mingxuan", "明軒"), ("立新", "Lixin", "立新"),
    ("伟强", "Weiqiang", "偉強"), ("晨阳", "Chenyang", "晨陽"), ("家乐", "Jiale", "家樂"), ("博文", "Bowen", "博文"),
    ("少杰", "Shaojie", "少傑"), ("国栋", "Guodong", "國棟"), ("一鸣", "Yiming", "一鳴"), ("泽宇", "Zeyu", "澤宇"),
    ("亦凡", "Yifan", "亦凡"), ("启航", "Qihang", "啟航"),
)  # fmt: skip
EN_FIRST_F = ("Grace", "Vivian", "Cindy", "Joyce", "Irene", "Rachel", "Fiona", "Tina", "Sharon", "Helen", "Yvonne")
EN_FIRST_M = ("Kevin", "Jason", "Eric", "Leo", "Tony", "Vincent", "Henry", "Frank", "Ivan", "Derek", "Sam", "Allen")
CONSULTANTS = ("韦晓东", "许曼", "祁思远", "方菁", "黎振宇", "严佳")
SEARCH_FIRMS = (("睿才", "ruicai"), ("衡岳", "hengyue"), ("致远", "zhiyuan"), ("泽英", "zeying"))

MAIL_DOMAINS = ("163.com", "qq.com", "126.com", "outlook.com", "gmail.com", "foxmail.com", "sina.com", "yeah.net")
PREFIXES = (
    "130",
    "131",
    "132",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "170",
    "176",
    "177",
    "178",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "195",
    "198",
    "199",
)

# ---------------------------------------------------------------- companies, schools

BRANDS = (
    ("澜启", "Lanqi", "瀾啟"), ("星衍", "Xingyan", "星衍"), ("岳川", "Yuechuan", "嶽川"), ("栖木", "Qimu", "棲木"),
    ("鸿钧", "Hongjun", "鴻鈞"), ("沐辰", "Muchen", "沐辰"), ("拓维嘉", "Tuoweijia", "拓維嘉"),
    ("青穹", "Qingqiong", "青穹"), ("南屿", "Nanyu", "南嶼"), ("墨衡", "Moheng", "墨衡"), ("景曜", "Jingyao", "景曜"),
    ("翰澄", "Hancheng", "翰澄"), ("远帆", "Yuanfan", "遠帆"), ("知禾", "Zhihe", "知禾"), ("云舟", "Yunzhou", "雲舟"),
    ("博弈塔", "Boyita", "博弈塔"), ("恒屹", "Hengyi", "恆屹"), ("泓达", "Hongda", "泓達"), ("睿岭", "Ruiling", "睿嶺"),
    ("禾邦", "Hebang", "禾邦"), ("芯澜", "Xinlan", "芯瀾"), ("金舵", "Jinduo", "金舵"), ("卓曦", "Zhuoxi", "卓曦"),
)  # fmt: skip
# Trades by role category: (simplified, English, traditional); none names a skill of the vocabulary.
TRADES = {
    "engineering": (("网络科技", "Network Technology", "網絡科技"), ("软件", "Software", "軟件"),
                    ("信息技术", "Information Technology", "資訊科技")),
    "data": (("数据科技", "Data Technology", "數據科技"), ("智能科技", "Intelligent Technology", "智能科技")),
    "product": (("互联网科技", "Internet Technology", "互聯網科技"), ("数字科技", "Digital Technology", "數位科技")),
    "sales": (("医疗器械", "Medical Devices", "醫療器械"), ("工业设备", "Industrial Equipment", "工業設備"),
              ("食品", "Foods", "食品")),
    "finance": (("投资", "Investment", "投資"), ("实业", "Industrial", "實業"), ("资产管理", "Asset Management", "資產管理")),
    "operations": (("零售", "Retail", "零售"), ("文化传媒", "Culture Media", "文化傳媒"),
                   ("酒店管理", "Hotel Management", "酒店管理")),
    "hr": (("企业服务", "Enterprise Services", "企業服務"), ("咨询", "Consulting", "諮詢")),
    "other": (("法律咨询", "Legal Consulting", "法律諮詢"), ("建筑设计", "Architectural Design", "建築設計")),
}  # fmt: skip
ZH_SUFFIXES = ("有限公司", "股份有限公司", "有限责任公司")
EN_SUFFIXES = ("Co., Ltd.", "Co., Ltd.", "Limited", "Inc.")
HK_SUFFIX, TW_SUFFIX = "有限公司", "股份有限公司"

# (simplified, English); real universities, no skill word in their names
UNIVERSITIES = (
    ("华南理工大学", "South China University of Technology"), ("武汉大学", "Wuhan University"),
    ("中山大学", "Sun Yat-sen University"), ("浙江大学", "Zhejiang University"), ("南京大学", "Nanjing University"),
    ("四川大学", "Sichuan University"), ("厦门大学", "Xiamen University"), ("山东大学", "Shandong University"),
    ("吉林大学", "Jilin University"), ("湖南大学", "Hunan University"), ("重庆大学", "Chongqing University"),
    ("西安交通大学", "Xi'an Jiaotong University"), ("东南大学", "Southeast University"), ("苏州大学", "Soochow University"),
    ("郑州大学", "Zhengzhou University"), ("云南大学", "Yunnan University"), ("暨南大学", "Jinan University"),
    ("深圳大学", "Shenzhen University"), ("华中科技大学", "Huazhong University of Science and Technology"),
    ("北京理工大学", "Beijing Institute of Technology"), ("天津大学", "Tianjin University"),
    ("大连理工大学", "Dalian University of Technology"), ("福州大学", "Fuzhou University"),
    ("南昌大学", "Nanchang University"), ("广西大学", "Guangxi University"),
)  # fmt: skip
UNIVERSITIES_TRAD = {
    "华南理工大学": "華南理工大學", "武汉大学": "武漢大學", "中山大学": "中山大學", "浙江大学": "浙江大學",
    "南京大学": "南京大學", "四川大学": "四川大學", "厦门大学": "廈門大學", "山东大学": "山東大學", "吉林大学": "吉林大學",
    "湖南大学": "湖南大學", "重庆大学": "重慶大學", "西安交通大学": "西安交通大學", "东南大学": "東南大學",
    "苏州大学": "蘇州大學", "郑州大学": "鄭州大學", "云南大学": "雲南大學", "暨南大学": "暨南大學", "深圳大学": "深圳大學",
    "华中科技大学": "華中科技大學", "北京理工大学": "北京理工大學", "天津大学": "天津大學", "大连理工大学": "大連理工大學",
    "福州大学": "福州大學", "南昌大学": "南昌大學", "广西大学": "廣西大學",
}  # fmt: skip
TRAD_ONLY_SCHOOLS = ("香港理工大學", "香港城市大學", "國立成功大學", "國立中央大學", "香港浸會大學")
COLLEGES = (
    ("深圳职业技术学院", "Shenzhen Polytechnic", "深圳職業技術學院"),
    ("广东轻工职业技术学院", "Guangdong Industry Polytechnic", "廣東輕工職業技術學院"),
    ("浙江机电职业技术学院", "Zhejiang Institute of Mechanical and Electrical Engineering", "浙江機電職業技術學院"),
    ("武汉职业技术学院", "Wuhan Polytechnic", "武漢職業技術學院"),
)  # fmt: skip
HIGH_SCHOOLS = (
    ("南阳市第一中学", "Nanyang No.1 High School", "南陽市第一中學"),
    ("赣州市第三中学", "Ganzhou No.3 High School", "贛州市第三中學"),
)

# fields of study per role category: (simplified, English, traditional); none is a skill word
FIELDS = {
    "engineering": (("计算机科学与技术", "Computer Science", "資訊工程"), ("软件工程", "Software Engineering", "軟體工程"),
                    ("电子信息工程", "Electronic Information Engineering", "電子工程")),
    "data": (("数学与应用数学", "Applied Mathematics", "應用數學"), ("信息管理与信息系统", "Information Systems", "資訊管理"),
             ("计算机科学与技术", "Computer Science", "資訊工程")),
    "product": (("工业设计", "Industrial Design", "工業設計"), ("信息管理与信息系统", "Information Systems", "資訊管理")),
    "sales": (("国际经济与贸易", "International Trade", "國際貿易"), ("工商管理", "Business Administration", "企業管理")),
    "finance": (("金融学", "Finance", "財務金融"), ("经济学", "Economics", "經濟學")),
    "operations": (("工商管理", "Business Administration", "企業管理"), ("新闻学", "Journalism", "新聞學")),
    "hr": (("人力资源管理", "Human Resource Management", "人力資源管理"), ("心理学", "Psychology", "心理學")),
    "other": (("法学", "Law", "法律學"), ("汉语言文学", "Chinese Language and Literature", "中國文學")),
}  # fmt: skip

# titles per category, junior to senior: (simplified, English, traditional); none names a skill
TITLES = {
    "engineering": (("后端开发工程师", "Software Engineer", "後端工程師"),
                    ("高级后端开发工程师", "Senior Software Engineer", "資深後端工程師"),
                    ("技术专家", "Staff Engineer", "技術專家"), ("研发经理", "Engineering Manager", "研發經理")),
    "data": (("数据工程师", "Data Engineer", "數據工程師"), ("算法工程师", "Algorithm Engineer", "演算法工程師"),
             ("高级数据工程师", "Senior Data Engineer", "資深數據工程師"),
             ("数据平台负责人", "Head of Data Platform", "數據平台主管")),
    "product": (("产品专员", "Product Specialist", "產品專員"), ("产品经理", "Product Manager", "產品經理"),
                ("高级产品经理", "Senior Product Manager", "資深產品經理"), ("产品总监", "Director of Product", "產品總監")),
    "sales": (("客户代表", "Account Executive", "客戶代表"), ("大客户经理", "Key Account Manager", "大客戶經理"),
              ("渠道经理", "Channel Manager", "通路經理"), ("区域业务总监", "Regional Business Director", "區域業務總監")),
    "finance": (("财务专员", "Finance Specialist", "財務專員"), ("财务主管", "Finance Supervisor", "財務主管"),
                ("财务经理", "Finance Manager", "財務經理"), ("财务总监", "Financial Controller", "財務長")),
    "operations": (("运营专员", "Operations Specialist", "營運專員"), ("用户运营主管", "User Operations Lead", "用戶營運主管"),
                   ("运营经理", "Operations Manager", "營運經理"), ("运营总监", "Head of Operations", "營運總監")),
    "hr": (("人事专员", "HR Specialist", "人資專員"), ("HRBP", "HR Business Partner", "HRBP"),
           ("人力资源经理", "HR Manager", "人力資源經理"), ("人力资源总监", "HR Director", "人資總監")),
    "other": (("法务专员", "Legal Specialist", "法務專員"), ("法务经理", "Legal Manager", "法務經理"),
              ("行政经理", "Administration Manager", "行政經理")),
}  # fmt: skip

# skills per category (vocabulary ids), and how pages write them: id -> (zh, en, traditional)
SKILL_POOLS = {
    "engineering": ("python", "java", "go", "c++", "mysql", "postgresql", "redis", "linux", "docker", "kubernetes",
                    "spring", "django", "javascript", "typescript", "react", "vue"),
    "data": ("python", "sql", "spark", "hadoop", "machine_learning", "deep_learning", "tableau", "power_bi",
             "statistics", "mysql", "data_analysis"),
    "product": ("product_management", "ux_research", "figma", "ui_design", "project_management", "sql", "photoshop"),
    "sales": ("negotiation", "customer_service", "marketing", "excel", "office", "driving"),
    "finance": ("accounting", "financial_analysis", "auditing", "tax", "excel", "power_bi"),
    "operations": ("digital_marketing", "content_writing", "seo", "ecommerce_operations", "data_analysis", "excel"),
    "hr": ("recruiting", "training", "payroll", "office", "communication"),
    "other": ("office", "negotiation", "content_writing", "excel"),
}  # fmt: skip
SKILL_WORDS = {
    "python": ("Python", "Python", "Python"), "java": ("Java", "Java", "Java"), "go": ("Golang", "Go", "Golang"),
    "c++": ("C++", "C++", "C++"), "mysql": ("MySQL", "MySQL", "MySQL"), "postgresql": ("PostgreSQL", "PostgreSQL", "PostgreSQL"),
    "redis": ("Redis", "Redis", "Redis"), "linux": ("Linux", "Linux", "Linux"), "docker": ("Docker", "Docker", "Docker"),
    "kubernetes": ("K8s", "Kubernetes", "Kubernetes"), "spring": ("Spring Boot", "Spring Boot", "Spring Boot"),
    "django": ("Django", "Django", "Django"), "javascript": ("JavaScript", "JavaScript", "JavaScript"),
    "typescript": ("TypeScript", "TypeScript", "TypeScript"), "react": ("React", "React", "React"),
    "vue": ("Vue", "Vue.js", "Vue"), "sql": ("SQL", "SQL", "SQL"), "spark": ("Spark", "Apache Spark", "Spark"),
    "hadoop": ("Hadoop", "Hadoop", "Hadoop"), "machine_learning": ("机器学习", "Machine Learning", "機器學習"),
    "deep_learning": ("深度学习", "Deep Learning", "深度學習"), "tableau": ("Tableau", "Tableau", "Tableau"),
    "power_bi": ("Power BI", "Power BI", "Power BI"), "statistics": ("统计学", "Statistics", "統計學"),
    "data_analysis": ("数据分析", "Data Analysis", "數據分析"),
    "product_management": ("产品规划", "Product Management", "產品規劃"),
    "ux_research": ("用户研究", "User Research", "使用者研究"), "figma": ("Figma", "Figma", "Figma"),
    "ui_design": ("界面设计", "UI Design", "介面設計"), "project_management": ("项目管理", "Project Management", "專案管理"),
    "photoshop": ("Photoshop", "Photoshop", "Photoshop"), "negotiation": ("商务谈判", "Negotiation", "商務談判"),
    "customer_service": ("客户服务", "Customer Service", "客戶服務"), "marketing": ("市场营销", "Marketing", "市場行銷"),
    "excel": ("Excel", "Excel", "Excel"), "office": ("办公软件", "Microsoft Office", "Office"),
    "driving": ("C1驾照", "Driver's License", "汽車駕照"), "accounting": ("会计核算", "Accounting", "會計"),
    "financial_analysis": ("财务分析", "Financial Analysis", "財務分析"), "auditing": ("审计", "Auditing", "審計"),
    "tax": ("税务筹划", "Tax", "稅務"), "digital_marketing": ("新媒体运营", "Digital Marketing", "數位行銷"),
    "content_writing": ("文案写作", "Copywriting", "文案撰寫"), "seo": ("SEO", "SEO", "SEO"),
    "ecommerce_operations": ("电商运营", "E-commerce Operations", "電商營運"), "recruiting": ("招聘", "Recruiting", "招募"),
    "training": ("员工培训", "Training", "教育訓練"), "payroll": ("薪酬核算", "Payroll", "薪資核算"),
    "communication": ("沟通能力", "Communication", "溝通協調"), "english": ("英语六级", "English", "英文"),
}  # fmt: skip
# How the Traditional page's words map back (a reader maps 招募 to recruiting, 會計 to accounting, ...).
# Achievements per category (English), worded without skill words; each area closes with a "Tools:" line.
EN_AREAS = {
    "engineering": (("Backend Development", ("Built and ran the order and payment services of a {n}-million-user app.",
                                             "Cut average response time by {n}% after reworking the hot paths.")),
                    ("Platform & Infrastructure", ("Moved releases from weekly to daily with automated pipelines.",
                                                   "Kept core services above 99.9% uptime for {k} years.")),
                    ("Team & Delivery", ("Mentored {k} junior engineers through code review and pairing.",))),
    "data": (("Data Engineering", ("Designed nightly pipelines handling {n} million rows a day.",)),
             ("Modelling & Insight", ("Built churn and demand models adopted by {k} business units.",
                                      "Turned weekly reports into self-serve dashboards for {n} business users.")),
             ("Stakeholder Work", ("Worked with finance and product leads to define {k} company-wide metrics.",))),
    "product": (("Product Strategy", ("Owned the roadmap of a mobile app with {n}0,000 monthly users.",
                                      "Ran {k} rounds of customer interviews before each major bet.")),
                ("Design & Delivery", ("Shipped {k} major releases with a team of {n} people.",)),
                ("Growth", ("Lifted activation by {n}% through onboarding experiments.",))),
    "sales": (("Business Development", ("Opened {k} new provincial distributors in two years.",
                                        "Grew territory revenue by {n}% year over year.")),
              ("Key Accounts", ("Looked after {n} hospital and factory accounts.",)),
              ("Reporting", ("Kept forecasts within 5% of actuals each quarter.",))),
    "finance": (("Financial Reporting", ("Closed the monthly books {k} days faster.",)),
                ("Controls", ("Led the year-end review with the outside firm without findings.",
                              "Cut overdue receivables by {n}%.")),
                ("Planning", ("Built the annual budget model for {k} business units.",))),
    "operations": (("Growth Operations", ("Grew the official account to {n}0,000 followers.",)),
                   ("Campaigns", ("Planned {k} national campaigns with partner brands.",
                                  "Raised repeat purchase rate by {n}%.")),
                   ("Process", ("Wrote the playbook used by a {k}-person operations team.",))),
    "hr": (("Talent", ("Filled {n} engineering and field positions a year.",)),
           ("People Operations", ("Rolled out a new performance review cycle for {n}0 staff.",)),
           ("Culture", ("Ran onboarding for {k} cohorts of graduates.",))),
    "other": (("Legal & Contracts", ("Reviewed {n}0 supplier contracts a year.",)),
              ("Administration", ("Moved {k} offices without disruption to daily work.",))),
}  # fmt: skip


# Project names and notes for the Word resume (zh_docx_header); no skill word in them.
PROJECTS_ZH = {
    "engineering": ("订单中心重构", "支付网关升级", "会员积分系统", "灰度发布平台"),
    "data": ("用户画像平台", "实时数仓建设", "销量预测模型", "指标中台"),
    "product": ("小程序商城改版", "会员体系设计", "新用户引导优化", "商家后台重构"),
    "sales": ("华东经销商开拓", "重点医院准入", "年度大客户续约", "新品上市推广"),
    "finance": ("集团预算体系搭建", "费用报销流程优化", "资金集中管理", "年度关账提速"),
    "operations": ("618大促活动", "私域社群搭建", "会员复购提升", "门店巡检标准化"),
    "hr": ("校园宣讲计划", "绩效体系改革", "新员工入职流程优化", "干部梯队建设"),
    "other": ("合同模板统一", "办公室搬迁", "供应商资质审核", "知识产权梳理"),
}
PROJECT_NOTES = ("牵头制定方案并推进落地", "负责需求梳理与进度把控", "协调多个部门共同完成", "从零搭建并持续迭代")


def _pick(rng: random.Random, pool, weights=None):
    return rng.choices(pool, weights=weights)[0] if weights else rng.choice(pool)


def person(rng: random.Random, english: bool, today: date) -> dict:
    """A person and the truth about them; the page (document()) settles what it does not state."""
    gender = rng.choice("FM")
    surname = rng.choice(SURNAMES)
    given = rng.choice(GIVEN_F if gender == "F" else GIVEN_M)
    category = _pick(rng, tuple(TITLES), (5, 3, 3, 3, 3, 3, 2, 1))
    level = _pick(rng, ("high_school", "associate", "bachelor", "master", "doctorate"), (1, 3, 10, 5, 1))
    if category in ("engineering", "data", "product", "finance", "other") and level == "high_school":
        level = "bachelor"
    grad_age = {"high_school": 18, "associate": 21, "bachelor": 22, "master": 25, "doctorate": 28}[level]
    years = rng.randint(1, 18)
    start_year = today.year - years
    gap = rng.choice((0, 0, 1))  # years between graduating (in June) and the first job
    # January-November, so the year difference is the whole years (see the docstring); after June when just graduated
    start_month = rng.randint(7, 11) if gap == 0 else rng.randint(1, 11)
    birth_year = start_year - grad_age - gap
    birth_month = rng.randint(1, 12)
    # jobs: contiguous, the last one current
    count = min(rng.randint(1, 4), max(1, years // 2 + 1))
    cuts = sorted(rng.sample(range(1, years * 12), count - 1)) if count > 1 and years > 1 else []
    starts = [(start_year * 12 + start_month - 1) + cut for cut in [0] + cuts]
    titles = TITLES[category]
    trades = TRADES[category]
    jobs = []
    used_brands = set()
    for index, start in enumerate(starts):
        brand = rng.choice([b for b in BRANDS if b[0] not in used_brands])
        used_brands.add(brand[0])
        trade = rng.choice(trades)
        level_index = min(len(titles) - 1, index + (1 if years > 8 and index == len(starts) - 1 else 0))
        end = starts[index + 1] if index + 1 < len(starts) else None
        jobs.append(
            {
                "brand": brand,
                "trade": trade,
                "title": titles[level_index],
                "level": level_index,
                "start": divmod(start, 12),
                "end": divmod(end, 12) if end is not None else None,
                "suffix_i": rng.randrange(3),
                "n": rng.randint(12, 60),
                "k": rng.randint(2, 6),
            }
        )
    for job in jobs:
        job["start"] = (job["start"][0], job["start"][1] + 1)
        if job["end"]:
            job["end"] = (job["end"][0], job["end"][1] + 1)
    field_choice = rng.choice(FIELDS[category])
    grad_year = birth_year + grad_age
    if level in ("high_school",):
        school = rng.choice(HIGH_SCHOOLS)
    elif level == "associate":
        school = rng.choice(COLLEGES)
    else:
        uni = rng.choice(UNIVERSITIES)
        school = (uni[0], uni[1], UNIVERSITIES_TRAD[uni[0]])
    lower_school = None
    if level in ("master", "doctorate"):
        other = rng.choice(UNIVERSITIES)
        lower_school = (other[0], other[1], UNIVERSITIES_TRAD[other[0]], grad_year - (3 if level == "master" else 6))
    pool = SKILL_POOLS[category]
    skills = sorted(rng.sample(pool, rng.randint(3, min(6, len(pool)))))
    if rng.random() < 0.4:
        skills = sorted(set(skills) | {"english"})
    place = rng.choice(EN_PLACES if english else PLACES)
    pinyin_given = given[1]
    en_first = rng.choice(EN_FIRST_F if gender == "F" else EN_FIRST_M) if rng.random() < 0.35 else pinyin_given
    en_name = f"{en_first} {surname[1]}"
    zh_name = surname[0] + given[0]
    phone = rng.choice(PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))
    handle = _pick(
        rng,
        (
            f"{surname[1]}{pinyin_given}".lower(),
            f"{pinyin_given}.{surname[1]}".lower(),
            f"{surname[1].lower()}{pinyin_given[0].lower()}{birth_year % 100:02d}",
            f"{en_first.lower()}_{surname[1].lower()}",
        ),
    )
    email = f"{handle}@{rng.choice(MAIL_DOMAINS)}"
    monthly = min(60, max(5, round(5 + years * 1.8 + rng.uniform(-2, 5)))) * 1000  # grows with experience
    current = jobs[-1]
    return {
        "full_name": en_name if english else zh_name,
        "phone": phone,
        "contact_email": email,
        "birth_year": birth_year,
        "gender": gender,
        "province": place["province"],
        "city": place["city"],
        "education_level": level,
        "field_of_study": None if level == "high_school" else (field_choice[1] if english else field_choice[0]),
        "years_experience": _whole_years(jobs[0]["start"], today),
        "current_employer": None,  # settled by the page (script and language)
        "current_title": current["title"][1] if english else current["title"][0],
        "role_category": category,
        "desired_role": None,
        "expected_salary": None,
        "skills": skills,
        "_english": english,
        "_zh_name": zh_name,
        "_trad_name": surname[2] + given[2],
        "_place": place,
        "_jobs": jobs,
        "_field": field_choice,
        "_school": school,
        "_lower_school": lower_school,
        "_grad_year": grad_year,
        "_birth_month": birth_month,
        "_monthly": monthly,
        "_category": category,
        "_today": today,
    }


def _desired(person: dict, rng: random.Random, script: int) -> str:
    """The job sought: the current title or the next one up, in the page's script."""
    titles = TITLES[person["_category"]]
    level = person["_jobs"][-1]["level"]
    return titles[min(len(titles) - 1, level + rng.choice((0, 1, 1)))][script]


def _whole_years(start: tuple[int, int], today: date) -> int:
    months = (today.year - start[0]) * 12 + (today.month - start[1])
    return max(0, months // 12)


def _zh_company(job: dict, place: dict | None) -> str:
    city = (place or {}).get("city") or "深圳"
    return f"{city}{job['brand'][0]}{job['trade'][0]}{ZH_SUFFIXES[job['suffix_i']]}"


def _en_company(job: dict, place: dict) -> str:
    return f"{place['en_city']} {job['brand'][1]} {job['trade'][1]} {EN_SUFFIXES[job['suffix_i'] % len(EN_SUFFIXES)]}"


def _trad_company(job: dict, where: str, trad_city: str) -> str:
    if where == "hk":
        return f"香港{job['brand'][2]}{job['trade'][2]}{HK_SUFFIX}"
    if where == "tw":
        return f"台灣{job['brand'][2]}{job['trade'][2]}{TW_SUFFIX}"
    return f"{trad_city}{job['brand'][2]}{job['trade'][2]}{'有限公司' if job['suffix_i'] != 1 else '股份有限公司'}"


def _phone_zh(phone: str, rng: random.Random) -> str:
    return _pick(
        rng,
        (
            phone,
            f"{phone[:3]}-{phone[3:7]}-{phone[7:]}",
            f"{phone[:3]} {phone[3:7]} {phone[7:]}",
            f"+86 {phone}",
            f"(+86) {phone[:3]}-{phone[3:7]}-{phone[7:]}",
        ),
    )


def _phone_en(phone: str, rng: random.Random) -> str:
    return _pick(
        rng,
        (f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}", f"+86-{phone}", f"(+86) {phone}", f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"),
    )


def _ym_zh(ym: tuple[int, int] | None, style: str) -> str:
    if ym is None:
        return {"dot": "至今", "nian": "至今", "slash": "至今", "trad": "迄今"}[style]
    year, month = ym
    return {
        "dot": f"{year}.{month:02d}",
        "nian": f"{year}年{month}月",
        "slash": f"{year}/{month:02d}",
        "trad": f"{year}年{month:02d}月",
    }[style]


MONTHS_EN = (
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
)

STUDY_YEARS = {"high_school": 3, "associate": 3, "bachelor": 4, "master": 3, "doctorate": 4}
ZH_LEVEL = {"high_school": "高中", "associate": "大专", "bachelor": "本科", "master": "硕士", "doctorate": "博士"}
TRAD_LEVEL = {"high_school": "高中", "associate": "專科", "bachelor": "學士", "master": "碩士", "doctorate": "博士"}
EN_DEGREE = {
    "associate": "Associate Degree in",
    "bachelor": "Bachelor of Science in",
    "master": "Master of Science in",
    "doctorate": "Ph.D. in",
    "high_school": "High School Diploma",
}


def _zh_salary(person: dict, rng: random.Random, allow_none: bool = True) -> str | None:
    """A monthly expectation written one of the ways Chinese pages do; sets the truth."""
    monthly = person["_monthly"]
    kind = _pick(rng, ("k", "range", "yuan", "wan", "none"), (3, 3, 2, 2, 2 if allow_none else 0))
    if kind == "none":
        person["expected_salary"] = None
        return "面议"
    person["expected_salary"] = monthly
    if kind == "k":
        return f"{monthly // 1000}K"
    if kind == "range":
        return f"{monthly // 1000}-{monthly // 1000 + rng.choice((3, 5, 10))}K"
    if kind == "yuan":
        return f"{monthly}元/月"
    return f"{monthly / 10000:g}万/月"


# ---------------------------------------------------------------- the layouts as lines


def _skill_list(person: dict, script: int, rng: random.Random) -> list[str]:
    """Skill words in the page's script: 0 simplified, 1 English, 2 traditional."""
    words = [SKILL_WORDS[s][script] for s in person["skills"]]
    if script == 0 and "english" in person["skills"]:
        words[person["skills"].index("english")] = rng.choice(("英语六级", "英语四级", "CET-6"))
    rng.shuffle(words)
    return words


def _trad_lines(person: dict, rng: random.Random) -> list[str]:
    jobs = person["_jobs"]
    abroad = rng.random() < 0.45
    if abroad:
        where, address = rng.choice(TRAD_ABROAD)
        trad_city = "深圳市" if where == "hk" else "廈門市"
        person["province"] = person["city"] = None
    else:
        province, city, zh_place, districts = rng.choice(TRAD_MAINLAND)
        where, address = "cn", zh_place + rng.choice(districts)
        trad_city = zh_place.replace("廣東省", "").replace("福建省", "").replace("浙江省", "").replace("江蘇省", "")
        person["province"], person["city"] = province, city
    name = person["_trad_name"]
    person["full_name"] = name
    current = jobs[-1]
    # earlier jobs may have been on the mainland; the current one is where the person lives
    employers = []
    for index, job in enumerate(jobs):
        here = where if index == len(jobs) - 1 else rng.choice((where, "cn"))
        employers.append(_trad_company(job, here, trad_city if here == where or where == "cn" else "深圳市"))
    person["current_employer"] = employers[-1]
    person["current_title"] = current["title"][2]
    field = person["_field"][2]
    person["field_of_study"] = None if person["education_level"] == "high_school" else field
    pairs = [("姓名", name), ("性別", "女" if person["gender"] == "F" else "男")]
    by, bm = person["birth_year"], person["_birth_month"]
    if where == "tw" or rng.random() < 0.3:
        pairs.append(("出生日期", f"民國{by - 1911}年{bm}月"))
    else:
        pairs.append(("出生日期", f"{by}年{bm}月"))
    if where == "cn":
        pairs.append(("手機", _phone_zh(person["phone"], rng)))
    else:
        local = (
            f"+852 {rng.randint(5100, 9899)} {rng.randint(1000, 9999)}"
            if where == "hk"
            else f"09{rng.randint(10, 89)}-{rng.randint(100, 999)}-{rng.randint(100, 999)}"
        )
        pairs.append(("聯絡電話", local))
        if rng.random() < 0.5:
            pairs.append(("內地手機", f"+86 {person['phone']}"))
        else:
            person["phone"] = None
    pairs.append(("電子郵件", person["contact_email"]))
    pairs.append(("現居地", address))
    if rng.random() < 0.6:
        desired = _desired(person, rng, 2)
        person["desired_role"] = desired
        pairs.append(("應徵職務", desired))
    if where == "cn" and rng.random() < 0.6:
        person["expected_salary"] = person["_monthly"]
        pairs.append(("期望待遇", f"月薪人民幣{person['_monthly']:,}元"))
    else:
        person["expected_salary"] = None
        pairs.append(("期望待遇", "面議"))
    lines = ["# 履歷表", "## 個人資料"]
    if rng.random() < 0.5:  # the job-bank template: a grid of label, value, label, value
        if len(pairs) % 2:
            pairs.append(("婚姻狀況", rng.choice(("未婚", "已婚"))))
        lines += [f"|{a}|{b}|{c}|{d}" for (a, b), (c, d) in zip(pairs[::2], pairs[1::2], strict=True)]
    else:
        lines += [f"{label}：{value}" for label, value in pairs]
    lines.append("## 學歷")
    school = person["_school"][2]
    if person["education_level"] in ("bachelor", "master", "doctorate") and where != "cn" and rng.random() < 0.5:
        school = rng.choice(TRAD_ONLY_SCHOOLS)
    level = TRAD_LEVEL[person["education_level"]]
    if person["education_level"] == "high_school":
        lines.append(f"{person['_grad_year'] - 3}年09月 – {person['_grad_year']}年06月　{school}　高中畢業")
    else:
        lines.append(
            f"{person['_grad_year'] - STUDY_YEARS[person['education_level']]}年09月 – {person['_grad_year']}年06月　"
            f"{school}　{field}　{level}"
        )
    if person["_lower_school"]:
        low = person["_lower_school"]
        lines.append(f"{low[3] - 4}年09月 – {low[3]}年06月　{low[2]}　{field}　學士")
    lines.append("## 工作經驗")
    for job, employer in reversed(list(zip(jobs, employers, strict=True))):
        lines.append(f"{_ym_zh(job['start'], 'trad')} – {_ym_zh(job['end'], 'trad')}　{employer}")
        lines.append(f"職稱：{job['title'][2]}")
        lines.append(f"・負責部門日常業務與跨部門協作，年度考核為優等（{job['k']}次）。")
    lines.append("## 專業技能")
    lines.append("、".join(_skill_list(person, 2, rng)))
    lines.append("## 自傳")
    lines.append(f"本人個性踏實，工作{person['years_experience']}年來持續精進，期望在新的職位上貢獻所長。")
    return lines


def _en_functional_lines(person: dict, rng: random.Random) -> list[str]:
    place = person["_place"]
    jobs = person["_jobs"]
    person["current_employer"] = _en_company(jobs[-1], place)
    person["birth_year"] = person["gender"] = None  # English resumes here state neither
    lines = [f"# {person['full_name']}"]
    contact = [
        f"{place['en_city']}, {PROVINCE_EN[place['province']]}"
        if place["city"] != place["province"]
        else f"{place['en_city']}, China",
        _phone_en(person["phone"], rng),
        person["contact_email"],
    ]
    lines.append(" · ".join(contact) if rng.random() < 0.5 else " | ".join(contact))
    lines.append("## Summary")
    years = person["years_experience"]
    desired = None
    if rng.random() < 0.6:
        desired = _desired(person, rng, 1)
        person["desired_role"] = desired
    summary = f"{person['current_title']} with {years} year{'s' if years != 1 else ''} of experience"
    summary += f" in {rng.choice(('fast-growing companies', 'mid-sized firms', 'regional businesses'))}."
    if desired:
        summary += f" Looking for a {desired} position."
    lines.append(summary)
    lines.append("## Areas of Expertise")
    words = _skill_list(person, 1, rng)
    non_lang = [w for w in words if w != "English"]
    chunks = [non_lang[i::3] for i in range(3)]
    for (area, bullets), chunk in zip(EN_AREAS[person["_category"]], chunks + [[]] * 3, strict=False):
        lines.append(f"### {area}")
        for bullet in bullets:
            lines.append("- " + bullet.format(n=jobs[-1]["n"], k=jobs[-1]["k"]))
        if chunk:
            lines.append(f"- Tools: {', '.join(chunk)}")
    lines.append("## Skills")  # every skill again in one line, as functional resumes do
    lines.append(", ".join(non_lang))
    if "English" in words:
        lines.append("Languages: English (fluent), Mandarin (native)")
    else:
        lines.append("Languages: Mandarin (native)")
    lines.append("## Employment History")
    for job in reversed(jobs):
        end = "Present" if job["end"] is None else str(job["end"][0])
        lines.append(f"{job['title'][1]}, {_en_company(job, place)}, {job['start'][0]} – {end}")
    lines.append("## Education")
    lines.extend(_en_education(person, with_month=False))
    if rng.random() < 0.4:
        monthly = person["_monthly"]
        form = rng.choice(("month", "k", "year"))
        person["expected_salary"] = monthly
        text = {
            "month": f"RMB {monthly:,} per month",
            "k": f"RMB {monthly // 1000}K–{monthly // 1000 + 5}K / month",
            "year": f"RMB {monthly * 12:,} per year",
        }[form]
        lines.append(f"Expected salary: {text}")
    return lines


def _en_education(person: dict, with_month: bool) -> list[str]:
    level = person["education_level"]
    school = person["_school"][1]
    when = f"June {person['_grad_year']}" if with_month else str(person["_grad_year"])
    if level == "high_school":
        lines = [f"High School Diploma, {school}, {when}"]
    else:
        lines = [f"{EN_DEGREE[level]} {person['_field'][1]}, {school}, {when}"]
    if person["_lower_school"]:
        low = person["_lower_school"]
        lines.append(f"Bachelor of Science in {person['_field'][1]}, {low[1]}, {low[3]}")
    return lines


def _en_ats_lines(person: dict, rng: random.Random) -> list[str]:
    place = person["_place"]
    jobs = person["_jobs"]
    person["current_employer"] = _en_company(jobs[-1], place)
    person["birth_year"] = person["gender"] = None
    where = (
        f"{place['en_city']}, {PROVINCE_EN[place['province']]}, China"
        if place["city"] != place["province"]
        else f"{place['en_city']}, China"
    )
    lines = [f"# {person['full_name'].upper()}", f"{where} | {_phone_en(person['phone'], rng)} | {person['contact_email']}"]
    lines.append("## PROFESSIONAL SUMMARY")
    lines.append(
        f"{person['current_title']} with a record of steady results across {len(jobs)} employer{'s' if len(jobs) > 1 else ''}."
    )
    words = _skill_list(person, 1, rng)
    lines.append("## SKILLS")
    lines.append("• " + " • ".join(w for w in words if w != "English"))
    lines.append("## PROFESSIONAL EXPERIENCE")
    for job in reversed(jobs):
        lines.append(f"**{job['title'][1]}")
        lines.append(f"{_en_company(job, place)} | {place['en_city']}, China")
        start = f"{MONTHS_EN[job['start'][1] - 1]} {job['start'][0]}"
        end = "Present" if job["end"] is None else f"{MONTHS_EN[job['end'][1] - 1]} {job['end'][0]}"
        lines.append(f"{start} – {end}")
        lines.append(f"• Delivered {job['k']} cross-team initiatives on time and within budget.")
        lines.append(f"• Improved a key team metric by {job['n']}% over the period.")
    lines.append("## EDUCATION")
    lines.extend(_en_education(person, with_month=True))
    lines.append("## ADDITIONAL INFORMATION")
    lines.append("• Languages: " + ("English (professional), " if "English" in words else "") + "Mandarin (native)")
    if rng.random() < 0.5:
        desired = _desired(person, rng, 1)
        person["desired_role"] = desired
        lines.append(f"• Target role: {desired}")
    if rng.random() < 0.4:
        person["expected_salary"] = person["_monthly"]
        lines.append(f"• Expected salary: {person['_monthly'] // 1000}K RMB/month")
    return lines


def _zh_location(place: dict, rng: random.Random) -> str:
    district = rng.choice(place["districts"]) if place["districts"] and rng.random() < 0.6 else ""
    if place["province"] == place["city"]:
        return place["zh_city"] + district
    if rng.random() < 0.3:
        return f"{place['province']}·{place['city']}"
    return place["zh_province"] + place["zh_city"] + district


def _wechat_lines(person: dict, rng: random.Random) -> list[str]:
    place = person["_place"]
    jobs = person["_jobs"]
    employers = [_zh_company(job, place) for job in jobs]
    person["current_employer"] = employers[-1]
    lines = [f"【姓名】{person['full_name']}"]
    if rng.random() < 0.7:
        lines.append(f"【性别】{'女' if person['gender'] == 'F' else '男'}")
    else:
        person["gender"] = None
    if rng.random() < 0.7:
        lines.append(f"【出生】{person['birth_year']}年{person['_birth_month']}月")
    else:
        person["birth_year"] = None
    if rng.random() < 0.65:
        lines.append(f"📞 {_phone_zh(person['phone'], rng)}")
        lines.append(f"✉️ {person['contact_email']}")
        lines.append(f"📍 现居：{_zh_location(place, rng)}")
    else:  # the brackets all the way down
        lines.append(f"【电话】{_phone_zh(person['phone'], rng)}")
        lines.append(f"【邮箱】{person['contact_email']}")
        lines.append(f"【现居】{_zh_location(place, rng)}")
    if rng.random() < 0.4:
        lines.append(rng.choice(("——————", "～～～～～～", "➖➖➖➖➖")))
    level = ZH_LEVEL[person["education_level"]]
    if person["education_level"] == "high_school":
        lines.append(f"🎓 {level}｜{person['_school'][0]}｜{person['_grad_year']}年毕业")
    else:
        lines.append(f"🎓 {level}｜{person['_school'][0]}｜{person['_field'][0]}｜{person['_grad_year']}届")
    if person["_lower_school"]:
        low = person["_lower_school"]
        lines.append(f"🎓 本科｜{low[0]}｜{person['_field'][0]}｜{low[3]}届")
    lines.append(f"💼 {person['years_experience']}年工作经验")
    for job, employer in reversed(list(zip(jobs, employers, strict=True))):
        lines.append(f"💼 {_ym_zh(job['start'], 'dot')}-{_ym_zh(job['end'], 'dot')}  {employer}｜{job['title'][0]}")
    if rng.random() < 0.7:
        desired = _desired(person, rng, 0)
        person["desired_role"] = desired
        salary = _zh_salary(person, rng)
        lines.append(f"🎯 求职意向：{desired}（期望薪资：{salary}）")
    else:
        salary = _zh_salary(person, rng, allow_none=False)
        lines.append(f"💰 期望薪资：{salary}")
    lines.append("🔧 技能：" + "、".join(_skill_list(person, 0, rng)))
    lines.append(f"✨ 自我评价：{rng.choice(('踏实靠谱，执行力强', '做事细致，抗压能力好', '学习快，乐于承担责任'))}。")
    return lines


def _docx_header_parts(person: dict, rng: random.Random) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(header lines, [(section, lines)]) of zh_docx_header."""
    place = person["_place"]
    jobs = person["_jobs"]
    employers = [_zh_company(job, place) for job in jobs]
    person["current_employer"] = employers[-1]
    header = [
        person["full_name"],
        f"电话：{_phone_zh(person['phone'], rng)}　|　邮箱：{person['contact_email']}　|　现居：{_zh_location(place, rng)}",
    ]
    if rng.random() < 0.6:
        desired = _desired(person, rng, 0)
        person["desired_role"] = desired
        salary = _zh_salary(person, rng)
        header.append(f"求职意向：{desired}　　期望月薪：{salary}")
    sections = []
    basic = [
        f"性别：{'女' if person['gender'] == 'F' else '男'}",
        f"出生年月：{person['birth_year']}.{person['_birth_month']:02d}",
        f"学历：{ZH_LEVEL[person['education_level']]}",
        f"工作年限：{person['years_experience']}年",
    ]
    sections.append(("基本信息", basic))
    edu = []
    if person["education_level"] == "high_school":
        edu.append(f"{person['_grad_year'] - 3}.09-{person['_grad_year']}.06　{person['_school'][0]}　高中")
    else:
        began = person["_grad_year"] - STUDY_YEARS[person["education_level"]]
        edu.append(
            f"{began}.09-{person['_grad_year']}.06　{person['_school'][0]}　"
            f"{person['_field'][0]}　{ZH_LEVEL[person['education_level']]}"
        )
    if person["_lower_school"]:
        low = person["_lower_school"]
        edu.append(f"{low[3] - 4}.09-{low[3]}.06　{low[0]}　{person['_field'][0]}　本科")
    sections.append(("教育背景", edu))
    work = []
    for job, employer in reversed(list(zip(jobs, employers, strict=True))):
        work.append(f"{_ym_zh(job['start'], 'slash')} - {_ym_zh(job['end'], 'slash')}　{employer}")
        work.append(f"职位：{job['title'][0]}")
        work.append(f"工作内容：负责所在团队的核心业务，带领{job['k']}人小组完成年度目标，相关指标提升{job['n']}%。")
    sections.append(("工作经历", work))
    projects = []
    for job in reversed(jobs):
        for _ in range(rng.randint(1, 2)):
            name = rng.choice(PROJECTS_ZH[person["_category"]])
            projects.append(f"{job['start'][0]}年　{name}")
            projects.append(f"项目描述：{rng.choice(PROJECT_NOTES)}，历时{rng.randint(3, 14)}个月，覆盖{job['n']}个业务线。")
    sections.append(("项目经历", projects))
    sections.append(("专业技能", ["、".join(_skill_list(person, 0, rng))]))
    sections.append(
        ("自我评价", [rng.choice(("性格开朗，责任心强，能够快速适应新环境。", "注重细节，做事有条理，乐于分享经验。"))])
    )
    return header, sections


def _headhunter_lines(person: dict, rng: random.Random) -> list[str]:
    place = person["_place"]
    jobs = person["_jobs"]
    employers = [_zh_company(job, place) for job in jobs]
    person["current_employer"] = employers[-1]
    desired = _desired(person, rng, 0)
    person["desired_role"] = desired
    annual = max(6, round(person["_monthly"] * 12 / 60000) * 6)  # 万 a year, a multiple of 6 (a whole month)
    current_annual = round(annual * rng.uniform(0.7, 0.9))
    person["expected_salary"] = annual * 10000 // 12
    consultant = rng.choice(CONSULTANTS)
    firm, firm_mail = rng.choice(SEARCH_FIRMS)
    gender_word = "女" if person["gender"] == "F" else "男"
    level = ZH_LEVEL[person["education_level"]]
    lines = [
        "# 猎头推荐报告",
        f"推荐职位：{desired}",
        f"客户：某{rng.choice(('上市', '知名', '头部'))}企业（保密）",
        f"推荐顾问：{consultant}　　报告日期：{person['_today'].year}年{person['_today'].month}月",
    ]
    lines.append("## 候选人基本信息")
    location, phone = _zh_location(place, rng), _phone_zh(person["phone"], rng)
    school = person["_school"][0]
    if rng.random() < 0.7:  # the report's usual grid: label, value, label, value
        lines.append(f"|候选人|{person['full_name']}|性别|{gender_word}")
        lines.append(f"|出生年份|{person['birth_year']}年|现居地|{location}")
        lines.append(f"|联系电话|{phone}|电子邮箱|{person['contact_email']}")
        if person["education_level"] == "high_school":
            lines.append(f"|最高学历|{level}|毕业学校|{school}")
        else:
            lines.append(f"|最高学历|{level}|毕业院校|{school}")
            lines.append(f"|专业|{person['_field'][0]}|工作年限|{person['years_experience']}年")
        if person["education_level"] == "high_school":
            lines.append(f"|工作年限|{person['years_experience']}年|到岗时间|{rng.choice(('一个月', '两周'))}")
        lines.append(f"|目前公司|{employers[-1]}|目前职位|{jobs[-1]['title'][0]}")
        lines.append(f"|目前年薪|{current_annual}万|期望年薪|{annual}万")
        lines.append("## 工作经历")
        lines.append("|起止时间|公司|职位")
        for job, employer in reversed(list(zip(jobs, employers, strict=True))):
            lines.append(f"|{_ym_zh(job['start'], 'nian')}—{_ym_zh(job['end'], 'nian')}|{employer}|{job['title'][0]}")
    else:
        lines.append(f"候选人：{person['full_name']}　　性别：{gender_word}　　出生年份：{person['birth_year']}年")
        lines.append(f"联系电话：{phone}　　电子邮箱：{person['contact_email']}")
        lines.append(f"现居地：{location}")
        if person["education_level"] == "high_school":
            lines.append(f"最高学历：{level}（{school}）")
        else:
            lines.append(f"最高学历：{level}　毕业院校：{school}　专业：{person['_field'][0]}")
        lines.append(f"工作年限：{person['years_experience']}年")
        lines.append(f"目前公司：{employers[-1]}")
        lines.append(f"目前职位：{jobs[-1]['title'][0]}")
        lines.append(f"目前年薪：{current_annual}万　　期望年薪：{annual}万")
        lines.append("## 工作经历")
        for job, employer in reversed(list(zip(jobs, employers, strict=True))):
            lines.append(f"{_ym_zh(job['start'], 'nian')}—{_ym_zh(job['end'], 'nian')}　{employer}　{job['title'][0]}")
    lines.append("## 顾问评价")
    skill_words = "、".join(_skill_list(person, 0, rng))
    pronoun = "她" if person["gender"] == "F" else "他"
    lines.append(
        f"该候选人从业{person['years_experience']}年，目前任职于{employers[-1]}，担任{jobs[-1]['title'][0]}。"
        f"{pronoun}的专长包括{skill_words}，过往业绩稳定。该候选人本次看机会的主要原因是寻求更大的平台，"
        f"到岗时间约{rng.choice(('一个月', '两周', '三个月'))}，对推荐职位意向明确。"
    )
    lines.append(f"顾问：{consultant}　{firm}人才咨询　consultant@{firm_mail}-search.cn")
    return lines


# ---------------------------------------------------------------- rendering


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    for name in ("STSong-Light", "MSung-Light"):
        if name not in registered:
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    if "S6Latin" not in registered:
        pdfmetrics.registerFont(TTFont("S6Latin", str(LATIN_FONT)))
        pdfmetrics.registerFont(TTFont("S6LatinBold", str(LATIN_BOLD)))


def _plain(line: str) -> str:
    for mark in ("### ", "## ", "# ", "**"):
        if line.startswith(mark):
            return line[len(mark) :]
    return line


def _as_text(lines: list[str], english: bool) -> bytes:
    out = []
    for line in lines:
        if line.startswith("## "):
            out.extend(["", _plain(line).upper() if english else _plain(line)])
        elif line.startswith("|"):
            out.append("\t".join(line[1:].split("|")))
        else:
            out.append(_plain(line))
    return ("\n".join(out) + "\n").encode("utf-8")


def _as_docx(lines: list[str]) -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    table = None
    for line in lines:
        if line.startswith("|"):
            cells = line[1:].split("|")
            if table is None or len(table.columns) != len(cells):
                table = doc.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            for cell, text in zip(table.add_row().cells, cells, strict=True):
                cell.text = text
            continue
        table = None
        if line.startswith("# "):
            para = doc.add_paragraph()
            run = para.add_run(_plain(line))
            run.bold, run.font.size = True, Pt(18)
        elif line.startswith("## "):
            run = doc.add_paragraph().add_run(_plain(line))
            run.bold, run.font.size = True, Pt(13)
        elif line.startswith("### ") or line.startswith("**"):
            doc.add_paragraph().add_run(_plain(line)).bold = True
        elif line.startswith("- ") or line.startswith("• "):
            doc.add_paragraph(line[2:], style="List Bullet")
        else:
            doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _as_pdf(lines: list[str], font: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _register_fonts()
    bold = "S6LatinBold" if font == "S6Latin" else font
    body = ParagraphStyle("b", fontName=font, fontSize=10, leading=15, wordWrap="CJK" if font != "S6Latin" else None)
    styles = {
        "# ": ParagraphStyle("t", parent=body, fontName=bold, fontSize=18, leading=24),
        "## ": ParagraphStyle("h", parent=body, fontName=bold, fontSize=12.5, leading=20, spaceBefore=8),
        "### ": ParagraphStyle("s", parent=body, fontName=bold, fontSize=10.5, leading=16),
        "**": ParagraphStyle("j", parent=body, fontName=bold),
    }
    story, rows = [], []
    for index, line in enumerate(lines):
        if line.startswith("|"):
            rows.append([Paragraph(_escape(cell), body) for cell in line[1:].split("|")])
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if following.startswith("|") and following.count("|") == line.count("|"):
                continue
            widths = [70, 160, 70, 183] if len(rows[0]) == 4 else [120, 220, 143]
            table = Table(rows, colWidths=widths[: len(rows[0])])
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
            rows = []
            continue
        style = next((styles[m] for m in ("### ", "## ", "# ", "**") if line.startswith(m)), body)
        text = _plain(line)
        if line.startswith("- "):
            text = "• " + line[2:]
        story.append(Paragraph(_escape(text), style))
        if line.startswith("# "):
            story.append(Spacer(1, 4))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=56, rightMargin=56, topMargin=50, bottomMargin=50).build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _docx_header_docx(header: list[str], sections: list[tuple[str, list[str]]]) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    head = section.header
    first = head.paragraphs[0]
    run = first.add_run(header[0])
    run.bold, run.font.size = True, Pt(16)
    for line in header[1:]:
        head.add_paragraph(line).runs[0].font.size = Pt(9)
    doc.add_paragraph("个人简历").runs[0].bold = True
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for name, lines in sections:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(3), Cm(13)
        cells[0].paragraphs[0].add_run(name).bold = True
        cells[1].paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cells[1].add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _docx_header_pdf(header: list[str], sections: list[tuple[str, list[str]]]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _register_fonts()
    font = "STSong-Light"
    body = ParagraphStyle("b", fontName=font, fontSize=11.5, leading=21, wordWrap="CJK")
    label = ParagraphStyle("l", parent=body, fontSize=11)
    width, height = A4

    def draw_header(canvas, _doc):
        canvas.saveState()
        canvas.setFont(font, 16)
        canvas.drawString(56, height - 44, header[0])
        canvas.setFont(font, 8.5)
        for index, line in enumerate(header[1:]):
            canvas.drawString(56, height - 60 - 12 * index, line)
        canvas.setLineWidth(0.5)
        canvas.line(56, height - 66 - 12 * (len(header) - 2), width - 56, height - 66 - 12 * (len(header) - 2))
        canvas.restoreState()

    rows = [[Paragraph(name, label), [Paragraph(_escape(line), body) for line in lines]] for name, lines in sections]
    table = Table(rows, colWidths=[80, width - 112 - 80], splitInRow=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=56, rightMargin=56, topMargin=110, bottomMargin=50)
    doc.build(
        [Paragraph("个人简历", ParagraphStyle("t", parent=body, fontSize=14, leading=22)), table],
        onFirstPage=draw_header,
        onLaterPages=draw_header,
    )
    return buffer.getvalue()


def _font(size: int, bold: bool = False, latin: bool = False):
    from PIL import ImageFont

    if latin:
        return ImageFont.truetype(str(LATIN_BOLD if bold else LATIN_FONT), size)
    return ImageFont.truetype(str(CJK_BOLD if bold else CJK_FONT), size, index=2)  # index 2: SC in Noto CJK ttc


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Break text to fit width: at spaces for Latin text, anywhere for CJK."""
    out, line = [], ""
    tokens = text.split(" ") if text.isascii() else list(text)
    joiner = " " if text.isascii() else ""
    for token in tokens:
        trial = f"{line}{joiner}{token}" if line else token
        if draw.textlength(trial, font=font) <= width:
            line = trial
        else:
            if line:
                out.append(line)
            line = token
    if line:
        out.append(line)
    return out or [""]


EMOJI_COLOURS = {
    "📞": (60, 170, 90),
    "✉️": (90, 140, 220),
    "📍": (220, 70, 70),
    "🎓": (50, 50, 60),
    "💼": (150, 100, 50),
    "🎯": (230, 80, 60),
    "💰": (240, 190, 40),
    "🔧": (120, 130, 140),
    "✨": (250, 200, 40),
}


def _screenshot(lines: list[str], rng: random.Random, fmt: str) -> bytes:
    """A phone screenshot of the pasted resume: status bar, chat title bar, the resume in received bubbles."""
    from PIL import Image, ImageDraw

    width = 1080
    size = 38
    font, small, title_font = _font(size), _font(30), _font(40, bold=True)
    scratch = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    bubble_w = width - 300
    # split the resume into two or three messages, as long pastes are
    cut = sorted(rng.sample(range(3, len(lines) - 2), rng.randint(0, 2)))
    messages = [lines[a:b] for a, b in zip([0] + cut, cut + [len(lines)], strict=True)]
    laid = []
    for message in messages:
        rows = []
        for line in message:
            emoji = next((e for e in EMOJI_COLOURS if line.startswith(e)), None)
            text = line[len(emoji) :].strip() if emoji else line.replace("➖", "—")  # no emoji glyph: drawn as a rule
            wrapped = _wrap(scratch, text, font, bubble_w - 60 - (50 if emoji else 0))
            rows.append((emoji, wrapped))
        laid.append(rows)
    line_h = int(size * 1.45)
    height = 200 + 60 + sum(sum(len(w) for _e, w in rows) * line_h + 70 for rows in laid) + 200
    height = max(height, 2000)
    image = Image.new("RGB", (width, height), (237, 237, 237))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 80), fill=(237, 237, 237))
    draw.text((40, 20), f"{rng.randint(8, 22)}:{rng.randint(0, 59):02d}", font=small, fill=(20, 20, 20))
    draw.rectangle((width - 120, 28, width - 60, 56), outline=(20, 20, 20), width=3)
    draw.rectangle((width - 116, 32, width - 116 + rng.randint(15, 52), 52), fill=(20, 20, 20))
    draw.rectangle((0, 80, width, 200), fill=(245, 245, 245))
    draw.text((40, 110), "‹", font=title_font, fill=(20, 20, 20))
    chat_title = rng.choice(("内推群（256）", "老同学", "求职交流群", "HR小王"))
    draw.text(
        (width // 2 - scratch.textlength(chat_title, font=title_font) // 2, 112), chat_title, font=title_font, fill=(20, 20, 20)
    )
    draw.text((width - 110, 108), "···", font=title_font, fill=(20, 20, 20))
    draw.line((0, 200, width, 200), fill=(215, 215, 215), width=2)
    y = 240
    draw.text((width // 2 - 60, y), f"{rng.randint(9, 20)}:{rng.randint(0, 59):02d}", font=small, fill=(160, 160, 160))
    y += 70
    sent = rng.random() < 0.4  # pasted by the phone's owner: green bubbles on the right
    left = width - 160 - bubble_w if sent else 160
    for rows in laid:
        inner = sum(len(w) for _e, w in rows) * line_h
        avatar = (width - 130, y, width - 30, y + 100) if sent else (30, y, 130, y + 100)
        draw.rounded_rectangle(avatar, radius=12, fill=(120, 160, 200) if not sent else (200, 150, 110))
        bubble = (149, 236, 105) if sent else (255, 255, 255)
        draw.rounded_rectangle((left, y, left + bubble_w, y + inner + 50), radius=18, fill=bubble)
        ty = y + 25
        for emoji, wrapped in rows:
            for index, text in enumerate(wrapped):
                x = left + 30
                if emoji and index == 0:
                    draw.rounded_rectangle((x, ty + 6, x + 38, ty + 44), radius=8, fill=EMOJI_COLOURS[emoji])
                if emoji:
                    x += 50
                draw.text((x, ty), text, font=font, fill=(25, 25, 25))
                ty += line_h
        y += inner + 50 + 40
    draw.rectangle((0, height - 150, width, height), fill=(246, 246, 246))
    draw.rounded_rectangle((130, height - 120, width - 200, height - 40), radius=12, fill=(255, 255, 255))
    buffer = io.BytesIO()
    if fmt == "jpg":
        image.save(buffer, "JPEG", quality=rng.randint(80, 92))
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def _page_image(lines: list[str], rng: random.Random):
    """The functional resume printed on A4 at 200 dpi (one tall page, as a two-page print scanned onto one)."""
    from PIL import Image, ImageDraw

    width = 1654
    margin = 150
    body, head, name = _font(30, latin=True), _font(34, bold=True, latin=True), _font(52, bold=True, latin=True)
    sub = _font(31, bold=True, latin=True)
    scratch = ImageDraw.Draw(Image.new("L", (10, 10)))
    rows = []
    for line in lines:
        if line.startswith("# "):
            rows.append((name, [_plain(line)], 80, 0))
        elif line.startswith("## "):
            rows.append((head, [_plain(line).upper()], 56, 20))
        elif line.startswith("### "):
            rows.append((sub, [_plain(line)], 44, 6))
        else:
            text = "• " + line[2:] if line.startswith("- ") else line
            rows.append((body, _wrap(scratch, text, body, width - 2 * margin), 42, 0))
    height = max(2339, margin * 2 + sum(len(r[1]) * r[2] + r[3] for r in rows))
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    y = margin
    for font, wrapped, step, gap in rows:
        y += gap
        for text in wrapped:
            draw.text((margin, y), text, font=font, fill=rng.randint(10, 40))
            y += step
        if font is head:
            draw.line((margin, y - 6, width - margin, y - 6), fill=90, width=2)
    return page


def _scanned(page, rng: random.Random, photo: bool):
    from PIL import Image, ImageFilter

    angle = rng.uniform(-1.6, 1.6) if not photo else rng.uniform(-3.5, 3.5)
    page = page.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=235 if not photo else 170)
    noise = Image.effect_noise(page.size, rng.uniform(14, 26))
    page = Image.blend(page, noise, 0.12 if not photo else 0.16)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    if photo:
        shade = Image.linear_gradient("L").resize(page.size).point(lambda v: 200 + v * 55 // 255)
        page = Image.composite(page, shade, Image.new("L", page.size, 200))
        page = page.convert("RGB")
        r, g, b = page.split()
        page = Image.merge("RGB", (r, g, b.point(lambda v: int(v * 0.93))))
    return page


def formats(layout: str) -> tuple[str, ...]:
    return {
        "zh_trad_hk_tw": ("pdf", "docx", "txt"),
        "en_functional": ("pdf", "docx", "txt"),
        "zh_wechat_paste": ("txt", "docx"),
        "zh_docx_header": ("docx", "pdf"),
        "en_ats_plain": ("pdf", "docx", "txt"),
        "zh_headhunter_report": ("pdf", "docx"),
        "photo_zh_wechat_screenshot": ("png", "jpg"),
        "scan_en_functional": ("pdf", "jpg"),
    }[layout]


def document(person: dict, layout: str, fmt: str, rng: random.Random) -> bytes:
    """The file of one resume; settles in `person` the truth of what this page states."""
    english = person["_english"]
    if layout == "zh_docx_header":
        header, sections = _docx_header_parts(person, rng)
        return _docx_header_docx(header, sections) if fmt == "docx" else _docx_header_pdf(header, sections)
    lines = {
        "zh_trad_hk_tw": _trad_lines,
        "en_functional": _en_functional_lines,
        "scan_en_functional": _en_functional_lines,
        "zh_wechat_paste": _wechat_lines,
        "photo_zh_wechat_screenshot": _wechat_lines,
        "en_ats_plain": _en_ats_lines,
        "zh_headhunter_report": _headhunter_lines,
    }[layout](person, rng)
    if layout == "photo_zh_wechat_screenshot":
        return _screenshot(lines, rng, fmt)
    if layout == "scan_en_functional":
        page = _scanned(_page_image(lines, rng), rng, photo=fmt == "jpg")
        buffer = io.BytesIO()
        if fmt == "pdf":
            page.convert("L").save(buffer, "PDF", resolution=200)
        else:
            page.save(buffer, "JPEG", quality=rng.randint(78, 90))
        return buffer.getvalue()
    if fmt == "txt":
        return _as_text(lines, english)
    if fmt == "docx":
        return _as_docx(lines)
    font = "S6Latin" if english else ("MSung-Light" if layout == "zh_trad_hk_tw" else "STSong-Light")
    return _as_pdf(lines, font)


__all__ = ["SEALED6_HELD_OUT", "SEALED6_SEED", "document", "formats", "person"]
