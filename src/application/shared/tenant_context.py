"""Which tenant the current unit of work acts for."""

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, slots=True)
class TenantContext:
    """The tenant of the current request, taken from the verified principal only.

    ``None`` means no tenant: every tenant-scoped read returns nothing and every write is
    rejected by row-level security (fail closed).
    """

    tenant_id: UUID | None = None
