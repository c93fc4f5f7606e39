"""A talent pool and an employer with a funded wallet, built through the services."""

from dataclasses import dataclass, field

from accounts.models import Merchant, User
from consent.models import Purpose
from consent.services import consent_grant
from payouts.models import TopUp
from payouts.services import wallet_topup_confirm, wallet_topup_request
from talent.services import talent_profile_save

from ..factories import MerchantFactory, NoticeFactory, ResumeFactory, StaffFactory, UserFactory, member_of

PREFERENCES = {
    "role_categories": ["engineering"],
    "provinces": ["广东"],
    "remote_ok": True,
    "min_monthly_salary": "15000",
    "reveal_name": True,
    "reveal_email": True,
    "reveal_phone": False,
    "weekly_cap": "5",
}


@dataclass
class World:
    employer: Merchant
    recruiter: User
    staff: User
    notice: object
    people: list[User] = field(default_factory=list)


def person_join(world: World, **resume) -> User:
    """A jobseeker with a confirmed resume who joined the talent pool."""
    n = len(world.people)
    values = {
        # Free text naming schools and employers: none of it may reach an employer before acceptance.
        "field_of_study": f"清华大学机器人学院 Tsinghua Robotics {n}",
        "current_title": f"Principal arm-control lead at Shenzhen Secret Works {n}",
        "desired_role": f"Head of grasping at Dajiang Hidden Lab {n}",
        "work_history": [
            {"name": f"Shenzhen Secret Works {n}", "position": "Engineer", "startDate": "2020-01", "endDate": ""},
            {"name": f"北京大学附属实验室 {n}", "position": "Intern", "startDate": "2018-07", "endDate": "2019-12"},
        ],
        "province": "广东",
        "role_category": "engineering",
        "years_experience": 4,
        "education_level": "bachelor",
        "expected_salary": 20000,
        "skills": ["python", "sql"],
        **resume,
    }
    person = ResumeFactory(**values).owner
    talent_profile_save(user=person, data=PREFERENCES)
    consent_grant(user=person, notice=world.notice, language="en")
    from talent.services import pool_refresh

    pool_refresh(user_id=person.pk)
    world.people.append(person)
    return person


def world_create(*, people: int = 6, wallet_fen: int = 100_000) -> World:
    employer = MerchantFactory(name="Acme Robotics Ltd")
    world = World(
        employer=employer,
        recruiter=member_of(employer),
        staff=StaffFactory(),
        notice=NoticeFactory(purpose=Purpose.TALENT, title_en="Talent pool", title_zh="人才库"),
    )
    if wallet_fen:
        fund(world, employer, world.recruiter, wallet_fen)
    for _ in range(people):
        person_join(world)
    return world


def fund(world: World, merchant: Merchant, by: User, amount_fen: int, reference: str = "T-1") -> None:
    topup = wallet_topup_request(merchant=merchant, amount_fen=amount_fen, bank_reference=reference, by=by)
    wallet_topup_confirm(topup=TopUp.objects.get(pk=topup.pk), by=world.staff)


def other_employer(world: World, name: str = "Globex Ltd", wallet_fen: int = 100_000) -> tuple[Merchant, User]:
    merchant = MerchantFactory(name=name)
    member = member_of(merchant)
    if wallet_fen:
        fund(world, merchant, member, wallet_fen, reference=f"T-{merchant.pk}")
    return merchant, member


def secrets_of(world: World) -> list[str]:
    """Everything that names, reaches or describes a person of the world in their own words."""
    out = []
    for person in world.people:
        resume = person.resume
        out += [person.email, resume.full_name, resume.phone, resume.contact_email, resume.current_employer]
        out += [resume.field_of_study, resume.current_title, resume.desired_role]
        out += [entry["name"] for entry in resume.work_history or []]
    return [secret for secret in out if secret]


__all__ = ["World", "secrets_of", "world_create", "person_join", "fund", "other_employer", "UserFactory", "PREFERENCES"]
