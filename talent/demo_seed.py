"""The talent pool of the demo world: a published notice, people who joined it, and invitations in every state.

`demo_seed(seeder)` is called by the demo world (demo/journeys.py) inside its one
transaction. Every step goes through the services and is keyed on fixed names, so a
second run changes nothing: a person who ever granted the talent purpose is not asked
again, a search runs only when an employer has no handle yet for the person it invites,
and an invitation is found again by its idempotency key.

The demo jobseeker (jobseeker@example.com) holds one invitation of each outcome: accepted
by the demo employer (buyer@example.com sees her contact, she sees her share; the demo
world's journeys then treat its window as passed, so it is available to withdraw),
open from the demo employer, declined and expired from the demo bank.
"""

from dataclasses import dataclass

from accounts.models import User
from consent.models import ConsentGrant, ConsentNotice, Purpose, RoleCategory
from consent.services import notice_publish

from .models import Handle, Invitation
from .services import (
    filters_clean,
    invitation_accept,
    invitation_decline,
    invitation_send,
    invitations_expire_due,
    talent_join,
    talent_search,
)

KEY_PREFIX = "seed-demo:talent-"
POOL_ROLES = (RoleCategory.ENGINEERING, RoleCategory.DATA)
POOL_PROVINCES = ("广东", "北京", "上海", "浙江")
DEMO_PREFERENCES = {
    "role_categories": [RoleCategory.ENGINEERING, RoleCategory.DATA],
    "provinces": ["广东", "上海"],
    "remote_ok": "on",
    "min_monthly_salary": "20000",
    "reveal_name": "on",
    "reveal_email": "on",
    "weekly_cap": "10",
}

NOTICE = {
    "title_zh": "人才库告知书：匿名被雇主发现并接收付费邀请",
    "title_en": "Notice: be found anonymously by verified employers and receive paid invitations",
    "body_zh": (
        "个人信息处理者：智聘人才 Talent Bridge Recruiting（下称“我们”），在数据交易所运营人才库。\n"
        "处理目的：经您单独同意，经交易所核验的雇主可以按职位类别、技能、省份、工作年限、学历和期望薪资搜索人才库，"
        "看到泛化后的匿名卡片，并向您发送写明职位和薪资的付费邀请。\n"
        "接收方：在您接受某一份邀请之前，任何雇主都看不到您的姓名、联系方式、学校、雇主或任何自由文本；"
        "每个雇主看到的代号都不同；您屏蔽的雇主永远找不到您。\n"
        "接受邀请：每次接受都是向那一家机构提供您所选联系方式的单独同意（《个人信息保护法》第二十三条），"
        "附签名回执；您可以随时撤回，对方将被告知删除。\n"
        "收益：每份邀请附有雇主支付的邀请费，您接受后获得其中的 70%，在退款期结束前处于待结算状态。\n"
        "保存期限：至您退出人才库时止；退出后未答复的邀请被取消，费用退回雇主。"
    ),
    "body_en": (
        'Personal information handler: 智聘人才 Talent Bridge Recruiting ("we"), who run the talent pool on the exchange.\n'
        "Purpose: with your separate consent, employers verified by the exchange may search the pool by role category, "
        "skills, province, experience, education and expected salary, see generalised anonymous cards, and send you "
        "paid invitations that state the job and the salary.\n"
        "Recipients: until you accept an invitation, no employer sees your name, contact details, schools, employers or "
        "any free text; every employer sees a different code name; employers you block never find you.\n"
        "Accepting: each acceptance is a separate consent to provide the contact details you chose to that one "
        "organisation (PIPL Art. 23), with a signed receipt; you can withdraw it and the organisation is told to delete them.\n"
        "Earnings: every invitation carries a fee the employer pays; when you accept you receive 70% of it, pending "
        "until the refund window ends.\n"
        "Retention: until you leave the pool; then unanswered invitations are cancelled and their fees returned."
    ),
    "recipients": "经交易所核验的雇主（仅在您接受其邀请后） · Employers verified by the exchange (only after you accept)",
    "processing_methods": "k-匿名泛化的匿名卡片、每个雇主不同的代号 · k-anonymous generalised cards, a code name per employer",
    "fields_used": (
        "职位类别、技能、省份、工作年限、学历、期望薪资；接受后：您选择的联系方式 · "
        "Role category, skills, province, experience, education, expected salary; after accepting: the contact details you choose"
    ),
    "retention": "至您退出人才库 · Until you leave the talent pool",
    "revenue_share": "您接受的每份邀请，邀请费的 70% 归您 · 70% of the fee of every invitation you accept",
    "handler_contact": "个人信息保护负责人 Privacy officer: privacy-talentbridge@example.com, 0755-8600 0000",
}


@dataclass(frozen=True)
class InvitationPlan:
    key: str
    employer: str  # a merchant name of the demo world
    candidate: str  # "demo" for the demo jobseeker, else an index into the other pool members
    job_title: str
    description: str
    city: str
    remote: bool
    salary: tuple[int, int]
    outcome: str  # an Invitation.Status value


def _plans(world) -> list[InvitationPlan]:
    Status = Invitation.Status
    # The expired one is sent first: expiring it then touches nothing sent after it.
    return [
        InvitationPlan(
            "expired",
            world.BANK,
            "demo",
            "数据平台工程师 · Data platform engineer",
            "建设行内实时数据平台（Kafka、Flink）。Build the bank's real-time data platform (Kafka, Flink).",
            "深圳",
            False,
            (28_000, 40_000),
            Status.EXPIRED,
        ),
        InvitationPlan(
            "accepted",
            world.EMPLOYER,
            "demo",
            "高级后端工程师 · Senior backend engineer",
            "负责云帆调度平台的后端服务（Python、PostgreSQL）。Own the backend of our scheduling platform (Python, PostgreSQL).",
            "深圳",
            True,
            (25_000, 35_000),
            Status.ACCEPTED,
        ),
        InvitationPlan(
            "declined",
            world.BANK,
            "demo",
            "风控模型开发 · Risk model developer",
            "开发信贷风控模型与特征平台。Develop credit-risk models and the feature platform.",
            "上海",
            False,
            (22_000, 30_000),
            Status.DECLINED,
        ),
        InvitationPlan(
            "open",
            world.EMPLOYER,
            "demo",
            "技术经理 · Engineering manager",
            "带领八人后端团队，负责交付与招聘。Lead a backend team of eight; own delivery and hiring.",
            "深圳",
            True,
            (35_000, 45_000),
            Status.OPEN,
        ),
        InvitationPlan(
            "accepted-2",
            world.EMPLOYER,
            "0",
            "后端工程师 · Backend engineer",
            "开发调度平台的接口与任务系统。Build the platform's APIs and job system.",
            "深圳",
            True,
            (20_000, 45_000),
            Status.ACCEPTED,
        ),
        InvitationPlan(
            "open-2",
            world.EMPLOYER,
            "1",
            "后端工程师 · Backend engineer",
            "开发调度平台的接口与任务系统。Build the platform's APIs and job system.",
            "深圳",
            True,
            (20_000, 45_000),
            Status.OPEN,
        ),
    ]


def _notice(seeder, world) -> ConsentNotice:
    recruiter = seeder.merchants[world.RECRUITER]
    notice = ConsentNotice.objects.filter(provider=recruiter, purpose=Purpose.TALENT, version=1).first()
    if notice is None:
        notice = ConsentNotice.objects.create(
            provider=recruiter, purpose=Purpose.TALENT, version=1, **world._notice_languages(NOTICE)
        )
        seeder.note("consent notices")
    if not notice.is_published:
        notice_publish(notice=notice, by=seeder.owners[world.RECRUITER])
        seeder.note("notice publications")
    return notice


def _preferences(resume: dict, number: int) -> dict:
    expected = resume.get("expected_salary") or 0
    return {
        "role_categories": [resume["role_category"]],
        "provinces": [resume["province"]],
        "remote_ok": "on" if number % 3 == 0 else "",
        "min_monthly_salary": str(expected * 8 // 10 // 1000 * 1000) if expected >= 2000 else "",
        "reveal_name": "on",
        "reveal_email": "on",
        "reveal_phone": "on" if number % 2 == 0 else "",
        "weekly_cap": "5",
    }


def pool_members(people: list, jobseeker_email: str) -> list[tuple[int, object]]:
    """(number, person plan) of who joins: the demo jobseeker and the confirmed engineers and data people of four provinces."""
    return [
        (number, person)
        for number, person in enumerate(people)
        if person.email == jobseeker_email
        or (person.confirmed and person.resume["role_category"] in POOL_ROLES and person.resume["province"] in POOL_PROVINCES)
    ]


def _pool(seeder, world, notice: ConsentNotice) -> list:
    members = pool_members(seeder.plan.people, world.JOBSEEKER_EMAIL)
    users = {user.email: user for user in User.objects.filter(email__in=[person.email for _n, person in members])}
    # A consent once given counts, withdrawn or not: who left the pool is not put back.
    joined = set(ConsentGrant.objects.filter(purpose=Purpose.TALENT, user__in=users.values()).values_list("user_id", flat=True))
    others = []
    for number, person in members:
        user = users[person.email]
        demo = person.email == world.JOBSEEKER_EMAIL
        if user.pk not in joined:
            preferences = DEMO_PREFERENCES if demo else _preferences(person.resume, number)
            talent_join(user=user, notice=notice, data=preferences, language=person.language)
            seeder.note("talent pool members")
        if not demo and person.resume["role_category"] == RoleCategory.ENGINEERING and person.resume["province"] == "广东":
            others.append(user)
    return others


def _handle(seeder, merchant, owner, user) -> str:
    known = Handle.objects.filter(merchant=merchant, user=user).first()
    if known is None:
        # The employer finds the person the way any employer does: by a search that shows their card.
        talent_search(
            merchant=merchant, by=owner, filters=filters_clean({"role_category": RoleCategory.ENGINEERING, "province": "广东"})
        )
        seeder.note("talent searches")
        known = Handle.objects.get(merchant=merchant, user=user)
    return known.handle


def _invitation(seeder, plan: InvitationPlan, candidate) -> None:
    merchant, owner = seeder.merchants[plan.employer], seeder.owners[plan.employer]
    key = f"{KEY_PREFIX}{plan.key}"
    invitation = Invitation.objects.filter(merchant=merchant, idempotency_key=key).first()
    if invitation is None:
        invitation = invitation_send(
            merchant=merchant,
            by=owner,
            handle=_handle(seeder, merchant, owner, candidate),
            job_title=plan.job_title,
            description=plan.description,
            city=plan.city,
            remote=plan.remote,
            salary_min=plan.salary[0],
            salary_max=plan.salary[1],
            idempotency_key=key,
        )
        seeder.note("talent invitations")
    if invitation.status != Invitation.Status.OPEN or plan.outcome == Invitation.Status.OPEN:
        return
    if plan.outcome == Invitation.Status.ACCEPTED:
        invitation_accept(invitation=invitation, by=candidate, agree=True, language=candidate.language)
    elif plan.outcome == Invitation.Status.DECLINED:
        invitation_decline(invitation=invitation, by=candidate)
    elif plan.outcome == Invitation.Status.EXPIRED:
        # A week without an answer, as the beat task sees it then: only this one is due by its date.
        invitations_expire_due(now=invitation.expires_at)
    seeder.note(f"talent invitations {plan.outcome}")


def demo_seed(seeder) -> None:
    """Place the talent pool and its invitations into the demo world (idempotent; see the module docstring)."""
    from demo import world  # the demo world calls this; talent itself never depends on it

    notice = _notice(seeder, world)
    others = _pool(seeder, world, notice)
    demo_user = User.objects.get(email=world.JOBSEEKER_EMAIL)
    for plan in _plans(world):
        candidate = demo_user if plan.candidate == "demo" else others[int(plan.candidate)]
        _invitation(seeder, plan, candidate)
