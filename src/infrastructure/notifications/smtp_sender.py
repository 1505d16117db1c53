"""``NotificationSender`` over SMTP (aiosmtplib): STARTTLS, implicit TLS or plain, with
credentials from the settings. Every message is multipart (plain text and HTML) with a
``Message-ID`` derived from the notification's id, the same on every attempt."""

from __future__ import annotations

import asyncio
from email.message import EmailMessage
from email.utils import make_msgid
from uuid import UUID

import aiosmtplib

from domain.notifications.errors import NotificationFailed
from domain.notifications.notification import Message
from infrastructure.settings_sections import SmtpSettings


def email_message(message: Message, message_id: UUID, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(idstring=str(message_id), domain="tenantry")
    email.set_content(message.text)
    email.add_alternative(message.html, subtype="html")
    return email


class SmtpNotificationSender:
    channel = "email"

    def __init__(self, settings: SmtpSettings) -> None:
        self._settings = settings

    async def send(self, message: Message, message_id: UUID) -> None:
        s = self._settings
        where = f"SMTP server {s.host}:{s.port}"
        try:
            await aiosmtplib.send(
                email_message(message, message_id, s.sender),
                hostname=s.host,
                port=s.port,
                username=s.username,
                password=s.password,
                use_tls=s.security == "tls",
                start_tls=True if s.security == "starttls" else False,
                timeout=s.timeout_seconds,
            )
        except aiosmtplib.SMTPResponseException as error:
            raise NotificationFailed(f"{where} answered {error.code}") from None
        except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as error:
            raise NotificationFailed(f"{where} failed: {type(error).__name__}") from None
