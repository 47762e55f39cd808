"""Connections to a receipt printer, one class per kind of ``printer.address``.

The network connection is our own socket (python-escpos' ``Network`` waits 60 s for a
dead printer): connect with ``timeouts.connect``, status answers within
``timeouts.status``, and the whole job plus its confirmation within ``timeouts.write``.
The status queries are python-escpos' ``DLE EOT`` commands. USB and serial go through
python-escpos' own classes (they need pyusb / pyserial); a Windows printer through
``Win32Raw`` (no status; it prints on close); a file is appended to.
"""

from __future__ import annotations

import contextlib
import socket
import time
from typing import Any

from salon_desk.core.i18n import N_
from salon_desk.pos.printer import (
    Address,
    PaperOut,
    PrinterDisconnected,
    PrinterError,
    PrinterNoAnswer,
    PrinterOffline,
    PrinterStalled,
    PrinterState,
    PrinterUnreachable,
    Timeouts,
    paper_state,
    printer_offline,
)

CHUNK = 1024


def status_commands() -> tuple[bytes, bytes]:
    from escpos.constants import RT_STATUS_ONLINE, RT_STATUS_PAPER

    return RT_STATUS_ONLINE, RT_STATUS_PAPER


class Connection:
    """Base: a connection that cannot report status."""

    def __init__(self, address: Address, timeouts: Timeouts) -> None:
        self.address = address
        self.timeouts = timeouts
        self.sent = 0

    @property
    def where(self) -> str:
        return self.address.where

    def check(self) -> PrinterState:
        """The printer's state before printing; raises when it cannot print."""
        return PrinterState.UNKNOWN

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def confirm(self) -> PrinterState:
        """After writing: the printer took everything (where it can tell)."""
        return PrinterState.UNKNOWN

    def close(self) -> None:
        pass


class NetworkConnection(Connection):
    def __init__(self, address: Address, timeouts: Timeouts) -> None:
        super().__init__(address, timeouts)
        self._deadline = 0.0
        try:
            self.sock = socket.create_connection(
                (address.host, address.port), timeout=timeouts.connect
            )
        except ConnectionRefusedError as exc:
            raise PrinterUnreachable(
                N_(
                    "The receipt printer at {where} refused the connection. Check that it is "
                    "switched on and that its address is right."
                ),
                where=self.where,
            ) from exc
        except TimeoutError as exc:
            raise PrinterUnreachable(
                N_(
                    "The receipt printer at {where} did not answer within {seconds} seconds. "
                    "Check that it is switched on and connected."
                ),
                where=self.where,
                seconds=_seconds(timeouts.connect),
            ) from exc
        except OSError as exc:
            raise PrinterUnreachable(
                N_("Cannot reach the receipt printer at {where} ({detail})."),
                where=self.where,
                detail=exc.strerror or type(exc).__name__,
            ) from exc
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    # --- status ------------------------------------------------------------------------
    def _ask(self, command: bytes, timeout: float, *, after_write: bool) -> int:
        try:
            self.sock.settimeout(max(timeout, 0.05))
            self.sock.sendall(command)
            answer = self.sock.recv(16)
        except TimeoutError as exc:
            if after_write:
                raise self._stalled() from exc
            raise PrinterNoAnswer(
                N_(
                    "The receipt printer at {where} accepts the connection but does not "
                    "answer. Switch it off and on again, then retry."
                ),
                where=self.where,
            ) from exc
        except OSError as exc:
            raise self._dropped() from exc
        if not answer:
            raise self._dropped()
        return answer[-1]

    def check(self) -> PrinterState:
        online_cmd, paper_cmd = status_commands()
        status1 = self._ask(online_cmd, self.timeouts.status, after_write=False)
        status4 = self._ask(paper_cmd, self.timeouts.status, after_write=False)
        paper = paper_state(status4)
        if paper == PrinterState.PAPER_OUT:
            raise PaperOut(
                N_("The receipt printer is out of paper. Put in a new roll, then retry.")
            )
        if printer_offline(status1):
            raise PrinterOffline(
                N_(
                    "The receipt printer is offline (cover open or an error). Close the "
                    "cover or switch it off and on, then retry."
                )
            )
        return paper

    # --- printing ------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        self._deadline = time.monotonic() + self.timeouts.write
        view = memoryview(data)
        while view:
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                raise self._stalled()
            try:
                self.sock.settimeout(remaining)
                n = self.sock.send(view[:CHUNK])
            except TimeoutError as exc:
                raise self._stalled() from exc
            except OSError as exc:
                raise self._dropped() from exc
            self.sent += n
            view = view[n:]

    def confirm(self) -> PrinterState:
        online_cmd, paper_cmd = status_commands()
        remaining = max(self._deadline - time.monotonic(), self.timeouts.status)
        status1 = self._ask(online_cmd, remaining, after_write=True)
        if printer_offline(status1):
            raise PrinterOffline(
                N_(
                    "The receipt printer went offline while printing; the slip may be "
                    "incomplete. Check the printer, then retry or reprint."
                ),
                sent=self.sent,
            )
        status4 = self._ask(paper_cmd, self.timeouts.status, after_write=True)
        return paper_state(status4)

    def _stalled(self) -> PrinterError:
        return PrinterStalled(
            N_(
                "The receipt printer at {where} stopped taking data; the slip may be "
                "incomplete. Check the printer, then retry or reprint."
            ),
            where=self.where,
            sent=self.sent,
        )

    def _dropped(self) -> PrinterError:
        return PrinterDisconnected(
            N_(
                "The receipt printer at {where} dropped the connection while printing; the "
                "slip may be incomplete. Check the printer, then retry or reprint."
            ),
            where=self.where,
            sent=self.sent,
        )

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


class FileConnection(Connection):
    def write(self, data: bytes) -> None:
        try:
            with open(self.address.path, "ab") as f:
                f.write(data)
        except OSError as exc:
            raise PrinterUnreachable(
                N_("Cannot write to {where} ({detail})."),
                where=self.where,
                detail=exc.strerror or type(exc).__name__,
            ) from exc
        self.sent = len(data)


class EscposConnection(Connection):
    """USB, serial and Windows printers through python-escpos' own classes."""

    def __init__(self, address: Address, timeouts: Timeouts) -> None:
        super().__init__(address, timeouts)
        from salon_desk.pos.printer_escpos import PROFILE, escpos_printer

        printers = escpos_printer()
        if address.kind == "usb":
            cls: Any = printers.Usb
            args: dict[str, Any] = {
                "idVendor": address.vendor,
                "idProduct": address.product,
                "timeout": int(timeouts.write * 1000),
            }
            missing = N_("USB printers need the pyusb package, which is not installed.")
        elif address.kind == "serial":
            cls = printers.Serial
            args = {
                "devfile": address.device,
                "baudrate": address.baudrate,
                "timeout": timeouts.write,
            }
            missing = N_("Serial printers need the pyserial package, which is not installed.")
        else:
            cls = printers.Win32Raw
            args = {"printer_name": address.name}
            missing = N_("Windows printers can be used only on Windows.")
        if not cls.is_usable():
            raise PrinterUnreachable(missing)
        self.printer = cls(profile=PROFILE, **args)
        try:
            self.printer.open()
        except Exception as exc:
            raise PrinterUnreachable(
                N_("Cannot reach the receipt printer at {where} ({detail})."),
                where=self.where,
                detail=str(exc).splitlines()[0][:80],
            ) from exc

    def check(self) -> PrinterState:
        if self.address.kind == "win32":
            return PrinterState.UNKNOWN
        try:
            if not self.printer.is_online():
                raise PrinterOffline(
                    N_(
                        "The receipt printer is offline (cover open or an error). Close the "
                        "cover or switch it off and on, then retry."
                    )
                )
            paper = self.printer.paper_status()
        except PrinterError:
            raise
        except Exception:
            return PrinterState.UNKNOWN
        if paper == 0:
            raise PaperOut(
                N_("The receipt printer is out of paper. Put in a new roll, then retry.")
            )
        return PrinterState.PAPER_LOW if paper == 1 else PrinterState.READY

    def write(self, data: bytes) -> None:
        try:
            self.printer._raw(data)
        except Exception as exc:
            raise PrinterDisconnected(
                N_(
                    "The receipt printer at {where} dropped the connection while printing; "
                    "the slip may be incomplete. Check the printer, then retry or reprint."
                ),
                where=self.where,
            ) from exc
        self.sent = len(data)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.printer.close()


def open_connection(address: Address, timeouts: Timeouts) -> Connection:
    if address.kind == "network":
        return NetworkConnection(address, timeouts)
    if address.kind == "file":
        return FileConnection(address, timeouts)
    return EscposConnection(address, timeouts)


def _seconds(value: float) -> str:
    return f"{value:g}"
