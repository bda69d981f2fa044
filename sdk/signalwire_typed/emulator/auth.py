"""Checks the ``authentication`` of ``signalwire.connect``: project/token pair or JWT.

With no credentials configured any pair (and any well-formed JWT) is accepted. With credentials,
only that pair, or a JWT signed HS256 with the token whose ``project_id`` (or ``sub``) claim is
the project.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass

from signalwire_typed_gen._runtime import JsonValue

__all__ = ["Credentials", "authenticate"]


@dataclass(frozen=True, slots=True)
class Credentials:
    project: str
    token: str


def _b64(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _jwt_project(jwt: str, credentials: Credentials | None) -> str | None:
    parts = jwt.split(".")
    if len(parts) != 3:
        return None
    try:
        claims: JsonValue = json.loads(_b64(parts[1]))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(claims, dict):
        return None
    project = claims.get("project_id", claims.get("sub"))
    project = project if isinstance(project, str) and project else None
    if credentials is None:
        return project or "jwt-project"
    try:
        signature = _b64(parts[2])
    except ValueError:
        return None
    expected = hmac.new(credentials.token.encode(), f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256)
    if not hmac.compare_digest(signature, expected.digest()) or project != credentials.project:
        return None
    return project


def authenticate(authentication: JsonValue, credentials: Credentials | None) -> str | None:
    """The project the connection authenticates as, or None when it is refused."""
    if not isinstance(authentication, dict):
        return None
    jwt = authentication.get("jwt_token")
    if isinstance(jwt, str) and jwt:
        return _jwt_project(jwt, credentials)
    project = authentication.get("project")
    token = authentication.get("token")
    if not (isinstance(project, str) and project and isinstance(token, str) and token):
        return None
    if credentials is None:
        return project
    ok = hmac.compare_digest(project, credentials.project) and hmac.compare_digest(token, credentials.token)
    return project if ok else None
