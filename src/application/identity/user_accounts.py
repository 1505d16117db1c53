"""Service: build a valid new user (e-mail rule, password strength, hashing).

Every path that creates a user goes through here: signup, the users endpoint and the
operator CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.identity.policy import IdentityPolicy
from domain.identity.password_policy import check_password
from domain.identity.ports import PasswordHasher
from domain.identity.user import User
from domain.shared.actor import Role
from domain.shared.email import normalize_email


@dataclass(frozen=True, slots=True)
class NewUser:
    email: str
    password: str
    role: Role


class UserAccounts:
    def __init__(self, hasher: PasswordHasher, policy: IdentityPolicy) -> None:
        self._hasher = hasher
        self._policy = policy

    async def build(self, tenant_id: UUID, new: NewUser) -> User:
        email = normalize_email(new.email)
        check_password(new.password, email, min_score=self._policy.password_min_score)
        return User.create(tenant_id, email, await self._hasher.hash(new.password), new.role)
