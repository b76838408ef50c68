"""Guards of the API: bearer-token checks for writes, caps on request bodies and query strings, and browser
hardening headers."""

from __future__ import annotations

import hmac
import json

from fastapi import HTTPException, Request, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 2_000_000
# Every filter together fits in a few hundred bytes; a longer query string is a mistake or an attack.
MAX_QUERY_BYTES = 8_192
# The dashboard loads nothing from elsewhere and never runs inline code, so article text can never become script.
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <CLASHWATCH_TOKEN>``; with no token configured they are refused."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "writes are disabled: the server has no CLASHWATCH_TOKEN set; set it and restart to accept submissions",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing bearer token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "invalid token")


class GuardMiddleware:
    """Refuses bodies over ``max_body_bytes`` (413) and query strings over ``MAX_QUERY_BYTES`` (414) before the app
    sees them, and adds the security headers.

    The body is read here in full (it is small by construction) and replayed, so a client that lies about its
    Content-Length, or streams chunks, is cut off at the same limit.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(send)
        if len(scope.get("query_string", b"")) > MAX_QUERY_BYTES:
            await self._refuse(send, 414, f"query string too long: the limit is {MAX_QUERY_BYTES} bytes")
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._too_large(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if size > self.max_body_bytes:
                await self._too_large(send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()  # after the body, only a disconnect can come
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in present)]
            await send(message)

        return send_with_headers

    async def _too_large(self, send: Send) -> None:
        await self._refuse(send, 413, f"request body too large: the limit is {self.max_body_bytes} bytes")

    @staticmethod
    async def _refuse(send: Send, status_code: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status_code,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
