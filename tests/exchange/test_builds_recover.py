"""A build never stays stuck: a lost task is re-sent, a build whose worker died is failed and can be redone."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from exchange.models import ProductVersion
from exchange.services.builds import BUILD_LOST_AFTER, BUILD_RESEND_AFTER, version_build_start, versions_recover

from ..flow import product_define, world_create

pytestmark = pytest.mark.django_db


def test_a_queued_build_whose_task_was_lost_is_sent_again_and_runs(django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, k=2)
    # given a build whose task never reached a worker (callbacks not run: the message was lost)
    with django_capture_on_commit_callbacks(execute=False):
        version = version_build_start(product=product, by=world.provider_user)
    assert ProductVersion.objects.get(pk=version.pk).status == ProductVersion.Status.QUEUED

    # when the sweep runs before the resend delay, nothing is sent twice
    with django_capture_on_commit_callbacks(execute=True):
        assert versions_recover(now=timezone.now()) == {"failed": 0, "resent": 0}
    # and after it the task is sent again and the build completes
    with django_capture_on_commit_callbacks(execute=True):
        result = versions_recover(now=timezone.now() + BUILD_RESEND_AFTER + timedelta(seconds=1))
    assert result == {"failed": 0, "resent": 1}
    version.refresh_from_db()
    assert version.status == ProductVersion.Status.READY and version.member_count >= 2


def test_a_build_whose_worker_died_is_failed_with_a_reason_and_a_new_build_can_start(django_capture_on_commit_callbacks):
    world = world_create(people=6)
    product = product_define(world, k=2)
    with django_capture_on_commit_callbacks(execute=False):
        stuck = version_build_start(product=product, by=world.provider_user)
    # a worker claimed it, then was killed (no code ran to finish it)
    ProductVersion.objects.filter(pk=stuck.pk).update(status=ProductVersion.Status.BUILDING, started_at=timezone.now())
    assert version_build_start(product=product, by=world.provider_user).pk == stuck.pk  # still running: no second build

    with translation.override("en"):
        assert versions_recover(now=timezone.now() + BUILD_LOST_AFTER + timedelta(seconds=1)) == {"failed": 1, "resent": 0}
    stuck.refresh_from_db()
    assert stuck.status == ProductVersion.Status.FAILED
    assert "worker was lost" in stuck.error and "Start a new build" in stuck.error

    with django_capture_on_commit_callbacks(execute=True):
        fresh = version_build_start(product=product, by=world.provider_user)
    fresh.refresh_from_db()
    assert fresh.number == stuck.number + 1 and fresh.status == ProductVersion.Status.READY
