"""A fourth sealed family of generated resumes: how the intake reads resumes it has never been tuned on.

Written by a hand that never saw the parser: nothing under consent/ was opened, nor the parser's data, nor
the other families' wordings, pools or renderers; only privacy/data/skills.json (for the vocabulary ids)
and cpca's division list. Never tuned on: only the family's summary figures are ever read. Own seed, own
pools, own renderers (reportlab for PDF, python-docx for DOCX, Pillow for scans and photos). People live in
any prefecture of cpca's division list (adcodes.csv), a quarter of them in one of the big cities.

Layouts:

- zh_app_export: a 猎聘/BOSS直聘-style app export: the name, a row of chips ("男 | 31岁 | 本科 | 6年经验 |
  在职-考虑机会"; an age, never a birth date; gender sometimes only as ♂/♀), contact lines behind symbol
  icons (the mobile number sometimes masked as 138****5678, which states no number), 求职期望 as
  "职位 | 城市 | 15-25K·13薪 | 行业" (the wished-for city is not where one lives), 个人优势, jobs as cards
  (employer, "title · department", "2021.03-至今（5年8个月）", 内容), internships mixed in, 项目经历,
  教育经历, 资格证书, 技能标签;
- zh_application_form: a civil-service / state-enterprise 报名表 drawn as one grid: 姓名/性别/出生年月,
  民族/政治面貌/籍贯, 户籍所在地, 学历学位, 毕业院校及专业, 现工作单位/现任职务, 现住址 (籍贯 and 户籍 are not
  where one lives; some forms leave 现住址 out), 报考岗位 with its code (the wished-for role), 学习和工作经历
  in one cell from high school on (no internships), 个人特长, 奖惩情况, 家庭主要成员 with their own
  employers (not the applicant's), 本人承诺; no pay;
- zh_hk_bilingual: a Hong Kong-style bilingual CV in simplified characters: "个人资料 Personal Particulars",
  "手提电话 Mobile", "住址 Address", "应征职位 Position Applied", "期望薪金 Expected Salary：每月人民币18,000元",
  "2019年4月 – 现在", 主要职责, 专业资格, 语言能力 (粤语、普通话、英语), 电脑技能, 推荐人;
- en_academic_cv: an English academic CV: Education first (Ph.D./M.Sc./B.Sc. with thesis and advisor),
  Research Interests, Professional Experience, Internships, Publications (the person among the authors),
  Skills (programming, tools, languages), Awards; no gender, birth date, wish or pay;
- zh_infographic: a timeline/infographic resume: years in a left column ("2021.03" over "至今") beside each
  entry, skills as bars ("Python ■■■■□" or "Excel 90%"), contact behind symbols, 自我评价;
- en_markdown: a developer's Markdown resume: "# Name", a headline line with city, e-mail and phone,
  "## Experience" with "### Title · Employer" over "*Mar 2021 – present · City*" and "- " bullets,
  "- **Languages:** Python, Go"; the text file is the Markdown source, the PDF the rendered page; a wish
  only as "Looking for: …", pay only under Expectations;
- en_job_rows: an English resume kept as a spreadsheet-like table: personal details in a grid, one row per
  job (From | To | Employer | Position | City | Main duties), education rows, a skills table, an objective
  table with target position and expected salary;
- scan_zh_application_form: the 报名表 printed and scanned (image-only PDF) or photographed (JPEG, PNG):
  tilt, blur, grey paper, specks, ~200 dpi.

Truth is what a careful reader takes from the page; a field the page does not state is None:

- full_name as written (English names in pinyin, either order, sometimes an English given name);
  phone: the 11 digits of the mobile number, however spaced or prefixed (+86); a masked number is none;
- birth_year from a stated birth date (never from an age); gender only when stated (♂/♀ count);
- province, city: where the person lives now, as short names ("广东", "深圳"; a municipality is both;
  "西双版纳" for 西双版纳傣族自治州), even when the page names only the city; 籍贯, 户籍 and a wished-for
  work city are not where one lives;
- education_level: the highest degree shown; field_of_study: that degree's major as written (None for
  high school);
- years_experience: the months of the full-time jobs (end month minus start month; the ongoing job runs to
  the corpus's today) summed, then // 12; internships (titles with 实习/Intern) do not count;
- current_employer, current_title: the newest full-time job (always ongoing), as written; None without one;
- role_category: the category of the current title; with no job, of the desired role; with neither, None;
- desired_role: the wished-for role as written (报考岗位 on a form); None where the page states no wish;
- expected_salary: monthly yuan; a range counts as its lower bound, yearly pay /12, "15K·14薪" is 15000;
  面议 / negotiable / not stated is None;
- skills: the vocabulary ids of what the page lists as skills, tools, languages and certificates; spellings
  outside the vocabulary (Git, Axure, SPSS, 用友U8, 粤语 …) are no id. Descriptions, projects, research
  interests, publications and self-evaluations are written without vocabulary words; majors, titles and
  employer names are no skills even when they contain one.
"""

from __future__ import annotations

import csv
import io
import random
import re
from datetime import date
from pathlib import Path

SEALED4_SEED = 41_270_613
SEALED4_HELD_OUT = (
    "zh_app_export", "zh_application_form", "zh_hk_bilingual", "en_academic_cv", "zh_infographic", "en_markdown",
    "en_job_rows", "scan_zh_application_form",
)  # fmt: skip
_FORMATS = {
    "zh_app_export": ("pdf", "txt"),
    "zh_application_form": ("docx", "pdf"),
    "zh_hk_bilingual": ("pdf", "docx", "txt"),
    "en_academic_cv": ("pdf", "docx"),
    "zh_infographic": ("pdf", "docx"),
    "en_markdown": ("txt", "pdf"),
    "en_job_rows": ("docx", "pdf"),
    "scan_zh_application_form": ("pdf", "jpg", "png"),
}
LEVELS = ("high_school", "associate", "bachelor", "master", "doctorate")
TRACKS = ("engineering", "data", "product", "sales", "finance", "hr", "operations")


def formats(layout: str) -> tuple[str, ...]:
    return _FORMATS[layout]


# ---------------------------------------------------------------- pools

SURNAMES = [
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("黄", "Huang"),
    ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"),
    ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"), ("罗", "Luo"), ("郑", "Zheng"), ("梁", "Liang"),
    ("谢", "Xie"), ("宋", "Song"), ("唐", "Tang"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"),
    ("彭", "Peng"), ("曾", "Zeng"), ("蒋", "Jiang"), ("蔡", "Cai"), ("丁", "Ding"), ("魏", "Wei"), ("叶", "Ye"),
    ("潘", "Pan"), ("杜", "Du"), ("戴", "Dai"), ("钟", "Zhong"), ("田", "Tian"), ("任", "Ren"), ("范", "Fan"),
    ("方", "Fang"), ("姚", "Yao"), ("谭", "Tan"), ("廖", "Liao"), ("邹", "Zou"), ("熊", "Xiong"), ("陆", "Lu"),
    ("崔", "Cui"), ("邱", "Qiu"), ("秦", "Qin"), ("顾", "Gu"), ("侯", "Hou"), ("孟", "Meng"), ("雷", "Lei"),
    ("尹", "Yin"), ("龚", "Gong"), ("欧阳", "Ouyang"), ("上官", "Shangguan"),
]  # fmt: skip
GIVEN = {
    "M": [("浩宇", "Haoyu"), ("子轩", "Zixuan"), ("俊杰", "Junjie"), ("志强", "Zhiqiang"), ("建华", "Jianhua"),
          ("宇航", "Yuhang"), ("明轩", "Mingxuan"), ("天佑", "Tianyou"), ("博文", "Bowen"), ("嘉豪", "Jiahao"),
          ("立新", "Lixin"), ("振宇", "Zhenyu"), ("文涛", "Wentao"), ("海峰", "Haifeng"), ("晨阳", "Chenyang"),
          ("鹏", "Peng"), ("凯", "Kai"), ("斌", "Bin"), ("睿", "Rui"), ("一鸣", "Yiming")],
    "F": [("梓涵", "Zihan"), ("欣怡", "Xinyi"), ("雨桐", "Yutong"), ("思琪", "Siqi"), ("佳怡", "Jiayi"),
          ("嘉欣", "Jiaxin"), ("晓雯", "Xiaowen"), ("婉婷", "Wanting"), ("诗雨", "Shiyu"), ("若曦", "Ruoxi"),
          ("丽华", "Lihua"), ("静怡", "Jingyi"), ("雪梅", "Xuemei"), ("慧敏", "Huimin"), ("晴", "Qing"),
          ("颖", "Ying"), ("洁", "Jie"), ("璐", "Lu"), ("倩", "Qian"), ("悦", "Yue")],
}  # fmt: skip
ENGLISH_GIVEN = {
    "M": ["Kevin", "Jason", "Leo", "Ethan", "Ryan", "Oscar", "Vincent", "Brian", "Allen", "Frank"],
    "F": ["Cindy", "Vivian", "Iris", "Joyce", "Fiona", "Chloe", "Tina", "Yvonne", "Sharon", "Stella"],
}
MAIL_DOMAINS = ["163.com", "126.com", "qq.com", "foxmail.com", "gmail.com", "outlook.com", "sina.com", "yeah.net"]
BIG_CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆", "天津", "苏州"]
PROVINCE_PINYIN = {
    "北京": "Beijing", "天津": "Tianjin", "河北": "Hebei", "山西": "Shanxi", "内蒙古": "Inner Mongolia",
    "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang", "上海": "Shanghai", "江苏": "Jiangsu",
    "浙江": "Zhejiang", "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong", "河南": "Henan",
    "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "广西": "Guangxi", "海南": "Hainan", "重庆": "Chongqing",
    "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "西藏": "Tibet", "陕西": "Shaanxi", "甘肃": "Gansu",
    "青海": "Qinghai", "宁夏": "Ningxia", "新疆": "Xinjiang",
}  # fmt: skip

# Titles by seniority for each track: (Chinese, English).
TITLES = {
    "engineering": [("后端开发工程师", "Backend Engineer"), ("Java开发工程师", "Java Developer"),
                    ("高级后端开发工程师", "Senior Backend Engineer"), ("技术经理", "Engineering Manager")],
    "data": [("数据分析专员", "Data Analyst"), ("数据分析师", "Data Scientist"),
             ("高级数据分析师", "Senior Data Scientist"), ("数据部负责人", "Head of Data")],
    "product": [("产品助理", "Associate Product Manager"), ("产品经理", "Product Manager"),
                ("高级产品经理", "Senior Product Manager"), ("产品总监", "Director of Product")],
    "sales": [("销售代表", "Sales Representative"), ("大客户经理", "Key Account Manager"),
              ("区域销售经理", "Regional Sales Manager"), ("销售总监", "Sales Director")],
    "finance": [("会计", "Accountant"), ("财务主管", "Finance Supervisor"), ("高级会计主任", "Senior Accountant"),
                ("财务经理", "Finance Manager")],
    "hr": [("人事专员", "HR Specialist"), ("人力资源主管", "HR Supervisor"), ("招聘经理", "Talent Acquisition Manager"),
           ("人力资源经理", "HR Manager")],
    "operations": [("运营专员", "Operations Specialist"), ("物流主管", "Logistics Supervisor"),
                   ("运营经理", "Operations Manager"), ("运营总监", "Head of Operations")],
}  # fmt: skip
INTERN_TITLES = {
    "engineering": ("开发实习生", "Software Engineering Intern"), "data": ("数据实习生", "Data Intern"),
    "product": ("产品实习生", "Product Intern"), "sales": ("销售实习生", "Sales Intern"),
    "finance": ("财务实习生", "Finance Intern"), "hr": ("人事实习生", "HR Intern"),
    "operations": ("运营实习生", "Operations Intern"),
}  # fmt: skip
DEPARTMENTS = {
    "engineering": "研发中心", "data": "数据部", "product": "产品部", "sales": "销售部", "finance": "财务部",
    "hr": "人力资源部", "operations": "运营中心",
}  # fmt: skip
# The post a 报名表 applies for, by track.
POSTS = {
    "engineering": "信息技术岗", "data": "数据分析岗", "product": "产品策划岗", "sales": "市场开发岗",
    "finance": "财务会计岗", "hr": "人力资源管理岗", "operations": "运营管理岗",
}  # fmt: skip
# Majors by track: (Chinese, English).
MAJORS = {
    "engineering": [("计算机科学与技术", "Computer Science"), ("软件工程", "Software Engineering"),
                    ("电子信息工程", "Electronic Information Engineering"), ("自动化", "Automation")],
    "data": [("统计学", "Statistics"), ("数学与应用数学", "Applied Mathematics"),
             ("信息与计算科学", "Information and Computing Science")],
    "product": [("工业设计", "Industrial Design"), ("信息管理与信息系统", "Information Systems"),
                ("广告学", "Advertising")],
    "sales": [("市场营销", "Marketing"), ("国际经济与贸易", "International Economics and Trade")],
    "finance": [("会计学", "Accounting"), ("财务管理", "Financial Management"), ("金融学", "Finance")],
    "hr": [("人力资源管理", "Human Resource Management"), ("行政管理", "Public Administration")],
    "operations": [("物流管理", "Logistics Management"), ("工商管理", "Business Administration"),
                   ("电子商务", "E-commerce")],
}  # fmt: skip
UNIVERSITIES = [
    ("西南交通大学", "Southwest Jiaotong University"),
    ("南京信息工程大学", "Nanjing University of Information Science and Technology"),
    ("山东财经大学", "Shandong University of Finance and Economics"),
    ("华中农业大学", "Huazhong Agricultural University"),
    ("广西大学", "Guangxi University"),
    ("兰州大学", "Lanzhou University"),
    ("长沙理工大学", "Changsha University of Science and Technology"),
    ("东北财经大学", "Dongbei University of Finance and Economics"),
    ("江西师范大学", "Jiangxi Normal University"),
    ("河北工业大学", "Hebei University of Technology"),
    ("福州大学", "Fuzhou University"),
    ("昆明理工大学", "Kunming University of Science and Technology"),
    ("太原理工大学", "Taiyuan University of Technology"),
    ("安徽大学", "Anhui University"),
    ("西北工业大学", "Northwestern Polytechnical University"),
    ("宁波大学", "Ningbo University"),
    ("苏州大学", "Soochow University"),
    ("哈尔滨工程大学", "Harbin Engineering University"),
    ("暨南大学", "Jinan University"),
    ("复旦大学", "Fudan University"),
    ("中山大学", "Sun Yat-sen University"),
    ("电子科技大学", "University of Electronic Science and Technology of China"),
    ("华东师范大学", "East China Normal University"),
    ("重庆大学", "Chongqing University"),
]
COLLEGES = [
    ("深圳职业技术学院", "Shenzhen Polytechnic"),
    ("浙江金融职业学院", "Zhejiang Financial College"),
    ("武汉职业技术学院", "Wuhan Polytechnic"),
    ("四川建筑职业技术学院", "Sichuan College of Architectural Technology"),
    ("山东商业职业技术学院", "Shandong Institute of Commerce and Technology"),
    ("湖南大众传媒职业技术学院", "Hunan Mass Media Vocational College"),
]
FIRM_PINYIN = {
    "蓝海": "Lanhai", "云栖": "Yunqi", "星河": "Xinghe", "恒信": "Hengxin", "博远": "Boyuan", "佳禾": "Jiahe",
    "锐思": "Ruisi", "启航": "Qihang", "中晟": "Zhongsheng", "海纳": "Haina", "嘉诚": "Jiacheng", "华拓": "Huatuo",
    "万象": "Wanxiang", "青禾": "Qinghe", "安捷": "Anjie", "鼎泰": "Dingtai", "瀚宇": "Hanyu", "乐仁": "Leren",
    "卓睿": "Zhuorui", "知行": "Zhixing", "澜途": "Lantu", "远帆": "Yuanfan", "和鸣": "Heming", "微澜": "Weilan",
    "松果": "Songguo", "北辰": "Beichen", "同舟": "Tongzhou", "金穗": "Jinsui",
}  # fmt: skip
FIRMS = list(FIRM_PINYIN)  # the 字号 an employer's name is built on
INDUSTRIES = {  # (Chinese, English) trades an employer of the track is in
    "engineering": [
        ("软件技术", "Software Technology"),
        ("网络科技", "Network Technology"),
        ("智能科技", "Intelligent Technology"),
    ],
    "data": [("数据科技", "Data Technology"), ("信息服务", "Information Services")],
    "product": [("互联网科技", "Internet Technology"), ("网络科技", "Network Technology")],
    "sales": [("医疗器械", "Medical Devices"), ("建材", "Building Materials"), ("汽车销售服务", "Auto Sales and Service")],
    "finance": [("投资", "Investment"), ("实业", "Industrial")],
    "hr": [("人力资源服务", "Human Resources Services"), ("企业管理咨询", "Management Consulting")],
    "operations": [("物流", "Logistics"), ("食品", "Foods"), ("零售连锁", "Retail Chain")],
}
DESCRIPTIONS = {  # (Chinese, English); written without any vocabulary word
    "engineering": [
        (
            "负责订单系统的接口设计与性能优化，核心接口响应时间缩短约40%",
            "Redesigned the order service APIs and cut median response time by about 40%",
        ),
        (
            "参与支付网关重构，完成灰度发布方案，线上故障率明显下降",
            "Rebuilt the payment gateway with canary rollouts; production incidents fell sharply",
        ),
        (
            "主导车载终端固件的模块拆分并补齐单元测试，上线后缺陷减少三成",
            "Split the device firmware into testable modules; defects after release fell by a third",
        ),
        (
            "维护持续集成流水线，发布周期从两周缩短到三天",
            "Maintained the build pipeline; the release cycle shortened from two weeks to three days",
        ),
        (
            "搭建自动化回归框架，回归时间由两天降至四小时",
            "Built an automated regression suite that runs in four hours instead of two days",
        ),
    ],
    "data": [
        (
            "建立门店经营日报和周报体系，为区域管理层提供决策依据",
            "Built the daily and weekly store performance reports used by regional managers",
        ),
        (
            "设计会员流失预警模型，挽回约一成高价值会员",
            "Designed a churn early-warning model that won back about 10% of high-value members",
        ),
        ("梳理埋点口径，统一五条业务线的指标定义", "Unified the metric definitions of five business lines"),
        (
            "开展A/B实验评估，首页改版后转化率提升2.3个百分点",
            "Ran A/B experiments on the home page redesign; conversion rose 2.3 points",
        ),
        ("负责信贷风险评分卡的开发与监控", "Developed and monitored the credit risk scorecard"),
    ],
    "product": [
        (
            "负责小程序会员体系从0到1的设计与上线，三个月新增注册用户40万",
            "Took the membership mini-program from concept to launch; 400k sign-ups in three months",
        ),
        (
            "梳理商家后台需求，输出原型与需求文档，推动研发按期交付",
            "Wrote specifications and prototypes for the merchant console and kept delivery on schedule",
        ),
        ("牵头竞品调研，确定年度版本路线图", "Led competitor reviews and set the yearly release roadmap"),
        ("优化下单流程，订单提交成功率提升5%", "Simplified checkout; successful order submissions rose 5%"),
    ],
    "sales": [
        (
            "负责华东区域重点客户的开发与维护，年度业绩完成率118%",
            "Grew key accounts in East China and reached 118% of the annual target",
        ),
        (
            "拓展经销商20余家，新签合同额超过3000万元",
            "Signed more than 20 new distributors with contracts worth over RMB 30 million",
        ),
        ("跟进招投标项目，组织方案宣讲与报价", "Managed tenders from bid preparation to pricing"),
        ("维护老客户关系，续约率保持在90%以上", "Kept renewal rates above 90% across existing clients"),
    ],
    "finance": [
        (
            "负责月度结账与合并报表编制，配合年度外审工作",
            "Closed the books monthly and prepared consolidated statements for the year-end review",
        ),
        ("负责总账、往来对账及费用报销审核", "Reconciled intercompany balances and reviewed expense claims"),
        ("编制年度预算并按月跟踪执行偏差", "Prepared the annual budget and tracked variances month by month"),
        ("推动费用报销线上化，单据处理周期缩短一半", "Moved expense claims online, halving their processing time"),
    ],
    "hr": [
        ("负责技术岗位的人才引进，年均入职80余人", "Hired more than 80 engineers a year for the technology teams"),
        ("搭建新员工入职引导流程，试用期流失率下降", "Set up the onboarding programme; attrition during probation fell"),
        ("推进绩效考核方案落地，覆盖全公司600名员工", "Rolled out the performance review scheme to 600 employees"),
        ("处理劳动关系事务，办理入离职及社保公积金手续", "Handled employee relations, onboarding and social insurance paperwork"),
    ],
    "operations": [
        (
            "负责华南仓的出入库调度，日均处理订单1.2万单",
            "Scheduled inbound and outbound flows at the South China warehouse, 12,000 orders a day",
        ),
        ("优化配送线路，单票配送成本下降8%", "Re-planned delivery routes, cutting the cost per parcel by 8%"),
        ("策划社群活动，月活跃用户增长35%", "Ran community campaigns that lifted monthly active users by 35%"),
        ("制定门店运营标准手册，在12家门店推行", "Wrote the store operating handbook and rolled it out to 12 stores"),
    ],
}
PROJECTS = {  # (Chinese, English) project names, vocabulary-free
    "engineering": [
        ("订单中心服务化改造", "Order centre re-architecture"),
        ("车载终端固件升级", "In-car terminal firmware upgrade"),
    ],
    "data": [("会员价值分层项目", "Member value tiers"), ("门店选址评估", "Store site assessment")],
    "product": [("商家后台改版", "Merchant console redesign"), ("会员小程序", "Membership mini-program")],
    "sales": [("华东渠道拓展计划", "East China distributor drive"), ("重点客户续约专项", "Key account renewals")],
    "finance": [("费用报销线上化", "Online expense claims"), ("预算管控体系搭建", "Budget control framework")],
    "hr": [("绩效考核体系搭建", "Performance review framework"), ("新员工入职引导", "Onboarding programme")],
    "operations": [("华南仓布局调整", "South China warehouse re-layout"), ("配送线路优化", "Delivery route re-planning")],
}
SUMMARIES = [  # English summaries, vocabulary-free
    "Steady and thorough; I like owning a problem from the first question to the last follow-up.",
    "Quick to pick up new domains, happiest where the work is measured and the goals are clear.",
    "Calm under pressure, careful with details, used to working across several departments.",
]
STRENGTHS = [  # self-evaluations, vocabulary-free
    "做事踏实，责任心强，能承受较大的工作压力",
    "学习能力强，善于总结复盘，乐于接受新挑战",
    "性格开朗，抗压能力强，注重细节与结果",
    "逻辑清晰，执行力强，有良好的跨部门协作经验",
]
# Skills: (Chinese shown, English shown, vocabulary id or None, kind: tool / skill / lang / cert).
SKILLS = {
    "engineering": [
        ("Java", "Java", "java", "tool"),
        ("Python", "Python", "python", "tool"),
        ("Golang", "Golang", "go", "tool"),
        ("C++", "C++", "c++", "tool"),
        ("MySQL", "MySQL", "mysql", "tool"),
        ("Redis", "Redis", "redis", "tool"),
        ("Linux", "Linux", "linux", "tool"),
        ("Docker", "Docker", "docker", "tool"),
        ("K8s", "Kubernetes", "kubernetes", "tool"),
        ("Spring Boot", "Spring Boot", "spring", "tool"),
        ("Vue.js", "Vue.js", "vue", "tool"),
        ("React", "React", "react", "tool"),
        ("TypeScript", "TypeScript", "typescript", "tool"),
        ("PostgreSQL", "PostgreSQL", "postgresql", "tool"),
        ("Django", "Django", "django", "tool"),
        ("Git", "Git", None, "tool"),
        ("Kafka", "Kafka", None, "tool"),
        ("Nginx", "Nginx", None, "tool"),
        ("Elasticsearch", "Elasticsearch", None, "tool"),
    ],
    "data": [
        ("Python", "Python", "python", "tool"),
        ("SQL", "SQL", "sql", "tool"),
        ("数据分析", "Data analysis", "data_analysis", "skill"),
        ("统计分析", "Statistical analysis", "statistics", "skill"),
        ("Excel", "Excel", "excel", "tool"),
        ("Tableau", "Tableau", "tableau", "tool"),
        ("Power BI", "Power BI", "power_bi", "tool"),
        ("PySpark", "PySpark", "spark", "tool"),
        ("Hadoop", "Hadoop", "hadoop", "tool"),
        ("机器学习", "Machine learning", "machine_learning", "skill"),
        ("深度学习", "Deep learning", "deep_learning", "skill"),
        ("SPSS", "SPSS", None, "tool"),
        ("R语言", "R", None, "tool"),
        ("Stata", "Stata", None, "tool"),
        ("MATLAB", "MATLAB", None, "tool"),
    ],
    "product": [
        ("产品规划", "Product planning", "product_management", "skill"),
        ("用户研究", "User research", "ux_research", "skill"),
        ("Figma", "Figma", "figma", "tool"),
        ("UI设计", "UI design", "ui_design", "skill"),
        ("项目管理", "Project management", "project_management", "skill"),
        ("数据分析", "Data analysis", "data_analysis", "skill"),
        ("Photoshop", "Photoshop", "photoshop", "tool"),
        ("Axure", "Axure", None, "tool"),
        ("Sketch", "Sketch", None, "tool"),
        ("Visio", "Visio", None, "tool"),
        ("XMind", "XMind", None, "tool"),
    ],
    "sales": [
        ("销售技巧", "Sales", "sales", "skill"),
        ("商务谈判", "Negotiation", "negotiation", "skill"),
        ("客户服务", "Customer service", "customer_service", "skill"),
        ("市场营销", "Marketing", "marketing", "skill"),
        ("网络营销", "Digital marketing", "digital_marketing", "skill"),
        ("Excel", "Excel", "excel", "tool"),
        ("CRM系统", "CRM", None, "tool"),
        ("Salesforce", "Salesforce", None, "tool"),
    ],
    "finance": [
        ("会计核算", "Accounting", "accounting", "skill"),
        ("财务分析", "Financial analysis", "financial_analysis", "skill"),
        ("审计", "Auditing", "auditing", "skill"),
        ("税务筹划", "Tax", "tax", "skill"),
        ("Excel", "Excel", "excel", "tool"),
        ("用友U8", "Yonyou U8", None, "tool"),
        ("金蝶K3", "Kingdee K3", None, "tool"),
        ("SAP", "SAP", None, "tool"),
    ],
    "hr": [
        ("招聘", "Recruiting", "recruiting", "skill"),
        ("员工培训", "Training", "training", "skill"),
        ("薪酬核算", "Payroll", "payroll", "skill"),
        ("沟通能力", "Communication", "communication", "skill"),
        ("劳动法", "Labour law", None, "skill"),
        ("北森系统", "Beisen HR system", None, "tool"),
    ],
    "operations": [
        ("物流管理", "Logistics", "logistics", "skill"),
        ("供应链管理", "Supply chain management", "supply_chain", "skill"),
        ("采购管理", "Procurement", "procurement", "skill"),
        ("质量管理", "Quality control", "quality_control", "skill"),
        ("精益生产", "Lean manufacturing", "lean", "skill"),
        ("电商运营", "E-commerce operations", "ecommerce_operations", "skill"),
        ("新媒体运营", "Social media marketing", "digital_marketing", "skill"),
        ("文案写作", "Copywriting", "content_writing", "skill"),
        ("SEO", "SEO", "seo", "skill"),
        ("AutoCAD", "AutoCAD", "cad", "tool"),
        ("WMS", "WMS", None, "tool"),
        ("ERP", "ERP", None, "tool"),
    ],
}
COMMON_SKILLS = [
    ("办公软件", "Microsoft Office", "office", "tool"), ("团队管理", "Team leadership", "team_leadership", "skill"),
    ("沟通能力", "Communication", "communication", "skill"), ("Visio", "Visio", None, "tool"),
]  # fmt: skip
LANGUAGES = [
    ("英语（CET-6）", "English (fluent)", "english", "lang"), ("英语六级", "English (CET-6)", "english", "lang"),
    ("日语N2", "Japanese (JLPT N2)", "japanese", "lang"), ("粤语", "Cantonese", None, "lang"),
    ("德语（基础）", "German (basic)", None, "lang"),
]  # fmt: skip
CERTIFICATES = [
    ("PMP", "PMP", "project_management", "cert"), ("六西格玛绿带", "Six Sigma Green Belt", "lean", "cert"),
    ("C1驾驶证", "Driver's licence (C1)", "driving", "cert"), ("计算机二级", "NCRE Level 2", None, "cert"),
]  # fmt: skip
RESEARCH = {  # research interests and paper titles, vocabulary-free
    "engineering": (["distributed storage", "fault tolerance", "program repair"],
                    ["Fast recovery for replicated logs under partial failure", "Repairing flaky tests with small patches"]),
    "data": (["causal inference", "recommender systems", "graph neural networks"],
             ["Debiasing implicit feedback with inverse propensity weights", "Uplift estimation for coupon campaigns"]),
    "product": (["human-computer interaction", "mobile usability"],
                ["Eye-tracking study of checkout forms", "How older adults read mobile notifications"]),
    "sales": (["consumer behaviour", "pricing"], ["Reference prices in online group buying", "Loyalty and discount depth"]),
    "finance": (["corporate governance", "earnings management"],
                ["Board independence and accrual quality", "Dividend smoothing in state-owned firms"]),
    "hr": (["organisational behaviour", "employee turnover"],
           ["Job crafting among young engineers", "Remote work and turnover intention"]),
    "operations": (["inventory models", "vehicle routing"],
                   ["Dynamic routing for same-day parcels", "Safety stock under correlated demand"]),
}  # fmt: skip
RELATIVES = ["父亲", "母亲", "配偶"]
RELATIVE_UNITS = [("市农业农村局", "科员"), ("市第二人民医院", "医生"), ("市实验小学", "教师"), ("市供电公司", "职员"),
                  ("市人民政府办公室", "科员")]  # fmt: skip
ETHNIC = ["汉族"] * 8 + ["回族", "满族", "壮族", "土家族"]
PARTY = ["中共党员", "共青团员", "群众", "群众"]


# ---------------------------------------------------------------- places


def _cpca_resources() -> Path:
    import cpca

    return Path(cpca.__file__).resolve().parent / "resources"


def _short_city(name: str, nations: list[str]) -> str:
    for suffix in ("自治州", "地区", "盟", "市"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    stripped = True
    while stripped and len(name) > 2:
        stripped = False
        for nation in nations:
            for form in (nation, nation.removesuffix("族")):
                if len(form) >= 2 and name.endswith(form) and len(name) - len(form) >= 2:
                    name, stripped = name[: -len(form)], True
                    break
            if stripped:
                break
    return name


def _short_province(name: str) -> str:
    for full, short in (("内蒙古自治区", "内蒙古"), ("广西壮族自治区", "广西"), ("西藏自治区", "西藏"),
                        ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆")):  # fmt: skip
        if name == full:
            return short
    return name.removesuffix("省").removesuffix("市")


def _load_places() -> list[dict]:
    """Every prefecture of the mainland (municipalities as one), in adcode order."""
    resources = _cpca_resources()
    nations = sorted((line.strip() for line in (resources / "56_nations.csv").read_text().splitlines() if line.strip()),
                     key=len, reverse=True)  # fmt: skip
    with (resources / "adcodes.csv").open(encoding="utf-8") as handle:
        rows = sorted((row["adcode"], row["name"]) for row in csv.DictReader(handle))
    provinces = {code[:2]: name for code, name in rows if code[2:] == "0000000000"}
    places = []
    for code, name in rows:
        if code[:2] in ("71", "81", "82"):
            continue
        province = provinces[code[:2]]
        if code[2:] == "0000000000" and province.endswith("市"):
            short = _short_province(province)
            places.append({"province_full": province, "city_full": province, "province": short, "city": short})
        elif code[4:] == "00000000" and code[2:4] != "00" and not province.endswith("市"):
            if name in ("市辖区", "县") or "直辖" in name:
                continue
            places.append({"province_full": province, "city_full": name, "province": _short_province(province),
                           "city": _short_city(name, nations)})  # fmt: skip
    return places


PLACES = _load_places()


# How the cities whose pinyin a character-by-character reading gets wrong are spelled in English.
CITY_SPELLINGS = {
    "长治": "Changzhi", "朝阳": "Chaoyang", "漯河": "Luohe", "昌都": "Qamdo", "呼和浩特": "Hohhot", "鄂尔多斯": "Ordos",
    "呼伦贝尔": "Hulunbuir", "巴彦淖尔": "Bayannur", "乌兰察布": "Ulanqab", "锡林郭勒": "Xilingol", "阿拉善": "Alxa",
    "兴安": "Hinggan", "哈尔滨": "Harbin", "齐齐哈尔": "Qiqihar", "拉萨": "Lhasa", "日喀则": "Shigatse", "林芝": "Nyingchi",
    "那曲": "Nagqu", "阿里": "Ngari", "乌鲁木齐": "Urumqi", "克拉玛依": "Karamay", "吐鲁番": "Turpan", "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin", "阿克苏": "Aksu", "克孜勒苏": "Kizilsu", "喀什": "Kashgar", "和田": "Hotan", "伊犁": "Ili",
    "阿勒泰": "Altay", "甘孜": "Garze", "果洛": "Golog",
}  # fmt: skip


def _city_pinyin(city: str) -> str:
    from pypinyin import lazy_pinyin

    if city in CITY_SPELLINGS:
        return CITY_SPELLINGS[city]
    syllables = lazy_pinyin(city)
    word = syllables[0] + "".join(("'" + s) if s[0] in "aeo" else s for s in syllables[1:])
    return word.capitalize()


def _place(rng: random.Random) -> dict:
    if rng.random() < 0.25:
        city = rng.choice(BIG_CITIES)
        return next(place for place in PLACES if place["city"] == city)
    return rng.choice(PLACES)


def _place_en(place: dict) -> str:
    city, province = _city_pinyin(place["city"]), PROVINCE_PINYIN[place["province"]]
    return city if city == province else f"{city}, {province}"


# ---------------------------------------------------------------- people


def _month(year: int, month: int) -> int:
    return year * 12 + month - 1


def _ym(months: int) -> tuple[int, int]:
    return months // 12, months % 12 + 1


def full_time_months(jobs: list[dict], now: int) -> int:
    return sum((now if job["end"] is None else job["end"]) - job["start"] for job in jobs if not job["intern"])


def _employer(rng: random.Random, track: str, place: dict, taken: set[str]) -> dict:
    while True:
        firm = rng.choice(FIRMS)
        if firm not in taken:
            taken.add(firm)
            break
    trade_zh, trade_en = rng.choice(INDUSTRIES[track])
    suffix_zh, suffix_en = rng.choice(
        [
            ("有限公司", "Co., Ltd."),
            ("股份有限公司", "Co., Ltd."),
            ("集团有限公司", "Group Co., Ltd."),
            ("有限责任公司", "Co., Ltd."),
        ]
    )
    seat = rng.choice(BIG_CITIES) if rng.random() < 0.15 else place["city"]  # a head office elsewhere: a branch here
    zh, en = f"{seat}{firm}{trade_zh}{suffix_zh}", f"{_city_pinyin(seat)} {FIRM_PINYIN[firm]} {trade_en} {suffix_en}"
    if seat != place["city"]:
        zh, en = f"{zh}{place['city']}分公司", f"{en}, {_city_pinyin(place['city'])} Branch"
    return {"zh": zh, "en": en, "city": place["city"]}


def _pay(rng: random.Random, track: str, years: int, level: str) -> tuple | None:
    """(kind, low, high): what is asked for; None when the page states no pay."""
    draw = rng.random()
    if draw < 0.12:
        return None
    if draw < 0.22:
        return ("negotiable", None, None)
    base = 5500 + 1400 * min(years, 15) + {"master": 2500, "doctorate": 6000}.get(level, 0)
    base += {"engineering": 2500, "data": 2000, "product": 2000}.get(track, 0)
    low = max(5000, min(60000, round(base * rng.uniform(0.85, 1.2) / 500) * 500))
    kind = rng.choice(["month", "range", "range", "year", "months"])
    if kind == "year":
        wan = max(6, round(low * 12 / 30000)) * 3  # a yearly sum in 万 that divides by 12 into whole yuan
        return ("year", wan * 10000, None if rng.random() < 0.5 else (wan + 6) * 10000)
    if kind == "range":
        return ("range", low, low + rng.choice([2000, 3000, 5000, 8000]))
    if kind == "months":
        return ("months", round(low / 1000) * 1000, rng.choice([13, 14, 15, 16]))
    return ("month", low, None)


def _pay_truth(pay: tuple | None) -> int | None:
    if pay is None or pay[0] == "negotiable":
        return None
    return pay[1] // 12 if pay[0] == "year" else pay[1]


def _stages(rng: random.Random, level: str, track: str, birth_year: int, home: dict) -> list[dict]:
    """Education from high school on, oldest first; the last is the highest."""
    high_end = _month(birth_year + 18, 6)
    stages = [{"level": "high_school", "school": (f"{home['city']}第{rng.choice('一二三四')}中学", "No. 1 Middle School"),
               "major": (None, None), "start": high_end - 34, "end": high_end}]  # fmt: skip
    if level == "high_school":
        return stages
    major = rng.choice(MAJORS[track])
    if level == "associate":
        return [*stages, {"level": "associate", "school": rng.choice(COLLEGES), "major": major,
                          "start": high_end + 2, "end": high_end + 36}]  # fmt: skip
    end = high_end + 48
    stages.append({"level": "bachelor", "school": rng.choice(UNIVERSITIES), "major": major, "start": high_end + 2, "end": end})
    for higher, years in (("master", rng.choice([2, 3])), ("doctorate", rng.choice([4, 5]))):
        if LEVELS.index(level) < LEVELS.index(higher):
            break
        school = rng.choice(UNIVERSITIES)
        stages.append({"level": higher, "school": school, "major": rng.choice(MAJORS[track]) if rng.random() < 0.3 else major,
                       "start": end + 2, "end": end + 12 * years})  # fmt: skip
        end += 12 * years
    return stages


def _jobs(rng: random.Random, track: str, start: int, now: int, home: dict, graduate: bool) -> list[dict]:
    """Full-time jobs from `start` to now (the last ongoing), with gaps; internships before `start`."""
    taken: set[str] = set()
    jobs = []
    for k in range(rng.choice([0, 0, 1, 1, 2])):
        begin = start - 14 + 6 * k
        intern_zh, intern_en = INTERN_TITLES[track]
        jobs.append(
            {
                "employer": _employer(rng, track, home if rng.random() < 0.6 else rng.choice(PLACES), taken),
                "title": (intern_zh, intern_en),
                "intern": True,
                "start": begin,
                "end": begin + rng.choice([2, 3, 4]),
                "track": track,
            }
        )
    if graduate or start >= now - 2:
        return jobs
    span = now - start
    bounds = [start]
    while len(bounds) < 4 and now - bounds[-1] > 30 and rng.random() < 0.75:
        bounds.append(bounds[-1] + rng.randint(14, min(60, now - bounds[-1] - 12)))
    bounds.append(now)
    ladder = TITLES[track]
    for index in range(len(bounds) - 1):
        begin, end = bounds[index], bounds[index + 1]
        if index and rng.random() < 0.3:
            begin += rng.choice([2, 3, 4])  # a gap between jobs (each job runs 8 months or more)
        last = index == len(bounds) - 2
        rank = min(len(ladder) - 1, index + (1 if span > 96 and rng.random() < 0.5 else 0))
        place = home if last or rng.random() < 0.5 else rng.choice(PLACES)
        jobs.append({"employer": _employer(rng, track, place, taken), "title": ladder[rank], "intern": False,
                     "start": begin, "end": None if last else end, "track": track})  # fmt: skip
    return jobs


def _skills(rng: random.Random, track: str) -> list[tuple]:
    own = rng.sample(SKILLS[track], rng.randint(3, min(7, len(SKILLS[track]))))
    extra = rng.sample(COMMON_SKILLS, rng.randint(0, 2))
    languages = rng.sample(LANGUAGES[:3], 1) + ([rng.choice(LANGUAGES[3:])] if rng.random() < 0.3 else [])
    certificates = rng.sample(CERTIFICATES, rng.choice([0, 0, 1, 2]))
    seen, out = set(), []
    for skill in own + extra + languages + certificates:
        if skill[0] not in seen:
            seen.add(skill[0])
            out.append(skill)
    return out


def person(rng: random.Random, *, english: bool, today: date) -> dict:
    """One person, with the truth a resume of them states; `document` clears what its layout leaves unsaid."""
    now = _month(today.year, today.month)
    track = rng.choice(TRACKS)
    gender = rng.choice("MF")
    surname, given = rng.choice(SURNAMES), rng.choice(GIVEN[gender])
    weights = [2, 10, 50, 28, 10] if english else [5, 17, 55, 18, 5]
    level = rng.choices(LEVELS, weights)[0]
    youngest = today.year - 22 - {"master": 3, "doctorate": 8}.get(level, 0)
    fresh = rng.random() < 0.1  # just out of school: internships at most
    birth_year = min(2003, youngest) if fresh else rng.randint(1976, min(2003, youngest) - 1)
    home = _place(rng)
    stages = _stages(rng, level, track, birth_year, home)
    graduate = fresh or stages[-1]["end"] > now - 4
    work_start = stages[-1]["end"] + rng.choice([1, 1, 2, 3, 6])
    jobs = _jobs(rng, track, work_start, now, home, graduate)
    full_time = [job for job in jobs if not job["intern"]]
    years = full_time_months(jobs, now) // 12
    lang = 1 if english else 0
    py_given, py_surname = given[1], surname[1]
    english_forms = [f"{py_given} {py_surname}", f"{py_surname} {py_given}", f"{py_surname.upper()} {py_given}",
                     f"{rng.choice(ENGLISH_GIVEN[gender])} {py_surname}"]  # fmt: skip
    shown_name = rng.choice(english_forms) if english else f"{surname[0]}{given[0]}"
    phone = rng.choice(["13", "15", "17", "18", "19"]) + "".join(rng.choice("0123456789") for _ in range(9))
    mail = rng.choice([f"{py_given}.{py_surname}", f"{py_surname}{py_given}{rng.randint(1, 99)}",
                       str(rng.randint(10_000_000, 2_999_999_999)), f"{py_surname[0]}{py_given}{birth_year % 100}"])  # fmt: skip
    domain = "qq.com" if mail.isdigit() else rng.choice(MAIL_DOMAINS)
    wish = rng.random() < 0.8 or not full_time  # a graduate always says what they look for
    ladder = TITLES[track]
    rank = ladder.index(full_time[-1]["title"]) if full_time else 0
    desired = ladder[min(len(ladder) - 1, rank + rng.choice([0, 0, 1]))] if wish else None  # the same post or a step up
    for job in jobs:
        job["desc"] = rng.sample(DESCRIPTIONS[track], 2)
    skills = _skills(rng, track)
    pay = _pay(rng, track, years, level)
    return {
        "full_name": shown_name,
        "phone": phone if rng.random() > 0.03 else None,
        "contact_email": f"{mail}@{domain}".lower() if rng.random() > 0.08 else None,
        "birth_year": birth_year,
        "gender": gender,
        "province": home["province"],
        "city": home["city"],
        "education_level": level,
        "field_of_study": stages[-1]["major"][lang],
        "years_experience": years,
        "current_employer": full_time[-1]["employer"]["en" if english else "zh"] if full_time else None,
        "current_title": full_time[-1]["title"][lang] if full_time else None,
        "role_category": track if full_time or desired else None,
        "desired_role": desired[lang] if desired else None,
        "expected_salary": _pay_truth(pay),
        "skills": sorted({skill[2] for skill in skills if skill[2]}),
        "_now": now,
        "_py": (py_surname, py_given),
        "_track": track,
        "_birth": (birth_year, rng.randint(1, 12), rng.randint(1, 28)),
        "_home": home,
        "_origin": rng.choice(PLACES),
        "_hukou": home if rng.random() < 0.4 else rng.choice(PLACES),
        "_wish_city": home["city"] if rng.random() < 0.7 else rng.choice(BIG_CITIES),
        "_stages": stages,
        "_jobs": jobs,
        "_pay": pay,
        "_skill_items": skills,
        "_strength": rng.choice(STRENGTHS),
        "_ethnic": rng.choice(ETHNIC),
        "_party": rng.choice(PARTY),
    }


def _clear(p: dict, *keys: str) -> None:
    """The layout does not state these: their truth is None (and a role no longer wished for has no category)."""
    for key in keys:
        p[key] = None
    if p["desired_role"] is None and p["current_title"] is None:
        p["role_category"] = None


# ---------------------------------------------------------------- wordings shared by the layouts

DEGREE_ZH = {"high_school": "高中", "associate": "大专", "bachelor": "本科", "master": "硕士", "doctorate": "博士"}
DEGREE_FORM = {
    "high_school": "高中",
    "associate": "大专",
    "bachelor": "大学本科",
    "master": "硕士研究生",
    "doctorate": "博士研究生",
}
DEGREE_HK = {"high_school": "高中毕业", "associate": "大专", "bachelor": "学士", "master": "硕士", "doctorate": "博士"}
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
STREETS = ["人民路", "建设路", "解放路", "中山路", "新华路", "文化路", "滨江路", "长安街", "友谊路", "光明路"]
AWARDS_ZH = ["2022年度公司优秀员工", "2019年获校级一等奖学金", "2021年获集团先进个人称号", "无"]
AWARDS_EN = ["National Scholarship", "Outstanding Graduate Award", "Best Paper Nomination", "University First-Class Scholarship"]
BOLD = "\x02"  # a line that starts with it is drawn bold (and the mark is never written)


def _zh_date(months: int | None, style: int, present: str = "至今") -> str:
    if months is None:
        return present
    year, month = _ym(months)
    return [f"{year}.{month:02d}", f"{year}年{month}月", f"{year}/{month:02d}", f"{year}-{month:02d}"][style]


def _en_date(months: int | None, style: int, present: str = "Present") -> str:
    if months is None:
        return present
    year, month = _ym(months)
    return [f"{MONTHS_EN[month - 1]} {year}", f"{month:02d}/{year}", f"{year}"][style]


def _duration_zh(months: int) -> str:
    years, rest = divmod(months, 12)
    return (f"{years}年" if years else "") + (f"{rest}个月" if rest or not years else "")


def _newest_first(jobs: list[dict]) -> list[dict]:
    return sorted(jobs, key=lambda job: job["start"], reverse=True)


def _degrees(p: dict) -> list[dict]:
    """The education a resume lists, highest first: high school only when it is the highest."""
    stages = [stage for stage in p["_stages"] if stage["level"] != "high_school"] or p["_stages"]
    return list(reversed(stages))


def _items(p: dict, lang: int) -> tuple[list[str], list[str], list[str], list[str]]:
    """The skills shown, split as (tools, skills, languages, certificates)."""
    split = {"tool": [], "skill": [], "lang": [], "cert": []}
    for item in p["_skill_items"]:
        split[item[3]].append(item[lang])
    return split["tool"], split["skill"], split["lang"], split["cert"]


def _phone_zh(phone: str, rng: random.Random) -> str:
    return rng.choice([phone, f"{phone[:3]}-{phone[3:7]}-{phone[7:]}", f"{phone[:3]} {phone[3:7]} {phone[7:]}", f"+86 {phone}"])


def _phone_en(phone: str, rng: random.Random) -> str:
    return rng.choice(
        [f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}", f"(+86) {phone}", f"+86-{phone[:3]}-{phone[3:7]}-{phone[7:]}"]
    )


def _address(p: dict, rng: random.Random) -> str:
    home = p["_home"]
    city = "" if home["city_full"] == home["province_full"] else home["city_full"]
    return f"{home['province_full']}{city}{rng.choice(STREETS)}{rng.randint(3, 388)}号"


def _wan(amount: int) -> str:
    return f"{amount / 10000:g}"


def _k(amount: int) -> str:
    return f"{amount / 1000:g}"


def _pay_zh(pay: tuple, rng: random.Random) -> str:
    kind, a, b = pay
    if kind == "negotiable":
        return "面议"
    if kind == "month":
        return rng.choice([f"{a}元/月", f"月薪{_wan(a)}万", f"{a}/月"])
    if kind == "range":
        return rng.choice([f"{a}-{b}元/月", f"{_wan(a)}-{_wan(b)}万/月", f"{_k(a)}-{_k(b)}K"])
    if kind == "year":
        return f"年薪{a // 10000}万" if b is None else f"年薪{a // 10000}-{b // 10000}万"
    return rng.choice([f"{_k(a)}K·{b}薪", f"月薪{a}元，{b}薪"])


def _pay_app(pay: tuple) -> str:
    kind, a, b = pay
    return {
        "negotiable": "面议", "month": f"{_k(a or 0)}K", "range": f"{_k(a or 0)}-{_k(b or 0)}K",
        "year": f"年薪{(a or 0) // 10000}万" + (f"-{b // 10000}万" if kind == "year" and b else ""),
        "months": f"{_k(a or 0)}K·{b}薪",
    }[kind]  # fmt: skip


def _pay_hk(pay: tuple) -> str:
    kind, a, b = pay
    if kind == "negotiable":
        return "可商议 Negotiable"
    if kind == "month":
        return f"每月人民币{a:,}元"
    if kind == "range":
        return f"月薪人民币{a:,}至{b:,}元"
    if kind == "year":
        return f"年薪人民币{a // 10000}万元" + ("" if b is None else f"至{b // 10000}万元")
    return f"月薪人民币{a:,}元（{b}个月）"


def _pay_en(pay: tuple, rng: random.Random) -> str:
    kind, a, b = pay
    if kind == "negotiable":
        return rng.choice(["Negotiable", "Open to discussion (negotiable)"])
    if kind == "month":
        return rng.choice([f"RMB {a:,} per month", f"CNY {a:,}/month"])
    if kind == "range":
        return rng.choice([f"RMB {a:,}–{b:,} per month", f"{_k(a)}k–{_k(b)}k RMB/month"])
    if kind == "year":
        return f"RMB {a:,} per year" if b is None else f"CNY {_k(a)}k–{_k(b)}k/year"
    return f"RMB {_k(a)}k/month × {b} months"


def _age(p: dict) -> int:
    year, month, _day = p["_birth"]
    now_year, now_month = _ym(p["_now"])
    return now_year - year - (1 if month > now_month else 0)


def _home_zh(p: dict, rng: random.Random) -> str:
    home = p["_home"]
    if home["province"] == home["city"] or (home["city"] in BIG_CITIES and rng.random() < 0.6):
        return home["city"]
    return rng.choice([f"{home['province']}·{home['city']}", f"{home['province_full']}{home['city_full']}"])


# ---------------------------------------------------------------- layouts: each returns blocks and clears what it leaves out


def _app_export(p: dict, rng: random.Random) -> list[tuple]:
    male = p["gender"] == "M"
    chips = []
    style = rng.random()
    if style < 0.6:
        chips.append("男" if male else "女")
    elif style < 0.8:
        chips.append("♂" if male else "♀")
    else:
        _clear(p, "gender")
    full_time = [job for job in p["_jobs"] if not job["intern"]]
    chips += [f"{_age(p)}岁", DEGREE_ZH[p["education_level"]]]
    if full_time:
        chips += [f"{p['years_experience']}年经验" if p["years_experience"] else "1年以内经验"]
        chips += [rng.choice(["在职-考虑机会", "在职-月内到岗", "在职-暂不考虑"])]
    else:
        chips += ["应届生", "离校-随时到岗"]
    _clear(p, "birth_year")  # an age is no birth year
    blocks = [("title", p["full_name"]), ("p", " | ".join(chips))]
    if p["phone"]:
        if rng.random() < 0.2:
            blocks.append(("p", f"◆ {p['phone'][:3]}****{p['phone'][7:]}"))
            _clear(p, "phone")  # masked by the site: no number stated
        else:
            blocks.append(("p", f"◆ {_phone_zh(p['phone'], rng)}"))
    if p["contact_email"]:
        blocks.append(("p", f"● {p['contact_email']}"))
    if rng.random() < 0.85:
        blocks.append(("p", f"■ 现居 {_home_zh(p, rng)}"))
    else:
        _clear(p, "province", "city")
    wish = [part for part in (p["desired_role"], p["_wish_city"] if p["desired_role"] else None) if part]
    if p["_pay"]:
        wish.append(_pay_app(p["_pay"]))
    if wish:
        blocks += [("h", "求职期望"), ("p", " | ".join(wish))]
    blocks += [("h", "个人优势"), ("p", p["_strength"])]
    if p["_jobs"]:
        blocks.append(("h", "工作经历"))
    for job in _newest_first(p["_jobs"]):
        end = p["_now"] if job["end"] is None else job["end"]
        title = job["title"][0] + (f" · {DEPARTMENTS[job['track']]}" if rng.random() < 0.5 else "")
        blocks += [("p", BOLD + job["employer"]["zh"]), ("p", title),
                   ("p", f"{_zh_date(job['start'], 0)}-{_zh_date(job['end'], 0)}（{_duration_zh(end - job['start'])}）"),
                   ("p", "内容：" + "；".join(duty[0] for duty in job["desc"]))]  # fmt: skip
    if full_time and rng.random() < 0.5:
        name, _en = rng.choice(PROJECTS[p["_track"]])
        start = max(full_time[-1]["start"], p["_now"] - 20)
        blocks += [("h", "项目经历"), ("p", BOLD + f"{name}  {_zh_date(start, 0)}-{_zh_date(start + 7, 0)}"),
                   ("p", "担任角色：" + rng.choice(["项目负责人", "核心成员"])),
                   ("p", "项目描述：" + rng.choice(DESCRIPTIONS[p["_track"]])[0])]  # fmt: skip
    blocks.append(("h", "教育经历"))
    for stage in _degrees(p):
        major = f"  {stage['major'][0]}" if stage["major"][0] else ""
        blocks.append(("p", f"{stage['school'][0]}{major}  {DEGREE_ZH[stage['level']]}  "
                            f"{_zh_date(stage['start'], 0)}-{_zh_date(stage['end'], 0)}"))  # fmt: skip
    tools, skills, languages, certificates = _items(p, 0)
    if certificates:
        blocks += [("h", "资格证书"), ("p", "、".join(certificates))]
    blocks += [("h", "技能标签"), ("p", " / ".join(tools + skills)), ("p", "语言能力：" + "、".join(languages))]
    return blocks


def _form_blocks(p: dict, rng: random.Random) -> list[tuple]:
    p["desired_role"] = POSTS[p["_track"]]  # a form applies for a post: the post is the wish
    p["role_category"] = p["_track"]
    _clear(p, "expected_salary")
    year, month, _day = p["_birth"]
    now_year = _ym(p["_now"])[0]
    home, origin, hukou = p["_home"], p["_origin"], p["_hukou"]
    unit = rng.choice([f"{home['city']}城市发展集团有限公司", f"{home['province']}交通投资集团有限公司",
                       f"{home['city']}市属事业单位"])  # fmt: skip
    degrees = _degrees(p)
    top = degrees[0]
    full_time = [job for job in p["_jobs"] if not job["intern"]]
    current = full_time[-1] if full_time else None
    history = []
    for stage in p["_stages"]:
        what = f"{stage['school'][0]} {stage['major'][0]}专业学习" if stage["major"][0] else f"{stage['school'][0]} 学生"
        history.append(f"{_zh_date(stage['start'], 0)}-{_zh_date(stage['end'], 0)}  {what}")
    for job in full_time:
        history.append(f"{_zh_date(job['start'], 0)}-{_zh_date(job['end'], 0)}  {job['employer']['zh']} {job['title'][0]}")
    tools, skills, languages, certificates = _items(p, 0)
    family = []
    for relation in rng.sample(RELATIVES, rng.randint(2, 3)):
        surname = p["full_name"][0] if relation == "父亲" else rng.choice(SURNAMES)[0]
        relative = surname + rng.choice(GIVEN["M" if relation == "父亲" else "F"])[0]
        workplace, role = rng.choice(RELATIVE_UNITS)
        role = "退休" if relation != "配偶" and rng.random() < 0.5 else role
        family.append([(relation, 1), (relative, 1), (f"{origin['city']}{workplace} {role}", 4)])
    hukou_shown = hukou["province_full"] + ("" if hukou["city_full"] == hukou["province_full"] else hukou["city_full"])
    rows = [
        [
            ("姓名", 1),
            (p["full_name"], 1),
            ("性别", 1),
            ("男" if p["gender"] == "M" else "女", 1),
            ("出生年月", 1),
            (f"{year}.{month:02d}", 1),
        ],
        [
            ("民族", 1),
            (p["_ethnic"], 1),
            ("政治面貌", 1),
            (p["_party"], 1),
            ("籍贯", 1),
            (f"{origin['province']}{origin['city']}", 1),
        ],
        [("户籍所在地", 1), (hukou_shown, 3), ("婚姻状况", 1), (rng.choice(["已婚", "未婚"]), 1)],
        [
            ("学历学位", 1),
            (DEGREE_FORM[top["level"]], 1),
            ("毕业时间", 1),
            (_zh_date(top["end"], 0), 1),
            ("参加工作时间", 1),
            (_zh_date(full_time[0]["start"], 0) if full_time else "", 1),
        ],
        [("毕业院校及专业", 1), (f"{top['school'][0]}  {top['major'][0] or ''}".strip(), 5)],
        [
            ("现工作单位", 1),
            (current["employer"]["zh"] if current else "无", 3),
            ("现任职务", 1),
            (current["title"][0] if current else "无", 1),
        ],
    ]
    if rng.random() < 0.8:
        rows.append([("现住址", 1), (_address(p, rng), 5)])
    else:
        _clear(p, "province", "city")
    rows += [
        [("联系电话", 1), (p["phone"] or "", 1), ("电子邮箱", 1), (p["contact_email"] or "", 3)],
        [
            ("报考岗位", 1),
            (p["desired_role"], 1),
            ("岗位代码", 1),
            (f"{now_year}{rng.randint(100, 999)}", 1),
            ("是否服从调剂", 1),
            ("是", 1),
        ],
        [("学习和工作经历（自高中起）", 1), ("\n".join(history), 5)],
        [("职业资格", 1), ("、".join(certificates) or "无", 5)],
        [("个人特长", 1), ("、".join(tools + skills) + "；" + "、".join(languages), 5)],
        [("奖惩情况", 1), (rng.choice(AWARDS_ZH), 5)],
        [("家庭主要成员及社会关系", 6)],
        [("称谓", 1), ("姓名", 1), ("工作单位及职务", 4)],
        *family,
        [("本人承诺", 1), ("本人承诺所填信息真实准确，如有不实，愿承担相应责任。\n本人签名：          年    月    日", 5)],
        [("资格审查意见", 1), ("", 5)],
    ]
    if not current:
        _clear(p, "current_employer", "current_title")
    return [("title", f"{now_year}年{unit}公开招聘工作人员报名表"), ("p", f"报考单位：{unit}"),
            ("table", rows, [0.16, 0.17, 0.13, 0.2, 0.15, 0.19])]  # fmt: skip


def _hk_bilingual(p: dict, rng: random.Random) -> list[tuple]:
    blocks = [
        ("title", "个人履历 CURRICULUM VITAE"),
        ("h", "个人资料 Personal Particulars"),
        ("p", f"姓名 Name：{p['full_name']}"),
    ]
    if rng.random() < 0.85:
        blocks.append(("p", f"性别 Sex：{'男' if p['gender'] == 'M' else '女'}"))
    else:
        _clear(p, "gender")
    if rng.random() < 0.65:
        year, month, day = p["_birth"]
        blocks.append(("p", f"出生日期 Date of Birth：{year}年{month}月{day}日"))
    else:
        _clear(p, "birth_year")
    if p["phone"]:
        blocks.append(("p", f"手提电话 Mobile：{_phone_en(p['phone'], rng)}"))
    if p["contact_email"]:
        blocks.append(("p", f"电邮 E-mail：{p['contact_email']}"))
    if rng.random() < 0.8:
        blocks.append(("p", f"住址 Address：{_address(p, rng)}"))
    else:
        _clear(p, "province", "city")
    blocks.append(("p", "可到职日期 Availability：" + rng.choice(["一个月通知期", "即时", "两星期通知期"])))
    if p["desired_role"] or p["_pay"]:
        blocks.append(("h", "求职目标 Career Objective"))
        if p["desired_role"]:
            blocks.append(("p", f"应征职位 Position Applied：{p['desired_role']}"))
        if p["_pay"]:
            blocks.append(("p", f"期望薪金 Expected Salary：{_pay_hk(p['_pay'])}"))
    if p["_jobs"]:
        blocks.append(("h", "工作经验 Working Experience"))
    for job in _newest_first(p["_jobs"]):
        blocks += [("p", BOLD + f"{_zh_date(job['start'], 1)} – {_zh_date(job['end'], 1, '现在')}    {job['employer']['zh']}"),
                   ("p", f"职位 Position：{job['title'][0]}"), ("p", "主要职责 Duties：")]  # fmt: skip
        blocks += [("p", f"· {duty[0]}") for duty in job["desc"]]
    blocks.append(("h", "学历 Education"))
    for stage in _degrees(p):
        major = f"  {stage['major'][0]}" if stage["major"][0] else ""
        blocks.append(("p", f"{_zh_date(stage['start'], 1)} – {_zh_date(stage['end'], 1)}  {stage['school'][0]}{major}  "
                            f"{DEGREE_HK[stage['level']]}"))  # fmt: skip
    tools, skills, languages, certificates = _items(p, 0)
    if certificates:
        blocks += [("h", "专业资格 Professional Qualifications"), ("p", "、".join(certificates))]
    blocks += [("h", "语言能力 Languages"), ("p", "、".join(["普通话（流利）", *languages]))]
    if tools:
        blocks += [("h", "电脑技能 Computer Skills"), ("p", "、".join(tools))]
    if skills:
        blocks += [("h", "其他技能 Other Skills"), ("p", "、".join(skills))]
    blocks += [("h", "推荐人 References"), ("p", "可应要求提供 Available upon request")]
    return blocks


def _degree_en(stage: dict, track: str) -> str:
    engineering = track == "engineering"
    return {
        "high_school": "High School Diploma",
        "associate": "Associate Degree",
        "bachelor": "B.Eng." if engineering else "B.Sc.",
        "master": "M.Eng." if engineering else "M.Sc.",
        "doctorate": "Ph.D.",
    }[stage["level"]]


def _academic_cv(p: dict, rng: random.Random) -> list[tuple]:
    _clear(p, "gender", "birth_year", "desired_role", "expected_salary")
    surname, given = p["_py"]
    contact = [part for part in (p["contact_email"], _phone_en(p["phone"], rng) if p["phone"] else None) if part]
    if rng.random() < 0.75:
        contact.insert(0, _place_en(p["_home"]) + ", China")
    else:
        _clear(p, "province", "city")
    blocks = [("title", p["full_name"]), ("p", " | ".join(contact)), ("h", "Education")]
    interests, papers = RESEARCH[p["_track"]]
    for stage in _degrees(p):
        major = f" in {stage['major'][1]}" if stage["major"][1] else ""
        years = f"{_ym(stage['start'])[0]}–{_ym(stage['end'])[0]}"
        blocks.append(("p", BOLD + f"{_degree_en(stage, p['_track'])}{major}, {stage['school'][1]}, {years}"))
        if stage["level"] == "doctorate":
            advisor = rng.choice(SURNAMES)[1] + " " + rng.choice(GIVEN["M"])[1]
            blocks += [("p", f"Thesis: {papers[0]}"), ("p", f"Advisor: Prof. {advisor}")]
    research = LEVELS.index(p["education_level"]) >= LEVELS.index("master")
    blocks += [
        ("h", "Research Interests" if research else "Interests"),
        ("p", "; ".join(interest.capitalize() for interest in interests)),
    ]
    for heading, wanted in (("Professional Experience", False), ("Internships", True)):
        jobs = [job for job in _newest_first(p["_jobs"]) if job["intern"] is wanted]
        if jobs:
            blocks.append(("h", heading))
        for job in jobs:
            blocks += [("p", BOLD + f"{job['title'][1]} — {job['employer']['en']}, {_city_pinyin(job['employer']['city'])}"),
                       ("p", f"{_en_date(job['start'], 0)} – {_en_date(job['end'], 0)}")]  # fmt: skip
            blocks += [("p", f"- {duty[1]}") for duty in job["desc"]]
    if research:
        blocks.append(("h", "Publications"))
        last = _ym(p["_stages"][-1]["end"])[0]
        for number, title in enumerate(papers, 1):
            other = rng.choice(SURNAMES)[1]
            authors = [f"{surname}, {given[0]}.", f"{other}, {rng.choice(GIVEN['F'])[1][0]}."]
            if rng.random() < 0.4:
                authors.reverse()
            venue = rng.choice(
                ["Journal of Applied Research", "Proceedings of the Annual Workshop", "Review of Empirical Studies"]
            )
            blocks.append(
                ("p", f"[{number}] {' & '.join(authors)} ({last - number + 1}). {title}. {venue}, {rng.randint(3, 40)}.")
            )
    tools, skills, languages, certificates = _items(p, 1)
    blocks.append(("h", "Skills"))
    if tools:
        blocks.append(("p", "Programming and tools: " + ", ".join(tools)))
    if skills:
        blocks.append(("p", "Methods: " + ", ".join(skills)))
    blocks.append(("p", "Languages: " + ", ".join(["Mandarin (native)", *languages])))
    if certificates:
        blocks.append(("p", "Certificates: " + ", ".join(certificates)))
    award_year = _ym(p["_stages"][-1]["end"])[0] - 1
    blocks += [
        ("h", "Awards"),
        ("p", f"{rng.choice(AWARDS_EN)} ({award_year})"),
        ("h", "References"),
        ("p", "Available upon request."),
    ]
    return blocks


def _bar(rng: random.Random) -> str:
    level = rng.randint(3, 5)
    return "■" * level + "□" * (5 - level) if rng.random() < 0.6 else f"{rng.choice([70, 75, 80, 85, 90, 95])}%"


def _infographic(p: dict, rng: random.Random) -> list[tuple]:
    blocks = [("title", p["full_name"])]
    if p["desired_role"]:
        blocks.append(("p", f"求职意向：{p['desired_role']}"))
    if p["_pay"]:
        blocks.append(("p", f"期望薪资：{_pay_zh(p['_pay'], rng)}"))
    contact = [f"● {part}" for part in (_phone_zh(p["phone"], rng) if p["phone"] else None, p["contact_email"]) if part]
    if rng.random() < 0.8:
        contact.append(f"● 现居：{_home_zh(p, rng)}")
    else:
        _clear(p, "province", "city")
    blocks.append(("p", "   ".join(contact)))
    facts = []
    if rng.random() < 0.5:
        facts.append(f"出生：{p['_birth'][0]}.{p['_birth'][1]:02d}")
    else:
        _clear(p, "birth_year")
    if rng.random() < 0.6:
        facts.append(f"性别：{'男' if p['gender'] == 'M' else '女'}")
    else:
        _clear(p, "gender")
    if facts:
        blocks.append(("p", " | ".join(facts)))
    style = rng.choice([0, 2, 3])
    if p["_jobs"]:
        entries = [
            (
                [_zh_date(job["start"], style), _zh_date(job["end"], style)],
                [BOLD + job["employer"]["zh"], job["title"][0], *(duty[0] for duty in job["desc"])],
            )
            for job in _newest_first(p["_jobs"])
        ]
        blocks += [("h", "工作经历 WORK EXPERIENCE"), ("timeline", entries)]
    entries = [([_zh_date(stage["start"], style), _zh_date(stage["end"], style)],
                [BOLD + stage["school"][0], " | ".join(part for part in (stage["major"][0], DEGREE_ZH[stage["level"]]) if part)])
               for stage in _degrees(p)]  # fmt: skip
    blocks += [("h", "教育背景 EDUCATION"), ("timeline", entries)]
    tools, skills, languages, certificates = _items(p, 0)
    blocks.append(("h", "专业技能 SKILLS"))
    blocks += [("p", f"{item}  {_bar(rng)}") for item in tools + skills]
    blocks.append(("p", "语言：" + "、".join(languages)))
    if certificates:
        blocks.append(("p", "证书：" + "、".join(certificates)))
    blocks += [("h", "自我评价 ABOUT ME"), ("p", p["_strength"])]
    return blocks


def _markdown(p: dict, rng: random.Random) -> str:
    _clear(p, "gender", "birth_year")
    full_time = [job for job in p["_jobs"] if not job["intern"]]
    headline = [full_time[-1]["title"][1] if full_time else "Graduate"]
    if rng.random() < 0.8:
        headline.append(_place_en(p["_home"]))
    else:
        _clear(p, "province", "city")
    headline += [part for part in (p["contact_email"], _phone_en(p["phone"], rng) if p["phone"] else None) if part]
    lines = [f"# {p['full_name']}", "", " · ".join(headline), ""]
    if p["desired_role"] and rng.random() < 0.6:
        lines += [f"**Looking for:** {p['desired_role']}", ""]
    else:
        _clear(p, "desired_role")
    lines += ["## Summary", "", rng.choice(SUMMARIES), ""]
    if p["_jobs"]:
        lines += ["## Experience", ""]
    for job in _newest_first(p["_jobs"]):
        city = _city_pinyin(job["employer"]["city"])
        lines += [f"### {job['title'][1]} · {job['employer']['en']}", f"*{_en_date(job['start'], 0)} – "
                  f"{_en_date(job['end'], 0, 'present')} · {city}*", ""]  # fmt: skip
        lines += [f"- {duty[1]}" for duty in job["desc"]] + [""]
    lines += ["## Education", ""]
    for stage in _degrees(p):
        major = f", {stage['major'][1]}" if stage["major"][1] else ""
        years = f"{_ym(stage['start'])[0]}–{_ym(stage['end'])[0]}"
        lines.append(f"- **{_degree_en(stage, p['_track'])}{major}**, {stage['school'][1]}, {years}")
    tools, skills, languages, certificates = _items(p, 1)
    lines += ["", "## Skills", ""]
    if tools:
        lines.append("- **Languages & tools:** " + ", ".join(tools))
    if skills:
        lines.append("- **Other:** " + ", ".join(skills))
    lines += ["", "## Languages", ""] + [f"- {language}" for language in ["Mandarin (native)", *languages]]
    if certificates:
        lines += ["", "## Certifications", ""] + [f"- {certificate}" for certificate in certificates]
    if p["_pay"] and rng.random() < 0.6:
        lines += ["", "## Expectations", "", f"- Salary: {_pay_en(p['_pay'], rng)}"]
    else:
        _clear(p, "expected_salary")
    return "\n".join(lines) + "\n"


def _markdown_blocks(source: str) -> list[tuple]:
    """The Markdown as a viewer renders it: no #, * or ** left, bullets drawn as dots."""
    blocks = []
    for line in source.splitlines():
        plain = line.replace("**", "")
        if line.startswith("# "):
            blocks.append(("title", plain[2:]))
        elif line.startswith("## "):
            blocks.append(("h", plain[3:]))
        elif line.startswith("### "):
            blocks.append(("p", BOLD + plain[4:]))
        elif line.startswith("- "):
            blocks.append(("p", "• " + plain[2:]))
        elif line.strip():
            blocks.append(("p", plain.strip("*")))
    return blocks


def _job_rows(p: dict, rng: random.Random) -> list[tuple]:
    year, month, day = p["_birth"]
    details = [("Name", p["full_name"]), ("Mobile", _phone_en(p["phone"], rng) if p["phone"] else ""),
               ("Email", p["contact_email"] or "")]  # fmt: skip
    if rng.random() < 0.85:
        details.append(("Location", _place_en(p["_home"])))
    else:
        _clear(p, "province", "city")
    if rng.random() < 0.6:
        details.append(("Date of birth", rng.choice([f"{day:02d}/{month:02d}/{year}", f"{year}-{month:02d}"])))
    else:
        _clear(p, "birth_year")
    if rng.random() < 0.7:
        details.append(("Gender", "Male" if p["gender"] == "M" else "Female"))
    else:
        _clear(p, "gender")
    if len(details) % 2:
        details.append(("Nationality", "Chinese"))
    grid = [
        [(details[i][0], 1), (details[i][1], 1), (details[i + 1][0], 1), (details[i + 1][1], 1)]
        for i in range(0, len(details), 2)
    ]
    blocks = [("title", "RESUME"), ("table", grid, [0.17, 0.33, 0.17, 0.33])]
    if p["_jobs"]:
        rows = [[(head, 1) for head in ("From", "To", "Employer", "Position", "City", "Main duties")]]
        rows += [[(_en_date(job["start"], 1), 1), (_en_date(job["end"], 1), 1), (job["employer"]["en"], 1), (job["title"][1], 1),
                  (_city_pinyin(job["employer"]["city"]), 1), ("; ".join(duty[1] for duty in job["desc"]), 1)]
                 for job in _newest_first(p["_jobs"])]  # fmt: skip
        blocks += [("h", "Employment history"), ("table", rows, [0.1, 0.1, 0.22, 0.16, 0.1, 0.32])]
    rows = [[(head, 1) for head in ("From", "To", "Institution", "Degree", "Major")]]
    rows += [[(_en_date(stage["start"], 1), 1), (_en_date(stage["end"], 1), 1), (stage["school"][1], 1),
              (_degree_en(stage, p["_track"]), 1), (stage["major"][1] or "", 1)] for stage in _degrees(p)]  # fmt: skip
    blocks += [("h", "Education"), ("table", rows, [0.11, 0.11, 0.36, 0.16, 0.26])]
    tools, skills, languages, certificates = _items(p, 1)
    rows = [[("Category", 1), ("Details", 1)]]
    for label, values in (("Technical", tools), ("Professional", skills), ("Languages", ["Mandarin (native)", *languages]),
                          ("Certificates", certificates)):  # fmt: skip
        if values:
            rows.append([(label, 1), (", ".join(values), 1)])
    blocks += [("h", "Skills and languages"), ("table", rows, [0.22, 0.78])]
    rows = []
    if p["desired_role"]:
        rows.append([("Target position", 1), (p["desired_role"], 1)])
    if p["_pay"]:
        rows.append([("Expected salary", 1), (_pay_en(p["_pay"], rng), 1)])
    if rows:
        rows.append([("Availability", 1), (rng.choice(["One month", "Immediately", "Two weeks"]), 1)])
        blocks += [("h", "Job objective"), ("table", rows, [0.3, 0.7])]
    return blocks


# ---------------------------------------------------------------- writing: one drawing of the blocks for PDF pages and scans

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 595.0, 842.0, 46.0
FONT_DIR = Path("/usr/share/fonts/opentype/noto")
_CJK = "STSong-Light"


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if _CJK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_CJK))


def _font(text: str, bold: bool) -> str:
    if all(ord(ch) < 128 or ch in "–—×" for ch in text):
        return "Helvetica-Bold" if bold else "Helvetica"
    return _CJK


def _width(text: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, _font(text, bold), size)


def _wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    out, line = [], ""
    for token in re.findall(r"[A-Za-z0-9@.,_%+\-/()'’:;&#×–]+ *| +|.", text):
        if line.strip() and _width(line + token.rstrip(), size, bold) > width:
            out.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*out, line.rstrip()]


class _PdfPainter:
    limit = PAGE_HEIGHT - MARGIN

    def __init__(self) -> None:
        from reportlab.pdfgen import canvas

        _register_fonts()
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)

    def text(self, x: float, y: float, text: str, size: float, bold: bool) -> None:
        self.canvas.setFont(_font(text, bold), size)
        self.canvas.drawString(x, PAGE_HEIGHT - y - size, text)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.canvas.line(x1, PAGE_HEIGHT - y1, x2, PAGE_HEIGHT - y2)

    def page(self) -> None:
        self.canvas.showPage()

    def finish(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


class _ImagePainter:
    """Records the drawing on one long page; `finish` paints it at `dpi`."""

    limit = float("inf")

    def __init__(self) -> None:
        self.ops: list[tuple] = []

    def text(self, x: float, y: float, text: str, size: float, bold: bool) -> None:
        self.ops.append(("text", x, y, text, size, bold))

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.ops.append(("line", x1, y1, x2, y2))

    def page(self) -> None:
        raise AssertionError("a scan is drawn on one page")

    def finish(self, dpi: int):
        from PIL import Image, ImageDraw, ImageFont

        scale = dpi / 72
        bottom = max([op[2] + op[4] for op in self.ops if op[0] == "text"] + [PAGE_HEIGHT - 2 * MARGIN]) + MARGIN
        image = Image.new("L", (round(PAGE_WIDTH * scale), round(max(bottom, PAGE_HEIGHT) * scale)), 255)
        draw = ImageDraw.Draw(image)
        fonts: dict[tuple, object] = {}
        for op in self.ops:
            if op[0] == "line":
                draw.line([(op[1] * scale, op[2] * scale), (op[3] * scale, op[4] * scale)], fill=40, width=2)
                continue
            _kind, x, y, text, size, bold = op
            key = (size, bold)
            if key not in fonts:
                path = FONT_DIR / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")
                fonts[key] = ImageFont.truetype(str(path), round(size * scale), index=2)  # index 2: the SC face
            draw.text((x * scale, y * scale), text, font=fonts[key], fill=20)
        return image


def _draw(blocks: list[tuple], painter) -> None:  # noqa: C901 (one branch per kind of block)
    _register_fonts()  # the widths come from the PDF fonts' metrics, for scans too
    y = MARGIN
    inner = PAGE_WIDTH - 2 * MARGIN

    def room(height: float) -> None:
        nonlocal y
        if y + height > painter.limit:
            painter.page()
            y = MARGIN

    for block in blocks:
        kind = block[0]
        if kind == "title":
            room(30)
            painter.text(MARGIN, y, block[1], 17, True)
            y += 28
        elif kind == "h":
            room(34)
            y += 8
            painter.text(MARGIN, y, block[1], 11.5, True)
            painter.line(MARGIN, y + 15, PAGE_WIDTH - MARGIN, y + 15)
            y += 21
        elif kind == "p":
            bold = block[1].startswith(BOLD)
            for line in _wrap(block[1].lstrip(BOLD), 9.5, inner, bold):
                room(14)
                painter.text(MARGIN, y, line, 9.5, bold)
                y += 14
        elif kind == "table":
            _rows, fractions = block[1], block[2]
            widths = [inner * fraction for fraction in fractions]
            for row in _rows:
                cells, column = [], 0
                for text, span in row:
                    width = sum(widths[column : column + span])
                    lines = [wrapped for part in text.split("\n") for wrapped in _wrap(part, 9, width - 6)]
                    cells.append((MARGIN + sum(widths[:column]), width, lines))
                    column += span
                height = max(len(lines) for _x, _w, lines in cells) * 13 + 6
                room(height)
                painter.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)
                painter.line(MARGIN, y + height, PAGE_WIDTH - MARGIN, y + height)
                for x, width, lines in cells:
                    painter.line(x, y, x, y + height)
                    painter.line(x + width, y, x + width, y + height)
                    for number, line in enumerate(lines):
                        painter.text(x + 3, y + 3 + 13 * number, line, 9, False)
                y += height
            y += 4
        elif kind == "timeline":
            for left, right in block[1]:
                lines = [(wrapped, part.startswith(BOLD)) for part in right
                         for wrapped in _wrap(part.lstrip(BOLD), 9.5, inner - 96, part.startswith(BOLD))]  # fmt: skip
                height = max(len(left), len(lines)) * 14 + 8
                room(height)
                for number, text in enumerate(left):
                    painter.text(MARGIN, y + 14 * number, text, 9.5, True)
                painter.line(MARGIN + 86, y, MARGIN + 86, y + height - 4)
                for number, (text, bold) in enumerate(lines):
                    painter.text(MARGIN + 96, y + 14 * number, text, 9.5, bold)
                y += height


def _as_pdf(blocks: list[tuple]) -> bytes:
    painter = _PdfPainter()
    _draw(blocks, painter)
    return painter.finish()


def _as_text(blocks: list[tuple]) -> bytes:
    lines: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "h":
            lines += ["", block[1]]
        elif kind in ("title", "p"):
            lines.append(block[1].lstrip(BOLD))
        elif kind == "table":
            for row in block[1]:
                texts = [text for text, _span in row]
                if any("\n" in text for text in texts):
                    lines += [part for text in texts for part in text.split("\n")]
                else:
                    lines.append(" | ".join(texts))
        elif kind == "timeline":
            for left, right in block[1]:
                lines.append(f"{' - '.join(left)}  {right[0].lstrip(BOLD)}")
                lines += [f"    {part.lstrip(BOLD)}" for part in right[1:]]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _as_docx(blocks: list[tuple]) -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)

    def fill(cell, text: str) -> None:
        parts = text.split("\n")
        cell.text = parts[0].lstrip(BOLD)
        if parts[0].startswith(BOLD):
            cell.paragraphs[0].runs[0].bold = True
        for part in parts[1:]:
            paragraph = cell.add_paragraph()
            paragraph.add_run(part.lstrip(BOLD)).bold = part.startswith(BOLD)

    for block in blocks:
        kind = block[0]
        if kind == "title":
            run = doc.add_paragraph().add_run(block[1])
            run.bold, run.font.size = True, Pt(18)
        elif kind == "h":
            doc.add_heading(block[1], level=2)
        elif kind == "p":
            doc.add_paragraph().add_run(block[1].lstrip(BOLD)).bold = block[1].startswith(BOLD)
        elif kind == "table":
            rows, columns = block[1], len(block[2])
            table = doc.add_table(rows=len(rows), cols=columns)
            table.style = "Table Grid"
            for index, row in enumerate(rows):
                column = 0
                for text, span in row:
                    cell = table.cell(index, column)
                    if span > 1:
                        cell = cell.merge(table.cell(index, column + span - 1))
                    fill(cell, text)
                    column += span
        elif kind == "timeline":
            table = doc.add_table(rows=len(block[1]), cols=2)
            for index, (left, right) in enumerate(block[1]):
                fill(table.cell(index, 0), "\n".join(BOLD + part for part in left))
                fill(table.cell(index, 1), "\n".join(right))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _degrade(image, rng: random.Random, photo: bool):
    """A page as a flatbed scan or a phone photo sees it: grey paper, tilt, blur, specks."""
    from PIL import Image, ImageDraw, ImageFilter

    paper = rng.randint(222, 240) if photo else rng.randint(238, 250)
    image = image.point(lambda value: round(value * paper / 255))
    image = image.rotate(rng.uniform(-1.6, 1.6) if photo else rng.uniform(-0.8, 0.8), resample=Image.BICUBIC,
                         expand=True, fillcolor=paper - 30 if photo else paper)  # fmt: skip
    if photo:  # light falls off towards one side of the sheet
        shade = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270])).resize(image.size)
        image = Image.composite(image, image.point(lambda value: round(value * 0.86)), shade)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(150, 400)):
        x, y = rng.randrange(image.size[0]), rng.randrange(image.size[1])
        draw.point((x, y), fill=rng.randint(60, 160))
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9) if photo else rng.uniform(0.2, 0.6)))


def _as_scan(blocks: list[tuple], fmt: str, rng: random.Random) -> bytes:
    painter = _ImagePainter()
    _draw(blocks, painter)
    dpi = rng.choice([200, 240, 300]) if fmt == "pdf" else rng.choice([200, 220, 250])
    image = _degrade(painter.finish(dpi), rng, photo=fmt != "pdf")
    out = io.BytesIO()
    if fmt == "png":
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    image.save(out, format="JPEG", quality=rng.randint(72, 88))
    if fmt == "jpg":
        return out.getvalue()
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    size = (image.size[0] * 72 / dpi, image.size[1] * 72 / dpi)
    pdf = io.BytesIO()
    page = canvas.Canvas(pdf, pagesize=size, invariant=True)
    page.drawImage(ImageReader(io.BytesIO(out.getvalue())), 0, 0, width=size[0], height=size[1])
    page.save()
    return pdf.getvalue()


_RENDERERS = {
    "zh_app_export": _app_export, "zh_application_form": _form_blocks, "zh_hk_bilingual": _hk_bilingual,
    "en_academic_cv": _academic_cv, "zh_infographic": _infographic, "en_job_rows": _job_rows,
    "scan_zh_application_form": _form_blocks,
}  # fmt: skip


def document(p: dict, layout: str, fmt: str, rng: random.Random) -> bytes:
    """The resume of `p` in `layout` as a file of `fmt`; clears in `p` the fields this page does not state."""
    if layout == "en_markdown":
        source = _markdown(p, rng)
        return source.encode("utf-8") if fmt == "txt" else _as_pdf(_markdown_blocks(source))
    blocks = _RENDERERS[layout](p, rng)
    if layout.startswith("scan_"):
        return _as_scan(blocks, fmt, rng)
    return {"pdf": _as_pdf, "docx": _as_docx, "txt": _as_text}[fmt](blocks)
