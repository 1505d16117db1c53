"""Signup, tokens and the caller's own session. Thin: each route calls one use case."""

from __future__ import annotations

from dishka.integrations.litestar import FromDishka
from litestar import Controller, get, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from application.identity.get_current_user import GetCurrentUser
from application.identity.log_in import Credentials, LogIn
from application.identity.log_out import LogOut
from application.identity.refresh_session import RefreshSession
from application.identity.register_tenant import NewTenant
from application.identity.sign_up import SignUp
from domain.identity.principal import Principal, TokenPair
from interface.http.auth import PUBLIC
from interface.http.client_origin import ClientOrigin
from interface.http.identity.limits import LOGIN, REFRESH, SIGNUP
from interface.http.identity.schemas import (
    MeOut,
    RefreshIn,
    SignupIn,
    SignupOut,
    TenantOut,
    TokenIn,
    TokenOut,
    UserOut,
)
from interface.http.openapi_errors import problems
from interface.http.rate_limits import OPTION


def _token_out(pair: TokenPair) -> TokenOut:
    return TokenOut(pair.access_token, pair.refresh_token, pair.expires_in)


class AuthController(Controller):
    tags = ["identity"]

    @post(
        "/signup",
        status_code=HTTP_201_CREATED,
        opt={**PUBLIC, OPTION: SIGNUP},
        security=[{}],
        responses=problems(404, 409, 429, 503),
    )
    async def sign_up(self, data: JSONBody[SignupIn], sign_up: FromDishka[SignUp]) -> SignupOut:
        """Create a tenant and its owner. 409 when the slug is taken."""
        tenant, owner = await sign_up(
            NewTenant(data.tenant_name, data.tenant_slug, data.email, data.password)
        )
        return SignupOut(TenantOut.of(tenant), UserOut.of(owner))

    @post(
        "/auth/token",
        status_code=HTTP_200_OK,
        opt={**PUBLIC, OPTION: LOGIN},
        security=[{}],
        responses=problems(429, 503),
    )
    async def log_in(
        self, data: JSONBody[TokenIn], log_in: FromDishka[LogIn], client: FromDishka[ClientOrigin]
    ) -> TokenOut:
        """Log in. Every failure is the same 401. Too many attempts from one client, or on one
        account, are a 429 with ``Retry-After``."""
        credentials = Credentials(
            data.tenant_slug, data.email, data.password, client.address, client.user_agent
        )
        return _token_out(await log_in(credentials))

    @post(
        "/auth/refresh",
        status_code=HTTP_200_OK,
        opt={**PUBLIC, OPTION: REFRESH},
        security=[{}],
        responses=problems(429),
    )
    async def refresh_tokens(
        self, data: JSONBody[RefreshIn], refresh: FromDishka[RefreshSession]
    ) -> TokenOut:
        """Rotate a refresh token. Reusing a spent one revokes its whole session."""
        return _token_out(await refresh(data.refresh_token))

    @post("/auth/logout", status_code=HTTP_204_NO_CONTENT)
    async def log_out(self, actor: FromDishka[Principal], log_out: FromDishka[LogOut]) -> None:
        """Revoke the current session's refresh tokens (the access token lives until exp)."""
        await log_out(actor)

    @get("/me")
    async def get_me(
        self, actor: FromDishka[Principal], current: FromDishka[GetCurrentUser]
    ) -> MeOut:
        """The calling user and their tenant."""
        user, tenant = await current(actor)
        return MeOut(UserOut.of(user), TenantOut.of(tenant))
