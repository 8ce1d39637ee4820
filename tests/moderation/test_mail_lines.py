"""The registry and urgent-comment mails go out when an account name holds a line break
(issue #12, item 3): names set before forms refused line breaks, or set outside a form."""

import pytest

from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import outbox_deliver
from metrics.services import posts_match_slots
from moderation.evidence import comment_delete
from moderation.ingest import comments_ingest

from .helpers import remote
from .platform import fb_comment
from .test_placement import _booked_post

pytestmark = pytest.mark.django_db

NAME = "Kulturskolan\nHelsingborg\r\nBcc: angripare@example.org"
ONE_LINE = "Kulturskolan Helsingborg Bcc: angripare@example.org"


def _name(account):
    account.name = NAME
    account.save(update_fields=["name"])


def _deliver_all(smtp_server) -> dict:
    """Deliver every outbox row over SMTP; the received mails by outbox key."""
    keys = {}
    for message in OutboxMessage.objects.order_by("pk"):
        assert outbox_deliver(message_id=message.pk) is True, message.last_error
        keys[message.message_id] = message.key
    return {keys[mail.message_id]: mail for mail in smtp_server.wait_for(len(keys))}


def _one_line(mail) -> str:
    # A long subject is folded on the wire; read back, it is one line (after the fold's space).
    subject = str(mail.message["Subject"]).strip()
    assert "\n" not in subject and "\r" not in subject
    assert mail.message["Bcc"] is None
    assert "angripare@example.org" not in mail.rcpt_tos
    return subject


def test_the_registry_mail_of_an_account_with_a_line_break_in_its_name_arrives(
    facebook, editor, account, smtp_server, settings
):
    settings.EVIDENCE_RENDERER = "pillow"
    settings.REGISTRY_EMAIL = "diariet@example.se"
    _name(account)
    comment = fb_comment(facebook, account, "c1", "Du är en idiot")
    OutboxMessage.objects.all().delete()  # the urgent mail of its arrival is tested below
    comment_delete(comment=comment, by=editor, rule="personal_attack")
    [mail] = _deliver_all(smtp_server).values()
    assert _one_line(mail) == f"Borttagen kommentar för diarieföring: {ONE_LINE}, kommentar {comment.pk}"
    assert mail.rcpt_tos == ("diariet@example.se",)
    assert len(mail.attachments()) == 2


def test_the_registry_mail_goes_out_when_the_authors_name_from_the_platform_holds_control_characters(
    facebook, editor, account, smtp_server, settings
):
    settings.EVIDENCE_RENDERER = "pillow"  # its text layout failed on a carriage return
    settings.REGISTRY_EMAIL = "diariet@example.se"
    comment = fb_comment(facebook, account, "c1", "Du är en idiot", author=("9", "Anna\rAndersson\x1b[0m"))
    OutboxMessage.objects.all().delete()
    comment_delete(comment=comment, by=editor, rule="personal_attack")
    [mail] = _deliver_all(smtp_server).values()
    assert mail.rcpt_tos == ("diariet@example.se",)
    assert "Andersson" in mail.message.get_body(("plain",)).get_content()


def test_the_urgent_comment_mail_of_an_account_with_a_line_break_in_its_name_arrives(
    account, lead, smtp_server, settings
):
    settings.AKN_EMAIL = "akn@helsingborg.se"
    _name(account)
    comments_ingest(account=account, items=[remote("c1", "Jag vet var du bor")])
    [mail] = _deliver_all(smtp_server).values()
    assert _one_line(mail) == f"Brådskande kommentar på {ONE_LINE}"
    assert set(mail.rcpt_tos) == {lead.email, "akn@helsingborg.se"}


def test_the_mail_of_urgent_comments_moved_to_a_queue_arrives_when_the_account_name_has_a_line_break(
    citywide_account, administration, lead, smtp_server, settings
):
    settings.AKN_EMAIL = "akn@helsingborg.se"
    _name(citywide_account)
    post = _booked_post(citywide_account, administration, "p1", match=False)
    comments_ingest(
        account=citywide_account,
        items=[remote(f"c{i}", "Jag vet var du bor", post_id="p1", author_id=str(i)) for i in range(2)],
    )
    posts_match_slots(account=citywide_account, since=post.created_at)
    mails = _deliver_all(smtp_server)
    [moved] = [mail for key, mail in mails.items() if key.startswith("moderation-urgent-placed:")]
    assert _one_line(moved) == f"2 brådskande kommentarer på {ONE_LINE}"
    assert moved.rcpt_tos == (lead.email,)
    assert all(_one_line(mail).endswith(ONE_LINE) for mail in mails.values())
