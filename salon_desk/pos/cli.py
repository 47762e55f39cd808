"""Command-line subcommands of the register: receipts and the receipt printer
(:mod:`salon_desk.pos.printer_cli`)."""

from __future__ import annotations

from typing import Any

from salon_desk.pos import printer_cli


def register(sub: Any) -> None:
    printer_cli.register(sub)
