"""Wire schemas of the identity endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar
from uuid import UUID

import msgspec

from domain.identity.tenant import Tenant
from domain.identity.user import User
from domain.shared.actor import Role
from interface.http.email import Email
from interface.http.input_schema import InputStruct

Password = Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]
NewPassword = Annotated[
    str,
    msgspec.Meta(
        min_length=10,
        max_length=128,
        description="At least 10 characters; not a common password, not the e-mail's name; "
        "rated at least PASSWORD_MIN_SCORE (default 3 of 4) by the zxcvbn estimator. "
        "Passphrases of several words are welcome.",
    ),
]
Slug = Annotated[str, msgspec.Meta(min_length=1, max_length=63, examples=["acme"])]


class SignupIn(InputStruct, forbid_unknown_fields=True):
    tenant_name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    tenant_slug: Slug
    email: Email
    password: NewPassword


class TenantOut(msgspec.Struct, frozen=True):
    id: UUID
    name: str
    slug: str

    @classmethod
    def of(cls, tenant: Tenant) -> TenantOut:
        return cls(tenant.id, tenant.name, tenant.slug)


class UserOut(msgspec.Struct, frozen=True):
    id: UUID
    email: str
    role: Role
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(user.id, user.email, user.role, user.version, user.created_at, user.updated_at)


class SignupOut(msgspec.Struct, frozen=True):
    tenant: TenantOut
    user: UserOut


class TokenIn(InputStruct, forbid_unknown_fields=True):
    tenant_slug: Annotated[str, msgspec.Meta(max_length=200)]
    email: Annotated[str, msgspec.Meta(max_length=320)]
    password: Password

    verbatim: ClassVar[frozenset[str]] = frozenset({"password"})


class RefreshIn(InputStruct, forbid_unknown_fields=True):
    refresh_token: Annotated[str, msgspec.Meta(max_length=200)]


class TokenOut(msgspec.Struct, frozen=True):
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"


class MeOut(msgspec.Struct, frozen=True):
    user: UserOut
    tenant: TenantOut


class UserIn(InputStruct, forbid_unknown_fields=True):
    email: Email
    password: NewPassword
    role: Role = Role.MEMBER


class UserPatch(InputStruct, forbid_unknown_fields=True):
    role: Role | msgspec.UnsetType = msgspec.UNSET
    email: Email | msgspec.UnsetType = msgspec.UNSET
