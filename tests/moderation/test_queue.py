"""The queues: who sees what, order, filters, claims, forwarding, notes, escaping, flat queries."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from moderation.ingest import comments_ingest
from moderation.models import Comment, CommentNote
from moderation.services import comment_claim
from tests.factories import SocialAccountFactory, UserFactory

from .helpers import at, remote

pytestmark = pytest.mark.django_db


def queue_url(administration):
    return reverse("moderation:queue-administration", args=[administration.pk])


def test_the_queue_lists_urgent_then_overdue_then_by_due_time(editor_client, account):
    comments_ingest(
        account=account,
        items=[
            remote("later", "Hur gör jag?", created_at=timezone.now()),
            remote("overdue", "Var är bussen?", created_at=at("2026-01-05 10:00")),
            remote("threat", "Jag vet var du bor", created_at=timezone.now()),
        ],
    )
    body = editor_client.get(queue_url(account.administration)).content.decode()
    assert body.index("Jag vet var du bor") < body.index("Var är bussen") < body.index("Hur gör jag")
    assert "Overdue" in body or "Försenad" in body


def test_platform_text_is_escaped(editor_client, account):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    comments_ingest(account=account, items=[remote("c1", evil + " undrar?", author_name=evil)])
    comment = Comment.objects.get()
    for url in (queue_url(account.administration), reverse("moderation:comment-detail", args=[comment.pk])):
        body = editor_client.get(url).content.decode()
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;" in body


def test_an_editor_sees_only_the_accounts_they_edit(editor_client, account, administration):
    unedited = SocialAccountFactory(administration=administration, name="Annat konto")
    comments_ingest(account=account, items=[remote("c1", "Min fråga?")])
    comments_ingest(account=unedited, items=[remote("c2", "Någon annans fråga?")])
    body = editor_client.get(queue_url(administration)).content.decode()
    assert "Min fråga" in body
    assert "Någon annans fråga" not in body


def test_the_lead_sees_the_whole_forvaltning(lead_client, account, administration):
    unedited = SocialAccountFactory(administration=administration, name="Annat konto")
    comments_ingest(account=unedited, items=[remote("c2", "Någon annans fråga?")])
    assert "Någon annans fråga" in lead_client.get(queue_url(administration)).content.decode()


def test_another_forvaltnings_queue_and_comments_are_404(editor_client, other_account, other_editor):
    comments_ingest(account=other_account, items=[remote("c1", "Hemlig fråga?")])
    comment = Comment.objects.get()
    assert editor_client.get(queue_url(other_account.administration)).status_code == 404
    assert editor_client.get(reverse("moderation:comment-detail", args=[comment.pk])).status_code == 404
    assert editor_client.post(reverse("moderation:comment-claim", args=[comment.pk])).status_code == 404


def test_kc_sees_citywide_messages_and_not_a_forvaltnings_comments(kc_client, citywide_account, account):
    comments_ingest(account=citywide_account, items=[remote("m1", "Hej, fråga om avgift", kind="message")])
    comments_ingest(account=account, items=[remote("c1", "Skolfråga?")])
    body = kc_client.get(reverse("moderation:queue-kc")).content.decode()
    assert "fråga om avgift" in body
    assert "Skolfråga" not in body
    assert kc_client.get(queue_url(account.administration)).status_code == 404


def test_filters_by_label_and_status(lead_client, account):
    comments_ingest(account=account, items=[remote("c1", "Hur gör jag?"), remote("c2", "Tack för idag!")])
    url = queue_url(account.administration)
    body = lead_client.get(url, {"label": "praise"}).content.decode()
    assert "Tack för idag" in body and "Hur gör jag" not in body
    body = lead_client.get(url, {"status": "answered"}).content.decode()
    assert "Tack för idag" not in body and "Hur gör jag" not in body


def test_keyset_pages_follow_on(lead_client, account):
    comments_ingest(
        account=account, items=[remote(f"c{i:03}", f"Fråga {i:03}?", author_id=str(i)) for i in range(60)]
    )
    first = lead_client.get(queue_url(account.administration))
    cursor = first.context["page"].next_cursor
    assert cursor
    second = lead_client.get(
        queue_url(account.administration), {"after": cursor}, headers={"HX-Request": "true"}
    )
    assert len(first.context["page"].rows) == 50
    assert len(second.context["page"].rows) == 10
    assert not {c["id"] for c in first.context["page"].rows} & {c["id"] for c in second.context["page"].rows}


def test_the_htmx_refresh_returns_the_rows_fragment_with_polling(lead_client, account):
    comments_ingest(account=account, items=[remote("c1", "Hur gör jag?")])
    response = lead_client.get(queue_url(account.administration), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<tbody id="queue-rows"')
    assert 'hx-trigger="every' in body


def test_the_queue_page_issues_the_same_queries_with_10_or_2000_comments(lead_client, lead, account):
    def load(start, n):
        items = [remote(f"c{i}", f"Fråga {i}?", author_id=str(i)) for i in range(start, start + n)]
        comments_ingest(account=account, items=items)
        Comment.objects.filter(platform_id=f"c{start}").update(
            claimed_by=lead, claimed_until=timezone.now() + timedelta(minutes=5)
        )
        with CaptureQueriesContext(connection) as captured:
            assert lead_client.get(queue_url(account.administration)).status_code == 200
        return len(captured.captured_queries)

    small = load(0, 10)
    large = load(10, 1990)
    assert small == large
    assert large <= 12


def test_opening_claims_and_others_see_who_has_it(lead, editor, account, client_class):
    comments_ingest(account=account, items=[remote("c1", "Hur gör jag?")])
    comment = Comment.objects.get()
    first, second = client_class(), client_class()
    first.force_login(lead)
    second.force_login(editor)
    assert first.post(reverse("moderation:comment-claim", args=[comment.pk])).status_code == 302
    comment.refresh_from_db()
    assert comment.claimed_by == lead
    response = second.post(reverse("moderation:comment-claim", args=[comment.pk]), follow=True)
    comment.refresh_from_db()
    assert comment.claimed_by == lead
    assert str(lead) in response.content.decode()


def test_an_expired_claim_can_be_taken(lead, editor, account, settings):
    comments_ingest(account=account, items=[remote("c1", "Hur gör jag?")])
    comment = Comment.objects.get()
    assert comment_claim(comment=comment, by=lead, now=timezone.now() - timedelta(minutes=60))
    assert comment_claim(comment=comment, by=editor)
    comment.refresh_from_db()
    assert comment.claimed_by == editor


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_claiming_at_once_never_both_get_it(account, administration):
    comments_ingest(account=account, items=[remote("c1", "Hur gör jag?")])
    comment = Comment.objects.get()
    people = [UserFactory(username=f"p{i}", roles=[(Role.LEAD, administration)]) for i in range(8)]
    barrier = threading.Barrier(len(people))
    wins = []

    def attempt(person):
        try:
            barrier.wait()
            wins.append(comment_claim(comment=Comment.objects.get(pk=comment.pk), by=person))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wins.count(True) == 1
    assert Comment.objects.get().claimed_by in people


def test_kc_forwards_with_a_note_and_the_forvaltning_sends_it_back(
    kc_client, lead_client, citywide_account, administration, kc_user
):
    comments_ingest(account=citywide_account, items=[remote("m1", "Fråga om skolskjuts", kind="message")])
    comment = Comment.objects.get()
    response = kc_client.post(
        reverse("moderation:comment-forward", args=[comment.pk]),
        {"administration": administration.pk, "note": "Gäller skolskjuts, SOF svarar."},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert not comment.in_kc_queue and comment.queue_administration == administration
    assert "Fråga om skolskjuts" in lead_client.get(queue_url(administration)).content.decode()
    detail = lead_client.get(reverse("moderation:comment-detail", args=[comment.pk])).content.decode()
    assert "Gäller skolskjuts, SOF svarar." in detail
    response = lead_client.post(
        reverse("moderation:comment-return", args=[comment.pk]), {"note": "Inte vår fråga."}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.in_kc_queue
    assert list(CommentNote.objects.values_list("kind", flat=True)) == ["forward", "return"]


def test_only_kc_and_akn_may_forward(lead_client, account, other_administration):
    comments_ingest(account=account, items=[remote("c1", "Hur gör jag?")])
    comment = Comment.objects.get()
    response = lead_client.post(
        reverse("moderation:comment-forward", args=[comment.pk]),
        {"administration": other_administration.pk, "note": "x"},
    )
    assert response.status_code == 403


def test_notes_are_shown_beside_the_comment(editor_client, account):
    comments_ingest(account=account, items=[remote("c1", "Hur gör jag?")])
    comment = Comment.objects.get()
    response = editor_client.post(
        reverse("moderation:comment-note-add", args=[comment.pk]),
        {"text": "Kollar med rektorn <b>först</b>"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kollar med rektorn &lt;b&gt;först&lt;/b&gt;" in body


def test_akn_chooses_among_many_administrations_queues_from_a_list(akn_client, kc_client, administration):
    from tests.factories import AdministrationFactory

    few = akn_client.get(reverse("moderation:queue-kc")).content.decode()
    assert 'id="queue-switch"' not in few and queue_url(administration) in few  # a few: links
    others = [AdministrationFactory(name=f"Förvaltning {n:02}") for n in range(9)]
    body = akn_client.get(reverse("moderation:queue-kc")).content.decode()
    assert 'id="queue-switch"' in body and queue_url(others[0]) not in body  # many: a list, no links
    assert f'<option value="{others[3].pk}">Förvaltning 03</option>' in body
    chosen = akn_client.get(reverse("moderation:queue-home"), {"queue": others[3].pk})
    assert chosen.status_code == 302 and chosen.url == queue_url(others[3])
    # The choice only leads to the queue's own page, which checks the access: KC has no such queue.
    followed = kc_client.get(reverse("moderation:queue-home"), {"queue": others[3].pk}, follow=True)
    assert followed.status_code == 404
    for odd in ("x<b>", "²", "99999999999999999999", "0"):  # never a 500: KC's queue, as without one
        home = akn_client.get(reverse("moderation:queue-home"), {"queue": odd})
        assert home.url == reverse("moderation:queue-kc")


def test_queue_home_sends_people_to_their_queue(
    kc_client, editor_client, communicator_client, administration, account
):
    assert kc_client.get(reverse("moderation:queue-home")).url == reverse("moderation:queue-kc")
    assert editor_client.get(reverse("moderation:queue-home")).url == queue_url(administration)
    assert communicator_client.get(reverse("moderation:queue-home")).status_code == 403
