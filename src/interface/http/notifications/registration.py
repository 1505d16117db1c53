"""Notifications' registration: the list endpoint and the providers."""

from __future__ import annotations

from interface.http.notifications.notifications_controller import NotificationsController
from interface.http.notifications.provider import NotificationsProvider
from interface.http.registration import ContextRegistration

NOTIFICATIONS = ContextRegistration(
    name="notifications",
    api_handlers=(NotificationsController,),
    providers=(NotificationsProvider,),
)
