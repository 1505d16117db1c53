"""Role checks shared by use cases."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied


def require_admin(actor: Actor, action: str) -> None:
    """Owners and admins may ``action``; members may not."""
    if not actor.is_admin:
        raise PermissionDenied(f"Only owners and admins can {action}.")
