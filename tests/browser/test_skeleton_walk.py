"""The walking skeleton through the real pages, as the people who use it would walk it.

Waits are Playwright's `expect` auto-retries with its default 5 s timeout; actions
that load a page wait for that navigation explicitly.

A jobseeker signs up, fills in, reviews and confirms her resume and consents; a
provider defines, builds and submits a product; staff list it and credit a buyer's
top-up in the admin; the buyer buys and downloads; the jobseeker sees the sale and
her exact share.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import translation
from playwright.sync_api import Page, expect

from accounts.models import User
from consent.models import ConsentGrant, Resume
from consent.services import consent_grant
from exchange.models import DataProduct, Order, ProductVersion, VersionMember
from payouts.models import TopUp
from payouts.money import format_micros
from payouts.selectors import earnings_for_user, sale_lines_for_user

from ..factories import PASSWORD, MerchantFactory, NoticeFactory, ProviderFactory, ResumeFactory, StaffFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRODUCT_TITLE = "Guangdong talent pool, Q4"
JOBSEEKER_EMAIL = "li.xiaomei@example.com"
JOBSEEKER_PASSWORD = "Mei-walks-the-skeleton-2026"
JOBSEEKER_RESUME = {
    "full_name": "李晓梅",
    "phone": "13912345678",
    "contact_email": JOBSEEKER_EMAIL,
    "birth_year": "1990",
    "province": "广东",
    "city": "深圳",
    "field_of_study": "Computer science",
    "years_experience": "4",
    "current_employer": "Pearl River Software Co",
    "current_title": "Backend engineer",
    "desired_role": "Senior backend engineer",
    "expected_salary": "25000",
    "skills": "Python, SQL",
}
JOBSEEKER_CHOICES = {"gender": "F", "education_level": "bachelor", "industry": "internet", "role_category": "engineering"}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # A dozen people are created and log in; the production hasher's cost buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# -- helpers -------------------------------------------------------------------------------------


def _open(context, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    return page


def _submit(page: Page, form_selector: str) -> None:
    """Press the submit button of one form (never the navbar's language or sign-out forms)."""
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit], {form_selector} input[type=submit]").first.click()


def _login(context, base: str, email: str, password: str = PASSWORD) -> Page:
    page = _open(context, f"{base}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    _submit(page, "form[action='/accounts/login/']")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def _confirmation_link(mailoutbox, email: str) -> str:
    messages = [m for m in mailoutbox if email in m.to]
    assert len(messages) == 1, [m.subject for m in mailoutbox]
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", messages[0].body)
    assert match, messages[0].body
    return match.group(0)


def _sign_up_jobseeker(context, base: str, mailoutbox, email: str, password: str) -> Page:
    page = _open(context, f"{base}/accounts/signup/")
    page.locator("input[name=account_type][value=merchant_new]").check()
    expect(page.locator("input[name=organisation_name]")).to_be_visible()
    expect(page.locator("input[name=invite_code]")).to_be_hidden()
    page.locator("input[name=account_type][value=jobseeker]").check()
    # A jobseeker is asked nothing about organisations.
    for name in ("organisation_name", "industry", "wants_to_provide", "invite_code"):
        expect(page.locator(f"[name={name}]")).to_be_hidden()
    expect(page.locator("input[name=display_name]")).to_be_visible()
    shots = Path(settings.BASE_DIR) / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "signup-jobseeker.png"), full_page=True)
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(password)
    page.locator("input[name=password2]").fill(password)
    _submit(page, "form[action='/accounts/signup/']")
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    page.goto(_confirmation_link(mailoutbox, email))
    _submit(page, "form[action*='/accounts/confirm-email/']")
    if "/accounts/login/" in page.url:  # confirmed in another session: sign in as usual
        page.close()
        page = _login(context, base, email, password)
    # She is signed in (she lands on the home page: allauth's signup redirect, not the role-based one).
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="My portal").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.locator("main")).to_contain_text("You have no resume yet.")
    return page


def _fill_resume_and_consent(page: Page, base: str, notice_id: int, on_review=None) -> None:
    page.goto(f"{base}/me/resume/")
    for name, value in JOBSEEKER_RESUME.items():
        page.locator(f"#id_{name}").fill(value)
    for name, value in JOBSEEKER_CHOICES.items():
        page.locator(f"#id_{name}").select_option(value)
    _submit(page, "main form")
    expect(page).to_have_url(re.compile(r"/me/resume/review/$"))
    for value in ("李晓梅", "13912345678", "1990", "广东", "Pearl River Software Co", "25000"):
        expect(page.locator("main dl")).to_contain_text(value)
    if on_review:
        on_review(page)

    with page.expect_navigation():
        page.locator("#confirm-resume").click()
    expect(page).to_have_url(re.compile(r"/me/consents/$"))

    card = page.locator(f"#notice-{notice_id}")
    agree = card.locator(f"#agree-{notice_id}")
    expect(agree).not_to_be_checked()  # no pre-ticked boxes
    agree.check()
    _submit(page, f"#notice-{notice_id} form")
    expect(card.locator("form[action*='/withdraw/']")).to_be_visible()


def _pool_of_lookalikes(notice, *, people: int = 8) -> list[Resume]:
    """Consenting jobseekers who share her released attributes, so k=3 keeps her."""
    resumes = []
    for n in range(people):
        resume = ResumeFactory(
            birth_year=1988 + n % 4,  # aged 35-38 in 2026, her band (35-39)
            gender="F",
            province="广东",
            city="广州",
            education_level="bachelor",
            years_experience=3 + n % 3,
            industry="internet",
            role_category="engineering",
        )
        consent_grant(user=resume.owner, notice=notice, language="en")
        resumes.append(resume)
    return resumes


def _admin_action(page: Page, base: str, changelist: str, object_id: int, action: str) -> None:
    page.goto(f"{base}/admin/{changelist}/")
    page.locator(f"input.action-select[value='{object_id}']").check()
    page.locator("select[name=action]").select_option(action)
    _submit(page, "#changelist-form")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(page.locator(".messagelist .error")).to_have_count(0)


# -- the walk ------------------------------------------------------------------------------------


def test_a_consented_resume_is_built_listed_bought_downloaded_and_paid_for(live_server, browser_context, mailoutbox):
    base = live_server.url
    provider = ProviderFactory(name="Talent Bridge Recruiting")
    provider_user = member_of(provider)
    buyer = MerchantFactory(name="Acme Employer")
    buyer_user = member_of(buyer)
    staff = StaffFactory()
    notice = NoticeFactory(provider=provider)
    lookalikes = _pool_of_lookalikes(notice)

    # 1-2. The jobseeker signs up, confirms her e-mail, fills in and confirms her resume, consents.
    jobseeker_ctx = browser_context(locale="en-US")
    me = _sign_up_jobseeker(jobseeker_ctx, base, mailoutbox, JOBSEEKER_EMAIL, JOBSEEKER_PASSWORD)
    _fill_resume_and_consent(me, base, notice.pk)
    jobseeker = User.objects.get(email=JOBSEEKER_EMAIL)
    assert jobseeker.kind == User.Kind.JOBSEEKER
    assert jobseeker.resume.status == Resume.Status.CONFIRMED
    grant = ConsentGrant.objects.get(user=jobseeker, withdrawn_at__isnull=True)
    assert (grant.notice_id, grant.language, grant.text_hash) == (notice.pk, "en", notice.text_hash("en"))

    # 3. The provider defines the product, builds a version and submits it for review.
    provider_page = _login(browser_context(locale="en-US"), base, provider_user.email)
    expect(provider_page).to_have_url(re.compile(r"/merchant/$"))
    with provider_page.expect_navigation():
        provider_page.get_by_role("link", name="New product").click()
    provider_page.locator("#id_title").fill(PRODUCT_TITLE)
    provider_page.locator("#id_description").fill("De-identified resumes of engineers in Guangdong.")
    provider_page.locator("#id_kind").select_option(label="De-identified records")
    provider_page.locator("#id_category").select_option("talent")
    provider_page.locator("#id_purpose").select_option(label="De-identified record in datasets sold to verified employers")
    provider_page.locator("#id_price_yuan").fill("300.01")  # an odd price: the pool does not split evenly
    provider_page.locator("#id_k").fill("3")
    for label in ("Age band", "Gender", "Province"):
        provider_page.get_by_label(label, exact=True).check()
    provider_page.get_by_label("Include common skills").uncheck()
    _submit(provider_page, "main form")
    product = DataProduct.objects.get(title=PRODUCT_TITLE)
    assert (product.provider_id, product.price_fen, product.k) == (provider.pk, 30_001, 3)
    assert product.quasi_identifiers == ["age", "gender", "province"]

    card = provider_page.locator(f"#product-{product.pk}")
    _submit(provider_page, f"#product-{product.pk} form[action$='/build/']")
    version = ProductVersion.objects.get(product=product)
    expect(card.locator(f"#version-{version.pk} .version-status")).to_have_attribute("data-status", "ready")
    version.refresh_from_db()
    members = set(VersionMember.objects.filter(version=version).values_list("user_id", flat=True))
    assert jobseeker.pk in members
    assert version.member_count == len(members) == 1 + len(lookalikes)
    provider_page.locator(f"#product-{product.pk} form[action$='/submit/'] input[type=file]").set_input_files(
        files=[{"name": "opinion.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    _submit(provider_page, f"#product-{product.pk} form[action$='/submit/']")
    product.refresh_from_db()
    assert product.status == DataProduct.Status.IN_REVIEW

    # 5a. The buyer asks for a wallet top-up from its wallet page.
    buyer_page = _login(browser_context(locale="en-US"), base, buyer_user.email)
    expect(buyer_page).to_have_url(re.compile(r"/merchant/$"))
    buyer_page.goto(f"{base}/merchant/wallet/")
    buyer_page.locator("input[name=amount_yuan]").fill("1000")
    buyer_page.locator("input[name=bank_reference]").fill("CMB-20261129-001")
    _submit(buyer_page, "form[action$='/merchant/topup/']")
    topup = TopUp.objects.get(merchant=buyer)
    expect(buyer_page.locator("#wallet-balance")).to_have_text("¥0.00")

    # 4. Staff list the product and confirm the top-up in the admin.
    staff_page = _open(browser_context(locale="en-US"), f"{base}/admin/")
    staff_page.locator("#id_username").fill(staff.email)
    staff_page.locator("#id_password").fill(PASSWORD)
    _submit(staff_page, "#login-form")
    with staff_page.expect_navigation():
        staff_page.get_by_role("link", name="Data products").click()
    _admin_action(staff_page, base, "exchange/dataproduct", product.pk, "approve")
    product.refresh_from_db()
    assert product.status == DataProduct.Status.APPROVED
    _admin_action(staff_page, base, "payouts/topup", topup.pk, "confirm")

    # 5b. The buyer finds the product, buys it and downloads the data.
    buyer_page.reload()
    expect(buyer_page.locator("#wallet-balance")).to_have_text("¥1,000.00")
    buyer_page.goto(f"{base}/catalog/")
    buyer_page.get_by_role("searchbox", name="Search").fill("Guangdong talent")
    result = buyer_page.locator("#results").get_by_role("link", name=PRODUCT_TITLE)
    expect(result).to_have_count(1)
    with buyer_page.expect_navigation():
        result.click()
    expect(buyer_page.locator("#price")).to_have_text("¥300.01")
    with buyer_page.expect_navigation():
        buyer_page.locator("#buy").click()
    expect(buyer_page.locator("#review-wallet-after")).to_have_text("¥699.99")
    _submit(buyer_page, "#confirm-form")
    expect(buyer_page).to_have_url(re.compile(r"/merchant/purchases/\d+/$"))
    order = Order.objects.get(buyer=buyer)
    assert (order.version_id, order.status) == (version.pk, Order.Status.SETTLED)

    with buyer_page.expect_download() as download_info:
        buyer_page.locator("#purchase-download").click()
    download = download_info.value
    assert download.suggested_filename == f"product-{product.pk}-v{version.number}.csv"
    content = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["age", "gender", "province"]
    assert len(rows) - 1 == version.member_count
    for resume in [jobseeker.resume, *lookalikes]:
        for secret in (resume.full_name, resume.phone, resume.contact_email, resume.owner.email, resume.current_employer):
            assert secret not in content

    # 6. The jobseeker sees the sale and exactly the share the ledger posted to her.
    lines = list(sale_lines_for_user(user=jobseeker))
    assert len(lines) == 1
    share = format_micros(lines[0].amount)
    assert lines[0].amount > 0 and earnings_for_user(user=jobseeker).pending == lines[0].amount
    with translation.override("en"):
        industry = str(buyer.get_industry_display())
    me.goto(f"{base}/me/")
    sale = me.locator("#sales tbody tr")
    expect(sale).to_have_count(1)
    expect(sale.locator("td")).to_have_text(
        [re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$"), PRODUCT_TITLE, buyer.name, industry, share]
    )
    expect(me.locator("#earnings-pending")).to_have_text(share)


def test_the_jobseeker_pages_speak_chinese_to_a_chinese_browser(live_server, browser_context):
    base = live_server.url
    notice = NoticeFactory()
    person = User.objects.create_user(email="wang.fang@example.com", password=JOBSEEKER_PASSWORD, kind=User.Kind.JOBSEEKER)
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    compiled = (Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo").exists()

    def zh(text: str) -> str:
        with translation.override("zh-hans"):
            return translation.gettext(text)

    context = browser_context(locale="zh-CN")
    login = _open(context, f"{base}/accounts/login/")
    expect(login.locator("html")).to_have_attribute("lang", "zh-hans")
    assert zh("Sign In") != "Sign In"  # allauth ships its own Chinese catalogue
    expect(login.locator("main h1")).to_have_text(zh("Sign In"))
    login.close()
    page = _login(context, base, person.email, JOBSEEKER_PASSWORD)
    page.goto(f"{base}/me/resume/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("main h1")).to_have_text(zh("My resume"))
    expect(page.locator("main form button[type=submit]")).to_have_text(zh("Save and review"))

    def on_review(review: Page) -> None:
        expect(review.locator("main h1")).to_have_text(zh("Review your resume"))
        expect(review.locator("#confirm-resume")).to_have_text(zh("Everything is correct: confirm"))

    _fill_resume_and_consent(page, base, notice.pk, on_review=on_review)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("main h1")).to_have_text(zh("Consents"))
    with translation.override("zh-hans"):
        given = translation.gettext("Consent given: %(purpose)s") % {"purpose": notice.get_purpose_display()}
    expect(page.get_by_role("alert")).to_have_text(given)
    # The notice is shown in the language the person reads, and the grant records that very text.
    expect(page.locator(f"#notice-{notice.pk} .notice-text")).to_contain_text(notice.title_zh)
    expect(page.locator(f"#notice-{notice.pk} .notice-text")).not_to_contain_text(notice.title_en)
    grant = ConsentGrant.objects.get(user=person)
    assert (grant.language, grant.text_hash) == ("zh-hans", notice.text_hash("zh-hans"))
    if compiled:  # the project's own catalogue is compiled: its strings must really be Chinese
        for text in ("My resume", "Save and review", "Review your resume", "Everything is correct: confirm", "Consents"):
            assert zh(text) != text, f"{text!r} has no Chinese translation in locale/zh_Hans/LC_MESSAGES/django.mo"
