"""Read the ESC/POS bytes a slip sends to the printer back into what the paper shows, for
the on-screen preview: each text line (GB18030 after ``FS &``) with its size and weight,
the QR codes, the pictures of the raster mode, whether it cuts and opens the drawer.

Pure and forgiving: a command it does not know is skipped, never an error, because a
preview must show what it can.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Commands of a fixed length, by their first two bytes.
FIXED = {
    b"\x1b@": 2,  # ESC @ reset
    b"\x1c&": 2,  # FS & Chinese mode on
    b"\x1c.": 2,  # FS . Chinese mode off
    b"\x1bE": 3,  # ESC E n bold
    b"\x1ba": 3,  # ESC a n alignment
    b"\x1b!": 3,  # ESC ! n print mode
    b"\x1d!": 3,  # GS ! n character size
    b"\x1bd": 3,  # ESC d n feed lines
    b"\x1b2": 2,  # ESC 2 default line spacing
    b"\x1b3": 3,  # ESC 3 n line spacing
    b"\x1bt": 3,  # ESC t n code page
    b"\x1bM": 3,  # ESC M n font
    b"\x1b-": 3,  # ESC - n underline
    b"\x1bp": 5,  # ESC p m t1 t2 drawer kick
    b"\x10\x04": 3,  # DLE EOT n status
    b"\x1dB": 3,  # GS B n reverse
    b"\x1dL": 4,  # GS L nL nH left margin
    b"\x1dW": 4,  # GS W nL nH print width
}


@dataclass(frozen=True, slots=True)
class PrintedLine:
    text: str
    big: bool = False  # printed at double size (GS !)
    bold: bool = False
    qr: str = ""  # a QR code standing for this line
    picture: bool = False  # a picture (raster mode) standing for this line


@dataclass(frozen=True, slots=True)
class PrintedSlip:
    lines: tuple[PrintedLine, ...]
    cut: bool
    drawer: bool
    chinese_mode: bool

    @property
    def pictures(self) -> int:
        return sum(1 for line in self.lines if line.picture)

    def text(self) -> list[str]:
        return [line.text for line in self.lines if not line.picture and not line.qr]


def decode_slip(data: bytes) -> PrintedSlip:
    lines: list[PrintedLine] = []
    text = bytearray()
    big = bold = cut = drawer = chinese = False
    i, n = 0, len(data)
    while i < n:
        two = bytes(data[i : i + 2])
        if two == b"\x1dV":  # GS V m [n] cut
            cut = True
            i += 3 if i + 2 < n and data[i + 2] in (0, 1, 48, 49) else 4
            continue
        if two == b"\x1d(" and data[i + 2 : i + 3] == b"k":  # GS ( k pL pH cn fn ... (QR)
            size = data[i + 3] + 256 * data[i + 4] if i + 4 < n else 0
            body = bytes(data[i + 5 : i + 5 + size])
            if body[:3] == b"1P0":  # store the symbol's data
                lines.append(PrintedLine("", qr=body[3:].decode("gb18030", errors="replace")))
            i += 5 + size
            continue
        if two == b"\x1dv" and data[i + 2 : i + 3] == b"0":  # GS v 0 m xL xH yL yH picture
            head = data[i + 4 : i + 8]
            if len(head) == 4:
                width, height = head[0] + 256 * head[1], head[2] + 256 * head[3]
                lines.append(PrintedLine("", picture=True))
                i += 8 + width * height
            else:
                i = n
            continue
        if two in FIXED:
            command = data[i : i + FIXED[two]]
            if two == b"\x1c&":
                chinese = True
            elif two == b"\x1c.":
                chinese = False
            elif two == b"\x1d!" and len(command) == 3:
                big = command[2] != 0
            elif two == b"\x1bE" and len(command) == 3:
                bold = bool(command[2])
            elif two == b"\x1bp":
                drawer = True
            elif two == b"\x1b@":
                big = bold = False
            i += FIXED[two]
            continue
        byte = data[i]
        if byte == 0x0A:
            lines.append(PrintedLine(_text(bytes(text), chinese), big, bold))
            text.clear()
        elif byte >= 0x20:
            text.append(byte)
        elif byte in (0x1B, 0x1C, 0x1D):
            i += 1  # an unknown command: skip its introducer and its letter, carry on
        i += 1
    if text:
        lines.append(PrintedLine(_text(bytes(text), chinese), big, bold))
    return PrintedSlip(tuple(lines), cut, drawer, chinese)


def _text(raw: bytes, chinese: bool) -> str:
    return raw.decode("gb18030" if chinese else "latin-1", errors="replace")
