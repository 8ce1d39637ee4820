"""A real SMTP server (aiosmtpd) for tests, which a test can stop and start again on the same port.

    def test_mail_arrives(smtp_server):
        ...  # code that sends through Django's SMTP backend (the fixture points settings at it)
        [mail] = smtp_server.wait_for(1)
        assert mail.message["Subject"] == "..."

`smtp_server.stop()` makes connections fail with ConnectionRefusedError, as a mail server that is
down does; `smtp_server.start()` listens again on the same port, so settings and a worker's
EMAIL_URL stay valid. `smtp_server.delay` slows every DATA answer down (seconds), to widen races;
`smtp_server.reply = "451 4.3.0 Try again later"` refuses mail with that answer (None: accept);
`smtp_server.refuse["a@example.org"] = "550 5.1.1 No such user"` refuses that recipient (RCPT TO), and
`smtp_server.refuse_sender = "553 5.7.1 Sender not allowed"` every sender (MAIL FROM).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

__all__ = ["ReceivedMail", "SMTPServer", "free_port", "smtp_server"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class ReceivedMail:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"] or "").strip()

    def attachments(self) -> list[tuple[str, bytes, str]]:
        """(filename, content, mimetype) of each attachment, decoded."""
        return [
            (part.get_filename(), part.get_payload(decode=True), part.get_content_type())
            for part in self.message.iter_attachments()
        ]


class _Handler:
    def __init__(self, server: SMTPServer):
        self.server = server

    async def handle_MAIL(self, smtp, session, envelope, address, mail_options):  # aiosmtpd's hook name
        if self.server.refuse_sender:
            return self.server.refuse_sender
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):  # aiosmtpd's hook name
        refusal = self.server.refuse.get(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, smtp, session, envelope):  # aiosmtpd's hook name
        if self.server.delay:
            await asyncio.sleep(self.server.delay)
        if self.server.reply:
            return self.server.reply
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode()
        message = email.message_from_bytes(data, policy=email.policy.default)
        self.server._store(ReceivedMail(envelope.mail_from, tuple(envelope.rcpt_tos), data, message))
        return "250 Message accepted for delivery"


class SMTPServer:
    host = "127.0.0.1"

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.delay = 0.0
        self.reply: str | None = None
        self.refuse: dict[str, str] = {}
        self.refuse_sender: str | None = None
        self.messages: list[ReceivedMail] = []
        self._changed = threading.Condition()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        if self._controller is not None:
            return
        # An aiosmtpd Controller closes its event loop on stop: a restart needs a new one.
        controller = Controller(
            _Handler(self), hostname=self.host, port=self.port, server_hostname="localhost"
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                controller.start()
                break
            except OSError:  # the port may linger for a moment after stop()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
                controller = Controller(
                    _Handler(self), hostname=self.host, port=self.port, server_hostname="localhost"
                )
        self._controller = controller

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def _store(self, mail: ReceivedMail) -> None:
        with self._changed:
            self.messages.append(mail)
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 30.0) -> list[ReceivedMail]:
        """Wait until at least `count` mails arrived; return all of them (fails on timeout)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    pytest.fail(
                        f"SMTP server: expected {count} mails within {timeout} s, got {len(self.messages)}"
                    )
                self._changed.wait(remaining)
            return list(self.messages)

    def message_id_counts(self) -> Counter[str]:
        with self._changed:
            return Counter(mail.message_id for mail in self.messages)


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server on 127.0.0.1 and a free port; Django's mail goes to it over SMTP."""
    # aiosmtpd logs every SMTP command at INFO: keep failure reports readable.
    mail_log = logging.getLogger("mail.log")
    previous_level = mail_log.level
    mail_log.setLevel(logging.WARNING)
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield server
    finally:
        server.stop()
        mail_log.setLevel(previous_level)
