"""Use case: is this process ready to serve traffic?"""

from domain.operations.ports import DatabaseProbe, SchemaState
from domain.shared.errors import ServiceUnavailable


class CheckReadiness:
    """Ready means the database answers and its schema is at the code's migration head."""

    def __init__(self, probe: DatabaseProbe) -> None:
        self._probe = probe

    async def __call__(self) -> SchemaState:
        state = await self._probe.schema_state()
        if not state.at_head:
            raise ServiceUnavailable(
                f"Database schema is at {state.current or 'no revision'}, "
                f"expected {state.expected}; run the migrations."
            )
        return state
