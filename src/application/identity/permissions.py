"""Who may manage whom: owners manage everyone, admins manage admins and members."""

from __future__ import annotations

from domain.shared.actor import Actor, Role
from domain.shared.errors import PermissionDenied


def ensure_can_manage(actor: Actor, *roles: Role) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may manage users holding ``roles``."""
    if not actor.is_admin:
        raise PermissionDenied("Only owners and admins can manage users.")
    if actor.role is not Role.OWNER and Role.OWNER in roles:
        raise PermissionDenied("Only owners can manage owners.")
