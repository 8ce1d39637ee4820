"""`celery_worker_process.wait_idle()` waits for what the tests that use it rely on: a task held for
its countdown, as an outbox retry is, keeps the worker busy until it has run."""

import re

import pytest

from helsocial.outbox import tasks

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

SUCCEEDED = re.compile(r"Task helsocial\.outbox\.tasks\.outbox_sweep\[[^\]]+\] succeeded")


def test_wait_idle_waits_for_a_task_held_for_its_countdown(celery_worker_process):
    assert celery_worker_process.idle()
    tasks.outbox_sweep.apply_async(countdown=1)
    # No single look at the broker right after sending: the worker moves a message from the queue to
    # `unacked` in two steps, and one look can fall between them. wait_idle looks twice in a row.
    celery_worker_process.wait_idle(timeout=30)
    assert SUCCEEDED.search(celery_worker_process.log())


def test_wait_idle_fails_the_test_when_the_worker_stays_busy(celery_worker_process):
    tasks.outbox_sweep.apply_async(countdown=30)
    with pytest.raises(pytest.fail.Exception, match="the celery worker to be idle"):
        celery_worker_process.wait_idle(timeout=1)
