"""Read ESC/POS bytes back: the commands and the text lines (GB18030 after ``FS &``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Decoded:
    lines: list[str] = field(default_factory=list)
    commands: list[bytes] = field(default_factory=list)
    chinese_mode: bool = False
    styles: list[tuple[int, bool]] = field(default_factory=list)  # (GS ! n, bold) per line

    def has(self, command: bytes) -> bool:
        return command in self.commands

    @property
    def cut(self) -> bool:
        return any(c.startswith(b"\x1dV") for c in self.commands)

    @property
    def drawer_kicks(self) -> int:
        return sum(1 for c in self.commands if c.startswith(b"\x1bp"))


# fixed-length commands: prefix -> total length
FIXED = {
    b"\x1b@": 2,
    b"\x1c&": 2,
    b"\x1c.": 2,
    b"\x1bE": 3,
    b"\x1ba": 3,
    b"\x1b!": 3,
    b"\x1d!": 3,
    b"\x1bd": 3,
    b"\x1bp": 5,
    b"\x10\x04": 3,
}


def decode(data: bytes) -> Decoded:
    out = Decoded()
    text = bytearray()
    size, bold = 0, False
    i = 0
    while i < len(data):
        two = data[i : i + 2]
        if two == b"\x1dV":
            length = 3 if data[i + 2] in (0, 1, 48, 49) else 4
            out.commands.append(data[i : i + length])
            i += length
            continue
        if two == b"\x1d(" and data[i + 2 : i + 3] == b"k":
            n = data[i + 3] + 256 * data[i + 4]
            out.commands.append(data[i : i + 5 + n])
            i += 5 + n
            continue
        if two in FIXED:
            command = data[i : i + FIXED[two]]
            out.commands.append(command)
            if two == b"\x1c&":
                out.chinese_mode = True
            if two == b"\x1d!":
                size = command[2]
            if two == b"\x1bE":
                bold = bool(command[2])
            i += FIXED[two]
            continue
        byte = data[i]
        if byte == 0x0A:
            out.lines.append(bytes(text).decode("gb18030"))
            out.styles.append((size, bold))
            text.clear()
        elif byte < 0x20:
            raise AssertionError(f"unknown control byte {byte:#04x} at {i}: {data[i : i + 8]!r}")
        else:
            text.append(byte)
        i += 1
    assert not text, f"text without a line end: {bytes(text)!r}"
    return out


def cells(line: str) -> int:
    return len(line.encode("gbk"))
