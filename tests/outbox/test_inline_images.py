"""Images shown inside an HTML mail travel as inline parts next to the HTML (multipart/related)."""

import pytest
from django.db import transaction

from helsocial.outbox.services import outbox_deliver, outbox_enqueue

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.mark.django_db(transaction=True)
def test_inline_image_is_related_to_the_html_and_attachment_stays_a_file(smtp_server):
    with transaction.atomic():
        message = outbox_enqueue(
            key="inline:1",
            to=["a@example.org"],
            subject="Rapport",
            body="Text",
            html='<html><body><img src="cid:chart-1.png" alt="Räckvidd 10"></body></html>',
            attachments=[("rapport.xlsx", b"PK\x03\x04", "application/vnd.ms-excel")],
            inline_images=[("chart-1.png", PNG, "image/png")],
        )
    outbox_deliver(message_id=message.pk)  # idempotent if the on-commit task already sent it
    [mail] = smtp_server.wait_for(1)
    parsed = mail.message
    assert parsed.get_content_type() == "multipart/mixed"
    [alternative] = [p for p in parsed.walk() if p.get_content_type() == "multipart/alternative"]
    text, related = alternative.get_payload()
    assert text.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html, image = related.get_payload()
    assert 'src="cid:chart-1.png"' in html.get_content()
    assert image["Content-ID"] == "<chart-1.png>"
    assert image.get_content_disposition() == "inline"
    assert image.get_payload(decode=True) == PNG
    assert [(name, mimetype) for name, _c, mimetype in mail.attachments()] == [
        ("rapport.xlsx", "application/vnd.ms-excel")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("content_id", ["", "has space.png", "<x>.png", "å.png"])
def test_a_name_that_cannot_be_a_content_id_is_refused(content_id):
    with pytest.raises(ValueError):
        outbox_enqueue(
            key="inline:bad",
            to=["a@example.org"],
            subject="s",
            body="b",
            html="<p>x</p>",
            inline_images=[(content_id, PNG, "image/png")],
        )
