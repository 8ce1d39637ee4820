"""helsocial.mail: templates in, one outbox row out; plain text unescaped, HTML escaped and inlined."""

import ast
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from helsocial.mail import mail_enqueue, mail_render
from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import outbox_deliver

ROOT = Path(__file__).resolve().parents[2]
EVIL = '<script>alert("x")</script>'


@pytest.fixture
def sample_templates(settings, tmp_path):
    """A mail "sample" with all three templates, found before the project's own."""
    emails = tmp_path / "emails"
    emails.mkdir()
    (emails / "sample_subject.txt").write_text(
        "{% load i18n %}{% blocktranslate with name=name %}Hello {{ name }},{% endblocktranslate %}\n"
    )
    (emails / "sample_body.txt").write_text(
        '{% load i18n mail %}{% translate "Hello!" %} {{ name }}\n'
        '{% absolute_url "moderation:comment-detail" 7 %}\n'
    )
    (emails / "sample_body.html").write_text(
        '{% extends "emails/base_body.html" %}{% load mail %}'
        '{% block content %}<p>{{ name }}</p><table class="facts"><tr><th>A</th><td class="hash">b</td>'
        '</tr></table><a href="{% absolute_url "moderation:queue-kc" %}">kön</a>{% endblock %}'
    )
    (emails / "plain_subject.txt").write_text("Ämne {{ name }}\n")
    (emails / "plain_body.txt").write_text("Text {{ name }}\n")
    templates = [dict(engine) for engine in django_settings.TEMPLATES]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    settings.SITE_URL = "https://helsocial.helsingborg.se"


def test_a_mail_is_rendered_in_swedish_with_absolute_links(sample_templates):
    subject, text, _html = mail_render(name="sample", context={"name": "Anna"})
    assert subject == "Hej Anna,"
    assert text == "Hej! Anna\nhttps://helsocial.helsingborg.se/moderation/comments/7/\n"


def test_the_subject_is_one_line_whatever_the_data(sample_templates):
    subject, _text, _html = mail_render(name="sample", context={"name": "Anna\r\nBcc: x@example.org\u2028"})
    assert subject == "Hej Anna Bcc: x@example.org ,"


def test_plain_text_is_not_escaped_and_html_is(sample_templates):
    _subject, text, html = mail_render(name="sample", context={"name": EVIL})
    assert EVIL in text  # plain text: nothing in it is markup
    assert EVIL not in html
    # css-inline writes the document again: text keeps < > & escaped (quotes need none there).
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in html


def test_the_html_body_gets_its_css_inline_and_no_style_block(sample_templates):
    _subject, _text, html = mail_render(name="sample", context={"name": "Anna"})
    assert "<style" not in html
    assert '<td class="hash" style="' in html and "monospace" in html
    assert '<body style="' in html
    assert 'href="https://helsocial.helsingborg.se/moderation/kc/"' in html
    assert '<html lang="sv">' in html


def test_a_mail_without_an_html_template_is_plain_text_only(sample_templates):
    assert mail_render(name="plain", context={"name": EVIL}) == (f"Ämne {EVIL}", f"Text {EVIL}\n", "")


def test_mail_enqueue_writes_one_row_per_key_and_it_arrives_with_both_bodies(
    db, sample_templates, smtp_server
):
    first = mail_enqueue(key="sample:1", name="sample", to=["anna@example.org"], context={"name": "Anna"})
    again = mail_enqueue(key="sample:1", name="sample", to=["anna@example.org"], context={"name": "Bo"})
    assert again.pk == first.pk and OutboxMessage.objects.count() == 1
    assert outbox_deliver(message_id=first.pk) is True
    [mail] = smtp_server.wait_for(1)
    assert mail.message["Subject"] == "Hej Anna,"
    assert (
        "https://helsocial.helsingborg.se/moderation/comments/7/"
        in mail.message.get_body(("plain",)).get_content()
    )
    assert 'style="' in mail.message.get_body(("html",)).get_content()


def test_a_missing_template_is_an_error_not_an_empty_mail(db, sample_templates):
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        mail_enqueue(key="none:1", name="none", to=["anna@example.org"], context={})
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("name", ["registry", "booking_displaced", "faq", "urgent_comments", "token_expiry"])
def test_every_mail_of_the_portal_has_its_subject_and_text_template(name):
    assert (ROOT / "templates" / "emails" / f"{name}_subject.txt").is_file()
    assert (ROOT / "templates" / "emails" / f"{name}_body.txt").is_file()


def test_no_mail_is_written_in_python_any_more():
    # Every mail goes through helsocial.mail: only it and the outbox's own tests call outbox_enqueue.
    callers = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
            continue
        if "outbox_enqueue(" in path.read_text() and path.relative_to(ROOT).as_posix() not in {
            "helsocial/mail.py",
            "helsocial/outbox/services.py",
        }:
            callers.append(path.relative_to(ROOT).as_posix())
    assert callers == []


@pytest.mark.parametrize("module", ["helsocial/mail.py", "helsocial/templatetags/mail.py"])
def test_the_mail_module_knows_no_domain_app(module):
    tree = ast.parse((ROOT / module).read_text())
    imported = {
        (node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not imported & {"accounts", "platforms", "calendar_booking", "moderation", "metrics"}
