"""Command-line subcommands for receipts and the receipt printer.

salon-desk receipt reprint (NUMBER | --last) --to FILE   a receipt's printer bytes, marked
                                                          重印, written to a file (support,
                                                          or checking a receipt without paper)
salon-desk receipt show (NUMBER | --last)                 the receipt as text
salon-desk printer status                                 ask this counter's printer how it is
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from salon_desk.core.context import Core
from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import N_, _


def register(sub: Any) -> None:
    receipt = sub.add_parser("receipt", help=_("receipts: write one to a file, show one"))
    commands = receipt.add_subparsers(dest="receipt_command", required=True)
    reprint = commands.add_parser(
        "reprint", help=_("write a receipt's printer bytes (marked as a reprint) to a file")
    )
    _which(reprint)
    reprint.add_argument("--to", metavar="FILE", type=Path, required=True)
    reprint.set_defaults(handler=reprint_command)
    show = commands.add_parser("show", help=_("show a receipt as text"))
    _which(show)
    show.set_defaults(handler=show_command)
    printer = sub.add_parser("printer", help=_("this counter's receipt printer"))
    printer_commands = printer.add_subparsers(dest="printer_command", required=True)
    status = printer_commands.add_parser("status", help=_("ask the printer how it is"))
    status.set_defaults(handler=status_command)


def _which(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("number", nargs="?", metavar="NUMBER", help=_("the receipt number"))
    which.add_argument("--last", action="store_true", help=_("the newest receipt"))


def reprint_command(args: argparse.Namespace, core: Core) -> int:
    from salon_desk.pos.print_queue import PrintQueue

    data = PrintQueue(core).printer_bytes(ref=None if args.last else args.number)
    target: Path = args.to
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise Unavailable(
            N_("Cannot write to {where} ({detail})."),
            where=str(target),
            detail=exc.strerror or type(exc).__name__,
        ) from exc
    print(_("Wrote {n} bytes to {path}.", n=len(data), path=str(target)))
    return 0


def show_command(args: argparse.Namespace, core: Core) -> int:
    from salon_desk.pos.print_queue import PrintQueue

    queue = PrintQueue(core)
    job_id = queue.find(ref=None if args.last else args.number)
    for line in queue.preview(job_id):
        print(f"[QR] {line.qr}" if line.qr else line.text)
    return 0


def status_command(args: argparse.Namespace, core: Core) -> int:
    from salon_desk.pos.printer import STATE_LABELS, PrinterState, printer_status

    address = str(core.settings.get("printer.address"))
    state = printer_status(address)
    print(f"{address}: {_(STATE_LABELS[state])}")
    return 0 if state in (PrinterState.READY, PrinterState.PAPER_LOW, PrinterState.UNKNOWN) else 1
