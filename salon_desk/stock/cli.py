"""Command-line subcommands of the retail side.

salon-desk labels (--all | BARCODE ...) [--sheet a4-3x8 | --roll 40x30] --out FILE.pdf
                  [--copies N] [--skip N] [--font FONT.ttf]
salon-desk count-sheet NUMBER --out FILE.pdf [--font FONT.ttf]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_, _


def register(sub: Any) -> None:
    labels = sub.add_parser("labels", help=_("print price labels as a PDF"))
    which = labels.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help=_("every retail product on sale"))
    which.add_argument("barcodes", nargs="*", default=[], metavar="BARCODE")
    size = labels.add_mutually_exclusive_group()
    size.add_argument("--sheet", choices=["a4-3x8"], help=_("A4 label sheet, 3 × 8"))
    size.add_argument("--roll", choices=["40x30"], help=_("label roll, 40 × 30 mm"))
    labels.add_argument("--copies", type=int, default=1, help=_("labels per product"))
    labels.add_argument("--skip", type=int, default=0, help=_("used labels on the first sheet"))
    labels.add_argument("--font", metavar="FILE", help=_("a TrueType Chinese font file"))
    labels.add_argument("--out", metavar="FILE.pdf", required=True, type=Path)
    labels.set_defaults(handler=labels_command)

    sheet = sub.add_parser("count-sheet", help=_("print a stock count sheet as a PDF"))
    sheet.add_argument("number", metavar="NUMBER", help=_("the count number"))
    sheet.add_argument("--font", metavar="FILE", help=_("a TrueType Chinese font file"))
    sheet.add_argument("--out", metavar="FILE.pdf", required=True, type=Path)
    sheet.set_defaults(handler=count_sheet_command)


def _warn_font(font: Any) -> None:
    if font.warning:
        print(_(font.warning, path=font.warning_path or ""), file=sys.stderr)


def labels_command(args: argparse.Namespace, core: Core) -> int:
    from salon_desk.stock.service import StockService

    stock = StockService(core)
    if args.all:
        products = stock.list_products(category="retail")
    else:
        products = []
        for code in args.barcodes:
            found = stock.by_barcode(code)
            if found is None:
                raise NotFound(N_("Unknown barcode: {barcode}"), field="barcode", barcode=code)
            products.append(found)
    if not products:
        raise Invalid(N_("Choose at least one product for labels."))
    layout = "roll-40x30" if args.roll else "a4-3x8"
    result = stock.labels_pdf(
        [(p.id, args.copies) for p in products],
        args.out,
        layout=layout,
        skip=args.skip,
        font_path=args.font,
    )
    _warn_font(result.font)
    print(
        _(
            "{labels} labels on {pages} pages: {file}",
            labels=result.labels,
            pages=result.pages,
            file=str(args.out),
        )
    )
    return 0


def count_sheet_command(args: argparse.Namespace, core: Core) -> int:
    from salon_desk.stock.count_service import StockCountService

    counts = StockCountService(core)
    count = counts.find(args.number)
    font = counts.sheet_pdf(count.id, args.out, font_path=args.font)
    _warn_font(font)
    print(_("Count sheet {number}: {file}", number=count.number, file=str(args.out)))
    return 0
