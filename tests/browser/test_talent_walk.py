"""An employer searches the talent pool and invites; the jobseeker accepts; the employer sees the contact;
the jobseeker sees the fee pending and the disclosure receipt verifies. In both languages.

Before acceptance no page the employer opens carries the person's name, contact details or employer.
Each talent page is checked for English left on a Chinese page; screenshots go to var/screenshots/.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import Page, expect

from consent.models import RoleCategory
from payouts import money
from payouts.selectors import earnings_for_user, ledger_violations, wallet_balance
from talent.models import DisclosureView, Handle, Invitation

from ..talent.world import secrets_of, world_create
from . import sign_in
from .test_console_walk import MSGID_RE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
LOCALES = {"en": "en", "zh-CN": "zh-hans"}
FEE = money.fen_to_micros(2000)
PHONE_SHOTS = ("1-search", "5-accepted")
# Single words of these pages, which the catalogue scan of the console walk leaves out.
WORDS = ("Notifications", "Talent", "Search", "Invite", "Candidate", "Accept", "Decline", "Pending", "Employer", "Verify")


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def _label(language: str, choice) -> str:
    with translation.override(language):
        return str(choice.label)


def _look(page: Page, language: str, name: str, *, secrets: list[str] = ()) -> str:
    """The page's text, with no English msgid of the app on a Chinese page and none of `secrets`; a screenshot."""
    body = page.locator("body").inner_text()
    if language == "zh-hans":
        shown = body
        for document in page.locator("pre").all_inner_texts():  # a receipt's JSON is data, not the page's words
            shown = shown.replace(document, "")
        left = sorted(set(MSGID_RE.findall(shown)) | {word for word in WORDS if re.search(rf"\b{word}\b", shown)})
        assert not left, f"{name}: untranslated {left}"
    html = page.content()
    for secret in secrets:
        assert secret not in html, f"{name} shows {secret!r}"
    page.screenshot(path=str(SHOTS / f"talent-{language}-{name}.png"), full_page=True)
    # and on a phone the page still fits its width
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    wide, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if name in PHONE_SHOTS:
        page.screenshot(path=str(SHOTS / f"talent-{language}-{name}-390.png"), full_page=True)
    page.set_viewport_size(size)
    assert wide <= window, f"{name}: {wide} px wide in a {window} px window"
    return body


@pytest.mark.parametrize("locale", list(LOCALES))
def test_search_invite_accept_contact_fee_pending_and_receipt(live_server, browser_context, locale):
    SHOTS.mkdir(parents=True, exist_ok=True)
    language = LOCALES[locale]
    base = live_server.url
    # given five people in the talent pool and a verified employer with ¥1,000 in its wallet
    world = world_create(people=5)
    person = world.people[0]
    person.language = language
    person.save(update_fields=["language"])
    secrets = secrets_of(world)
    wallet_before = wallet_balance(merchant=world.employer)

    # when the employer searches for engineers in Guangdong
    employer = sign_in(browser_context(locale=locale), base, world.recruiter.email)
    employer.goto(f"{base}/merchant/talent/")
    expect(employer.locator("html")).to_have_attribute("lang", language)
    form = employer.locator("#talent-search")
    form.locator("#id_role_category").select_option("engineering")
    form.locator("#id_province").select_option("广东")
    with employer.expect_navigation():
        form.locator("button[type=submit]").click()
    # then five anonymous cards answer, each with a handle of this employer's own
    cards = employer.locator("#cards .talent-card")
    expect(cards).to_have_count(5)
    _look(employer, language, "1-search", secrets=secrets)
    handle = Handle.objects.get(merchant=world.employer, user=person).handle
    card = employer.locator(f".talent-card[data-handle='{handle}']")
    expect(card).to_contain_text(_label(language, RoleCategory.ENGINEERING))

    # when the employer invites the person on that card, with the salary stated
    with employer.expect_navigation():
        card.locator(".invite-link").click()
    expect(employer.locator("#invite-handle")).to_have_text(handle)
    invite = employer.locator("#invite-form")
    chinese = language == "zh-hans"
    invite.locator("#id_job_title").fill("机器人工程师" if chinese else "Robotics engineer")
    invite.locator("#id_description").fill("设计机械臂的控制软件。" if chinese else "Write the arms' control software.")
    invite.locator("#id_city").fill("深圳")
    invite.locator("#id_salary_min").fill("18000")
    invite.locator("#id_salary_max").fill("30000")
    _look(employer, language, "2-invite", secrets=secrets)
    with employer.expect_navigation():
        employer.locator("#invite-send").click()
    # then the invitation is open and its fee is held in escrow
    expect(employer).to_have_url(re.compile(r"/merchant/talent/invitations/$"))
    row = employer.locator("#sent-invitations tr.sent-row").first
    expect(row.locator(".invitation-status")).to_have_text(_label(language, Invitation.Status.OPEN))
    expect(row).to_contain_text(handle)
    _look(employer, language, "3-sent", secrets=secrets)
    invitation = Invitation.objects.get(merchant=world.employer)
    assert invitation.candidate_id == person.pk
    assert wallet_balance(merchant=world.employer) == wallet_before - FEE

    # when the jobseeker opens the invitation: the employer, the job and the salary are there
    jobseeker = sign_in(browser_context(locale=locale), base, person.email)
    jobseeker.goto(f"{base}/me/talent/invitations/")
    expect(jobseeker.locator("#invitations .invitation-row")).to_have_count(1)
    with jobseeker.expect_navigation():
        jobseeker.locator("#invitations .invitation-row a").click()
    expect(jobseeker.locator("#invitation-employer")).to_contain_text(world.employer.name)
    expect(jobseeker.locator("#invitation-salary")).to_have_text("¥18000–30000")
    expect(jobseeker.locator("#invitation-my-share")).to_have_text("¥14.00")
    _look(jobseeker, language, "4-invitation")
    # and accepts, with the separate consent to provide the contact details to this one organisation
    jobseeker.locator("#agree-disclosure").check()
    with jobseeker.expect_navigation():
        jobseeker.locator("#accept-button").click()
    expect(jobseeker.locator("#invitation-status")).to_have_text(_label(language, Invitation.Status.ACCEPTED))
    # then her share of the fee is pending
    expect(jobseeker.locator("#fee-share-amount")).to_have_text("¥14.00")
    expect(jobseeker.locator("#fee-share-state")).to_have_text(_t(language, "Pending"))
    _look(jobseeker, language, "5-accepted")
    assert earnings_for_user(user=person).pending == FEE * 7 // 10

    # when the employer opens the accepted contact
    employer.goto(f"{base}/merchant/talent/contacts/")
    with employer.expect_navigation():
        employer.locator(".contact-card .show-contact").click()
    # then the name and e-mail address she chose to share are shown (not her phone), and the view is logged
    contact = {person.resume.full_name, person.resume.contact_email, person.email}
    revealed = employer.locator("#revealed-contact")
    expect(revealed).to_contain_text(person.resume.full_name)
    expect(revealed).to_contain_text(person.resume.contact_email)
    expect(revealed).not_to_contain_text(person.resume.phone)
    _look(employer, language, "6-contact", secrets=[s for s in secrets if s not in contact])
    assert DisclosureView.objects.filter(disclosure__invitation=invitation, viewer=world.recruiter).count() == 1

    # when she looks again: the view is listed, and the receipt verifies with the exchange's key
    jobseeker.reload()
    expect(jobseeker.locator("#disclosure-views tbody tr")).to_have_count(1)
    with jobseeker.expect_navigation():
        jobseeker.locator("#verify-receipt").click()
    expect(jobseeker.locator("#verify-result")).to_have_text(
        _t(language, "Valid: this receipt was signed by the exchange and has not been changed.")
    )
    expect(jobseeker.locator("pre")).to_contain_text(world.employer.name)
    _look(jobseeker, language, "7-receipt")

    # and her earnings list the invitation's income beside data sales, pending
    jobseeker.goto(f"{base}/me/earnings/")
    line = jobseeker.locator("#sales tr.invitation-line")
    expect(line).to_have_count(1)
    expect(line).to_contain_text(_t(language, "Invitation accepted:"))
    expect(line.locator(".sale-state")).to_have_text(_t(language, "Pending"))
    expect(line.locator(".share")).to_have_text("¥14.00")
    expect(jobseeker.locator("#earned-invitations")).to_have_text("¥14.00")
    _look(jobseeker, language, "8-earnings")
    assert ledger_violations() == []
