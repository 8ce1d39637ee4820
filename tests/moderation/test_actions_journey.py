"""In a real browser: a KC agent answers a question with a saved reply, hides spam, deletes a personal
attack and sees the evidence; an editor of another förvaltning cannot reach it. axe-core on the way."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from moderation.models import Comment, Evidence, ModerationLogEntry, SavedReply
from tests.fixtures_browser import axe_check, focus_is_visible, login

from .platform import fb_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def act(page, press) -> None:
    """Carry out an action in the panel and wait until htmx has swapped its answer in."""
    with page.expect_response(lambda r: r.url.endswith("/act/") and r.request.method == "POST") as answer:
        press()
    assert answer.value.status == 200
    page.wait_for_function("() => !document.querySelector('#comment-actions.htmx-request, .htmx-swapping')")


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
    act(page, page.get_by_role("button", name="Publicera svaret").click)
    expect(page.locator("#comment-actions-status")).to_contain_text("Klart")
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
    act(page, page.get_by_role("button", name="Dölj").click)
    assert facebook.objects["s1"]["is_hidden"] is True
    assert page.get_by_role("button", name="Visa igen").is_visible()

    # A personal attack deleted: the evidence shows on the comment, its text inert.
    page.goto(reverse("moderation:comment-detail", args=[attack.pk]))
    page.select_option("#id_rule", "personal_attack")
    act(page, page.get_by_role("button", name="Ta bort", exact=True).click)
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


def tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element is the one named `name`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => (document.activeElement.innerText || '').trim()")
        if focused == name:
            return
    pytest.fail(f"Tab never reached {name!r}")


def test_an_editor_messages_the_author_and_deletes_and_blocks_with_the_keyboard(
    page, page_problems, settings, facebook, starting_lists, editor, account
):
    settings.REGISTRY_EMAIL = "diariet@example.se"
    attack = fb_comment(facebook, account, "a1", "Du är en jävla idiot", author=("66", "Arg Person"))
    Comment.objects.filter(pk=attack.pk).update(created_at=timezone.now() - timedelta(hours=1))
    login(page, editor)
    page.goto(reverse("moderation:comment-detail", args=[attack.pk]))
    page.evaluate("() => { window.stillThisPage = true; }")  # gone if a form navigates instead of htmx
    status = page.locator("#comment-actions-status")

    # A private message first: typed, sent with Enter on the button.
    page.locator("#id_message_text").focus()
    page.keyboard.type("Vi tar bort kommentarer med personangrepp.")
    tab_to(page, sv("Send the message"))
    assert focus_is_visible(page)
    act(page, lambda: page.keyboard.press("Enter"))
    expect(status).to_contain_text(sv("Done: %(action)s.") % {"action": sv("Messaged the author")})
    assert page.evaluate("() => document.activeElement.id") == "actions-heading"
    expect(page.locator("#comment-status")).to_contain_text(sv("Open"))  # a message handles nothing
    [sent] = facebook.private_replies
    assert sent["text"].startswith("Vi tar bort kommentarer med personangrepp.\n\nVänliga hälsningar, Erik")
    axe_check(page)

    # Then delete and block: the rule chosen from the keyboard, the button reached with Tab.
    page.keyboard.press("Tab")  # the rule list follows the heading
    assert page.evaluate("() => document.activeElement.id") == "id_rule"
    expect(page.locator("#id_rule")).to_have_value("personal_attack")  # preset from the triage
    tab_to(page, sv("Delete and block"))
    act(page, lambda: page.keyboard.press("Enter"))
    expect(status).to_contain_text(sv("Done: %(action)s.") % {"action": sv("Deleted and blocked the author")})
    assert page.evaluate("() => document.activeElement.id") == "actions-heading"
    assert page.evaluate("() => window.stillThisPage === true")
    assert facebook.objects["a1"]["deleted"] is True and facebook.blocked == {account.platform_id: ["66"]}
    assert list(
        ModerationLogEntry.objects.filter(comment_id=attack.pk).values_list("action", "rule", "outcome")
    ) == [
        ("message", "personal_attack", "done"),
        ("delete", "personal_attack", "done"),
        ("block", "personal_attack", "done"),
    ]
    expect(page.get_by_role("img", name=re.compile(str(attack.pk)))).to_be_visible()
    expect(page.locator("#comment-actions")).to_contain_text(sv("The author is blocked from the account."))
    expect(page.locator("#comment-status")).to_contain_text(sv("Removed on the platform"))
    axe_check(page)
