"""On a fresh database, ``make run`` creates a demo tenant so the API can be tried at once."""

from __future__ import annotations

import asyncio

from application.identity.register_tenant import NewTenant, RegisterTenant
from domain.identity.ports import TenantCatalog
from infrastructure.settings import Settings
from interface.cli.operator_commands import generated_password
from interface.composition.operator import operator_container

DEMO_SLUG = "demo"
DEMO_EMAIL = "owner@demo.test"


def demo_login_hint(settings: Settings) -> str:
    """How to log in; creates the demo tenant (with a fresh random password) if none exists."""
    if settings.database_owner_url is None:
        return "Create a tenant with POST /api/v1/signup, then POST /api/v1/auth/token."

    async def ensure() -> str:
        async with operator_container(settings) as container, container() as scope:
            if await (await scope.get(TenantCatalog)).list_all():
                return (
                    "Log in with POST /api/v1/auth/token. Forgot the demo password? "
                    f".venv/bin/tenantry users set-password --tenant {DEMO_SLUG} "
                    f"--email {DEMO_EMAIL}"
                )
            password = generated_password()
            register = await scope.get(RegisterTenant)
            await register(NewTenant("Demo Company", DEMO_SLUG, DEMO_EMAIL, password))
        base = f"http://{settings.host}:{settings.port}"
        return (
            "Demo tenant created (the password is shown only now):\n"
            f"    tenant_slug={DEMO_SLUG}  email={DEMO_EMAIL}  password={password}\n"
            f"    curl -s -X POST {base}/api/v1/auth/token -H 'content-type: application/json' "
            f'-d \'{{"tenant_slug":"{DEMO_SLUG}","email":"{DEMO_EMAIL}",'
            f'"password":"{password}"}}\'\n'
            "    Then use the access_token with the docs UI's Authorize button."
        )

    return asyncio.run(ensure())
