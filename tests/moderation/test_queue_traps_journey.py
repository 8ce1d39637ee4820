"""In a real browser, the queue's traps that were in the page (issue 17): a KC agent answers an
overdue direct message (only an answer or no action offered, the reply window said, the answer shown
in the conversation with who sent it, the overdue mark gone), and uses the bulk page (nothing ticked,
no action chosen, a confirmation naming the count and the action). axe-core on the way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from moderation.ingest import comments_ingest
from moderation.models import Comment, ModerationLogEntry
from tests.factories import SocialAccountFactory
from tests.fixtures_browser import axe_check, login

from .helpers import remote
from .test_actions_journey import act

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_account(city_administration):
    return SocialAccountFactory(
        administration=city_administration, name="Helsingborgs stad", platform="demo", is_citywide=True
    )


def test_kc_answers_an_overdue_direct_message_and_sees_the_answer(
    page, starting_lists, kc_user, demo_account
):
    now = timezone.now()
    item = remote(
        "m1",
        "Hej! När öppnar simhallen igen?",
        kind="message",
        post_id="conversation:7",
        author_id="7",
        author_name="Per Persson",
        created_at=now - timedelta(hours=3),
    )
    comments_ingest(account=demo_account, items=[item])
    message = Comment.objects.get(platform_id="m1")
    Comment.objects.filter(pk=message.pk).update(in_kc_queue=True, sort_at=now - timedelta(hours=1))
    login(page, kc_user)
    page.goto(reverse("moderation:comment-detail", args=[message.pk]))
    axe_check(page)
    expect(page.locator("#comment-due")).to_contain_text("Försenad")
    actions = page.locator("#comment-actions")
    for name in ("Dölj", "Ta bort", "Gilla"):
        expect(actions.get_by_role("button", name=name, exact=True)).to_have_count(0)
    expect(actions.get_by_role("button", name="Ingen åtgärd")).to_be_visible()
    expect(page.locator("#reply-window")).to_contain_text("Plattformen tar emot ett svar")
    page.locator("#id_reply_text").fill("Hej Per! Simhallen öppnar den 1 mars.")
    act(page, page.get_by_role("button", name="Publicera svaret").click)
    expect(page.locator("#comment-actions-status")).to_contain_text("Klart")
    # The answer is in the conversation, with who sent it; the clock stopped.
    conversation = page.locator("#conversation")
    expect(conversation).to_contain_text("Simhallen öppnar den 1 mars.")
    expect(conversation).to_contain_text("Staden (Karim")
    expect(page.locator("#comment-due")).not_to_contain_text("Försenad")
    expect(page.locator("#id_reply_text")).to_have_count(0)
    axe_check(page)


def test_the_bulk_page_asks_before_it_acts(page, starting_lists, kc_user, demo_account):
    items = [
        remote(f"s{n}", f"Köp billiga klockor nummer {n} idag", author_id="66", author_name="Spammaren")
        for n in range(3)
    ]
    comments_ingest(account=demo_account, items=items)
    Comment.objects.update(in_kc_queue=True)
    login(page, kc_user)
    page.goto(reverse("moderation:comments-bulk"))
    axe_check(page)
    boxes = page.locator("input[name=comment]")
    expect(boxes).to_have_count(3)
    for n in range(3):
        expect(boxes.nth(n)).not_to_be_checked()
    expect(page.locator("#bulk-action")).to_have_value("")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.select_option("#bulk-action", "hide")
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.locator("#bulk-confirm-question")).to_contain_text("Dölj: 2 kommentarer")
    axe_check(page)
    assert not ModerationLogEntry.objects.exists()
    page.get_by_role("button", name="Dölj: 2 kommentarer").click()
    expect(page.locator(".alert-success")).to_contain_text("2")
    assert ModerationLogEntry.objects.filter(action="hide", outcome="done").count() == 2


def test_kc_forwards_a_conversation_and_still_reads_it(
    page, starting_lists, kc_user, lead, demo_account, administration
):
    now = timezone.now()
    for mid, text, hours in (("m1", "Min son behöver skolskjuts.", 3), ("m2", "Vem ska jag prata med?", 2)):
        item = remote(
            mid,
            text,
            kind="message",
            post_id="conversation:7",
            author_id="7",
            author_name="Per Persson",
            created_at=now - timedelta(hours=hours),
        )
        comments_ingest(account=demo_account, items=[item])
    Comment.objects.update(in_kc_queue=True)
    second = Comment.objects.get(platform_id="m2")
    login(page, kc_user)
    page.goto(reverse("moderation:comment-detail", args=[second.pk]))
    page.select_option("#id_administration", str(administration.pk))
    page.locator("#id_note").fill("Skolskjuts: SOF svarar.")
    page.get_by_role("button", name="Skicka vidare", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Skol- och fritidsförvaltningen")
    assert not Comment.objects.filter(in_kc_queue=True).exists()  # the whole conversation moved
    # KC opens what it forwarded: no 404, the conversation, where it went, and nothing to act with.
    page.goto(reverse("moderation:comment-detail", args=[second.pk]))
    expect(page.locator("#forwarded-note")).to_contain_text(
        "Skickad vidare till Skol- och fritidsförvaltningen"
    )
    expect(page.locator("#conversation")).to_contain_text("Min son behöver skolskjuts.")
    expect(page.locator("#comment-actions")).to_have_count(0)
    axe_check(page)
