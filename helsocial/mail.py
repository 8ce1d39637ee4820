"""Every mail the portal sends is rendered here from templates and handed to the outbox.

    mail_enqueue(key="registry:7", name="registry", to=[settings.REGISTRY_EMAIL], context={...})

renders `templates/emails/<name>_subject.txt`, `<name>_body.txt` and, where the mail has one,
`<name>_body.html`, in the portal's language (the templates hold English msgids, the catalog the
Swedish), and writes the mail to the outbox in the caller's transaction. No mail text is written in
Python. The text templates are plain text and render without HTML escaping; the HTML body escapes
like any page, and its CSS (a `<style>` block, see emails/base_body.html) is moved into `style`
attributes, the only CSS every mail client reads. Links are absolute: `{% load mail %}` and
`{% absolute_url "moderation:comment-detail" comment.pk %}`. The subject is made one line by the
outbox, whatever the data in it.

This module knows no domain app: the callers pass their objects in `context`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import css_inline
from django.conf import settings
from django.template import Context, Engine, TemplateDoesNotExist
from django.utils import translation

from helsocial.outbox.models import OutboxMessage
from helsocial.outbox.services import outbox_enqueue, subject_line

# Never fetch a stylesheet over the network while rendering a mail.
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)


def mail_enqueue(
    *,
    key: str,
    name: str,
    to: Sequence[str],
    context: Mapping[str, object],
    attachments: Sequence[tuple[str, bytes, str]] = (),
    inline_images: Sequence[tuple[str, bytes, str]] = (),
) -> OutboxMessage:
    """Render the mail `name` and write it to the outbox (once per `key`, see outbox_enqueue).
    `inline_images` are shown in the HTML body as `<img src="cid:FILENAME">`."""
    subject, text, html = mail_render(name=name, context=context)
    return outbox_enqueue(
        key=key,
        to=to,
        subject=subject,
        body=text,
        html=html,
        attachments=attachments,
        inline_images=inline_images,
    )


def mail_render(*, name: str, context: Mapping[str, object]) -> tuple[str, str, str]:
    """(subject, text body, HTML body or "") of the mail `name`."""
    engine = Engine.get_default()
    with translation.override(settings.LANGUAGE_CODE):
        subject = subject_line(_render(engine, f"emails/{name}_subject.txt", context, autoescape=False))
        text = _render(engine, f"emails/{name}_body.txt", context, autoescape=False)
        try:
            html_template = engine.get_template(f"emails/{name}_body.html")
        except TemplateDoesNotExist:
            html = ""
        else:
            html = _INLINER.inline(html_template.render(Context(dict(context))))
    return subject, text, html


def _render(engine: Engine, template_name: str, context: Mapping[str, object], *, autoescape: bool) -> str:
    return engine.get_template(template_name).render(Context(dict(context), autoescape=autoescape))


def mail_enqueue_rendered(
    *,
    key: str,
    to: Sequence[str],
    subject: str,
    body: str,
    html: str = "",
    attachments: Sequence[tuple[str, bytes, str]] = (),
    inline_images: Sequence[tuple[str, bytes, str]] = (),
) -> OutboxMessage:
    """Write a mail rendered once by `mail_render` to the outbox for one recipient (the monthly
    report goes to many alike: rendering it once per recipient would multiply the work)."""
    return outbox_enqueue(
        key=key,
        to=to,
        subject=subject,
        body=body,
        html=html,
        attachments=attachments,
        inline_images=inline_images,
    )


def mail_enqueue_copy(*, message: OutboxMessage, key: str) -> OutboxMessage:
    """A copy of an outbox mail as it was (subject, bodies, attachments, inline images) under a new
    key: sending one again by hand to the same recipients. Once per `key`, like every mail."""
    parts = list(message.attachments.all())
    return outbox_enqueue(
        key=key,
        to=list(message.to),
        subject=message.subject,
        body=message.body,
        html=message.html,
        attachments=[(a.filename, bytes(a.content), a.mimetype) for a in parts if not a.content_id],
        inline_images=[(a.filename, bytes(a.content), a.mimetype) for a in parts if a.content_id],
    )
