"""Tenant slugs nobody may register: names that would pass for the platform itself.

A slug becomes part of addresses people trust (``acme`` in links, e-mails, support
tickets), so a tenant called ``admin``, ``support`` or ``tenantry`` could pose as the
operator, and one called ``www``, ``api`` or ``mail`` would collide with host names and
paths the platform needs. The list is matched exactly (``admin-acme`` is fine). It only
guards registration: a lookup of an existing tenant never consults it. To reserve another
name, add it to its group here (lower-case ASCII) and say why in the commit.
"""

from __future__ import annotations

RESERVED_SLUGS: frozenset[str] = frozenset(
    {
        # the operator and its staff
        "admin", "administrator", "root", "system", "sysadmin", "superuser", "operator",
        "staff", "owner", "official", "tenantry",
        # sign-in and accounts
        "auth", "login", "logout", "signin", "signup", "register", "sso", "oauth", "account",
        "accounts", "password",
        # host names and well-known paths
        "www", "api", "app", "web", "cdn", "static", "assets", "media", "files", "mail",
        "email", "smtp", "ftp", "localhost", "internal", "dashboard", "portal", "health",
        "metrics", "webhooks",
        # pages people trust for help, money and security
        "docs", "help", "support", "status", "blog", "billing", "payments", "security",
        "legal", "privacy", "terms", "abuse", "postmaster", "webmaster", "noreply", "no-reply",
    }
)  # fmt: skip
