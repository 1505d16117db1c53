"""DEVELOPMENT ONLY: a ``NotificationSender`` that prints messages instead of sending them.

The default channel, so ``make run`` shows the whole flow without a mail server. The
recipient is masked in what it prints (and nothing goes to the logs); the notification is
recorded as ``sent`` on the ``email`` channel, since that is what it stands in for.
"""

from __future__ import annotations

import sys
from uuid import UUID

from domain.notifications.notification import Message


def masked(address: str) -> str:
    """``jane@example.com`` -> ``j***@e***``: enough to tell messages apart, not to mail."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain[:1]}***"


class ConsoleNotificationSender:
    channel = "email"

    async def send(self, message: Message, message_id: UUID) -> None:
        print(
            f"--- notification {message_id} (console channel, not delivered) ---\n"
            f"To: {masked(message.recipient)}\nSubject: {message.subject}\n\n{message.text}"
            "--- end of notification ---",
            file=sys.stdout,
            flush=True,
        )
