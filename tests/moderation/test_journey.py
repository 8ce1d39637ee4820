"""In a real browser: KC opens the queue, sees the overdue first, claims one, forwards one; an editor
of another förvaltning sees neither queue's comments. axe-core checks every page on the way."""

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.ingest import comments_ingest
from moderation.models import Comment
from tests.fixtures_browser import axe_check, login

from .helpers import at, remote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kc_works_the_queue_and_forwards_to_a_forvaltning(
    page, page_problems, starting_lists, kc_user, citywide_account, administration, other_editor
):
    comments_ingest(
        account=citywide_account,
        items=[
            remote("m-new", "Hej, när öppnar simhallen igen?", kind="message", created_at=timezone.now()),
            remote(
                "m-old",
                "Jag väntar fortfarande på svar om bygglovet",
                kind="message",
                created_at=at("2026-01-05 10:00"),
            ),
            remote(
                "m-school",
                "Min dotter fick ingen skolskjuts <script>alert(1)</script>",
                kind="message",
                created_at=timezone.now(),
            ),
        ],
    )
    login(page, kc_user)
    page.goto(reverse("moderation:queue-kc"))
    axe_check(page)
    rows = page.locator("#queue-rows tr")
    first = rows.nth(0).inner_text()
    assert "bygglovet" in first
    assert "queue-overdue" in (rows.nth(0).get_attribute("class") or "")
    assert "<script>" in page.locator("#queue-rows").inner_text()  # shown as text, never run

    # Opening a comment claims it; the queue then shows that KC has it.
    rows.nth(0).get_by_role("button").click()
    page.wait_for_url("**/moderation/comments/*/")
    axe_check(page)
    old = Comment.objects.get(platform_id="m-old")
    assert old.claimed_by_id == kc_user.pk

    # Forward the school question to the förvaltning with a note.
    school = Comment.objects.get(platform_id="m-school")
    page.goto(reverse("moderation:comment-detail", args=[school.pk]))
    page.select_option("#id_administration", str(administration.pk))
    page.fill("#id_note", "Gäller skolskjuts – SOF svarar.")
    page.locator("form[action$='/forward/'] button[type=submit]").click()
    page.wait_for_url("**/moderation/kc/")
    axe_check(page)
    assert "skolskjuts" not in page.locator("#queue-rows").inner_text()
    school.refresh_from_db()
    assert not school.in_kc_queue and school.queue_administration_id == administration.pk

    # An editor of another förvaltning sees neither queue nor the comments.
    page_problems.allow("status of 403")
    page_problems.allow("status of 404")
    page.context.clear_cookies()
    login(page, other_editor)
    assert page.goto(reverse("moderation:queue-kc")).status == 403
    assert page.goto(reverse("moderation:queue-administration", args=[administration.pk])).status == 404
    assert page.goto(reverse("moderation:comment-detail", args=[school.pk])).status == 404
