"""Errors of idempotent requests."""

from __future__ import annotations

from application.idempotency.ports import Replay
from domain.shared.errors import AppError, Conflict


class Replayed(Exception):
    """The key answered before: not an error of the request, the first use's answer."""

    def __init__(self, replay: Replay) -> None:
        super().__init__(replay)
        self.replay = replay


class KeyInProgress(Conflict):
    default_detail = "A request with this Idempotency-Key is still being processed; retry soon."


class KeyReused(AppError):
    default_detail = "This Idempotency-Key was already used with a different request body."
