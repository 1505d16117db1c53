"""Products. Members read; owners and admins write. PATCH and DELETE need If-Match."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from dishka.integrations.litestar import FromDishka
from litestar import Controller, Response, delete, get, patch, post
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from application.catalog.create_product import CreateProduct, ProductDraft
from application.catalog.delete_product import DeleteProduct
from application.catalog.get_product import GetProduct
from application.catalog.list_products import ListProducts
from application.catalog.update_product import UpdateProduct
from domain.catalog.ports import ProductFilter
from domain.shared.actor import Actor
from interface.http.catalog.schemas import ProductIn, ProductOut, ProductPatch
from interface.http.created import created_or_not
from interface.http.etag import IfMatch, etag, expected_version
from interface.http.listing import list_query, order_by_param
from interface.http.openapi_errors import problems
from interface.http.pagination import Limit, Offset, PageOut, page_out
from interface.http.text_schema import SINGLE_LINE_TEXT

SORTABLE = frozenset({"created_at", "name", "sku", "unit_price_minor", "stock_quantity"})
OrderBy = Annotated[str | None, order_by_param(SORTABLE)]


def _one(product: ProductOut, status: int = 200) -> Response[ProductOut]:
    headers = {"ETag": etag(product.version), **created_or_not(status, "/products", product.id)}
    return Response(product, status_code=status, headers=headers)


class ProductsController(Controller):
    path = "/products"
    tags = ["catalog"]

    @get("/")
    async def list_products(
        self,
        list_products: FromDishka[ListProducts],
        limit: Limit = 50,
        offset: Offset = 0,
        order_by: OrderBy = None,
        active: Annotated[bool | None, QueryParameter(required=False)] = None,
        sku: Annotated[
            str | None,
            QueryParameter(
                required=False, max_length=64, schema_extra={"pattern": SINGLE_LINE_TEXT}
            ),
        ] = None,
    ) -> PageOut[ProductOut]:
        query = list_query(limit, offset, order_by, SORTABLE, "created_at")
        page = await list_products(ProductFilter(active, sku), query)
        return page_out(page, ProductOut.of)

    @post("/", status_code=HTTP_201_CREATED, responses=problems(409))
    async def create_product(
        self,
        data: JSONBody[ProductIn],
        actor: FromDishka[Actor],
        create: FromDishka[CreateProduct],
    ) -> Response[ProductOut]:
        draft = ProductDraft(
            data.sku,
            data.name,
            data.description,
            data.currency,
            data.unit_price_minor,
            data.stock_quantity,
            data.active,
        )
        return _one(ProductOut.of(await create(actor, draft)), HTTP_201_CREATED)

    @get("/{product_id:str}")
    async def get_product(
        self, product_id: FromPath[UUID], get_product: FromDishka[GetProduct]
    ) -> Response[ProductOut]:
        return _one(ProductOut.of(await get_product(product_id)))

    @patch("/{product_id:str}", responses=problems(409, 412, 428))
    async def update_product(
        self,
        product_id: FromPath[UUID],
        data: JSONBody[ProductPatch],
        actor: FromDishka[Actor],
        update: FromDishka[UpdateProduct],
        if_match: IfMatch,
    ) -> Response[ProductOut]:
        product = await update(actor, product_id, expected_version(if_match), data.changes())
        return _one(ProductOut.of(product))

    @delete("/{product_id:str}", status_code=HTTP_204_NO_CONTENT, responses=problems(409, 412, 428))
    async def delete_product(
        self,
        product_id: FromPath[UUID],
        actor: FromDishka[Actor],
        remove: FromDishka[DeleteProduct],
        if_match: IfMatch,
    ) -> None:
        await remove(actor, product_id, expected_version(if_match))
