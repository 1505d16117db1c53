"""Wire structs in the OpenAPI document: one example each, and request bodies that say
exactly what their decoding enforces.

Any msgspec struct that declares a classmethod ``example()`` shows what it returns, as JSON,
as its schema's one example. A generic struct's ``example`` takes its type arguments'
examples (``PageOut[OrderOut]``: ``PageOut.example(OrderOut.example())``). The examples are
realistic and tell one story (``example_values``); a request body's example passes the
API's own rules, so a client or a property-based test may send it as it is. Nothing is
generated at random (``ResponseSpec(generate_examples=False)`` wherever one is declared).

For every body struct (``InputStruct``), this schema plugin adds what the generic struct
schema leaves out:

- ``additionalProperties: false`` when the struct refuses unknown fields;
- an optional field's schema as one schema (not a one-armed ``oneOf``), with every bound
  msgspec enforces (Litestar drops a zero bound such as ``ge=0`` of an optional field);
- the text rule's ``pattern`` (``text_schema``) on each free-text field the rule checks
  (single- or multi-line by the struct's ``multiline``, none for ``verbatim`` fields), unless
  the field has a stricter pattern of its own.

So a client, or a property-based test, that obeys the schema is never refused a 400.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import msgspec

# The public StructSchemaPlugin is not exported; this module is its documented home.
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.openapi.spec import OpenAPIType, Schema
from litestar.typing import FieldDefinition

from interface.http.input_schema import InputStruct
from interface.http.text_schema import text_pattern

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator


class WireSchemaPlugin(StructSchemaPlugin):
    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: SchemaCreator
    ) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        if field_definition.is_subclass_of(InputStruct):
            _add_input_rules(schema, field_definition.type_)
        example = _example(field_definition)
        if example is not None:
            schema.examples = _verbatim(example)
        return schema


def _example(field_definition: FieldDefinition) -> Any:
    """The struct's declared example (of its type arguments' examples), or ``None``."""
    declare = getattr(field_definition.type_, "example", None)
    if declare is None:
        return None
    arguments = [_example(argument) for argument in field_definition.inner_types]
    return None if any(a is None for a in arguments) else declare(*arguments)


def _verbatim(example: object) -> list[Any]:
    """The example as a list of one JSON value, its nulls kept: ``to_schema()`` drops
    ``None`` from every dict and list it walks (so a ``"failure_code": null`` would vanish)
    and leaves a tuple as it is; the document's encoder writes the tuple as an array."""
    return cast("list[Any]", (msgspec.to_builtins(example),))


def _add_input_rules(schema: Schema, struct: type[InputStruct]) -> None:
    config = struct.__struct_config__
    if config.forbid_unknown_fields:
        schema.additional_properties = False
    properties = schema.properties or {}
    info = msgspec.inspect.type_info(struct)
    assert isinstance(info, msgspec.inspect.StructType)
    for field in info.fields:
        prop = properties.get(field.encode_name)
        if isinstance(prop, Schema):
            prop = properties[field.encode_name] = _flattened(prop)
            _add_bounds(prop, field.type)
            if field.encode_name not in struct.verbatim:
                _add_text_pattern(prop, field.encode_name in struct.multiline)


def _flattened(schema: Schema) -> Schema:
    """``{oneOf: [X], maximum: 9}`` -> ``X`` with ``maximum: 9``."""
    if not schema.one_of or len(schema.one_of) != 1 or not isinstance(schema.one_of[0], Schema):
        return schema
    merged = {k: v for k, v in vars(schema.one_of[0]).items() if v is not None}
    outer = {k: v for k, v in vars(schema).items() if v is not None and k != "one_of"}
    return Schema(**{**merged, **outer})


def _add_bounds(schema: Schema, info: msgspec.inspect.Type) -> None:
    if isinstance(info, msgspec.inspect.Metadata):
        info = info.type
    if isinstance(info, msgspec.inspect.UnionType):  # ``list[str] | None``: the non-null arm
        arms = [t for t in info.types if not isinstance(t, msgspec.inspect.NoneType)]
        info = arms[0] if len(arms) == 1 else info
    for arm in schema.one_of or ():
        if isinstance(arm, Schema) and arm.type not in (None, OpenAPIType.NULL):
            _add_bounds(arm, info)
    if isinstance(info, msgspec.inspect.IntType):
        _set(schema, "minimum", info.ge)
        _set(schema, "maximum", info.le)
        _set(schema, "exclusive_minimum", info.gt)
        _set(schema, "exclusive_maximum", info.lt)
    elif isinstance(info, msgspec.inspect.StrType):
        _set(schema, "min_length", info.min_length)
        _set(schema, "max_length", info.max_length)
        _set(schema, "pattern", info.pattern)
    elif isinstance(info, msgspec.inspect.ListType):
        _set(schema, "min_items", info.min_length)
        _set(schema, "max_items", info.max_length)
        if isinstance(schema.items, Schema):
            _add_bounds(schema.items, info.item_type)


def _set(schema: Schema, name: str, value: object) -> None:
    if value is not None and getattr(schema, name) is None:
        setattr(schema, name, value)


def _add_text_pattern(schema: Schema, multiline: bool) -> None:
    for candidate in (schema, *(schema.one_of or ()), *(schema.any_of or ())):
        if not isinstance(candidate, Schema):
            continue
        if candidate.type == OpenAPIType.ARRAY and isinstance(candidate.items, Schema):
            _add_text_pattern(candidate.items, multiline)
        elif _is_free_text(candidate):
            candidate.pattern = text_pattern(multiline)


def _is_free_text(schema: Schema) -> bool:
    return (
        schema.type == OpenAPIType.STRING
        and schema.pattern is None
        and schema.format is None
        and schema.enum is None
        and schema.const is None
    )
