"""The api stage: a REST API over the store and the offline dashboard, in one FastAPI app.

Entry point: ``create_app(store) -> FastAPI``; ``clashwatch serve`` runs it with uvicorn. Reads are open; writes
(``POST /api/articles``) need ``Authorization: Bearer $CLASHWATCH_TOKEN`` and are refused when no token is set.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from clashwatch.api import read, write
from clashwatch.api.jobs import JobRunner
from clashwatch.api.security import MAX_BODY_BYTES, GuardMiddleware
from clashwatch.store import Store

if TYPE_CHECKING:
    from clashwatch.extract import EventCoder

STATIC_DIR = Path(__file__).parent / "static"


def create_app(
    store: Store,
    *,
    token: str | None = None,
    make_coder: Callable[[], EventCoder] | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The API and dashboard over ``store``. ``token`` defaults to ``$CLASHWATCH_TOKEN``; the coder is built by
    ``make_coder`` (default: ``EventCoder()``) on the first submission, not before."""
    jobs = JobRunner(store, make_coder) if make_coder else JobRunner(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    app = FastAPI(
        title="ClashWatch",
        summary="Armed-conflict events coded from news reports, with their sources, claims and evidence.",
        version="0.1.0",
        lifespan=lifespan,
        # The interactive docs pages load their scripts from a CDN, which an offline server cannot reach.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.jobs = jobs
    app.state.token = token if token is not None else os.environ.get("CLASHWATCH_TOKEN") or None
    app.include_router(read.router)
    app.include_router(write.router)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(GuardMiddleware, max_body_bytes=max_body_bytes)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"cache-control": "no-cache"})

    app.openapi = lambda: _openapi_with_submission(app)
    return app


async def _invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
    """422 naming each bad field as ``where.name`` (e.g. ``query.limit``, ``body.articles.0.text``)."""
    problems = [{**detail, "field": ".".join(str(part) for part in detail["loc"])} for detail in error.errors()]
    summary = "; ".join(f"{problem['field']}: {problem['msg']}" for problem in problems)
    return JSONResponse(status_code=422, content=jsonable_encoder({"message": summary, "detail": problems}))


def _openapi_with_submission(app: FastAPI) -> dict:
    """The generated schema, plus the article models that the submission body (parsed by hand) refers to."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        schema.setdefault("components", {}).setdefault("schemas", {}).update(write.SUBMISSION_SCHEMA["$defs"])
        app.openapi_schema = schema
    return app.openapi_schema
