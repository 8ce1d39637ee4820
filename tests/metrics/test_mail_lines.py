"""The token-expiry mail goes out when the account name holds a line break (issue #12, item 3)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import outbox_deliver
from metrics import services
from platforms import services as connections

pytestmark = pytest.mark.django_db


def test_the_token_expiry_mail_of_an_account_with_a_line_break_in_its_name_arrives(
    editor, smtp_server, settings
):
    settings.SITE_URL = "https://helsocial.helsingborg.se"
    account = editor.editor_links.get().account
    account.name = "Kulturskolan\nHelsingborg\r\nBcc: angripare@example.org"
    account.access_token = "t"
    account.save()
    connections.account_connect(
        account=account, token="t", by=None, expires_at=timezone.now() + timedelta(days=6)
    )
    assert services.token_expiry_reminders_send() == 1
    message = OutboxMessage.objects.get(key__startswith="token-expiry:")
    assert outbox_deliver(message_id=message.pk) is True, message.last_error
    [mail] = smtp_server.wait_for(1)
    # A long subject is folded on the wire; read back, it is one line (after the fold's space).
    subject = str(mail.message["Subject"]).strip()
    assert subject.startswith(
        "Helsocial: anslutningen till Kulturskolan Helsingborg Bcc: angripare@example.org"
    )
    assert "\n" not in subject and mail.message["Bcc"] is None
    assert mail.rcpt_tos == (editor.email,)
    body = mail.message.get_body(("plain",)).get_content()
    assert (
        f"http://testserver/accounts/{account.pk}/connect/" in body
        or f"/accounts/{account.pk}/connect/" in body
    )
