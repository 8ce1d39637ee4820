"""In a real browser: a KC agent answers a question with a saved reply, hides spam, deletes a personal
attack and sees the evidence; an editor of another förvaltning cannot reach it. axe-core on the way."""

import re

import pytest
from django.urls import reverse

from moderation.models import Comment, Evidence, SavedReply
from tests.fixtures_browser import axe_check, login

from .platform import fb_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kc_answers_hides_and_deletes_with_evidence(
    page, page_problems, settings, facebook, starting_lists, kc_user, citywide_account, other_editor
):
    settings.REGISTRY_EMAIL = "diariet@example.se"
    SavedReply.objects.create(
        administration=None, title="Simhallens öppettider", text="Simhallen har öppet 6–21 alla dagar."
    )
    question = fb_comment(facebook, citywide_account, "q1", "När öppnar simhallen?")
    spam = fb_comment(facebook, citywide_account, "s1", "Köp billiga klockor på klockor.example nu!!!")
    attack = fb_comment(
        facebook,
        citywide_account,
        "a1",
        "Du är en jävla idiot <script>alert(1)</script>",
        author=("66", "<b>X</b>"),
    )
    Comment.objects.filter(pk__in=[question.pk, spam.pk, attack.pk]).update(in_kc_queue=True)
    login(page, kc_user)

    # A question answered with a saved reply, signed with the agent's sign-off.
    page.goto(reverse("moderation:comment-detail", args=[question.pk]))
    axe_check(page)
    page.locator("#comment-actions summary").click()
    page.get_by_role("button", name=re.compile(r"^Använd i svaret\W+Simhallens öppettider$")).click()
    assert page.locator("#id_reply_text").input_value() == "Simhallen har öppet 6–21 alla dagar."
    page.get_by_role("button", name="Publicera svaret").click()
    page.wait_for_url(f"**/moderation/comments/{question.pk}/")
    question.refresh_from_db()
    assert question.status == Comment.Status.ANSWERED and question.answered_at is not None
    [reply] = [o for o in facebook.objects.values() if o.get("parent", {}).get("id") == "q1"]
    assert (
        reply["message"]
        == "Simhallen har öppet 6–21 alla dagar.\n\nVänliga hälsningar, Karim, kundtjänsthandläggare"
    )

    # Spam hidden, under the spam rule.
    page.goto(reverse("moderation:comment-detail", args=[spam.pk]))
    page.select_option("#id_rule", "spam")
    page.get_by_role("button", name="Dölj").click()
    page.wait_for_url(f"**/moderation/comments/{spam.pk}/")
    assert facebook.objects["s1"]["is_hidden"] is True
    assert page.get_by_role("button", name="Visa igen").is_visible()

    # A personal attack deleted: the evidence shows on the comment, its text inert.
    page.goto(reverse("moderation:comment-detail", args=[attack.pk]))
    page.select_option("#id_rule", "personal_attack")
    page.get_by_role("button", name="Ta bort", exact=True).click()
    page.wait_for_url(f"**/moderation/comments/{attack.pk}/")
    axe_check(page)
    assert facebook.objects["a1"]["deleted"] is True
    evidence = Evidence.objects.get(comment=attack)
    image = page.get_by_role("img", name=f"Skärmdump av den borttagna kommentaren {attack.pk}")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert evidence.png_sha256 in page.content()
    assert "Skickad för diarieföring" in page.locator("#comment-actions").inner_text()

    # An editor of another förvaltning cannot open it, let alone act on it.
    page_problems.allow("status of 404")
    page.context.clear_cookies()
    login(page, other_editor)
    assert page.goto(reverse("moderation:comment-detail", args=[attack.pk])).status == 404
    assert page.goto(reverse("moderation:comment-evidence-png", args=[attack.pk, evidence.pk])).status == 404
