"""Customers of the caller's tenant. PATCH and DELETE need If-Match."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Response, delete, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from application.customers.create_customer import CreateCustomer
from application.customers.delete_customer import DeleteCustomer
from application.customers.get_customer import GetCustomer
from application.customers.list_customers import ListCustomers
from application.customers.update_customer import UpdateCustomer
from domain.customers.customer import Customer
from domain.shared.actor import Actor
from interface.http.created import created_or_not
from interface.http.email import Email
from interface.http.etag import IfMatch, etag, expected_version
from interface.http.example_values import CUSTOMER_ADDED_AT, CUSTOMER_EMAIL, CUSTOMER_ID
from interface.http.input_schema import InputStruct
from interface.http.listing import list_query, order_by_param
from interface.http.openapi_errors import problems
from interface.http.pagination import Limit, Offset, PageOut, page_out

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
SORTABLE = frozenset({"created_at", "email", "name"})
OrderBy = Annotated[str | None, order_by_param(SORTABLE)]


class CustomerIn(InputStruct, forbid_unknown_fields=True):
    email: Email
    name: Name

    @classmethod
    def example(cls) -> CustomerIn:
        return cls(CUSTOMER_EMAIL, "Linus Berg")


class CustomerPatch(InputStruct, forbid_unknown_fields=True):
    email: Email | msgspec.UnsetType = msgspec.UNSET
    name: Name | msgspec.UnsetType = msgspec.UNSET

    @classmethod
    def example(cls) -> CustomerPatch:
        return cls(name="Linus Berg-Olsen")


class CustomerOut(msgspec.Struct, frozen=True):
    id: UUID
    email: str
    name: str
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def example(cls) -> CustomerOut:
        new = CustomerIn.example()
        return cls(CUSTOMER_ID, new.email, new.name, 1, CUSTOMER_ADDED_AT, CUSTOMER_ADDED_AT)

    @classmethod
    def of(cls, c: Customer) -> CustomerOut:
        return cls(c.id, c.email, c.name, c.version, c.created_at, c.updated_at)


def _one(customer: Customer, status: int = 200) -> Response[CustomerOut]:
    headers = {"ETag": etag(customer.version), **created_or_not(status, "/customers", customer.id)}
    return Response(CustomerOut.of(customer), status_code=status, headers=headers)


def _set(value: str | msgspec.UnsetType) -> str | None:
    return None if isinstance(value, msgspec.UnsetType) else value


class CustomersController(Controller):
    path = "/customers"
    tags = ["customers"]

    @get("/")
    async def list_customers(
        self,
        list_customers: FromDishka[ListCustomers],
        limit: Limit = 50,
        offset: Offset = 0,
        order_by: OrderBy = None,
    ) -> PageOut[CustomerOut]:
        page = await list_customers(list_query(limit, offset, order_by, SORTABLE, "created_at"))
        return page_out(page, CustomerOut.of)

    @post("/", status_code=HTTP_201_CREATED, responses=problems(409))
    async def create_customer(
        self,
        data: JSONBody[CustomerIn],
        actor: FromDishka[Actor],
        create: FromDishka[CreateCustomer],
    ) -> Response[CustomerOut]:
        return _one(await create(actor, data.email, data.name), HTTP_201_CREATED)

    @get("/{customer_id:str}")
    async def get_customer(
        self, customer_id: FromPath[UUID], get_customer: FromDishka[GetCustomer]
    ) -> Response[CustomerOut]:
        return _one(await get_customer(customer_id))

    @patch("/{customer_id:str}", responses=problems(409, 412, 428))
    async def update_customer(
        self,
        customer_id: FromPath[UUID],
        data: JSONBody[CustomerPatch],
        update: FromDishka[UpdateCustomer],
        if_match: IfMatch,
    ) -> Response[CustomerOut]:
        version = expected_version(if_match)
        return _one(await update(customer_id, version, _set(data.email), _set(data.name)))

    @delete(
        "/{customer_id:str}", status_code=HTTP_204_NO_CONTENT, responses=problems(409, 412, 428)
    )
    async def delete_customer(
        self,
        customer_id: FromPath[UUID],
        remove: FromDishka[DeleteCustomer],
        if_match: IfMatch,
    ) -> None:
        await remove(customer_id, expected_version(if_match))
