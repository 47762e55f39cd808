"""Writing a report to a file: rendered in memory first, then written to a temporary
file beside the target and moved into place, so a failure leaves no half file."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import N_
from salon_desk.reports.layout import layout_of
from salon_desk.reports.model import DailyReport, PeriodReport

FORMATS = ("pdf", "csv", "xlsx")


def render(report: DailyReport | PeriodReport, fmt: str, *, font: str | None = None) -> bytes:
    layout = layout_of(report)
    if fmt == "pdf":
        from salon_desk.reports.pdf import render_pdf

        return render_pdf(layout, font_path=font)
    from salon_desk.reports import export

    return export.render_csv(layout) if fmt == "csv" else export.render_xlsx(layout)


def write_bytes(data: bytes, path: Path) -> Path:
    target = Path(path).expanduser()
    tmp = target.with_name(f".{target.name}.part")
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise Unavailable(
            N_("Cannot write the file {path}: {detail}"),
            field="path",
            path=str(target),
            detail=exc.strerror or str(exc),
        ) from exc
    return target


def write_report(
    report: DailyReport | PeriodReport, path: Path, fmt: str, *, font: str | None = None
) -> Path:
    return write_bytes(render(report, fmt, font=font), path)
