"""comments_ingest: stored once, triaged, timed and queued, in a few statements per batch."""

import pytest
from django.apps import apps
from django.forms.models import model_to_dict

from accounts.models import Role
from helsocial.outbox.models import OutboxMessage
from moderation.ingest import (
    comments_ingest,
    comments_mark_hidden,
    comments_mark_missing,
    comments_mark_removed,
)
from moderation.models import Comment
from tests.factories import UserFactory

from .helpers import at, remote

pytestmark = pytest.mark.django_db


def snapshot(account):
    return [model_to_dict(c) for c in Comment.objects.filter(account=account).order_by("platform_id")]


def test_a_new_question_is_stored_triaged_due_and_queued(account):
    result = comments_ingest(account=account, items=[remote("c1", "Hur gör jag för att söka plats?")])
    comment = Comment.objects.get(platform_id="c1")
    assert result.created == 1
    assert comment.labels == ["question"]
    assert comment.suggested_action == "answer"
    assert comment.status == "open"
    assert comment.due_at == at("2026-11-24 10:00")
    assert comment.sort_at == comment.due_at
    assert comment.queue_administration == account.administration
    assert not comment.in_kc_queue
    assert comment.raw == {"id": "c1", "message": "Hur gör jag för att söka plats?"}


def test_the_same_items_twice_change_nothing(account):
    items = [remote(f"c{i}", f"Fråga nummer {i}?", author_id=str(i)) for i in range(20)]
    comments_ingest(account=account, items=items)
    before = snapshot(account)
    result = comments_ingest(account=account, items=items)
    assert result.created == 0 and result.updated == 0
    assert result.unchanged == 20
    assert snapshot(account) == before


def test_a_batch_repeating_an_item_stores_it_once(account):
    comments_ingest(account=account, items=[remote("c1", "Hej?"), remote("c1", "Hej?")])
    assert Comment.objects.count() == 1


def test_an_edit_on_the_platform_updates_text_and_triage_but_not_arrival(account):
    comments_ingest(account=account, items=[remote("c1", "Fint väder idag")])
    first = Comment.objects.get()
    comments_ingest(account=account, items=[remote("c1", "Du är en idiot")])
    comment = Comment.objects.get()
    assert comment.text == "Du är en idiot"
    assert comment.edited_at is not None
    assert comment.received_at == first.received_at
    assert comment.labels == ["personal_attack"]
    assert comment.priority == 0


def test_the_citys_own_reply_never_enters_a_queue_and_answers_the_question(account):
    comments_ingest(account=account, items=[remote("q1", "När öppnar badet?")])
    reply = remote(
        "r1", "Den 1 juni!", author_id=account.platform_id, parent_id="q1", created_at=at("2026-11-23 11:30")
    )
    result = comments_ingest(account=account, items=[reply])
    question = Comment.objects.get(platform_id="q1")
    own = Comment.objects.get(platform_id="r1")
    assert own.status == "own"
    assert own.labels == []
    assert question.status == "answered"
    assert question.answered_at == at("2026-11-23 11:30")
    assert result.answered == 1
    assert not Comment.objects.open().filter(platform_id="r1").exists()


def test_a_reply_that_arrives_before_its_question_still_answers_it(account):
    reply = remote(
        "r1", "Den 1 juni!", author_id=account.platform_id, parent_id="q1", created_at=at("2026-11-23 11:30")
    )
    comments_ingest(account=account, items=[reply])
    comments_ingest(account=account, items=[remote("q1", "När öppnar badet?")])
    question = Comment.objects.get(platform_id="q1")
    assert question.status == "answered"
    assert question.answered_at == at("2026-11-23 11:30")


def test_an_opinion_needs_no_action_and_stays_out_of_the_queue(account):
    comments_ingest(account=account, items=[remote("c1", "Slöseri med skattepengar")])
    assert Comment.objects.get().status == "no_action"
    assert not Comment.objects.open().exists()


def test_a_direct_message_on_a_citywide_account_goes_to_kc_with_its_window(citywide_account):
    comments_ingest(
        account=citywide_account,
        items=[
            remote(
                "m1",
                "Hej, jag har en fråga om min faktura",
                kind="message",
                post_id="t1",
                created_at=at("2026-11-27 16:00"),
            )
        ],
    )
    message = Comment.objects.get()
    assert message.in_kc_queue
    assert message.reply_window_ends_at == at("2026-11-28 16:00")
    assert message.sort_at == message.reply_window_ends_at


def test_a_later_message_reopens_the_window_for_the_earlier_ones(citywide_account):
    first = remote("m1", "Hallå?", kind="message", post_id="t1", created_at=at("2026-11-27 16:00"))
    later = remote("m2", "Någon där?", kind="message", post_id="t1", created_at=at("2026-11-28 10:00"))
    comments_ingest(account=citywide_account, items=[first])
    comments_ingest(account=citywide_account, items=[later])
    assert Comment.objects.get(platform_id="m1").reply_window_ends_at == at("2026-11-29 10:00")


def test_the_citys_message_in_a_conversation_answers_the_earlier_ones(citywide_account):
    question = remote("m1", "Hallå?", kind="message", post_id="t1", created_at=at("2026-11-27 16:00"))
    answer = remote(
        "m2",
        "Hej!",
        kind="message",
        post_id="t1",
        author_id=citywide_account.platform_id,
        created_at=at("2026-11-27 16:10"),
    )
    comments_ingest(account=citywide_account, items=[question, answer])
    assert Comment.objects.get(platform_id="m1").status == "answered"


def test_comments_on_a_post_of_a_forvaltning_with_a_kc_agreement_go_to_kc(account):
    try:
        agreement = apps.get_model("calendar_booking", "KcAgreement")
    except LookupError:
        pytest.skip("calendar_booking.KcAgreement is not there yet")
    agreement.objects.create(administration=account.administration)
    comments_ingest(
        account=account, items=[remote("c1", "Var kan jag parkera?"), remote("m1", "Hej", kind="message")]
    )
    assert Comment.objects.get(platform_id="c1").in_kc_queue
    # Direct messages on a förvaltning's own account stay with the förvaltning.
    assert not Comment.objects.get(platform_id="m1").in_kc_queue


def test_a_threat_goes_to_the_top_and_mails_the_lead_and_akn_once(account, lead, settings):
    settings.AKN_EMAIL = "akn@helsingborg.se"
    other_lead = UserFactory(username="other", roles=[(Role.LEAD, account.administration)], email="")
    comments_ingest(account=account, items=[remote("c1", "Tack!"), remote("c2", "Jag vet var du bor")])
    comments_ingest(account=account, items=[remote("c2", "Jag vet var du bor")])
    threat = Comment.objects.get(platform_id="c2")
    assert threat.priority == 0
    assert threat.due_at == at("2026-11-23 12:00")
    assert list(Comment.objects.open().values_list("platform_id", flat=True)) == ["c2", "c1"]
    mail = OutboxMessage.objects.get()
    assert mail.key == f"moderation-urgent:{threat.pk}:1"
    assert f"/moderation/comments/{threat.pk}/" in mail.body
    assert mail.to == [lead.email, "akn@helsingborg.se"]
    assert "Jag vet var du bor" not in mail.body  # the text stays in the portal
    assert other_lead.email == ""


def test_spam_is_judged_against_what_the_author_wrote_in_earlier_batches(account):
    comments_ingest(
        account=account,
        items=[remote("c1", "Köp billiga solglasögon på min sida", created_at=at("2026-11-23 10:00"))],
    )
    comments_ingest(
        account=account,
        items=[remote("c2", "Köp billiga solglasögon på min sida", created_at=at("2026-11-23 12:00"))],
    )
    assert "spam" not in Comment.objects.get(platform_id="c1").labels
    assert "spam" in Comment.objects.get(platform_id="c2").labels


def test_a_removal_on_the_platform_keeps_the_stored_copy(account):
    comments_ingest(account=account, items=[remote("c1", "Ring mig 070-123 45 67")])
    assert comments_mark_removed(account=account, platform_ids=["c1"], source="webhook") == 1
    assert comments_mark_removed(account=account, platform_ids=["c1"], source="webhook") == 0
    comment = Comment.objects.get()
    assert comment.status == "removed"
    assert comment.removal_source == "webhook"
    assert comment.text == "Ring mig 070-123 45 67"


def test_a_comment_missing_at_the_next_pull_is_marked_removed(account):
    comments_ingest(account=account, items=[remote("c1", "Ett"), remote("c2", "Två?")])
    assert comments_mark_missing(account=account, post_id="post-1", seen_ids=["c1"]) == 1
    assert Comment.objects.get(platform_id="c2").removal_source == "pull"
    assert Comment.objects.get(platform_id="c1").removed_on_platform_at is None


def test_hidden_on_the_platform_counts_as_handled(account):
    comments_ingest(account=account, items=[remote("c1", "Hur då?")])
    comments_ingest(account=account, items=[remote("c1", "Hur då?", is_hidden=True)])
    comment = Comment.objects.get()
    assert comment.hidden_on_platform_at is not None
    assert comment.status == "handled"
    assert comments_mark_hidden(account=account, platform_ids=["c1"], hidden=False) == 1


def test_another_accounts_comment_with_the_same_id_is_a_different_comment(account, other_account):
    comments_ingest(account=account, items=[remote("c1", "Hej?")])
    comments_ingest(account=other_account, items=[remote("c1", "Hej?")])
    assert Comment.objects.count() == 2


def test_a_batch_takes_a_few_statements_whatever_its_size(account, django_assert_max_num_queries):
    def batch(prefix, n):
        return [remote(f"{prefix}{i}", f"Undrar om nummer {i} går bra", author_id=f"a{i}") for i in range(n)]

    def statements(captured):
        # SQLite splits a bulk INSERT by its bind-parameter limit; everything else is per batch.
        return [q["sql"].split(" ", 1)[0] for q in captured if not q["sql"].startswith("INSERT")]

    comments_ingest(account=account, items=batch("warm", 1))
    with django_assert_max_num_queries(14) as small:
        comments_ingest(account=account, items=batch("s", 10))
    with django_assert_max_num_queries(60) as large:
        comments_ingest(account=account, items=batch("l", 900))
    assert statements(large.captured_queries) == statements(small.captured_queries)
    assert Comment.objects.count() == 911


@pytest.mark.postgres
def test_on_postgresql_a_batch_of_900_is_copied_not_inserted_row_by_row(
    account, django_assert_max_num_queries
):
    items = [remote(f"c{i}", f"Undrar om nummer {i} går bra", author_id=f"a{i}") for i in range(900)]
    with django_assert_max_num_queries(14) as captured:
        result = comments_ingest(account=account, items=items)
    # The rows go in by COPY on psycopg's own cursor, which Django does not see: no INSERT at all.
    assert not [q["sql"] for q in captured.captured_queries if "INSERT INTO" in q["sql"]]
    assert result.created == 900
    assert Comment.objects.filter(account=account).count() == 900
    assert {tuple(labels) for labels in Comment.objects.values_list("labels", flat=True)} == {("question",)}


@pytest.mark.postgres
def test_on_postgresql_a_row_stored_meanwhile_sends_the_batch_the_careful_way(
    account, django_assert_max_num_queries
):
    """A concurrent batch stored one of the items after this batch looked: the COPY fails on the
    unique key, and the rows go through the stage with ON CONFLICT DO NOTHING, the stored one skipped."""
    from moderation.ingest.items import new_row
    from moderation.ingest.store import comment_store
    from moderation.triage import AuthorHistory, ruleset_load

    comments_ingest(account=account, items=[remote("c5", "Först här", author_id="x")])
    before = snapshot(account)
    rules, history, now = ruleset_load(), AuthorHistory(), at("2026-11-23 11:00")
    items = [remote(f"c{i}", f"Undrar om {i}", author_id=f"a{i}") for i in range(9, -1, -1)]
    with django_assert_max_num_queries(8) as captured:
        inserted = comment_store().insert(
            items, lambda item: new_row(account, item, rules, history, False, now)
        )
    assert sorted(row["platform_id"] for row in inserted) == [f"c{i}" for i in range(10) if i != 5]
    assert all(row["id"] for row in inserted)
    assert [q["sql"] for q in captured.captured_queries if "INSERT INTO" in q["sql"]]
    assert [c for c in snapshot(account) if c["platform_id"] == "c5"] == before
    assert Comment.objects.filter(account=account).count() == 10
    assert Comment.objects.get(platform_id="c3").labels == ["question"]


def test_a_raid_of_threats_is_one_mail_listing_each(account, lead):
    comments_ingest(
        account=account, items=[remote(f"t{i}", "Jag vet var du bor", author_id=str(i)) for i in range(5)]
    )
    mail = OutboxMessage.objects.get()
    assert mail.subject.startswith("5 ")
    for comment in Comment.objects.all():
        assert f"/moderation/comments/{comment.pk}/" in mail.body


def test_a_raid_larger_than_a_mail_lists_fifty_and_counts_the_rest(account, lead):
    comments_ingest(
        account=account, items=[remote(f"t{i:03}", "Jag vet var du bor", author_id=str(i)) for i in range(60)]
    )
    mail = OutboxMessage.objects.get()
    assert mail.subject.startswith("60 ")
    assert mail.body.count("/moderation/comments/") == 50
    assert "… och 10 till, först i kön:" in mail.body
    assert f"/moderation/administrations/{account.administration_id}/\n" in mail.body


def test_nul_characters_and_overlong_fields_are_cleaned_not_a_crash(account):
    from dataclasses import replace

    item = replace(
        remote("c1", "Hej\x00 där?", author_name="A" * 500),
        raw={"message": "Hej\x00", "nested": ["\x00"]},
        post_id="p" * 300,
    )
    too_long = remote("x" * 200, "Borta")
    comments_ingest(account=account, items=[item, too_long])
    comment = Comment.objects.get()
    assert comment.text == "Hej där?"
    assert len(comment.author_name) == 200
    assert comment.raw == {"message": "Hej", "nested": [""]}
    assert len(comment.post_platform_id) == 128
