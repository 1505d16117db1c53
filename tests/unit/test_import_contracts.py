"""The import contracts in pyproject.toml (run by ``make test`` through lint-imports) hold
on the code, and each one breaks when the import it forbids is planted in the graph: a
contract whose module patterns matched nothing would pass vacuously."""

from __future__ import annotations

import asyncio
import copy
import tomllib
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter import configuration
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract
from importlinter.contracts.protected import ProtectedContract
from importlinter.domain.contract import Contract

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
TYPES: dict[str, type[Contract]] = {
    "layers": LayersContract,
    "forbidden": ForbiddenContract,
    "acyclic_siblings": AcyclicSiblingsContract,
    "protected": ProtectedContract,
}
configuration.configure()  # import-linter's own settings (timer, printer), as its CLI does
CONFIG: dict[str, Any] = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
ROOTS: list[str] = CONFIG["root_packages"]


def _contract(name: str) -> Contract:
    options = next(c for c in CONFIG["contracts"] if c["name"].startswith(name))
    contract_options = {k: v for k, v in options.items() if k not in ("name", "type")}
    session = {"root_packages": ROOTS, "include_external_packages": True}
    return TYPES[options["type"]](options["name"], session, contract_options)


@pytest.fixture(scope="module")
async def graph() -> grimp.ImportGraph:
    return await asyncio.to_thread(grimp.build_graph, *ROOTS, include_external_packages=True)


def _kept(contract: Contract, graph: grimp.ImportGraph) -> bool:
    return bool(contract.check(copy.deepcopy(graph), verbose=False).kept)


async def test_every_contract_holds_on_the_code(graph: grimp.ImportGraph) -> None:
    for options in CONFIG["contracts"]:
        assert _kept(_contract(options["name"]), graph), options["name"]


@pytest.mark.parametrize(
    ("contract", "importer", "imported"),
    [
        ("Layers point inward", "domain.shared.clock", "interface.http.app"),
        ("Application imports only domain", "application.ordering.get_order", "sqlalchemy"),
        ("Only the composition root", "interface.http.ordering.orders_controller",
         "infrastructure.ordering.repository"),
        ("No import cycles", "domain.shared.clock", "domain.ordering.order"),
        ("No import cycles", "interface.http.problems", "interface.http.idempotency"),
        ("Shared kernel imports no context", "domain.shared.events", "domain.identity.user"),
        ("Shared kernel imports no context", "application.idempotency.idempotent_requests",
         "domain.ordering.order"),
        ("Shared kernel imports no context", "interface.http.problems",
         "domain.identity.errors"),
        ("Identity imports no other context", "application.identity.log_in",
         "domain.ordering.errors"),
        ("Catalog imports no other context", "interface.http.catalog.products_controller",
         "interface.http.customers.customers_controller"),
        ("Customers imports no other context", "infrastructure.customers.repository",
         "infrastructure.identity.orm"),
        ("Ordering imports no other context", "application.ordering.drafting",
         "domain.catalog.product"),
        ("Ordering imports no other context", "infrastructure.ordering.repository",
         "infrastructure.catalog.orm"),
        ("Ordering imports no other context", "infrastructure.payments.sandbox",
         "infrastructure.identity.orm"),
        ("Operations imports no other context", "application.operations.check_readiness",
         "domain.identity.ports"),
        ("Text and password libraries", "interface.http.email", "idna"),
        ("Text and password libraries", "application.identity.user_accounts", "zxcvbn"),
    ],
)  # fmt: skip
async def test_a_planted_import_breaks_its_contract(
    graph: grimp.ImportGraph, contract: str, importer: str, imported: str
) -> None:
    planted = copy.deepcopy(graph)
    planted.add_import(importer=importer, imported=imported, line_number=1, line_contents="x")
    assert not _kept(_contract(contract), planted)
