"""Login for server installs: a header set by the reverse proxy that did the login, or Streamlit's own
OpenID Connect login when `.streamlit/secrets.toml` has an [auth] section.

With `kommunedata app --auth-header X-Forwarded-User` (env KOMMUNEDATA_AUTH_HEADER) every page needs
that header; its value is the signed-in user (shown in the sidebar, recorded as the approver of
verified queries). Only safe behind the proxy: the app then binds 127.0.0.1 (the default), so nobody
reaches it without passing the proxy. No Streamlit here.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

ENV_VAR = "KOMMUNEDATA_AUTH_HEADER"


def configured_header() -> str | None:
    return (os.environ.get(ENV_VAR) or "").strip() or None


def signed_in_user(headers: Mapping[str, str] | None, header: str | None) -> str | None:
    """The user the proxy vouches for, or None (header missing or empty). Header names are
    case-insensitive."""
    if not header or not headers:
        return None
    wanted = header.lower()
    for name, value in headers.items():
        if name.lower() == wanted and str(value).strip():
            return str(value).strip()
    return None
