"""Use case: self-service signup (can be switched off by a setting)."""

from __future__ import annotations

from application.identity.policy import IdentityPolicy
from application.identity.register_tenant import NewTenant, RegisterTenant
from domain.identity.errors import SignupDisabled
from domain.identity.tenant import Tenant
from domain.identity.user import User


class SignUp:
    def __init__(self, register: RegisterTenant, policy: IdentityPolicy) -> None:
        self._register = register
        self._policy = policy

    async def __call__(self, new: NewTenant) -> tuple[Tenant, User]:
        if not self._policy.signup_enabled:
            raise SignupDisabled()
        return await self._register(new)
