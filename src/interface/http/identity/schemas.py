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
from interface.http.example_values import (
    ACCESS_TOKEN,
    OWNER_EMAIL,
    OWNER_ID,
    OWNER_PASSWORD,
    REFRESH_TOKEN,
    SIGNED_UP_AT,
    TENANT_ID,
    TENANT_SLUG,
)
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

    @classmethod
    def example(cls) -> SignupIn:
        return cls("Acme Coffee Roasters", TENANT_SLUG, OWNER_EMAIL, OWNER_PASSWORD)


class TenantOut(msgspec.Struct, frozen=True):
    id: UUID
    name: str
    slug: str

    @classmethod
    def example(cls) -> TenantOut:
        return cls(TENANT_ID, "Acme Coffee Roasters", TENANT_SLUG)

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
    def example(cls) -> UserOut:
        return cls(OWNER_ID, OWNER_EMAIL, Role.OWNER, 1, SIGNED_UP_AT, SIGNED_UP_AT)

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(user.id, user.email, user.role, user.version, user.created_at, user.updated_at)


class SignupOut(msgspec.Struct, frozen=True):
    tenant: TenantOut
    user: UserOut

    @classmethod
    def example(cls) -> SignupOut:
        return cls(TenantOut.example(), UserOut.example())


class TokenIn(InputStruct, forbid_unknown_fields=True):
    tenant_slug: Annotated[str, msgspec.Meta(max_length=200)]
    email: Annotated[str, msgspec.Meta(max_length=320)]
    password: Password

    verbatim: ClassVar[frozenset[str]] = frozenset({"password"})

    @classmethod
    def example(cls) -> TokenIn:
        return cls(TENANT_SLUG, OWNER_EMAIL, OWNER_PASSWORD)


class RefreshIn(InputStruct, forbid_unknown_fields=True):
    refresh_token: Annotated[str, msgspec.Meta(max_length=200)]

    @classmethod
    def example(cls) -> RefreshIn:
        return cls(REFRESH_TOKEN)


class TokenOut(msgspec.Struct, frozen=True):
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"

    @classmethod
    def example(cls) -> TokenOut:
        return cls(ACCESS_TOKEN, REFRESH_TOKEN, 900)


class MeOut(msgspec.Struct, frozen=True):
    user: UserOut
    tenant: TenantOut

    @classmethod
    def example(cls) -> MeOut:
        return cls(UserOut.example(), TenantOut.example())


class UserIn(InputStruct, forbid_unknown_fields=True):
    email: Email
    password: NewPassword
    role: Role = Role.MEMBER

    @classmethod
    def example(cls) -> UserIn:
        return cls("grace@acme.example", "maple lantern river quartz 7", Role.ADMIN)


class UserPatch(InputStruct, forbid_unknown_fields=True):
    role: Role | msgspec.UnsetType = msgspec.UNSET
    email: Email | msgspec.UnsetType = msgspec.UNSET

    @classmethod
    def example(cls) -> UserPatch:
        return cls(role=Role.MEMBER)
