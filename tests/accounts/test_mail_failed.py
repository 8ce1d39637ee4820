"""AKN sees the mail that could not be sent, and sends one again after a fix (issue #12, item 3)."""

import pytest
from django.urls import reverse

from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import Delivery, outbox_attempt, outbox_deliver, outbox_enqueue

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:mail-failed")


def _refused_registry_mail(smtp_server, **kwargs):
    smtp_server.refuse["diariet@example.se"] = "550 5.1.1 <diariet@example.se>: Recipient address rejected"
    values = {"subject": "Borttagen kommentar för diarieföring: Kulturskolan, kommentar 7", "body": "Text"}
    message = outbox_enqueue(key="registry:7", to=["diariet@example.se"], **(values | kwargs))
    assert outbox_attempt(message_id=message.pk).outcome is Delivery.FAILED  # at once, no retries
    return message


def test_a_permanently_refused_mail_is_shown_to_akn_with_its_error(akn_client, smtp_server):
    _refused_registry_mail(smtp_server)
    outbox_enqueue(key="pending:1", to=["a@example.org"], subject="Väntar", body="b")
    response = akn_client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mejl som inte gick att skicka" in page
    assert "diariet@example.se" in page
    assert "Borttagen kommentar för diarieföring: Kulturskolan, kommentar 7" in page
    assert "550 5.1.1" in page and "Recipient address rejected" in page
    assert "1 mejl kunde inte skickas." in page
    assert "Väntar" not in page  # only failed mail is listed


def test_akn_is_told_on_the_start_page(akn_client, lead_client, smtp_server):
    _refused_registry_mail(smtp_server)
    links = [link for card in akn_client.get(reverse("home")).context["waiting"] for link in card.links]
    (failed,) = [link for link in links if link.url == PAGE]
    assert (failed.count, failed.urgent) == (1, True)
    assert "Mejl som inte gick att skicka" not in lead_client.get(reverse("home")).content.decode()


def test_platform_text_in_a_failed_mail_is_escaped(akn_client, smtp_server):
    _refused_registry_mail(smtp_server, subject='Konto <script>alert("x")</script>')
    page = akn_client.get(PAGE).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def test_sending_again_after_the_fix_delivers_it_once(akn_client, smtp_server):
    message = _refused_registry_mail(smtp_server)
    smtp_server.refuse.clear()  # the address was fixed on the mail server

    response = akn_client.post(reverse("accounts:mail-resend", args=[message.pk]), follow=True)
    assert "Mejlet till diariet@example.se skickas igen." in response.content.decode()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.failed_at) == (OutboxMessage.Status.PENDING, 0, None)
    # A second press changes nothing and says so.
    again = akn_client.post(reverse("accounts:mail-resend", args=[message.pk]), follow=True)
    assert "inte längre misslyckat" in again.content.decode()

    assert outbox_deliver(message_id=message.pk) is True
    assert outbox_deliver(message_id=message.pk) is False
    [mail] = smtp_server.wait_for(1)
    assert mail.message_id == message.message_id
    assert "Alla mejl har skickats eller är på väg." in akn_client.get(PAGE).content.decode()


def test_a_mail_that_is_not_there_is_a_404(akn_client):
    assert akn_client.post(reverse("accounts:mail-resend", args=[999_999])).status_code == 404
