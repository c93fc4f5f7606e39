"""A fifth sealed family of generated resumes: how the intake reads resumes it has never been tuned on.

Written without reading the parser or its data (nothing under consent/ was opened; of privacy/ only the
vocabulary's ids and names in skills.json) and without reading the other families' wordings, pools or
renderers; never tuned on: only the family's summary figures are ever read. Own seed, own pools, own
renderers (reportlab for PDF, python-docx for DOCX, Pillow for scans and photos). People live in any
prefecture of cpca's division list (adcodes.csv), a quarter of them in one of the big cities.

Layouts:

- zh_waiqi_mixed: a 外企-style resume: Chinese section headings (个人信息, 求职意向, 工作经历 …) over English
  content lines: the jobs as "Mar 2019 - Present | Financial Analyst | Bosch (China) Investment Ltd.", the
  degrees as "Bachelor of Economics, International Trade", English bullet points;
- zh_web_print: an online resume page printed to PDF by a browser: a header line with the print time and
  the page title on every page, a footer with the page's URL and "1/2", the site's name banner repeated on
  each page, sections that break across the page;
- en_two_column_flow: a two-column English resume drawn without tables (left: contact, skills, languages,
  certificates; right: profile, experience, education), so that extracted text interleaves the columns;
  the DOCX puts the two columns in one two-column section;
- zh_trade_form: a non-IT resume (nurse, teacher, welder, shop assistant, driver, accountant, warehouse
  keeper): 基本情况 as label pairs, 工作经历 as 起止时间 / 工作单位 / 岗位 rows, 持有证书 (教师资格证, 护士执业证书,
  叉车证, C1驾驶证 …) and 个人特长;
- en_short_dates: an English resume with dates such as "Mar '19 – Nov '21", "Sept 2017 to date",
  "06/2015–08/2015" and "Jan. 2020 – present";
- zh_dense_contact: a Chinese resume whose contact details are one dense line split by "|" or "·", the
  residence written "现居：襄阳市樊城区" (a reader knows the province), 求职意向 on one line too;
- photo_zh_trade_form: the trade form printed and photographed at an angle (perspective, a shadow across the
  page, blur, JPEG and PNG);
- scan_en_short_dates: the short-dates resume printed and scanned to an image-only PDF with noise and a
  slight skew.

The wording of the jobs depends on the layout (the trade form gives the person a trade; the 外企 resume writes
their jobs in English), so `document` settles the person's truth for its layout before drawing it: the
harness reads the truth after drawing, and the truth then is what the page shows.

Truth is what a careful reader takes from the page; a field the page does not state is None (the rules of
the third sealed family):

- full_name as written; phone: the 11 digits of the mobile number however spaced or prefixed; email as written;
- birth_year from a stated birth date or year (never from an age); gender only when stated;
- province, city: where the person lives now, as short names ("湖北", "襄阳"; a municipality is both);
- education_level: the highest degree shown; field_of_study: that degree's major as written (None for high
  school);
- years_experience: the months of the full-time jobs (an ongoing job runs to the corpus's today) summed, // 12;
  internships (实习 / Intern in the title) do not count;
- current_employer, current_title: the newest full-time job (always ongoing here), as written; None without one;
- role_category: the category of the current title; with no job, of the desired role; with neither, None (nurses,
  teachers and welders are in none of the seven categories: None);
- desired_role as written, None where no wish is stated; expected_salary: monthly yuan, a range's lower bound,
  yearly pay / 12, "15K×13薪" is 15000, 面议 / negotiable / not stated None;
- skills: the vocabulary ids of the skills the page lists in its skills, languages and certificates parts; a
  certificate counts only when it is itself a vocabulary skill (a driving licence); duties, projects and
  self-evaluations are written without vocabulary words.
"""

from __future__ import annotations

import csv
import io
import random
from functools import cache
from pathlib import Path

SEALED5_SEED = 6_284_953
SEALED5_HELD_OUT = (
    "zh_waiqi_mixed", "zh_web_print", "en_two_column_flow", "zh_trade_form", "en_short_dates", "zh_dense_contact",
    "photo_zh_trade_form", "scan_en_short_dates",
)  # fmt: skip
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_LEVELS = ["high_school", "associate", "bachelor", "master", "doctorate"]

# ---------------------------------------------------------------- places

_BIG = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆", "天津", "苏州"]
_MUNICIPALITIES = {"11", "12", "31", "50"}
_PEOPLES = ["柯尔克孜", "哈萨克", "蒙古", "布依", "土家", "景颇", "傈僳", "哈尼", "朝鲜", "回", "藏", "彝", "苗", "侗", "壮",
            "傣", "白", "羌", "黎", "瑶", "土", "仡佬", "水", "纳西", "拉祜", "佤", "普米", "怒", "独龙", "撒拉"]  # fmt: skip
_PROVINCE_EN = {"陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "西藏": "Tibet"}


def _short_province(name: str) -> str:
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _short_city(name: str) -> str:
    for suffix in ("自治州", "地区", "盟", "市"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    stripped = True
    while stripped:
        stripped = False
        for people in _PEOPLES:
            for ending in (people + "族", people):
                if name.endswith(ending) and len(name) - len(ending) >= 2:
                    name, stripped = name[: -len(ending)], True
                    break
            if stripped:
                break
    return name


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).capitalize()


@cache
def _places() -> tuple[list[dict], dict[str, dict]]:
    """Every prefecture of the division list (municipalities once), with its districts and English names."""
    import cpca

    rows = list(csv.DictReader((Path(cpca.__file__).parent / "resources" / "adcodes.csv").open(encoding="utf-8")))
    names = {row["adcode"]: row["name"] for row in rows}
    districts: dict[str, list[str]] = {}
    for code, name in names.items():
        if code[4:6] != "00" and code[6:] == "000000" and name.endswith(("区", "县", "市")) and name != "市辖区":
            key = code[:2] if code[:2] in _MUNICIPALITIES else code[:4]
            districts.setdefault(key, []).append(name)
    listed = []
    for code, name in sorted(names.items()):
        province_code = code[:2] + "0000000000"
        if code[:2] in ("71", "81", "82") or province_code not in names:
            continue
        province = _short_province(names[province_code])
        if code[:2] in _MUNICIPALITIES:
            if code != province_code:
                continue
            city, city_full, key = province, name, code[:2]
        elif code[2:4] != "00" and code[4:] == "00000000" and name.endswith(("市", "自治州", "地区", "盟")):
            city, city_full, key = _short_city(name), name, code[:4]
        else:
            continue
        province_en = _PROVINCE_EN.get(province, _pinyin(province))
        listed.append({
            "province": province, "province_full": names[province_code], "city": city, "city_full": city_full,
            "districts": sorted(districts.get(key, [])), "province_en": province_en, "city_en": _pinyin(city),
        })  # fmt: skip
    return listed, {place["city"]: place for place in listed}


# ---------------------------------------------------------------- pools (written for this family)

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷"
    "施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜詹关苗凌费纪"
    "靳盛童欧甄项曲成游阳裴席卫查屈鲍位霍翁隋植甘景薄单包司柏宁柯阮桂闵解强华车冉房"
)
_GIVEN_F = ["雨桐", "思琪", "梦瑶", "晓雯", "佳怡", "婧", "蕾", "欣然", "慧敏", "丹丹", "玉兰", "秀梅", "若曦", "诗涵", "雅婷",
            "艳红", "倩", "璐", "一诺", "海燕", "春花", "菁", "琳", "梓萱", "晴"]  # fmt: skip
_GIVEN_M = ["浩然", "子轩", "俊杰", "志强", "建国", "宇航", "文博", "晨", "鹏飞", "海涛", "立新", "振华", "一鸣", "家豪", "明轩",
            "德胜", "旭", "锐", "天佑", "国栋", "永康", "凯", "博文", "思远", "嘉诚"]  # fmt: skip
_EN_GIVEN_F = ["Vivian", "Cathy", "Iris", "Joanna", "Stella", "Wendy", "Cherry", "Fiona", "Yvonne", "Selina"]
_EN_GIVEN_M = ["Leo", "Frank", "Vincent", "Oscar", "Allen", "Terry", "Bruce", "Ryan", "Sean", "Dennis"]
_DOMAINS = ["163.com", "126.com", "qq.com", "foxmail.com", "sina.com", "outlook.com", "gmail.com", "yeah.net", "139.com"]

# Office tracks: (category, titles zh by seniority, titles en, wishes zh, wishes en, pay base, majors (zh, en, degree en),
# employers (zh, en), skills, extras (not vocabulary), duties zh, duties en).
_OFFICE = [
    (
        "engineering",
        ["软件工程师", "高级软件工程师", "技术专家"],
        ["Software Engineer", "Senior Software Engineer", "Staff Engineer"],
        ["后端开发工程师", "Java开发工程师"],
        ["Backend Engineer", "Senior Backend Developer"],
        16000,
        [("计算机科学与技术", "Computer Science", "Engineering"), ("软件工程", "Software Engineering", "Engineering")],
        [
            ("思爱普（北京）软件系统有限公司", "SAP Labs China Co., Ltd."),
            ("博世汽车部件（苏州）有限公司", "Bosch Automotive Products (Suzhou) Co., Ltd."),
            ("微创软件股份有限公司", "Wicresoft Co., Ltd."),
            ("纬创资通（昆山）有限公司", "Wistron InfoComm (Kunshan) Co., Ltd."),
            ("埃森哲（中国）有限公司大连分公司", "Accenture (China) Co., Ltd. Dalian Branch"),
        ],
        ["java", "spring", "mysql", "redis", "linux", "docker", "kubernetes", "python", "go"],
        ["Git", "Maven", "Nginx", "Jenkins"],
        [
            "负责订单结算服务的接口设计与代码评审",
            "把单体应用拆分为若干独立部署的服务，发布周期从两周缩短到两天",
            "排查线上慢请求，梳理调用链并补齐监控告警",
            "编写接口文档，配合测试同事完成回归",
        ],
        [
            "Designed the settlement service APIs and reviewed teammates' code",
            "Split a monolith into independently deployed services, cutting the release cycle from two weeks to two days",
            "Traced slow requests in production and added alerting",
            "Wrote interface documents and supported regression rounds",
        ],
    ),
    (
        "data",
        ["数据专员", "数据分析师", "高级数据分析师"],
        ["Data Specialist", "Data Analyst", "Senior Data Analyst"],
        ["数据分析师", "商业分析师"],
        ["Data Analyst", "Business Intelligence Analyst"],
        13000,
        [("统计学", "Statistics", "Science"), ("信息管理与信息系统", "Information Management", "Management")],
        [
            ("尼尔森市场研究（上海）有限公司", "Nielsen (Shanghai) Market Research Co., Ltd."),
            ("欧莱雅（中国）有限公司", "L'Oréal (China) Co., Ltd."),
            ("益普索（中国）咨询有限公司", "Ipsos (China) Consulting Co., Ltd."),
            ("安永（中国）企业咨询有限公司", "Ernst & Young (China) Advisory Ltd."),
        ],
        ["sql", "python", "excel", "tableau", "power_bi", "data_analysis", "statistics"],
        ["SPSS", "SAS", "R语言"],
        [
            "搭建门店周报看板，口径统一后各区域按同一张表复盘",
            "为会员分层出具月度报告，支持促销活动的选品决策",
            "梳理埋点方案并与研发核对字段含义",
            "定期向业务负责人汇报关键指标的异动原因",
        ],
        [
            "Built the weekly store dashboard so every region reviews the same figures",
            "Produced monthly member segmentation reports that informed promotion choices",
            "Mapped the tracking plan and checked field meanings with developers",
            "Explained shifts in key figures to business owners every week",
        ],
    ),
    (
        "product",
        ["产品助理", "产品经理", "高级产品经理"],
        ["Product Assistant", "Product Manager", "Senior Product Manager"],
        ["产品经理", "B端产品经理"],
        ["Product Manager", "Product Owner"],
        15000,
        [("工业设计", "Industrial Design", "Engineering"), ("电子商务", "E-Commerce", "Management")],
        [
            ("飞利浦（中国）投资有限公司", "Philips (China) Investment Co., Ltd."),
            ("宜家贸易服务（中国）有限公司", "IKEA Trading (China) Ltd."),
            ("西门子（中国）有限公司", "Siemens Ltd., China"),
            ("联合利华（中国）有限公司", "Unilever (China) Co., Ltd."),
        ],
        ["product_management", "figma", "ux_research", "project_management"],
        ["Axure", "Visio", "XMind"],
        [
            "主导售后工单系统的改版，从需求调研到上线全程跟进",
            "撰写需求文档与原型，组织评审并排定版本计划",
            "每月走访一线门店，收集使用中的问题并排定优先级",
            "与研发、设计、运营协作推进迭代",
        ],
        [
            "Led the redesign of the repair ticket system from discovery to launch",
            "Wrote requirement documents and prototypes and ran the review meetings",
            "Visited stores monthly to collect problems and rank them",
            "Worked with engineers, designers and operators on each release",
        ],
    ),
    (
        "sales",
        ["客户代表", "客户经理", "大客户经理"],
        ["Account Executive", "Account Manager", "Key Account Manager"],
        ["大客户经理", "区域经理"],
        ["Key Account Manager", "Regional Account Manager"],
        12000,
        [("国际经济与贸易", "International Trade", "Economics"), ("工商管理", "Business Administration", "Management")],
        [
            ("3M中国有限公司", "3M China Ltd."),
            ("施耐德电气（中国）有限公司", "Schneider Electric (China) Co., Ltd."),
            ("雀巢（中国）有限公司", "Nestlé (China) Ltd."),
            ("巴斯夫（中国）有限公司", "BASF (China) Co., Ltd."),
        ],
        ["sales", "negotiation", "customer_service", "marketing", "english", "excel"],
        ["CRM系统", "Salesforce"],
        [
            "维护华中区域四十余家经销商，年度回款达成率稳定在百分之一百以上",
            "开拓两家新的汽车零部件客户并签订框架协议",
            "组织季度客户拜访计划，跟进报价与合同条款",
            "协调仓储与财务，处理账期与退换货问题",
        ],
        [
            "Looked after forty-odd distributors in central China, collecting over 100% of the yearly target",
            "Opened two new auto-parts customers and signed frame agreements",
            "Planned quarterly customer visits and followed up quotations and contract terms",
            "Worked with the warehouse and finance teams on credit terms and returns",
        ],
    ),
    (
        "finance",
        ["会计", "财务分析师", "财务经理"],
        ["Accountant", "Financial Analyst", "Finance Manager"],
        ["财务经理", "财务分析师"],
        ["Finance Manager", "FP&A Analyst"],
        12000,
        [
            ("会计学", "Accounting", "Management"),
            ("财务管理", "Financial Management", "Management"),
            ("金融学", "Finance", "Economics"),
        ],
        [
            ("德勤华永会计师事务所（特殊普通合伙）", "Deloitte Touche Tohmatsu CPA Ltd."),
            ("爱普生（中国）有限公司", "Epson (China) Co., Ltd."),
            ("松下电器（中国）有限公司", "Panasonic Corporation of China"),
            ("米其林（中国）投资有限公司", "Michelin (China) Investment Co., Ltd."),
        ],
        ["accounting", "financial_analysis", "tax", "auditing", "excel", "english"],
        ["SAP FICO", "用友U8", "金蝶K3"],
        [
            "负责月结与年结，按时出具管理报表",
            "编制年度预算并逐月跟踪费用差异",
            "配合外部机构完成年度检查，整理底稿",
            "优化报销流程，单据处理时间缩短三成",
        ],
        [
            "Closed the books monthly and yearly and issued management reports on time",
            "Prepared the annual budget and tracked cost variances every month",
            "Supported the external year-end review and prepared working papers",
            "Simplified expense claims, cutting processing time by a third",
        ],
    ),
    (
        "hr",
        ["人事专员", "HRBP", "人力资源经理"],
        ["HR Specialist", "HR Business Partner", "HR Manager"],
        ["HRBP", "人力资源经理"],
        ["HR Business Partner", "HR Manager"],
        11000,
        [("人力资源管理", "Human Resource Management", "Management"), ("心理学", "Psychology", "Science")],
        [
            ("强生（中国）有限公司", "Johnson & Johnson (China) Ltd."),
            ("拜耳（中国）有限公司", "Bayer (China) Ltd."),
            ("华润万家有限公司", "China Resources Vanguard Co., Ltd."),
            ("上海外服（集团）有限公司", "Shanghai FSG Co., Ltd."),
        ],
        ["recruiting", "training", "payroll", "communication", "office"],
        ["北森系统", "Workday"],
        [
            "支持研发中心三百人规模的人事工作，处理入转调离",
            "搭建新员工入职流程，试用期流失率明显下降",
            "组织年度绩效校准会议并整理结果",
            "处理员工关系个案，配合法务完善制度",
        ],
        [
            "Supported a 300-person R&D centre through hiring moves, transfers and exits",
            "Built the onboarding process, lowering probation-period turnover",
            "Ran the yearly performance calibration meetings",
            "Handled employee relations cases with the legal team",
        ],
    ),
    (
        "operations",
        ["供应链专员", "供应链主管", "供应链经理"],
        ["Supply Chain Specialist", "Supply Chain Supervisor", "Supply Chain Manager"],
        ["供应链经理", "计划经理"],
        ["Supply Chain Manager", "Planning Manager"],
        12000,
        [("物流工程", "Logistics Engineering", "Engineering"), ("工业工程", "Industrial Engineering", "Engineering")],
        [
            ("马士基（中国）航运有限公司", "Maersk (China) Shipping Co., Ltd."),
            ("德迅（中国）货运代理有限公司", "Kuehne + Nagel Ltd."),
            ("博世力士乐（常州）有限公司", "Bosch Rexroth (Changzhou) Co., Ltd."),
            ("佳能（苏州）有限公司", "Canon (Suzhou) Inc."),
        ],
        ["supply_chain", "logistics", "procurement", "lean", "excel", "english"],
        ["SAP MM", "WMS"],
        [
            "制定月度需求计划，成品库存周转天数由四十五天降到三十天",
            "对接海外工厂与承运商，跟进进口清关进度",
            "牵头供应商季度评审，推动两家替代来源导入",
            "梳理仓库作业标准并组织现场改善",
        ],
        [
            "Set the monthly demand plan, bringing finished-goods stock days from 45 to 30",
            "Coordinated overseas plants and carriers on import clearance",
            "Led quarterly supplier reviews and brought in two second sources",
            "Wrote warehouse work standards and ran shop-floor improvement rounds",
        ],
    ),
]

# Trade tracks for the trade form: (category or None, titles zh, wishes zh, pay base, education (level, major or None),
# employers, skills, extras, certificates (text, id or None), duties).
_TRADE = [
    (
        None,
        ["护士", "护师", "主管护师"],
        ["护士", "护理组长"],
        6500,
        [("associate", "护理"), ("bachelor", "护理学")],
        ["{city_shi}第一人民医院", "{city_shi}中医院", "{city}爱尔眼科医院有限公司", "{city_shi}妇幼保健院"],
        ["nursing", "customer_service"],
        ["静脉穿刺", "心肺复苏"],
        [("护士执业证书", None), ("BLS基础生命支持证书", None)],
        [
            "负责普外科病区二十张床位的日常照护与交接班",
            "执行医嘱，按时完成输液、换药和生命体征记录",
            "参与科室院感质控检查，病历书写合格率百分之百",
            "指导患者术后康复与出院随访",
        ],
    ),
    (
        None,
        ["小学语文教师", "语文教研组长"],
        ["小学语文教师", "语文老师"],
        6000,
        [("bachelor", "汉语言文学"), ("associate", "小学教育")],
        ["{city_shi}实验小学", "{city_shi}第二实验小学", "{city_shi}育才学校", "{city}新东方培训学校有限公司"],
        ["teaching", "communication", "office"],
        ["普通话二级甲等", "课件制作"],
        [("教师资格证（小学语文）", None), ("普通话水平测试二级甲等证书", None)],
        [
            "担任三年级班主任，所带班级连续两年获评优秀班集体",
            "承担两个班的语文课，组织晨读和课外阅读活动",
            "参与区级公开课两次，获二等奖",
            "与家长保持每周联系，跟进学困生的学习进度",
        ],
    ),
    (
        None,
        ["焊工", "焊接班长"],
        ["电焊工", "氩弧焊工"],
        8000,
        [("high_school", None), ("associate", "焊接技术与自动化")],
        ["{city}重型机械有限公司", "中建钢构{city}有限公司", "{city}船舶重工有限责任公司", "{city}锅炉压力容器制造有限公司"],
        ["quality_control", "cad"],
        ["氩弧焊", "二氧化碳保护焊", "看懂图纸"],
        [("特种作业操作证（熔化焊接与热切割）", None), ("焊工证", None)],
        [
            "负责钢结构构件的二保焊与氩弧焊作业，一次探伤合格率百分之九十八以上",
            "按图纸下料、组对，配合班组完成节点焊接",
            "日常点检焊机与气瓶，保持作业区整洁安全",
            "带两名学徒，讲解焊缝成形要点",
        ],
    ),
    (
        "sales",
        ["导购员", "店长助理", "店长"],
        ["导购", "门店店长"],
        6000,
        [("high_school", None), ("associate", "市场营销")],
        ["{city}万达广场优衣库门店", "苏宁易购集团股份有限公司{city}分公司", "{city}银泰百货有限公司", "海澜之家{city}专卖店"],
        ["sales", "customer_service", "communication"],
        ["收银系统", "商品陈列"],
        [("健康证", None), ("C1驾驶证", "driving")],
        [
            "接待进店顾客，介绍新品并完成开单收银",
            "负责女装区的陈列调整与库存盘点",
            "节假日活动期间单日业绩排名门店第一",
            "处理退换货与会员积分登记",
        ],
    ),
    (
        "operations",
        ["货车司机", "车队长"],
        ["货车司机", "物流司机"],
        7500,
        [("high_school", None)],
        ["顺丰速运（{city}）有限公司", "{city}德邦物流有限公司", "京东物流{city}分拨中心", "{city}中通快递有限公司"],
        ["driving", "logistics"],
        ["车辆日常保养", "GPS导航"],
        [("A2驾驶证", "driving"), ("道路运输从业资格证（货运）", None)],
        [
            "负责{city}至周边城市的干线运输，年行程十二万公里无事故",
            "出车前检查车况，按时完成交接签收",
            "配合调度安排夜间班次，准点率百分之九十九",
            "保管随车单据，月底核对油耗",
        ],
    ),
    (
        "finance",
        ["出纳", "会计", "主办会计"],
        ["会计", "主办会计"],
        6500,
        [("associate", "会计"), ("bachelor", "财务管理")],
        ["{city}建工集团有限公司", "{city_shi}华联超市有限公司", "{city}永信会计师事务所有限公司", "{city}汇丰纺织有限公司"],
        ["accounting", "tax", "excel"],
        ["用友T3", "金蝶KIS", "点钞"],
        [("初级职称", None), ("C1驾驶证", "driving")],
        [
            "负责日常凭证录入与银行对账",
            "每月按时申报增值税和个人所得税",
            "编制月度资产负债表和利润表",
            "管理现金与票据，登记日记账",
        ],
    ),
    (
        "operations",
        ["仓管员", "仓库主管"],
        ["仓库主管", "仓管员"],
        6000,
        [("high_school", None), ("associate", "物流管理")],
        ["{city}百世供应链管理有限公司", "{city}日日顺物流有限公司", "{city}美的电器仓储中心", "{city}海尔智家仓储中心"],
        ["logistics", "supply_chain", "excel"],
        ["WMS系统", "叉车操作"],
        [("叉车证（N1）", None), ("C1驾驶证", "driving")],
        [
            "负责家电成品仓的收发货与库位管理",
            "每月组织盘点，账实相符率保持在百分之九十九点八",
            "安排装卸班组排班，旺季单日出库三千件",
            "整理出入库单据并录入系统",
        ],
    ),
]

_SKILL_SPELLINGS = {  # id: (zh spellings, en spellings) a reader takes for that skill
    "java": (["Java"], ["Java"]),
    "spring": (["Spring Boot", "Spring"], ["Spring Boot", "Spring Framework"]),
    "mysql": (["MySQL"], ["MySQL"]),
    "redis": (["Redis"], ["Redis"]),
    "linux": (["Linux"], ["Linux"]),
    "docker": (["Docker"], ["Docker"]),
    "kubernetes": (["Kubernetes", "K8s"], ["Kubernetes"]),
    "python": (["Python"], ["Python"]),
    "go": (["Go语言", "Golang"], ["Go", "Golang"]),
    "sql": (["SQL"], ["SQL"]),
    "excel": (["Excel", "Excel（函数、透视表）"], ["Excel", "MS Excel"]),
    "tableau": (["Tableau"], ["Tableau"]),
    "power_bi": (["Power BI"], ["Power BI"]),
    "data_analysis": (["数据分析"], ["Data analysis"]),
    "statistics": (["统计学"], ["Statistics"]),
    "product_management": (["产品管理"], ["Product management"]),
    "figma": (["Figma"], ["Figma"]),
    "ux_research": (["用户研究"], ["User research"]),
    "project_management": (["项目管理"], ["Project management"]),
    "sales": (["销售"], ["Sales"]),
    "negotiation": (["商务谈判"], ["Negotiation"]),
    "customer_service": (["客户服务"], ["Customer service"]),
    "marketing": (["市场营销"], ["Marketing"]),
    "english": (["英语（CET-6）", "英语六级", "英语"], ["English (fluent)", "English"]),
    "accounting": (["会计核算"], ["Accounting"]),
    "financial_analysis": (["财务分析"], ["Financial analysis"]),
    "tax": (["税务申报"], ["Tax"]),
    "auditing": (["审计"], ["Auditing"]),
    "recruiting": (["招聘"], ["Recruiting"]),
    "training": (["培训"], ["Training"]),
    "payroll": (["薪酬核算"], ["Payroll"]),
    "communication": (["沟通能力"], ["Communication"]),
    "office": (["Office办公软件", "办公软件"], ["Microsoft Office", "MS Office"]),
    "supply_chain": (["供应链管理"], ["Supply chain management"]),
    "logistics": (["物流管理"], ["Logistics"]),
    "procurement": (["采购"], ["Procurement"]),
    "lean": (["精益生产"], ["Lean manufacturing"]),
    "nursing": (["护理"], ["Nursing"]),
    "teaching": (["教学"], ["Teaching"]),
    "quality_control": (["质量控制"], ["Quality control"]),
    "cad": (["CAD制图"], ["CAD"]),
    "driving": (["驾驶"], ["Driving"]),
    "japanese": (["日语（N2）"], ["Japanese (JLPT N2)"]),
}

_SCHOOLS = [  # (zh, en)
    ("复旦大学", "Fudan University"),
    ("华中科技大学", "Huazhong University of Science and Technology"),
    ("中山大学", "Sun Yat-sen University"),
    ("山东大学", "Shandong University"),
    ("厦门大学", "Xiamen University"),
    ("东北财经大学", "Dongbei University of Finance and Economics"),
    ("西南交通大学", "Southwest Jiaotong University"),
    ("南京理工大学", "Nanjing University of Science and Technology"),
    ("郑州大学", "Zhengzhou University"),
    ("湖南大学", "Hunan University"),
    ("江南大学", "Jiangnan University"),
    ("上海对外经贸大学", "Shanghai University of International Business and Economics"),
    ("重庆邮电大学", "Chongqing University of Posts and Telecommunications"),
    ("兰州大学", "Lanzhou University"),
    ("暨南大学", "Jinan University"),
    ("北京交通大学", "Beijing Jiaotong University"),
]
_COLLEGES = [
    "{province}职业技术学院",
    "{city}卫生职业学院",
    "{city}师范高等专科学校",
    "{province}交通职业技术学院",
    "{city}职业技术学院",
]
_HIGH_SCHOOLS = ["{city_shi}第三中学", "{city_shi}第一中学", "{city_shi}实验中学", "{city_shi}第八中学"]
_SELF_ZH = [
    "做事踏实，肯吃苦，服从安排",
    "性格开朗，责任心强，能适应倒班",
    "学习能力强，注重细节，愿意从基层做起",
    "为人诚恳，工作认真负责，有较强的抗压能力",
]
_SELF_EN = [
    "Steady, careful and happy to own a problem end to end.",
    "Calm under deadlines; I like turning messy processes into routines.",
    "Curious, reliable and quick to pick up a new domain.",
]
_INTERN_ZH = ["协助整理资料与会议纪要", "参与日常报表的整理与核对", "跟随导师完成专题调研"]
_INTERN_EN = [
    "Helped prepare documents and meeting notes",
    "Checked and filed the daily reports",
    "Joined a research project with my mentor",
]


# ---------------------------------------------------------------- people


def _city_shi(place: dict) -> str:
    """The city as a name in an institution's title: "襄阳市", but "西双版纳" for a prefecture that is no 市."""
    return place["city_full"] if place["city_full"].endswith("市") else place["city"]


def _month(ym: int) -> tuple[int, int]:
    return ym // 12, ym % 12 + 1


def _phone(rng: random.Random) -> str:
    return rng.choice(["13", "15", "18", "17", "19"]) + str(rng.randint(0, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))


def person(rng: random.Random, english: bool, today) -> dict:
    """One person: name, contact, residence and what the page will show; the career is settled per layout."""
    listed, by_city = _places()
    place = by_city[rng.choice(_BIG)] if rng.random() < 0.25 else rng.choice(listed)
    gender = rng.choice("FM")
    surname = rng.choice(_SURNAMES)
    given = rng.choice(_GIVEN_F if gender == "F" else _GIVEN_M)
    zh_name = surname + given
    sur_py, given_py = _pinyin(surname), _pinyin(given)
    en_given = rng.choice(_EN_GIVEN_F if gender == "F" else _EN_GIVEN_M)
    en_name = rng.choice([f"{given_py} {sur_py}", f"{sur_py.upper()} {given_py}", f"{sur_py} {given_py}",
                          f"{en_given} {sur_py}", f"{en_given} {given_py} {sur_py}"])  # fmt: skip
    handle = rng.choice([
        given_py.lower() + "." + sur_py.lower(), sur_py.lower() + given_py.lower()[:1] + str(rng.randint(80, 99)),
        en_given.lower() + "_" + sur_py.lower(), str(rng.randint(10_000_000, 999_999_999)),
    ])  # fmt: skip
    domain = rng.choice(_DOMAINS[:6] if not handle.isdigit() else ["qq.com"])
    phone = _phone(rng) if rng.random() < 0.94 else None
    p = {
        "full_name": en_name if english else zh_name,
        "phone": phone,
        "contact_email": f"{handle}@{domain}" if rng.random() < 0.9 or phone is None else None,
        "_english": english,
        "_place": place,
        "_district": rng.choice(place["districts"]) if place["districts"] else None,
        "_age": rng.randint(24, 50),
        "_fresh": rng.random() < 0.12,
        "_show": {
            "birth": rng.random() < (0.45 if english else 0.7),
            "gender": rng.random() < (0.2 if english else 0.75),
            "city": rng.random() < 0.85,
            "wish": rng.random() < 0.8,
            "pay": rng.random() < 0.75,
            "birth_month": rng.random() < 0.5,
        },
        "_gender": gender,
        "_career_seed": rng.getrandbits(48),
        "_today": today,
    }
    p["gender"] = gender if p["_show"]["gender"] else None
    p["province"] = place["province"] if p["_show"]["city"] else None
    p["city"] = place["city"] if p["_show"]["city"] else None
    _settle(p, "office", "en" if english else "zh")
    return p


def _settle(p: dict, kind: str, wording: str) -> None:
    """The career (education, jobs, skills, wish and pay) for a kind of work in a wording, and its truth."""
    rng = random.Random(p["_career_seed"] * 4 + (kind == "trade") * 2 + (wording == "en"))
    today = p["_today"]
    now = today.year * 12 + today.month - 1
    place = p["_place"]
    zh = wording == "zh"
    if kind == "trade":
        category, titles, wishes, pay_base, educations, employers, skills, extras, certs, duties = rng.choice(_TRADE)
        titles_shown, wishes_shown = titles, wishes
        level, major = rng.choice(educations)
        major_en = None
        employers = [e.format(city=place["city"], city_shi=_city_shi(place)) for e in employers]
        duties = [d.format(city=place["city"]) for d in duties]
    else:
        track = rng.choice(_OFFICE)
        category, titles_zh, titles_en, wishes_zh, wishes_en, pay_base, majors, pairs, skills, extras, duties_zh, duties_en = (
            track
        )
        titles_shown = titles_zh if zh else titles_en
        wishes_shown = wishes_zh if zh else wishes_en
        level = rng.choices(["associate", "bachelor", "master", "doctorate"], [1, 6, 3, 0.3])[0]
        major, major_en, _degree = rng.choice(majors)
        employers = [zh_name if zh else en for zh_name, en in pairs]
        duties = duties_zh if zh else duties_en
        certs = []
    grad_age = {"high_school": 18, "associate": 21, "bachelor": 22, "master": 25, "doctorate": 28}[level]
    if p["_fresh"]:
        grad = (today.year if today.month >= 7 else today.year - 1) * 12 + 5
        birth_year = grad // 12 - grad_age
    else:
        birth_year = today.year - max(p["_age"], grad_age + 3)
        grad = (birth_year + grad_age) * 12 + 5
    stages = []
    end = grad
    for stage_level in _LEVELS[_LEVELS.index(level) :: -1]:
        if stage_level == "high_school" and level != "high_school":
            break
        length = {"high_school": 36, "associate": 36, "bachelor": 48, "master": 36, "doctorate": 48}[stage_level]
        if stage_level == "associate" and level != "associate":
            continue
        stages.append({"level": stage_level, "start": end - length + 3, "end": end})
        end = end - length
    stages.reverse()
    for stage in stages:
        if stage["level"] == "high_school":
            stage["school"] = rng.choice(_HIGH_SCHOOLS).format(city_shi=_city_shi(place))
            stage["school_en"] = f"{place['city_en']} No. {rng.choice([1, 3, 8])} Middle School"
        elif stage["level"] == "associate":
            stage["school"] = rng.choice(_COLLEGES).format(city=place["city"], province=place["province"])
            stage["school_en"] = f"{place['city_en']} Vocational and Technical College"
        else:
            stage["school"], stage["school_en"] = rng.choice(_SCHOOLS)
        stage["major"], stage["major_en"] = major, major_en
    jobs = []
    if rng.random() < (0.9 if p["_fresh"] else 0.35) and level != "high_school":
        start = grad - rng.randint(6, 11)
        jobs.append({"intern": True, "start": start, "end": start + rng.randint(2, 4)})
        if p["_fresh"] and rng.random() < 0.5:
            start = min(grad + rng.randint(0, 2), now - 3)
            jobs.append({"intern": True, "start": start, "end": min(start + 3, now)})
    if not p["_fresh"]:
        start = grad + rng.randint(1, 6)
        wanted = rng.randint(1, 4)
        step = 0
        while True:
            length = rng.randint(10, 54)
            last = step == wanted - 1 or start + length + 8 >= now
            jobs.append({"intern": False, "start": start, "end": None if last else start + length})
            if last:
                break
            step += 1
            start = min(start + length + rng.choice([0, 0, 1, 2, 3, 5, 11]), now - 2)
    employers = rng.sample(employers, len(employers))
    served = 0  # full-time months before the job: its title's seniority
    for index, job in enumerate(jobs):
        job["employer"] = employers[index % len(employers)]
        if job["intern"]:
            base = titles_shown[0]
            job["title"] = (base + "实习生") if zh else f"{base} Intern"
            job["duties"] = rng.sample(_INTERN_ZH if zh else _INTERN_EN, 2)
        else:
            held = (now if job["end"] is None else job["end"]) - job["start"]
            job["title"] = titles_shown[min((served + held // 2 + rng.randint(0, 24)) // 54, len(titles_shown) - 1)]
            served += held
            job["duties"] = rng.sample(duties, rng.randint(2, 3))
    full_time = [job for job in jobs if not job["intern"]]
    months = sum((now if job["end"] is None else job["end"]) - job["start"] for job in full_time)
    show = p["_show"]
    wish = rng.choice(wishes_shown) if show["wish"] else None
    raise_a_year = 250 if kind == "trade" else 900
    amount = max(5000, (pay_base + raise_a_year * (months // 12) + rng.randint(-2, 3) * 500) // 1000 * 1000)
    pay_text, pay = (_pay_zh if zh else _pay_en)(min(amount, 60000), rng) if show["pay"] else (None, None)
    chosen = rng.sample(skills, min(len(skills), rng.randint(2, 5)))
    if kind == "office" and "english" not in chosen and rng.random() < 0.5:
        chosen.append("english")
    if kind == "office" and rng.random() < 0.15:
        chosen.append("japanese")
    spelled = [(skill, rng.choice(_SKILL_SPELLINGS[skill][0 if zh else 1])) for skill in chosen]
    shown_certs = rng.sample(certs, min(len(certs), rng.randint(1, 2))) if certs else []
    p.update({
        "_kind": kind, "_wording": wording, "_jobs": jobs, "_stages": stages, "_skills_shown": spelled,
        "_extras": rng.sample(extras, rng.randint(0, min(2, len(extras)))) if zh else [e for e in extras if e.isascii()][:1],
        "_certs": shown_certs, "_pay_text": pay_text,
        "_self": rng.choice(_SELF_ZH if zh else _SELF_EN), "_birth_month": rng.randint(1, 12),
    })  # fmt: skip
    top = stages[-1]
    p["birth_year"] = birth_year if show["birth"] else None
    p["education_level"] = top["level"]
    p["field_of_study"] = None if top["level"] == "high_school" else (top["major"] if zh else top["major_en"])
    p["years_experience"] = months // 12
    p["current_employer"] = full_time[-1]["employer"] if full_time else None
    p["current_title"] = full_time[-1]["title"] if full_time else None
    p["desired_role"] = wish
    p["role_category"] = category if (full_time or wish) else None
    p["expected_salary"] = pay
    p["skills"] = sorted({skill for skill, _ in spelled} | {cert_id for _, cert_id in shown_certs if cert_id})


def _pay_zh(amount: int, rng: random.Random) -> tuple[str, int | None]:
    high = amount + rng.choice([2000, 3000, 5000])
    form = rng.randrange(7)
    if form == 2 and amount < 10000:
        form = 0
    if form == 0:
        return f"{amount}-{high}元/月", amount
    if form == 1:
        return f"{amount // 1000}K-{high // 1000}K", amount
    if form == 2:
        return f"{amount / 10000:g}-{high / 10000:g}万/月", amount
    if form == 3:
        yearly = amount * 12 // 10000
        return f"年薪{yearly}万", round(yearly * 10000 / 12)
    if form == 4:
        return f"{amount // 1000}K×{rng.choice([13, 14, 15])}薪", amount
    if form == 5:
        return f"{amount}元/月以上", amount
    return "面议", None


def _pay_en(amount: int, rng: random.Random) -> tuple[str, int | None]:
    high = amount + rng.choice([2000, 3000, 5000])
    form = rng.randrange(5)
    if form == 0:
        return f"RMB {amount:,}–{high:,} per month", amount
    if form == 1:
        return f"CNY {amount // 1000}k+/month", amount
    if form == 2:
        yearly = amount * 12 // 1000
        return f"RMB {yearly}k per year", round(yearly * 1000 / 12)
    if form == 3:
        return f"¥{amount:,}/mo", amount
    return "Negotiable", None


def _fit(p: dict, layout: str) -> None:
    """Settle the person's career in the wording the layout writes it in (the truth follows)."""
    base = layout.split("_", 1)[1] if layout.startswith(("scan_", "photo_")) else layout
    kind = "trade" if base == "zh_trade_form" else "office"
    wording = "en" if base.startswith("en_") or base == "zh_waiqi_mixed" else "zh"
    if (p["_kind"], p["_wording"]) != (kind, wording):
        _settle(p, kind, wording)


def formats(layout: str) -> tuple[str, ...]:
    if layout.startswith("scan_"):
        return ("pdf",)
    if layout.startswith("photo_"):
        return ("jpg", "png")
    return {"zh_web_print": ("pdf",), "en_two_column_flow": ("pdf", "docx")}.get(layout, ("pdf", "docx", "txt"))


# ---------------------------------------------------------------- wording shared by the layouts

_EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_EN_MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                   "November", "December"]  # fmt: skip


def _zh_ym(ym: int, style: int) -> str:
    year, month = _month(ym)
    return [f"{year}.{month:02d}", f"{year}年{month}月", f"{year}/{month:02d}", f"{year}-{month:02d}"][style]


def _zh_span(job: dict, style: int) -> str:
    end = "至今" if job["end"] is None else _zh_ym(job["end"], style)
    return f"{_zh_ym(job['start'], style)}—{end}" if style == 1 else f"{_zh_ym(job['start'], style)} - {end}"


def _en_ym(ym: int, style: int) -> str:
    year, month = _month(ym)
    if style == 0:
        return f"{_EN_MONTHS[month - 1]} '{year % 100:02d}"
    if style == 1:
        return f"{'Sept' if month == 9 else _EN_MONTHS[month - 1]} {year}"
    if style == 2:
        return f"{month:02d}/{year}"
    if style == 3:
        return f"{_EN_MONTHS[month - 1]}{'' if month == 5 else '.'} {year}"
    return f"{_EN_MONTHS_FULL[month - 1]} {year}"


def _en_span(job: dict, style: int, rng: random.Random) -> str:
    start = _en_ym(job["start"], style)
    if job["end"] is not None:
        return f"{start} – {_en_ym(job['end'], style)}"
    end = rng.choice(["to date", "– present", "– Present", "– now"])
    return f"{start} {end}"


def _phone_shown(phone: str, rng: random.Random) -> str:
    return rng.choice([phone, f"{phone[:3]} {phone[3:7]} {phone[7:]}", f"{phone[:3]}-{phone[3:7]}-{phone[7:]}",
                       f"+86 {phone}", f"(+86) {phone[:3]}-{phone[3:7]}-{phone[7:]}"])  # fmt: skip


def _residence_zh(p: dict, rng: random.Random, dense: bool = False) -> str:
    place = p["_place"]
    district = p["_district"] or ""
    if place["province"] == place["city"]:
        return f"{place['city_full']}{district}"
    if dense:
        return f"{place['city_full']}{district}"
    return rng.choice([f"{place['province_full']}{place['city_full']}", f"{place['province']}·{place['city']}",
                       f"{place['province_full']}{place['city_full']}{district}"])  # fmt: skip


def _residence_en(p: dict) -> str:
    place = p["_place"]
    if place["province"] == place["city"]:
        return f"{place['city_en']}, China"
    return f"{place['city_en']}, {place['province_en']}, China"


def _birth_zh(p: dict) -> str:
    return f"{p['birth_year']}年{p['_birth_month']}月" if p["_show"]["birth_month"] else f"{p['birth_year']}年"


def _skills_zh(p: dict) -> list[str]:
    return [spelling for _, spelling in p["_skills_shown"]] + p["_extras"]


def _degree_zh(level: str) -> str:
    return {"high_school": "高中", "associate": "大专", "bachelor": "本科", "master": "硕士研究生", "doctorate": "博士研究生"}[
        level
    ]


def _degree_en(stage: dict) -> str:
    name = {"associate": "Associate Degree", "bachelor": "Bachelor", "master": "Master", "doctorate": "PhD"}[stage["level"]]
    return f"{name}, {stage['major_en']}" if stage["major_en"] else name


# ---------------------------------------------------------------- layouts: each returns a list of blocks
# ("name", text) · ("line", text) · ("head", text) · ("bullet", text) · ("row", [cells]) · ("gap", "")


def _waiqi(p: dict, rng: random.Random) -> list:
    blocks = [("name", p["full_name"])]
    info = []
    if p["gender"]:
        info.append(f"性别：{'女' if p['gender'] == 'F' else '男'}")
    if p["birth_year"]:
        info.append(f"出生年月：{_birth_zh(p)}")
    if p["city"]:
        info.append(f"现居：{_residence_zh(p, rng)}")
    if p["phone"]:
        info.append(f"手机：{_phone_shown(p['phone'], rng)}")
    if p["contact_email"]:
        info.append(f"Email：{p['contact_email']}")
    blocks += [("head", "个人信息")] + [("line", item) for item in info]
    if p["desired_role"] or p["_pay_text"]:
        blocks.append(("head", "求职意向"))
        if p["desired_role"]:
            blocks.append(("line", f"Position: {p['desired_role']}"))
        if p["_pay_text"]:
            blocks.append(("line", f"Expected salary: {p['_pay_text']}"))
    blocks += [("head", "个人简介"), ("line", p["_self"])]
    blocks.append(("head", "工作经历"))
    style = rng.randrange(5)
    for job in reversed(p["_jobs"]):
        blocks.append(("line", f"{_en_span(job, style, rng)} | {job['title']} | {job['employer']}"))
        blocks += [("bullet", duty) for duty in job["duties"]]
    blocks.append(("head", "教育背景"))
    for stage in reversed(p["_stages"]):
        start, end = _month(stage["start"])[0], _month(stage["end"])[0]
        blocks.append(("line", f"{start} - {end}  {stage['school_en'] or stage['school']}  {_degree_en(stage)}"))
    blocks.append(("head", "专业技能"))
    blocks.append(("line", "Skills: " + ", ".join(spelling for _, spelling in p["_skills_shown"])))
    if p["_extras"]:
        blocks.append(("line", "Tools: " + ", ".join(p["_extras"])))
    return blocks


def _chinese_body(p: dict, rng: random.Random, style: int) -> list:
    """Jobs, education, skills and self-evaluation in Chinese (the web print and the dense-contact resume)."""
    blocks = [("head", "工作经历")]
    for job in reversed(p["_jobs"]):
        blocks.append(("line", f"{_zh_span(job, style)}　{job['employer']}　{job['title']}"))
        blocks += [("bullet", duty) for duty in job["duties"]]
    blocks.append(("head", "教育经历"))
    for stage in reversed(p["_stages"]):
        major = f"　{stage['major']}" if stage["major"] else ""
        span = f"{_zh_ym(stage['start'], style)} - {_zh_ym(stage['end'], style)}"
        blocks.append(("line", f"{span}　{stage['school']}{major}　{_degree_zh(stage['level'])}"))
    blocks.append(("head", "专业技能"))
    blocks += [("bullet", skill) for skill in _skills_zh(p)]
    blocks += [("head", "自我评价"), ("line", p["_self"])]
    return blocks


def _web_print(p: dict, rng: random.Random) -> list:
    blocks = [("name", p["full_name"])]
    facts = []
    if p["gender"]:
        facts.append("女" if p["gender"] == "F" else "男")
    if p["birth_year"]:
        facts.append(f"{_birth_zh(p)}生")
    facts.append(_degree_zh(p["education_level"]))
    full_time = [job for job in p["_jobs"] if not job["intern"]]
    facts.append(f"{p['years_experience']}年工作经验" if p["years_experience"] else "1年以内工作经验" if full_time else "应届生")
    blocks.append(("line", " / ".join(facts)))
    if p["city"]:
        blocks.append(("line", f"现居住地：{_residence_zh(p, rng)}"))
    if p["phone"]:
        blocks.append(("line", f"联系电话：{_phone_shown(p['phone'], rng)}"))
    if p["contact_email"]:
        blocks.append(("line", f"电子邮箱：{p['contact_email']}"))
    if p["desired_role"] or p["_pay_text"]:
        blocks.append(("head", "求职意向"))
        if p["desired_role"]:
            blocks.append(("line", f"期望职位：{p['desired_role']}"))
        if p["_pay_text"]:
            blocks.append(("line", f"期望薪资：{p['_pay_text']}"))
        blocks.append(("line", f"工作性质：{rng.choice(['全职', '全职（可接受出差）'])}"))
    return blocks + _chinese_body(p, rng, rng.randrange(4))


def _dense(p: dict, rng: random.Random) -> list:
    sep = rng.choice([" | ", " · ", "｜"])
    parts = []
    if p["gender"]:
        parts.append("女" if p["gender"] == "F" else "男")
    if p["birth_year"]:
        parts.append(f"{p['birth_year']}年生")
    if p["phone"]:
        parts.append(_phone_shown(p["phone"], rng))
    if p["contact_email"]:
        parts.append(p["contact_email"])
    if p["city"]:
        parts.append(f"现居：{_residence_zh(p, rng, dense=True)}")
    blocks = [("name", p["full_name"]), ("line", sep.join(parts))]
    wish = [f"意向岗位：{p['desired_role']}"] if p["desired_role"] else []
    if p["_pay_text"]:
        wish.append(f"期望月薪：{p['_pay_text']}" if "年薪" not in p["_pay_text"] else f"期望：{p['_pay_text']}")
    if wish:
        blocks.append(("line", sep.join(["求职意向", *wish])))
    return blocks + _chinese_body(p, rng, rng.randrange(4))


def _trade(p: dict, rng: random.Random) -> list:
    blocks = [("name", f"{p['full_name']}　个人简历")]
    pairs = [("姓　　名", p["full_name"])]
    if p["gender"]:
        pairs.append(("性　　别", "女" if p["gender"] == "F" else "男"))
    if p["birth_year"]:
        pairs.append(("出生年月", _birth_zh(p)))
    pairs.append(("学　　历", _degree_zh(p["education_level"])))
    if p["phone"]:
        pairs.append(("联系电话", _phone_shown(p["phone"], rng)))
    if p["contact_email"]:
        pairs.append(("电子邮箱", p["contact_email"]))
    if p["city"]:
        pairs.append(("现住址", _residence_zh(p, rng)))
    if p["desired_role"]:
        pairs.append(("应聘岗位", p["desired_role"]))
    if p["_pay_text"]:
        pairs.append(("期望待遇", p["_pay_text"]))
    blocks.append(("head", "基本情况"))
    blocks += [("row", [label, value]) for label, value in pairs]
    blocks.append(("head", "教育经历"))
    blocks.append(("row", ["起止时间", "学校", "专业"]))
    for stage in reversed(p["_stages"]):
        span = f"{_zh_ym(stage['start'], 0)}-{_zh_ym(stage['end'], 0)}"
        blocks.append(("row", [span, stage["school"], stage["major"] or _degree_zh(stage["level"])]))
    blocks.append(("head", "工作经历"))
    blocks.append(("row", ["起止时间", "工作单位", "岗位"]))
    for job in reversed(p["_jobs"]):
        end = "至今" if job["end"] is None else _zh_ym(job["end"], 0)
        blocks.append(("row", [f"{_zh_ym(job['start'], 0)}-{end}", job["employer"], job["title"]]))
    blocks.append(("head", "主要工作内容"))
    newest = p["_jobs"][-1] if p["_jobs"] else None
    if newest:
        blocks += [("bullet", duty) for duty in newest["duties"]]
    if p["_certs"]:
        blocks.append(("head", "持有证书"))
        blocks += [("bullet", cert) for cert, _ in p["_certs"]]
    blocks.append(("head", "个人特长"))
    blocks.append(("line", "、".join(_skills_zh(p))))
    blocks += [("head", "自我评价"), ("line", p["_self"])]
    return blocks


def _short_dates(p: dict, rng: random.Random) -> list:
    blocks = [("name", p["full_name"])]
    contact = []
    if p["city"]:
        contact.append(_residence_en(p))
    if p["phone"]:
        contact.append(_phone_shown(p["phone"], rng))
    if p["contact_email"]:
        contact.append(p["contact_email"])
    blocks.append(("line", " • ".join(contact)))
    personal = []
    if p["birth_year"]:
        personal.append(f"Born {p['birth_year']}")
    if p["gender"]:
        personal.append("Female" if p["gender"] == "F" else "Male")
    if personal:
        blocks.append(("line", ", ".join(personal)))
    if p["desired_role"] or p["_pay_text"]:
        blocks.append(("head", "OBJECTIVE"))
        if p["desired_role"]:
            blocks.append(("line", f"Seeking a role as {p['desired_role']}"))
        if p["_pay_text"]:
            blocks.append(("line", f"Salary expectation: {p['_pay_text']}"))
    blocks.append(("head", "EXPERIENCE"))
    style = rng.randrange(5)
    for job in reversed(p["_jobs"]):
        blocks.append(("line", f"{job['title']}, {job['employer']}"))
        blocks.append(("line", _en_span(job, style, rng)))
        blocks += [("bullet", duty) for duty in job["duties"]]
    blocks.append(("head", "EDUCATION"))
    for stage in reversed(p["_stages"]):
        school = stage["school_en"] or _pinyin(stage["school"])
        blocks.append(
            ("line", f"{_degree_en(stage)} — {school}, {_en_ym(stage['start'], style)} – {_en_ym(stage['end'], style)}")
        )
    blocks.append(("head", "SKILLS"))
    blocks.append(("line", "; ".join([spelling for _, spelling in p["_skills_shown"]] + p["_extras"])))
    return blocks


def _two_column(p: dict, rng: random.Random) -> tuple[list, list]:
    left = [("head", "CONTACT")]
    if p["phone"]:
        left.append(("line", _phone_shown(p["phone"], rng)))
    if p["contact_email"]:
        left.append(("line", p["contact_email"]))
    if p["city"]:
        place = p["_place"]
        left.append(
            ("line", place["city_en"] if place["city"] == place["province"] else f"{place['city_en']}, {place['province_en']}")
        )
    if p["birth_year"]:
        left.append(("line", f"Born: {p['birth_year']}"))
    if p["gender"]:
        left.append(("line", f"Gender: {'Female' if p['gender'] == 'F' else 'Male'}"))
    left.append(("head", "SKILLS"))
    languages = [spelling for skill, spelling in p["_skills_shown"] if skill in ("english", "japanese")]
    left += [("line", spelling) for skill, spelling in p["_skills_shown"] if skill not in ("english", "japanese")]
    left += [("line", extra) for extra in p["_extras"]]
    left += [("head", "LANGUAGES"), ("line", "Mandarin (native)")] + [("line", language) for language in languages]
    right = [("name", p["full_name"])]
    right += [("head", "PROFILE"), ("line", p["_self"])]
    if p["desired_role"]:
        right.append(("line", f"Target role: {p['desired_role']}"))
    if p["_pay_text"]:
        right.append(("line", f"Expected pay: {p['_pay_text']}"))
    right.append(("head", "EXPERIENCE"))
    style = rng.choice([1, 3, 4])
    for job in reversed(p["_jobs"]):
        right.append(("line", job["title"]))
        right.append(("line", f"{job['employer']} | {_en_span(job, style, rng)}"))
        right += [("bullet", duty) for duty in job["duties"]]
    right.append(("head", "EDUCATION"))
    for stage in reversed(p["_stages"]):
        right.append(
            ("line", f"{stage['school_en'] or _pinyin(stage['school'])}, {_degree_en(stage)}, {_month(stage['end'])[0]}")
        )
    return left, right


# ---------------------------------------------------------------- writers


def _as_text(blocks: list) -> str:
    lines = []
    for kind, value in blocks:
        if kind == "head":
            lines += ["", value]
        elif kind == "bullet":
            lines.append(f"- {value}")
        elif kind == "row":
            lines.append("    ".join(value))
        else:
            lines.append(value)
    return "\n".join(lines) + "\n"


def _as_docx(blocks: list, columns: list | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document_ = Document()
    style = document_.styles["Normal"]
    style.font.size, style.font.name = Pt(10.5), "Calibri"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "微软雅黑")
    if columns is not None:
        cols = OxmlElement("w:cols")
        document_.sections[0]._sectPr.append(cols)
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:space"), "360")
    table, groups = None, [blocks] if columns is None else columns
    for number, group in enumerate(groups):
        if number:
            document_.add_paragraph().add_run().add_break(WD_BREAK.COLUMN)
        for kind, value in group:
            if kind == "row":
                if table is None:
                    table = document_.add_table(rows=0, cols=len(value))
                    table.style = "Table Grid"
                cells = table.add_row().cells
                for cell, text in zip(cells, value, strict=True):
                    cell.text = text
                continue
            table = None
            if kind == "name":
                run = document_.add_paragraph().add_run(value)
                run.bold, run.font.size = True, Pt(18)
            elif kind == "head":
                run = document_.add_paragraph().add_run(value)
                run.bold, run.font.size = True, Pt(12)
            elif kind == "bullet":
                document_.add_paragraph(value, style="List Bullet")
            else:
                document_.add_paragraph(value)
    out = io.BytesIO()
    document_.save(out)
    return out.getvalue()


def _cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for char in text:
        if stringWidth(current + char, font, size) > width and current:
            cut = current.rfind(" ") if char != " " and " " in current and text.isascii() else -1
            if cut > 0:
                lines.append(current[:cut])
                current = current[cut + 1 :]
            else:
                lines.append(current)
                current = ""
        current += char
    return lines + [current] if current else lines


def _as_pdf(blocks: list, english: bool, page_furniture=None, scale: float = 1.0) -> bytes:
    """Blocks drawn down A4 pages; `page_furniture(canvas, number, total)` draws a browser's header and footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    font = "Helvetica" if english else _cjk_font()
    bold = "Helvetica-Bold" if english else font
    width, height = A4
    left, top, bottom = 56, height - (78 if page_furniture else 60), 70 if page_furniture else 56
    pages: list[list[tuple]] = [[]]
    y = top
    for kind, value in blocks:
        size = {"name": 18, "head": 12.5}.get(kind, 10.5) * scale
        lead = size * 1.55 * scale + (8 if kind == "head" else 0)
        if kind == "row":
            pieces = [(value, lead)]
        else:
            prefix = "• " if kind == "bullet" else ""
            pieces = [(prefix + line if i == 0 else "   " + line, lead)
                      for i, line in enumerate(_wrap(value, font, size, width - 2 * left - 12))]  # fmt: skip
        for piece, step in pieces:
            if y - step < bottom:
                pages.append([])
                y = top
            y -= step
            pages[-1].append((kind, piece, y, size))
    out = io.BytesIO()
    canvas = pdf_canvas.Canvas(out, pagesize=A4, invariant=1)
    for number, page in enumerate(pages, 1):
        if page_furniture:
            page_furniture(canvas, number, len(pages), font)
        for kind, piece, y, size in page:
            if kind == "row":
                xs = [left, left + 130, left + 330] if len(piece) == 3 else [left, left + 90]
                for x, cell in zip(xs, piece, strict=False):
                    canvas.setFont(font, size)
                    canvas.drawString(x, y, cell)
                continue
            canvas.setFont(bold if kind in ("name", "head") else font, size)
            canvas.drawString(left, y, piece)
            if kind == "head":
                canvas.setLineWidth(0.6)
                canvas.line(left, y - 4, width - left, y - 4)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _web_furniture(p: dict, rng: random.Random):
    stamp = f"2026/11/{rng.randint(10, 28)} {rng.randint(8, 11)}:{rng.randint(10, 59)}"
    site, host = rng.choice(
        [("简历e站", "www.jianliestation.cn"), ("职引网", "m.zhiyin-job.com"), ("云简历", "cv.yunjianli.net")]
    )
    token = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(10))
    url = f"https://{host}/resume/preview?rid={token}&mode=print"
    title = f"{p['full_name']}的个人简历 - {site}"

    def draw(canvas, number: int, total: int, font: str) -> None:
        from reportlab.lib.pagesizes import A4

        width, height = A4
        canvas.setFont(font, 8)
        canvas.drawString(28, height - 22, stamp)
        canvas.drawCentredString(width / 2, height - 22, title)
        canvas.drawString(28, 20, url)
        canvas.drawRightString(width - 28, 20, f"{number}/{total}")
        canvas.setFont(font, 10)
        canvas.drawString(56, height - 48, f"{site} | 在线简历")
        canvas.drawRightString(width - 56, height - 48, f"{p['full_name']} · 简历编号 {token[:6].upper()}")
        canvas.setLineWidth(0.4)
        canvas.line(56, height - 54, width - 56, height - 54)

    return draw


def _two_column_pdf(left_blocks: list, right_blocks: list) -> bytes:
    """Two columns drawn line by line on one grid of baselines, left then right at each: no table, so a text
    extractor reads the columns interleaved."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    width, height = A4
    pitch, per_page = 14.5, 50
    drawn: dict[int, list[tuple]] = {}
    for column, (blocks, x, column_width) in enumerate(((left_blocks, 30, 145), (right_blocks, 215, width - 215 - 40))):
        slot = 0
        for kind, value in blocks:
            font = {"name": "Helvetica-Bold", "head": "Helvetica-Bold"}.get(kind, "Helvetica")
            size = {"name": 20, "head": 11}.get(kind, 9.5)
            slot += {"name": 0, "head": 1}.get(kind, 0)
            for line in _wrap(("- " + value) if kind == "bullet" else value, font, size, column_width):
                drawn.setdefault(slot, []).append((column, x, font, size, line))
                slot += 2 if kind == "name" else 1
    out = io.BytesIO()
    canvas = pdf_canvas.Canvas(out, pagesize=A4, invariant=1)
    page = 0
    canvas.setFillGray(0.93)
    canvas.rect(0, 0, 190, height, stroke=0, fill=1)
    canvas.setFillGray(0)
    for slot in sorted(drawn):
        if slot // per_page != page:
            canvas.showPage()
            page = slot // per_page
        y = height - 60 - (slot % per_page) * pitch
        for _column, x, font, size, line in sorted(drawn[slot]):
            canvas.setFont(font, size)
            canvas.drawString(x, y, line)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _page_image(blocks: list, english: bool):
    """The blocks printed on one A4 page at 200 dpi (Pillow), smaller type if they would not fit."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1654, 2339
    for size in (34, 31, 28, 26, 24, 22):
        fonts = {kind: ImageFont.truetype(str(FONT), {"name": int(size * 1.6), "head": int(size * 1.15)}.get(kind, size), index=2)
                 for kind in ("name", "head", "line")}  # fmt: skip
        lines = []
        for kind, value in blocks:
            font = fonts.get(kind, fonts["line"])
            if kind == "row":
                lines.append((kind, value, font))
                continue
            text = ("• " + value) if kind == "bullet" else value
            current = ""
            for char in text:
                if font.getlength(current + char) > width - 260 and current:
                    lines.append((kind, current, font))
                    current = ""
                current += char
            lines.append((kind, current, font))
        total = sum(int(font.size * 1.6) + (14 if kind == "head" else 0) for kind, _text, font in lines)
        if total < height - 260:
            break
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    y = 130
    for kind, text, font in lines:
        y += 14 if kind == "head" else 0
        if kind == "row":
            for x, cell in zip([130, 480, 1080] if len(text) == 3 else [130, 400], text, strict=False):
                draw.text((x, y), cell, font=font, fill=0)
        else:
            draw.text((130, y), text, font=font, fill=0)
            if kind == "head":
                draw.line((130, y + font.size * 1.35, width - 130, y + font.size * 1.35), fill=60, width=2)
        y += int(font.size * 1.6)
    return page


def _photo(page, rng: random.Random, fmt: str) -> bytes:
    """A printed page photographed from a slant: perspective, a shadow across it, blur, a desk around it."""
    from PIL import Image, ImageChops, ImageFilter

    width, height = page.size
    canvas_size = (width + 160, height + 200)
    desk = Image.new("L", canvas_size, rng.randint(70, 110))
    desk.paste(page, (80, 100))
    dx, dy = rng.randint(30, 70), rng.randint(20, 50)
    # The source quad (upper left, lower left, lower right, upper right) the photo samples from: a page seen from
    # below and to one side comes out a trapezoid.
    quad = (dx, dy, rng.randint(0, 25), canvas_size[1] - dy, canvas_size[0] - dx // 2, canvas_size[1] - rng.randint(0, 15),
            canvas_size[0] - rng.randint(0, 20), rng.randint(0, 20))  # fmt: skip
    photo = desk.transform(canvas_size, Image.Transform.QUAD, quad, Image.Resampling.BICUBIC, fillcolor=90)
    shadow = Image.linear_gradient("L").rotate(rng.choice([90, -90, 180, 0])).resize(canvas_size)
    depth = rng.uniform(0.25, 0.4)
    shadow = shadow.point(lambda v: 255 - int(v * depth))
    photo = ImageChops.multiply(photo, shadow)
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))
    colour = Image.merge("RGB", [photo.point(lambda v: min(255, v + 6)), photo, photo.point(lambda v: max(0, v - 10))])
    out = io.BytesIO()
    colour.save(out, {"jpg": "JPEG", "png": "PNG"}[fmt], **({"quality": 82} if fmt == "jpg" else {}))
    return out.getvalue()


def _scan(pages: list, rng: random.Random) -> bytes:
    """Printed and scanned: a slight skew, grey paper, specks; an image-only PDF at 200 dpi."""
    from PIL import Image, ImageFilter

    scanned = []
    for page in pages:
        picture = page.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
        picture = picture.point(lambda v: 40 + v * 200 // 255)
        noise = Image.effect_noise(picture.size, 28).point(lambda v: 0 if v < 40 else 255)
        picture = Image.composite(picture, Image.new("L", picture.size, 30), noise.convert("L"))
        picture = picture.filter(ImageFilter.GaussianBlur(0.5))
        scanned.append(picture.convert("RGB"))
    out = io.BytesIO()
    scanned[0].save(out, "PDF", resolution=200, save_all=True, append_images=scanned[1:])
    return out.getvalue()


def _split_pages(blocks: list, per_page: int) -> list[list]:
    pages, current = [], []
    for block in blocks:
        current.append(block)
        if len(current) >= per_page and block[0] != "head":
            pages.append(current)
            current = []
    return pages + [current] if current else pages


def document(p: dict, layout: str, fmt: str, rng: random.Random) -> bytes:
    """The resume of `p` in `layout` as a file of `fmt`; settles `p`'s truth for the layout first."""
    _fit(p, layout)
    base = layout.split("_", 1)[1] if layout.startswith(("scan_", "photo_")) else layout
    english = base.startswith("en_")
    if base == "en_two_column_flow":
        left, right = _two_column(p, rng)
        return _two_column_pdf(left, right) if fmt == "pdf" else _as_docx([], columns=[right[:1] + left, right[1:]])
    blocks = {"zh_waiqi_mixed": _waiqi, "zh_web_print": _web_print, "zh_trade_form": _trade,
              "en_short_dates": _short_dates, "zh_dense_contact": _dense}[base](p, rng)  # fmt: skip
    if layout.startswith("photo_"):
        return _photo(_page_image(blocks, english), rng, fmt)
    if layout.startswith("scan_"):
        return _scan([_page_image(page, english) for page in _split_pages(blocks, 40)], rng)
    if fmt == "txt":
        return _as_text(blocks).encode("utf-8")
    if fmt == "docx":
        return _as_docx(blocks)
    furniture = _web_furniture(p, rng) if base == "zh_web_print" else None
    return _as_pdf(blocks, english, furniture, scale=1.2 if furniture else 1.0)
