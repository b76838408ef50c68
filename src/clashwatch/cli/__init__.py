"""The ``clashwatch`` command line.

Each module in this package adds its commands to ``app`` (or to the ``evaluate`` group) when imported;
``main`` imports them all. Heavy libraries are imported inside the commands so ``--help`` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

app = typer.Typer(
    help="ClashWatch: code news reports about armed conflict into a geocoded, source-attributed event dataset.",
    no_args_is_help=True,
    add_completion=False,
)
evaluate_app = typer.Typer(help="Score the coder against human-annotated data.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


def load_commands() -> typer.Typer:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return app


def main() -> None:
    load_commands()()
