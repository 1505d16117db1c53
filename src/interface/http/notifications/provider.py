"""Dishka providers of notifications (part of the composition root): the sender chosen
by the settings, the repository, and the services that use them."""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from application.notifications.list_notifications import ListNotifications
from application.notifications.send_notification import SendNotification
from domain.notifications.ports import NotificationRepository, NotificationSender
from infrastructure.notifications.console_sender import ConsoleNotificationSender
from infrastructure.notifications.repository import SqlaNotificationRepository
from infrastructure.settings import Settings


class NotificationsProvider(Provider):
    scope = Scope.REQUEST

    @provide(scope=Scope.APP)
    def sender(self, settings: Settings) -> NotificationSender:
        if settings.smtp.channel == "smtp":
            # aiosmtplib (0.7 MiB) only in a process that sends mail over SMTP (issue 13)
            from infrastructure.notifications.smtp_sender import SmtpNotificationSender

            return SmtpNotificationSender(settings.smtp)
        return ConsoleNotificationSender()

    repository = provide(SqlaNotificationRepository, provides=NotificationRepository)
    services = provide_all(SendNotification, ListNotifications)
