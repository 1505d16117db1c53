"""Sessions: the caller's own (list, end one, end all, change password), and an owner's or
admin's "sign this user out everywhere". Thin: each route calls one use case."""

from __future__ import annotations

from uuid import UUID

from dishka.integrations.litestar import FromDishka
from litestar import Controller, delete, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from application.identity.change_my_password import ChangeMyPassword, PasswordChange
from application.identity.list_my_sessions import ListMySessions
from application.identity.revoke_my_session import RevokeMySession
from application.identity.revoke_user_sessions import RevokeUserSessions
from domain.identity.principal import Principal
from interface.http.identity.limits import LOGIN
from interface.http.identity.session_schemas import (
    PasswordChangeIn,
    RevokedOut,
    SessionOut,
    SessionsOut,
)
from interface.http.openapi_errors import problems
from interface.http.rate_limits import OPTION


class SessionsController(Controller):
    tags = ["identity"]

    @get("/me/sessions")
    async def list_my_sessions(
        self, actor: FromDishka[Principal], list_sessions: FromDishka[ListMySessions]
    ) -> SessionsOut:
        """Your active sessions (one per login), most recently used first."""
        sessions = await list_sessions(actor)
        return SessionsOut([SessionOut.of(s, actor.session_id) for s in sessions])

    @delete("/me/sessions/{session_id:str}", status_code=HTTP_204_NO_CONTENT)
    async def revoke_my_session(
        self,
        session_id: FromPath[UUID],
        actor: FromDishka[Principal],
        revoke: FromDishka[RevokeMySession],
    ) -> None:
        """End one of your sessions: its refresh token stops working at once, its access
        tokens within ``REVOCATION_REFRESH_SECONDS``."""
        await revoke(actor, session_id)

    @post("/me/sessions/revoke-all", status_code=HTTP_200_OK)
    async def revoke_my_sessions(
        self, actor: FromDishka[Principal], revoke: FromDishka[RevokeUserSessions]
    ) -> RevokedOut:
        """Sign out everywhere, this session included."""
        return RevokedOut(await revoke(actor, actor.user_id))

    @post(
        "/me/password",
        status_code=HTTP_200_OK,
        opt={OPTION: LOGIN},
        responses=problems(409, 429, 503),
    )
    async def change_my_password(
        self,
        data: JSONBody[PasswordChangeIn],
        actor: FromDishka[Principal],
        change: FromDishka[ChangeMyPassword],
    ) -> RevokedOut:
        """Change your password. Every other session of yours ends; this one goes on.
        Counted against the client's login rate limit (``RATE_LIMIT_LOGIN``)."""
        ended = await change(actor, PasswordChange(data.current_password, data.new_password))
        return RevokedOut(ended)

    @post("/users/{user_id:str}/sessions/revoke-all", status_code=HTTP_200_OK)
    async def revoke_user_sessions(
        self,
        user_id: FromPath[UUID],
        actor: FromDishka[Principal],
        revoke: FromDishka[RevokeUserSessions],
    ) -> RevokedOut:
        """Sign a user of your tenant out everywhere (owners and admins; only owners may
        do it to owners)."""
        return RevokedOut(await revoke(actor, user_id))
