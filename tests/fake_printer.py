"""A receipt printer on 127.0.0.1 that misbehaves on purpose: a real socket server thread.

Modes: ``ok`` (reads everything, answers ``DLE EOT 1``/``DLE EOT 4`` with ``status1`` /
``status4``), ``silent`` (accepts, never reads, never answers), ``drop`` (answers the
status queries, reads ``drop_after`` bytes of the job, then resets the connection),
``trickle`` (reads one byte every 100 ms, answering status when it gets to it).
``refused_address()`` is a port where nothing listens.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time

READY = 0x12  # DLE EOT 1: fixed bits only (online); DLE EOT 4: paper present
OFFLINE = 0x1A  # bit 3
PAPER_OUT = 0x72  # bits 5-6 (roll end) + 2-3 (near end) + fixed bits


class FakePrinter:
    def __init__(
        self,
        mode: str = "ok",
        *,
        status1: int = READY,
        status4: int = READY,
        drop_after: int = 200,
        port: int = 0,
    ) -> None:
        self.mode = mode
        self.status1 = status1
        self.status4 = status4
        self.drop_after = drop_after
        self.received = bytearray()
        self.connections = 0
        self._stop = threading.Event()
        self._clients: list[socket.socket] = []
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if mode in ("silent", "trickle"):
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        self.server.bind(("127.0.0.1", port))
        self.server.listen(8)
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def address(self) -> str:
        return f"network:127.0.0.1:{self.port}"

    def job_bytes(self) -> bytes:
        """What arrived, without the status queries."""
        return bytes(self.received).replace(b"\x10\x04\x01", b"").replace(b"\x10\x04\x04", b"")

    def close(self) -> None:
        self._stop.set()
        self.thread.join(2)
        for c in self._clients:
            with contextlib.suppress(OSError):
                c.close()
        self.server.close()

    def __enter__(self) -> FakePrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- server ------------------------------------------------------------------------
    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _addr = self.server.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            self._clients.append(client)
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        client.settimeout(0.1)
        if self.mode == "silent":
            self._stop.wait()
            return
        pending = bytearray()
        while not self._stop.is_set():
            size = 1 if self.mode == "trickle" else 4096
            try:
                chunk = client.recv(size)
            except TimeoutError:
                continue
            except OSError:
                return
            if not chunk:
                return
            self.received += chunk
            pending += chunk
            while True:
                at = pending.find(b"\x10\x04")
                if at < 0 or len(pending) < at + 3:
                    break
                which = pending[at + 2]
                del pending[: at + 3]
                reply = self.status1 if which == 1 else self.status4
                try:
                    client.sendall(bytes([reply]))
                except OSError:
                    return
            if self.mode == "drop" and len(self.job_bytes()) >= self.drop_after:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                return
            if self.mode == "trickle":
                time.sleep(0.1)
            if len(pending) > 8:
                del pending[:-2]


def refused_address() -> str:
    """A port on 127.0.0.1 where nothing listens: connecting is refused at once."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"network:127.0.0.1:{port}"
