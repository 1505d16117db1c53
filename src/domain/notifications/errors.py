"""Errors of sending notifications."""

from __future__ import annotations

from domain.shared.errors import ServiceUnavailable


class NotificationFailed(ServiceUnavailable):
    """The channel did not take the message. The detail names the cause (a status code,
    a timeout), never the recipient or the content."""

    default_detail = "The notification could not be sent."
