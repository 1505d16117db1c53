"""The identity context's registration: signup, tokens, users, and their providers."""

from __future__ import annotations

from domain.identity.events import UserCreated
from interface.http.identity.auth_controller import AuthController
from interface.http.identity.provider import IdentityOperations, IdentityProvider
from interface.http.identity.sessions_controller import SessionsController
from interface.http.identity.users_controller import UsersController
from interface.http.registration import ContextRegistration

IDENTITY = ContextRegistration(
    name="identity",
    api_handlers=(AuthController, UsersController, SessionsController),
    providers=(IdentityProvider,),
    operator_providers=(IdentityOperations,),
    events=(UserCreated,),
)
