"""The FAQ and crisis mails go out when a booking title holds a line break (issue #12, item 3):
titles written before forms refused line breaks, or set outside a form."""

import pytest

from calendar_booking.models import Category
from calendar_booking.services.kc import faq_mails_send
from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import outbox_deliver

from .helpers import at, book

pytestmark = pytest.mark.django_db

TITLE = "Höstlov\npå\r\nbiblioteket\u2028Bcc: angripare@example.org"
ONE_LINE = "Höstlov på biblioteket Bcc: angripare@example.org"


def _delivered(smtp_server, key_prefix: str):
    message = OutboxMessage.objects.get(key__startswith=key_prefix)
    assert outbox_deliver(message_id=message.pk) is True, message.last_error
    [mail] = smtp_server.wait_for(1)
    # A long subject is folded on the wire; read back, it is one line (after the fold's space).
    subject = str(mail.message["Subject"]).strip()
    assert "\n" not in subject and "\r" not in subject
    assert mail.message["Bcc"] is None and "angripare@example.org" not in mail.rcpt_tos
    return mail, subject


def test_the_faq_mail_of_a_title_with_a_line_break_arrives(
    settings, communicator, administration, citywide_account, smtp_server
):
    settings.KC_EMAIL = "kc@helsingborg.se"
    book(
        communicator,
        administration,
        (citywide_account, "2026-04-07 10:00"),
        title=TITLE,
        expects_high_activity=True,
        faq_text="Fråga: Varför?\nSvar: Därför.",
    )
    assert faq_mails_send(now=at("2026-04-02 08:05")) == 1
    mail, subject = _delivered(smtp_server, "faq:")
    assert subject == f"FAQ för {ONE_LINE}, publiceras 2026-04-07 10:00 på {citywide_account}"
    assert mail.rcpt_tos == ("kc@helsingborg.se",)
    assert "Fråga: Varför?\r\nSvar: Därför." in mail.message.get_body(("plain",)).get_content()


def test_the_crisis_mail_of_a_title_with_a_line_break_arrives(
    akn_user, communicator, administration, city_administration, citywide_account, rule, smtp_server
):
    book(communicator, administration, (citywide_account, "2026-11-25 10:00"), title=TITLE)
    book(
        akn_user,
        city_administration,
        (citywide_account, "2026-11-25 10:30"),
        crisis_override=True,
        category=Category.CIVIC_CRISIS,
        title="Eldningsförbud\ni hela kommunen",
        objective="inform",
    )
    mail, subject = _delivered(smtp_server, "displaced:")
    assert subject == f"Din bokning ”{ONE_LINE}” har flyttats för att ge plats åt krisinformation"
    assert mail.rcpt_tos == (communicator.email,)
