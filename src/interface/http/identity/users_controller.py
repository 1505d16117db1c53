"""A tenant's users. Members may read; owners and admins manage. PATCH and DELETE need
If-Match."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Response, delete, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from application.identity.create_user import CreateUser
from application.identity.delete_user import DeleteUser
from application.identity.get_user import GetUser
from application.identity.list_users import ListUsers
from application.identity.update_user import UpdateUser, UserChanges
from application.identity.user_accounts import NewUser
from domain.shared.actor import Actor
from interface.http.created import created_or_not
from interface.http.etag import IfMatch, etag, expected_version
from interface.http.identity.schemas import UserIn, UserOut, UserPatch
from interface.http.listing import list_query, order_by_param
from interface.http.openapi_errors import problems
from interface.http.pagination import Limit, Offset, PageOut, page_out

SORTABLE = frozenset({"created_at", "email", "role"})
OrderBy = Annotated[str | None, order_by_param(SORTABLE)]


def _one(user: UserOut, status: int = 200) -> Response[UserOut]:
    headers = {"ETag": etag(user.version), **created_or_not(status, "/users", user.id)}
    return Response(user, status_code=status, headers=headers)


class UsersController(Controller):
    path = "/users"
    tags = ["identity"]

    @get("/")
    async def list_users(
        self,
        list_users: FromDishka[ListUsers],
        limit: Limit = 50,
        offset: Offset = 0,
        order_by: OrderBy = None,
    ) -> PageOut[UserOut]:
        page = await list_users(list_query(limit, offset, order_by, SORTABLE, "created_at"))
        return page_out(page, UserOut.of)

    @post("/", status_code=HTTP_201_CREATED, responses=problems(409))
    async def create_user(
        self, data: JSONBody[UserIn], actor: FromDishka[Actor], create: FromDishka[CreateUser]
    ) -> Response[UserOut]:
        user = await create(actor, NewUser(data.email, data.password, data.role))
        return _one(UserOut.of(user), HTTP_201_CREATED)

    @get("/{user_id:str}")
    async def get_user(
        self, user_id: FromPath[UUID], get_user: FromDishka[GetUser]
    ) -> Response[UserOut]:
        return _one(UserOut.of(await get_user(user_id)))

    @patch("/{user_id:str}", responses=problems(409, 412, 428))
    async def update_user(
        self,
        user_id: FromPath[UUID],
        data: JSONBody[UserPatch],
        actor: FromDishka[Actor],
        update: FromDishka[UpdateUser],
        if_match: IfMatch,
    ) -> Response[UserOut]:
        changes = UserChanges(
            role=None if data.role is msgspec.UNSET else data.role,
            email=None if data.email is msgspec.UNSET else data.email,
        )
        return _one(UserOut.of(await update(actor, user_id, expected_version(if_match), changes)))

    @delete("/{user_id:str}", status_code=HTTP_204_NO_CONTENT, responses=problems(409, 412, 428))
    async def delete_user(
        self,
        user_id: FromPath[UUID],
        actor: FromDishka[Actor],
        remove: FromDishka[DeleteUser],
        if_match: IfMatch,
    ) -> None:
        await remove(actor, user_id, expected_version(if_match))
