"""Role checks shared by use cases."""

from __future__ import annotations

from domain.identity.principal import Principal
from domain.shared.errors import PermissionDenied


def require_admin(actor: Principal, action: str) -> None:
    """Owners and admins may ``action``; members may not."""
    if not actor.can_manage_users:
        raise PermissionDenied(f"Only owners and admins can {action}.")
