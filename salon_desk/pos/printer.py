"""The receipt printer: where it is (the ``printer.address`` setting), how long we wait
for it, what state it is in, and the errors a counter worker can act on.

``print_bytes(address, data, timeouts)`` is the whole job: open the connection with a
connect timeout, ask the printer's status where the connection can answer (``DLE EOT``:
offline, paper out), write with a write timeout, ask again to confirm the printer took
it all, close. Every failure is a :class:`PrinterError` (a ``core.errors.Unavailable``)
with a message that says what to do. Transports live in :mod:`printer_transport`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from salon_desk.core.errors import Invalid, Unavailable
from salon_desk.core.i18n import N_
from salon_desk.core.settings import BY_NAME, parse_value


@dataclass(frozen=True, slots=True)
class Address:
    """A parsed ``printer.address``: ``network:HOST:PORT``, ``usb:VID:PID``,
    ``serial:PORT[@BAUD]``, ``win32:NAME``, ``file:PATH`` or ``none``."""

    kind: str
    host: str = ""
    port: int = 9100
    vendor: int = 0
    product: int = 0
    device: str = ""
    baudrate: int = 9600
    name: str = ""
    path: str = ""
    text: str = "none"

    @property
    def where(self) -> str:
        return self.text.split(":", 1)[1] if ":" in self.text else self.text


def parse_address(text: str) -> Address:
    """Check ``text`` with the setting's own rule, then split it. Raises :class:`Invalid`."""
    value = parse_value(BY_NAME["printer.address"], text)
    kind, _sep, rest = value.partition(":")
    if kind == "none":
        return Address("none", text="none")
    if kind == "network":
        host, _sep, port = rest.partition(":")
        return Address("network", host=host, port=int(port or 9100), text=value)
    if kind == "usb":
        vendor, _sep, product = rest.partition(":")
        return Address("usb", vendor=int(vendor, 16), product=int(product, 16), text=value)
    if kind == "serial":
        device, _sep, baud = rest.partition("@")
        return Address("serial", device=device, baudrate=int(baud or 9600), text=value)
    if kind == "win32":
        return Address("win32", name=rest, text=value)
    if kind == "file":
        return Address("file", path=rest, text=value)
    raise Invalid(N_("Printer address not understood: {value}."), value=value)  # pragma: no cover


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds. ``connect``: to reach the printer; ``status``: for a status answer before
    printing; ``write``: to send the job and have the printer confirm it."""

    connect: float = 3.0
    status: float = 2.0
    write: float = 10.0


class PrinterState(StrEnum):
    READY = "ready"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"
    UNREACHABLE = "unreachable"
    NOT_SET = "not_set"
    UNKNOWN = "unknown"  # the connection cannot report status (file, Windows printer)


STATE_LABELS: dict[PrinterState, str] = {
    PrinterState.READY: N_("Printer ready"),
    PrinterState.PAPER_LOW: N_("Paper running low"),
    PrinterState.PAPER_OUT: N_("Out of paper"),
    PrinterState.OFFLINE: N_("Printer offline"),
    PrinterState.UNREACHABLE: N_("Printer not reachable"),
    PrinterState.NOT_SET: N_("No printer set up"),
    PrinterState.UNKNOWN: N_("Printer status unknown"),
}


class PrinterError(Unavailable):
    """A print that did not happen; ``state`` is what it says about the printer and
    ``sent`` how many bytes had gone out (a partly printed slip must not be retried
    automatically)."""

    state = PrinterState.UNREACHABLE

    def __init__(self, code: str, /, *, sent: int = 0, **params: Any) -> None:
        super().__init__(code, **params)
        self.sent = sent


class PrinterNotSet(PrinterError):
    state = PrinterState.NOT_SET


class PrinterUnreachable(PrinterError):
    pass


class PrinterNoAnswer(PrinterError):
    pass


class PrinterOffline(PrinterError):
    state = PrinterState.OFFLINE


class PaperOut(PrinterError):
    state = PrinterState.PAPER_OUT


class PrinterDisconnected(PrinterError):
    pass


class PrinterStalled(PrinterError):
    pass


def not_set() -> PrinterNotSet:
    return PrinterNotSet(
        N_("No receipt printer is set up for this counter. Choose one in Settings.")
    )


# --- DLE EOT status bytes (ESC/POS real-time status) ------------------------------------
def printer_offline(status1: int) -> bool:
    """``DLE EOT 1`` answer: bit 3 set = offline."""
    return bool(status1 & 0x08)


def paper_state(status4: int) -> PrinterState:
    """``DLE EOT 4`` answer: bits 5-6 = roll end, bits 2-3 = near end."""
    if status4 & 0x60:
        return PrinterState.PAPER_OUT
    if status4 & 0x0C:
        return PrinterState.PAPER_LOW
    return PrinterState.READY


def print_bytes(
    address: str | Address, data: bytes, timeouts: Timeouts | None = None
) -> PrinterState:
    """Send one job. Returns the printer's state afterwards (``READY``, ``PAPER_LOW`` or
    ``UNKNOWN``); raises :class:`PrinterError` when the job did not print."""
    from salon_desk.pos.printer_transport import open_connection

    parsed = address if isinstance(address, Address) else parse_address(address)
    if parsed.kind == "none":
        raise not_set()
    conn = open_connection(parsed, timeouts or Timeouts())
    try:
        state = conn.check()
        conn.write(data)
        after = conn.confirm()
        return after if after != PrinterState.UNKNOWN else state
    finally:
        conn.close()


def printer_status(address: str | Address, timeouts: Timeouts | None = None) -> PrinterState:
    """Ask the printer how it is without printing (the Settings page and the indicator)."""
    from salon_desk.pos.printer_transport import open_connection

    parsed = address if isinstance(address, Address) else parse_address(address)
    if parsed.kind == "none":
        return PrinterState.NOT_SET
    try:
        conn = open_connection(parsed, timeouts or Timeouts())
    except PrinterError as exc:
        return exc.state
    try:
        return conn.check()
    except PrinterError as exc:
        return exc.state
    finally:
        conn.close()
