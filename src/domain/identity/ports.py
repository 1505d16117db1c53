"""Ports of the identity context."""

from typing import Protocol
from uuid import UUID

from domain.identity.user import User
from domain.shared.pagination import Page, PageRequest


class UserRepository(Protocol):
    """Users of the current tenant. Another tenant's user is simply absent."""

    async def add(self, user: User) -> None: ...

    async def get(self, user_id: UUID) -> User | None: ...

    async def list(self, page: PageRequest) -> Page[User]: ...

    async def save(self, user: User) -> bool:
        """Write the user's changed fields; False when it is not visible to this tenant."""
        ...

    async def delete(self, user_id: UUID) -> bool:
        """Delete the user; False when it is not visible to this tenant."""
        ...
