"""The default ``NotificationSender``: writes the rendered message to the log."""

from __future__ import annotations

import logging

logger = logging.getLogger("tenantry.notifications")


class LoggingNotificationSender:
    async def send(self, recipient: str, subject: str, body: str) -> None:
        logger.info("notification to %s: %s\n%s", recipient, subject, body)
