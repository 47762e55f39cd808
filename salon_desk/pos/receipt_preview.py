"""A slip on screen as it comes out of the printer: the bytes this counter's printer gets
for it (same layout, paper width, language and mode as the print worker uses) read back
line by line, with the print job's state. In picture (raster) mode the paper carries
images, so the preview shows the lines those pictures are drawn from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from salon_desk.core.context import Core
from salon_desk.pos.print_queue import PrintJobRow, PrintQueue
from salon_desk.pos.receipt_decode import PrintedLine, PrintedSlip, decode_slip


@dataclass(frozen=True, slots=True)
class SlipPreview:
    job: PrintJobRow  # the original print job of the slip (its state, its failure)
    lines: tuple[PrintedLine, ...]
    columns: int  # 32 at 58 mm, 48 at 80 mm
    cut: bool
    drawer: bool  # the slip opens the cash drawer
    pictures: bool  # printed as pictures (raster mode): ``lines`` are what they show

    def text(self) -> str:
        """The slip as plain text, one printed line a line; a QR code as ``[QR] data``."""
        return "\n".join(f"[QR] {ln.qr}" if ln.qr else ln.text for ln in self.lines)


def counter_bytes(
    core: Core, kind: str, payload: Mapping[str, Any], *, raster: bool | None = None
) -> bytes:
    """The bytes this counter's printer gets for a slip: its paper width, language and
    printing mode (``raster`` overrides the mode), as the print worker renders them."""
    from salon_desk.pos.receipt import render

    settings = core.settings
    return render(
        kind,
        payload,
        width_mm=int(settings.get("printer.paper_mm")),
        language=str(settings.get("ui.language")),
        raster=settings.get("printer.mode") == "raster" if raster is None else raster,
    )


class ReceiptPreview:
    def __init__(self, core: Core) -> None:
        self.core = core

    def slip(self, ref: str | None = None, *, kind: str = "receipt") -> SlipPreview:
        """The original slip numbered ``ref`` (the newest when ``None``); :class:`NotFound`
        when there is none."""
        return self.job(PrintQueue(self.core).find(ref=ref, kind=kind))

    def job(self, job_id: int) -> SlipPreview:
        """Print job ``job_id`` (a reprint shows 重印) as its paper will read. In picture
        mode the pictures are drawn from the same lines as the text mode prints, so those
        are read back instead of the images."""
        queue = PrintQueue(self.core)
        job = queue.job(job_id)
        kind, payload = queue.payload(job_id)
        printed: PrintedSlip = decode_slip(counter_bytes(self.core, kind, payload, raster=False))
        width = int(self.core.settings.get("printer.paper_mm"))
        return SlipPreview(
            job=job,
            lines=printed.lines,
            columns=32 if width == 58 else 48,
            cut=printed.cut,
            drawer=printed.drawer,
            pictures=self.core.settings.get("printer.mode") == "raster",
        )
