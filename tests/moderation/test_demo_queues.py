"""The demo as a KC agent, a lead and an editor meet it (issue 17): the förvaltningar's accounts
are connected to the demo platform so that every role can carry out the actions, the queues hold a
mix of new, due-soon and overdue comments, and a second seed_demo adds nothing and leaves what a
person made alone."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import AccountEditor, Administration, RoleAssignment, SocialAccount, User
from moderation import demo as moderation_demo
from moderation.access import comments_visible_to
from moderation.actions import Action, action_offers, comment_no_action, comment_reply
from moderation.models import Comment, ModerationLogEntry

from .helpers import at

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = (Administration, User, RoleAssignment, SocialAccount, AccountEditor, Comment)
    return {model.__name__: model.objects.count() for model in models}


def test_every_role_can_act_in_the_demo_and_the_queues_are_a_mix():
    call_command("seed_demo", stdout=StringIO())
    now = timezone.now()
    for username in ("kontaktcenter", "ansvarig", "redaktor"):
        person = User.objects.get(username=username)
        visible = comments_visible_to(person).open().select_related("account")
        question = (
            next(c for c in visible.filter(kind="comment") if "question" in c.labels)
            if username != ("kontaktcenter")
            else visible.filter(kind="message", reply_window_ends_at__gt=now).first()
        )
        assert question is not None, username
        assert question.account.is_connected, f"{username}: {question.account} is not connected"
        offered = {o.action for o in action_offers(question) if o.available}
        assert Action.REPLY in offered, (
            username,
            question.account,
            action_offers(question)[0],
            question.reply_window_ends_at,
            question.created_at,
            now,
        )
        comment_reply(comment=question, by=person, text="Hej! Vi återkommer.")
        assert ModerationLogEntry.objects.filter(
            comment_id=question.pk, action="reply", outcome="done"
        ).exists()
        other = visible.exclude(pk=question.pk).first()
        comment_no_action(comment=other, by=person)


@pytest.mark.parametrize("moment", ["2026-11-24 10:00", "2026-11-26 16:30"])
def test_the_queues_are_a_mix_of_new_due_soon_and_overdue(moment):
    now = at(moment)  # a working day: outside working hours nothing falls due
    accounts_demo.seed()
    moderation_demo.seed(now=now)
    open_rows = Comment.objects.open()
    assert open_rows.filter(sort_at__lt=now).exists()  # overdue
    assert open_rows.filter(sort_at__gte=now, sort_at__lt=now + timedelta(hours=1)).exists()  # due soon
    assert open_rows.filter(sort_at__gte=now + timedelta(hours=3)).exists()  # due later
    assert open_rows.filter(created_at__gte=now - timedelta(hours=1)).exists()  # new
    assert not Comment.objects.filter(created_at__gt=now).exists()
    assert Comment.objects.filter(reply_window_ends_at__gt=now, status="open").exists()


def test_a_second_run_adds_nothing_and_leaves_what_people_made(administration):
    # A person made an account the demo also describes, before the demo ran.
    theirs = SocialAccount.objects.create(
        administration=administration,
        name="Fritid Helsingborg",
        platform="facebook",
        purpose="Vårt eget syfte",
    )
    call_command("seed_demo", stdout=StringIO())
    theirs.refresh_from_db()
    assert theirs.purpose == "Vårt eget syfte" and not theirs.access_token
    # A person changes a demo account and a demo person; the next run leaves both.
    SocialAccount.objects.filter(name="Miljö Helsingborg").update(purpose="Ändrat av AKN")
    User.objects.filter(username="ansvarig").update(title="förvaltningschef")
    before = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == before
    assert SocialAccount.objects.get(name="Miljö Helsingborg").purpose == "Ändrat av AKN"
    assert User.objects.get(username="ansvarig").title == "förvaltningschef"
    theirs.refresh_from_db()
    assert theirs.purpose == "Vårt eget syfte" and not theirs.access_token
