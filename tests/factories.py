"""Factories for the whole suite. Writes that matter still go through services."""

import factory
from django.utils import timezone

from accounts.models import Membership, Merchant, User
from consent.models import ConsentNotice, Purpose, Resume

PASSWORD = "test-pass-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    kind = User.Kind.JOBSEEKER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """allauth: the e-mail address is verified, so the person can sign in."""
        if create:
            from allauth.account.models import EmailAddress

            obj.save()
            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})


class StaffFactory(UserFactory):
    kind = User.Kind.STAFF
    is_staff = True
    is_superuser = True


class MerchantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Merchant

    name = factory.Sequence(lambda n: f"Merchant {n} Ltd")
    industry = Merchant.Industry.EMPLOYER
    status = Merchant.Status.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)
    is_buyer = True


class ProviderFactory(MerchantFactory):
    industry = Merchant.Industry.RECRUITING
    is_provider = True


def member_of(merchant: Merchant, role: str = Membership.Role.OWNER, **user_fields) -> User:
    user = UserFactory(kind=User.Kind.MERCHANT, **user_fields)
    Membership.objects.create(user=user, merchant=merchant, role=role)
    return user


class ResumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resume

    owner = factory.SubFactory(UserFactory)
    status = Resume.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    full_name = factory.Sequence(lambda n: f"张{n}伟")
    phone = factory.Sequence(lambda n: f"1380013{n:04d}")
    contact_email = factory.LazyAttribute(lambda o: o.owner.email)
    current_employer = factory.Sequence(lambda n: f"Employer-{n} Co")
    birth_year = factory.Sequence(lambda n: 1975 + n % 25)
    gender = factory.Iterator(["F", "M"])
    province = factory.Iterator(["广东", "北京", "上海", "浙江"])
    city = factory.Iterator(["深圳", "北京", "上海", "杭州"])
    education_level = factory.Iterator(["bachelor", "master", "associate"])
    years_experience = factory.Sequence(lambda n: n % 15)
    industry = "internet"
    role_category = factory.Iterator(["engineering", "data", "sales"])
    expected_salary = factory.Sequence(lambda n: 8000 + (n % 10) * 2000)
    skills = factory.Iterator([["python", "sql"], ["python", "java"], ["sales", "excel"]])


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentNotice

    provider = factory.SubFactory(ProviderFactory)
    purpose = Purpose.RECORDS
    title_zh = "简历去标识化数据集"
    title_en = "De-identified resume dataset"
    body_zh = "我们将您的简历去标识化后出售给经过验证的雇主。"
    body_en = "We de-identify your resume and sell it to verified employers."
    handler_contact = "privacy@provider.example"
    recipients = "Verified employers"
    processing_methods = "De-identification, k-anonymity"
    fields_used = "age band, gender, province, education, experience, salary band, skills"
    retention = "3 years"
    revenue_share = "30% of each sale is split among the people included"
    published_at = factory.LazyFunction(timezone.now)
