"""Database URL normalisation."""

from sqlalchemy.engine import URL, make_url


def to_asyncpg_url(url: str) -> URL:
    """Accept ``postgresql://`` or ``postgres://`` URLs and select the asyncpg driver."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"Tenantry needs PostgreSQL, got a {parsed.get_backend_name()} URL")
    return parsed.set(drivername="postgresql+asyncpg")


def redacted(url: str) -> str:
    """The URL with its password hidden, for printing."""
    return to_asyncpg_url(url).render_as_string(hide_password=True)


def to_driver_dsn(url: str) -> str:
    """The URL as asyncpg's own ``connect()`` takes it (a dedicated LISTEN connection)."""
    return to_asyncpg_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
