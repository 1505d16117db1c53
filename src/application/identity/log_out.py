"""Use case: log out, revoking the caller's session (one transaction).

The access token in hand stops working once every API process has heard of the
revocation (see ``docs/identity.md``), at the latest at its ``exp``.
"""

from __future__ import annotations

from domain.identity.ports import SessionRepository
from domain.identity.principal import Principal
from domain.shared.unit_of_work import UnitOfWork


class LogOut:
    def __init__(self, uow: UnitOfWork, sessions: SessionRepository) -> None:
        self._uow = uow
        self._sessions = sessions

    async def __call__(self, principal: Principal) -> None:
        async with self._uow as uow:
            await self._sessions.revoke(principal.session_id, principal.user_id)
            await uow.commit()
