"""``clashwatch serve``: the REST API and the offline dashboard over a stored database."""

from __future__ import annotations

from typing import Annotated

import typer

from clashwatch.cli import app
from clashwatch.cli.events import DbOption


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 exposes it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the dashboard at / and the API under /api (schema at /openapi.json).

    Reads are open. Submitting articles (POST /api/articles) needs CLASHWATCH_TOKEN set in the server's environment
    and 'Authorization: Bearer <token>' on the request.
    """
    import uvicorn

    from clashwatch.api import create_app
    from clashwatch.store import Store

    with Store(db) as store:
        typer.echo(f"ClashWatch dashboard: http://{host}:{port}/  (database: {store.url})", err=True)
        uvicorn.run(create_app(store), host=host, port=port, log_level="info")
