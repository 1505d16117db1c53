"""Use case: log out, revoking the caller's refresh-token family (one transaction).

The access token in hand lives until its ``exp``.
"""

from __future__ import annotations

from domain.identity.ports import RefreshTokenRepository
from domain.identity.principal import Principal
from domain.shared.unit_of_work import UnitOfWork


class LogOut:
    def __init__(self, uow: UnitOfWork, refresh_tokens: RefreshTokenRepository) -> None:
        self._uow = uow
        self._refresh_tokens = refresh_tokens

    async def __call__(self, principal: Principal) -> None:
        async with self._uow as uow:
            await self._refresh_tokens.revoke_family(principal.session_id)
            await uow.commit()
