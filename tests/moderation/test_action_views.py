"""The actions panel on a comment, bulk actions, the evidence image and the CSV export."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from moderation.ingest import comments_ingest
from moderation.models import Comment, Evidence, ModerationLogEntry

from .helpers import at, remote
from .platform import fb_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pillow(settings):
    settings.EVIDENCE_RENDERER = "pillow"


def detail(comment):
    return reverse("moderation:comment-detail", args=[comment.pk])


def act(client, comment, **data):
    return client.post(reverse("moderation:comment-act", args=[comment.pk]), data)


def test_the_panel_offers_what_facebook_can_and_says_why_not_on_instagram(facebook, editor_client, account):
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    body = editor_client.get(detail(comment)).content.decode()
    for label in ("Publicera svaret", "Dölj", "Ta bort"):
        assert label in body, label
    assert 'value="block"' in body and 'value="message"' in body and 'id="id_message_text"' in body
    assert 'id="tone-panel"' in body and 'id="id_reply_text"' in body
    assert "Vänliga hälsningar, Erik, redaktör" in body  # the sign-off the reply gets
    account.platform = "instagram"
    account.save(update_fields=["platform"])
    body = editor_client.get(detail(comment)).content.decode()
    assert 'value="block"' not in body and 'value="message"' not in body
    with translation.override("sv"):
        reason = gettext("Blocking a person is done on Instagram itself.")
    assert reason in body


def test_hiding_through_the_page(facebook, editor_client, account):
    comment = fb_comment(facebook, account, "c1", "Köp klockor")
    response = act(editor_client, comment, action="hide", rule="spam")
    assert response.status_code == 302 and response["Location"] == detail(comment)
    assert facebook.objects["c1"]["is_hidden"] is True
    body = editor_client.get(detail(comment)).content.decode()
    assert 'value="unhide"' in body


def test_a_reply_with_personal_data_is_refused_on_the_page(facebook, editor_client, account):
    comment = fb_comment(facebook, account, "c1", "Vad gäller för mig?")
    act(editor_client, comment, action="reply", reply_text="Ditt personnummer är 19811218-9876.")
    assert Comment.objects.get(pk=comment.pk).answered_at is None
    assert not ModerationLogEntry.objects.filter(action="reply").exists()


def test_deleting_shows_the_evidence_on_the_comment(facebook, editor_client, account):
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    act(editor_client, comment, action="delete", rule="personal_attack")
    evidence = Evidence.objects.get()
    body = editor_client.get(detail(comment)).content.decode()
    image = reverse("moderation:comment-evidence-png", args=[comment.pk, evidence.pk])
    assert image in body and evidence.png_sha256 in body
    response = editor_client.get(image)
    assert response["Content-Type"] == "image/png" and response.content == bytes(evidence.png)


def test_a_failed_deletion_says_so_and_leaves_the_comment(facebook, editor_client, account):
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    facebook.fault("503", times=10)
    response = act(editor_client, comment, action="delete", rule="personal_attack")
    assert response.status_code == 302
    body = editor_client.get(detail(comment)).content.decode()
    assert Comment.objects.get(pk=comment.pk).removed_on_platform_at is None
    assert "Ta bort" in body  # the retry is offered


def test_bulk_hides_the_ticked_comments(facebook, editor_client, account):
    comments = [fb_comment(facebook, account, f"s{n}", f"Klockor {n}") for n in range(3)]
    response = editor_client.post(
        reverse("moderation:comments-bulk"),
        {
            "comment": [c.pk for c in comments[:2]],
            "action": "hide",
            "rule": "spam",
            "next": "/moderation/",
            "confirmed": "yes",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/moderation/"
    assert [facebook.objects[f"s{n}"]["is_hidden"] for n in range(3)] == [True, True, False]
    assert ModerationLogEntry.objects.filter(action="hide").count() == 2


def _export(client, query="from=2020-01-01&to=2030-12-31"):
    response = client.get(reverse("moderation:export-csv") + "?" + query)
    return response, list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )


def test_the_export_is_streamed_and_scoped(
    akn_client, lead_client, kc_client, kc_user, lead, account, other_account, citywide_account
):
    for acc, pid in ((account, "own"), (other_account, "other"), (citywide_account, "kc")):
        comments_ingest(account=acc, items=[remote(pid, "Hej?")])
    own, other, kc = (Comment.objects.get(platform_id=p) for p in ("own", "other", "kc"))
    Comment.objects.filter(pk__in=[own.pk, other.pk]).update(in_kc_queue=False)
    Comment.objects.filter(pk=kc.pk).update(in_kc_queue=True)
    for comment in (own, other, kc):
        ModerationLogEntry.objects.create(
            comment_id=comment.pk, actor=kc_user, action="no_action", rule="opinion"
        )
    response, rows = _export(akn_client)
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    assert sorted(int(r["Kommentarens id"]) for r in rows) == sorted([own.pk, other.pk, kc.pk])
    assert set(rows[0]) >= {
        "Mottagen",
        "Svara senast",
        "Etiketter",
        "Status",
        "Regel i riktlinjerna",
        "Hanterad",
        "Hanterad av",
    }
    assert [int(r["Kommentarens id"]) for r in _export(lead_client)[1]] == [own.pk]
    assert [int(r["Kommentarens id"]) for r in _export(kc_client)[1]] == [kc.pk]
    # The days are Swedish days, both ends included.
    ModerationLogEntry.objects.create(comment_id=own.pk, action="hide", at=at("2026-03-01 00:10"))
    ModerationLogEntry.objects.create(comment_id=own.pk, action="unhide", at=at("2026-03-02 23:50"))
    ModerationLogEntry.objects.create(comment_id=own.pk, action="like", at=at("2026-03-03 00:00"))
    rows = _export(akn_client, "from=2026-03-01&to=2026-03-02")[1]
    # Swedish words, not codes: the export answers public-records requests.
    assert [r["Åtgärd"] for r in rows] == ["Dold", "Visas igen"]
    assert {r["Status"] for r in rows} == {"Öppen"} and {r["Utfall"] for r in rows} == {"Klar"}


@pytest.mark.parametrize(
    "query", ["", "from=2026-01-01", "from=2026-02-30&to=2026-03-01", "from=2026-03-02&to=2026-03-01"]
)
def test_bad_dates_are_a_400_in_swedish(akn_client, query):
    response = akn_client.get(reverse("moderation:export-csv") + "?" + query)
    assert response.status_code == 400
    assert "datum" in response.content.decode().lower()


def test_the_export_refuses_editors(editor_client):
    assert (
        editor_client.get(reverse("moderation:export-csv") + "?from=2026-01-01&to=2026-01-02").status_code
        == 403
    )


def test_the_bulk_page_selects_one_authors_comments_and_hides_them(facebook, editor_client, account):
    spam = [
        fb_comment(facebook, account, f"s{n}", f"Klockor {n}", author=("77", "Spammaren")) for n in range(3)
    ]
    fb_comment(facebook, account, "other", "En vanlig fråga?", author=("78", "Anna"))
    page = editor_client.get(reverse("moderation:comments-bulk") + f"?like={spam[0].pk}")
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count('name="comment"') == 3 and "En vanlig fråga" not in body
    response = editor_client.post(
        reverse("moderation:comments-bulk"),
        {
            "comment": [c.pk for c in spam],
            "action": "hide",
            "rule": "spam",
            "next": page.request["PATH_INFO"],
            "confirmed": "yes",
        },
    )
    assert response.status_code == 302
    assert all(facebook.objects[f"s{n}"]["is_hidden"] for n in range(3))
    assert "is_hidden" in facebook.objects["other"] and facebook.objects["other"]["is_hidden"] is False


def test_the_bulk_page_will_not_select_by_another_forvaltnings_comment(
    facebook, editor_client, other_account
):
    other_account.access_token = "good-token"
    other_account.save()
    theirs = fb_comment(facebook, other_account, "t1", "Deras kommentar")
    assert editor_client.get(reverse("moderation:comments-bulk") + f"?like={theirs.pk}").status_code == 404
