"""Invitations under real concurrency, on PostgreSQL: the wallet, the idempotency key and the escrow's one way out."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connections

from payouts import money
from payouts.exceptions import InsufficientFunds
from payouts.models import JournalEntry, LedgerAccount
from payouts.selectors import account_balance, earnings_for_user, ledger_violations, wallet_balance
from talent.exceptions import InvitationClosed
from talent.models import Disclosure, Handle, Invitation
from talent.services import (
    filters_clean,
    invitation_accept,
    invitation_cancel,
    invitation_decline,
    invitation_send,
    invitations_expire_due,
    talent_search,
)

from .world import world_create

pytestmark = pytest.mark.postgres

FEE = money.fen_to_micros(2000)


def run_together(jobs):
    """Start every job at the same moment, each on its own connection; collect what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = job()
        except Exception as error:  # the outcome under test, kept for the assertions
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def all_handles(world):
    talent_search(merchant=world.employer, by=world.recruiter, filters=filters_clean({}))
    return list(Handle.objects.filter(merchant=world.employer).order_by("id").values_list("handle", flat=True))


def send(world, handle, title, key=""):
    return invitation_send(
        merchant=world.employer,
        by=world.recruiter,
        handle=handle,
        job_title=title,
        description="Build our arms.",
        remote=True,
        salary_min=18000,
        salary_max=30000,
        idempotency_key=key,
    )


def test_fifty_parallel_invitations_from_one_wallet_never_overdraw_it(postgres):
    world = world_create(people=10, wallet_fen=20_000)  # ¥200 pays ten ¥20 fees
    handles = all_handles(world)
    jobs = [lambda h=h, n=n: send(world, h, f"Job {n}") for h in handles for n in range(5)]
    outcomes = run_together(jobs)
    sent = [o for o in outcomes if isinstance(o, Invitation)]
    refused = [o for o in outcomes if isinstance(o, InsufficientFunds)]
    assert len(sent) == 10 and len(refused) == 40, [repr(o) for o in outcomes][:6]
    assert wallet_balance(merchant=world.employer) == 0
    assert Invitation.objects.count() == 10
    assert account_balance(account=LedgerAccount.objects.get(kind=LedgerAccount.Kind.ESCROW)) == 10 * FEE
    assert ledger_violations() == []
    call_command("verify_ledger")


def test_the_same_invitation_sent_twice_with_one_key_makes_one(postgres):
    world = world_create(people=5)
    handle = all_handles(world)[0]
    before = wallet_balance(merchant=world.employer)
    outcomes = run_together([lambda: send(world, handle, "Robotics engineer", key="same-key")] * 10)
    assert all(isinstance(o, Invitation) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    assert Invitation.objects.count() == 1
    assert before - wallet_balance(merchant=world.employer) == FEE
    assert JournalEntry.objects.filter(kind=JournalEntry.Kind.ESCROW_HOLD).count() == 1


def test_accept_and_expire_racing_settle_each_invitation_exactly_once(postgres):
    world = world_create(people=6)
    handles = all_handles(world)
    invitations = [send(world, handle, "Robotics engineer") for handle in handles]
    Invitation.objects.update(expires_at=Invitation.objects.first().created_at + timedelta(hours=1))
    deadline = Invitation.objects.first().expires_at + timedelta(seconds=1)
    jobs = []
    for invitation in invitations:
        jobs.append(lambda i=invitation: invitation_accept(invitation=i, by=i.candidate, agree=True, language="en"))
    jobs.append(lambda: invitations_expire_due(now=deadline))
    jobs.append(lambda: invitations_expire_due(now=deadline))
    run_together(jobs)
    for invitation in Invitation.objects.all():
        outs = JournalEntry.objects.filter(idempotency_key=f"invitation:{invitation.pk}:escrow-out")
        assert outs.count() == 1
        out = outs.get()
        pending = earnings_for_user(user=invitation.candidate).pending
        if invitation.status == "accepted":
            assert out.kind == JournalEntry.Kind.ESCROW_SETTLE and pending == FEE * 7 // 10
        else:
            assert invitation.status == "expired"
            assert out.kind == JournalEntry.Kind.ESCROW_RETURN and pending == 0
    assert account_balance(account=LedgerAccount.objects.get(kind=LedgerAccount.Kind.ESCROW)) == 0
    accepted = Invitation.objects.filter(status="accepted").count()
    assert wallet_balance(merchant=world.employer) == money.fen_to_micros(100_000) - accepted * FEE
    assert ledger_violations() == []
    call_command("verify_ledger")


def test_accept_decline_and_the_employers_cancel_racing_leave_one_outcome_each(postgres):
    world = world_create(people=6)
    handles = all_handles(world)
    invitations = [send(world, handle, "Robotics engineer") for handle in handles]
    jobs = []
    for invitation in invitations:
        jobs.append(lambda i=invitation: invitation_accept(invitation=i, by=i.candidate, agree=True, language="en"))
        jobs.append(lambda i=invitation: invitation_decline(invitation=i, by=i.candidate))
        jobs.append(lambda i=invitation: invitation_cancel(invitation=i, merchant=world.employer, by=world.recruiter))
    outcomes = run_together(jobs)
    # each invitation had exactly one winner; the two losers were told it is closed
    assert sum(1 for o in outcomes if isinstance(o, InvitationClosed)) == 2 * len(invitations), outcomes
    for invitation in Invitation.objects.all():
        assert JournalEntry.objects.filter(idempotency_key=f"invitation:{invitation.pk}:escrow-out").count() == 1
        assert Disclosure.objects.filter(invitation=invitation).exists() == (invitation.status == "accepted")
    accepted = Invitation.objects.filter(status="accepted").count()
    assert wallet_balance(merchant=world.employer) == money.fen_to_micros(100_000) - accepted * FEE
    assert account_balance(account=LedgerAccount.objects.get(kind=LedgerAccount.Kind.ESCROW)) == 0
    call_command("verify_ledger")
