"""The customers context's registration: customers and their provider."""

from __future__ import annotations

from interface.http.customers.customers_controller import CustomersController
from interface.http.customers.provider import CustomersProvider
from interface.http.registration import ContextRegistration

CUSTOMERS = ContextRegistration(
    name="customers", api_handlers=(CustomersController,), providers=(CustomersProvider,)
)
