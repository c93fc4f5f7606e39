"""The jobseeker portal in a real browser, in English and in Chinese: upload a resume file,
watch it being read, review and correct the fields, confirm, consent, download the signed
receipt (it verifies), withdraw in one click (a second receipt), and the person is out of builds."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation
from playwright.sync_api import Page, expect

from accounts.models import User
from consent.keys import receipt_public_key
from consent.models import ConsentGrant, ConsentReceipt, Resume
from consent.receipts import receipt_verify
from consent.selectors import resumes_consented

from ..consent.corpus import _as_docx, _as_pdf
from ..factories import NoticeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Portal-walk-2026-secret"
FILES = {
    "en": (
        "jane-resume.pdf",
        "application/pdf",
        _as_pdf(
            [
                "Name: Jane Chen",
                "Gender: Female",
                "Year of birth: 1992",
                "Mobile: 13712345678",
                "Email: jane.chen@example.com",
                "Location: Hangzhou, Zhejiang",
                "Education level: Master",
                "Major: Statistics",
                "Desired role: Senior Data Analyst",
                "Expected salary: 28,000 CNY per month",
                "Work Experience",
                "Mar 2018 - Present  Cloudsail Network Ltd  Data Analyst",
                "Skills",
                "Python, SQL, Tableau",
            ],
            [],
        ),
        {"full_name": "Jane Chen", "phone": "13712345678", "birth_year": "1992", "province": "浙江", "expected_salary": "28000"},
    ),
    "zh-CN": (
        "简历.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _as_docx(
            [
                "个人简历",
                "姓名：王芳",
                "性别：女",
                "出生年份：1991年",
                "手机：139 8765 4321",
                "邮箱：wangfang@example.com",
                "现居地：广东省深圳市",
                "最高学历：本科",
                "专业：计算机科学",
                "期望职位：高级后端工程师",
                "期望薪资：25000元/月",
                "工作经历",
                "2019.07 - 至今  深圳星河科技有限公司  后端工程师",
                "专业技能",
                "Python、SQL、Docker",
            ],
            [],
        ),
        {"full_name": "王芳", "phone": "13987654321", "birth_year": "1991", "province": "广东", "expected_salary": "25000"},
    ),
}


EMPLOYER = {"en": "Cloudsail Network Ltd", "zh-CN": "深圳星河科技有限公司"}


def _t(language: str, text: str) -> str:
    with translation.override("zh-hans" if language.startswith("zh") else "en"):
        return translation.gettext(text)


def _login(context, base: str, email: str) -> Page:
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    return page


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
def test_upload_review_consent_receipt_withdraw(live_server, browser_context, locale):
    base = live_server.url
    language = "zh-hans" if locale == "zh-CN" else "en"
    notice = NoticeFactory()
    email = f"walker-{locale.lower()}@example.com"
    person = User.objects.create_user(email=email, password=PASSWORD, kind=User.Kind.JOBSEEKER)
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    file_name, mime, data, expected = FILES[locale]

    page = _login(browser_context(locale=locale), base, email)
    if language == "zh-hans":  # the portal's own catalogue (consent/locale) really is Chinese
        assert _t(language, "Upload a resume file") == "上传简历文件"

    # upload: the file is read by the task, the progress page says when it is done
    page.goto(f"{base}/me/resume/upload/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("main h1")).to_have_text(_t(language, "Upload a resume file"))
    page.locator("input[name=file]").set_input_files({"name": file_name, "mimeType": mime, "buffer": data})
    with page.expect_navigation():
        page.locator("#upload-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/me/resume/upload/\d+/$"))
    expect(page.locator("#upload-progress .progress-bar")).to_have_text("100%")
    with page.expect_navigation():
        page.locator("#review-parsed").click()

    # review: the parsed fields are proposed; she corrects one and saves
    expect(page.locator("#from-upload")).to_be_visible()
    for name, value in expected.items():
        expect(page.locator(f"#id_{name}")).to_have_value(value)
    expect(page.locator("#id_work-0-name")).to_have_value(EMPLOYER[locale])
    page.locator("#id_city").fill("深圳" if language == "zh-hans" else "杭州")
    assert not Resume.objects.filter(owner=person).exists()  # nothing is used before she confirms
    with page.expect_navigation():
        page.locator("#resume-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/me/resume/review/$"))
    expect(page.locator("main dl")).to_contain_text(expected["full_name"])
    expect(page.locator("#work-history")).to_contain_text(EMPLOYER[locale])
    with page.expect_navigation():
        page.locator("#confirm-resume").click()
    assert Resume.objects.get(owner=person).status == Resume.Status.CONFIRMED

    # consent: one purpose, box not pre-ticked
    expect(page).to_have_url(re.compile(r"/me/consents/$"))
    card = page.locator(f"#notice-{notice.pk}")
    expect(card.locator(f"#agree-{notice.pk}")).not_to_be_checked()
    card.locator(f"#agree-{notice.pk}").check()
    with page.expect_navigation():
        card.locator("button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text(_t(language, "Consent given: %(purpose)s").split("%")[0].strip())
    grant = ConsentGrant.objects.get(user=person)
    assert grant.language == language and grant.text_hash == notice.text_hash(language)
    assert resumes_consented(provider=notice.provider, purpose=notice.purpose).filter(owner=person).exists()

    # receipt: downloaded from the portal, it verifies with the published key
    page.goto(f"{base}/me/receipts/")
    expect(page.locator("#receipts tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        page.locator(".receipt-download").first.click()
    with open(download.value.path(), "rb") as handle:
        body = receipt_verify(handle.read(), receipt_public_key())
    assert body["iso27560"]["event"] == "grant" and body["language"] == language

    # withdraw: one click; a second receipt; she is out of every build from now on
    page.goto(f"{base}/me/consents/")
    with page.expect_navigation():
        page.locator(f"#notice-{notice.pk} form[action*='/withdraw/'] button").click()
    expect(page.get_by_role("alert")).to_have_text(
        _t(language, "Consent withdrawn. You are excluded from every new build from now on.")
    )
    expect(page.locator(f"#agree-{notice.pk}")).not_to_be_checked()
    assert not resumes_consented(provider=notice.provider, purpose=notice.purpose).filter(owner=person).exists()
    page.goto(f"{base}/me/receipts/")
    expect(page.locator("#receipts tbody tr")).to_have_count(2)
    assert set(ConsentReceipt.objects.filter(user=person).values_list("event", flat=True)) == {"grant", "withdrawal"}
