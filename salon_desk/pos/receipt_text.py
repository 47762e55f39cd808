"""Text for a Chinese receipt printer: what prints, and how many columns it takes.

A receipt printer in Chinese mode (``FS &``) prints GBK: an ASCII character takes one
column, every two-byte character (a CJK ideograph, but also ``·``, ``×``, ``￥``, ``①``)
takes two. So a width is the encoded byte count, never ``len()``. Characters GBK cannot
encode (emoji, rare ideographs outside GBK) would print as garbage, so they become ``?``;
``¥`` (U+00A5) becomes ``￥`` (U+FFE5), which GBK printers know; control characters go.
"""

from __future__ import annotations

import re
import unicodedata

ENCODING = "gbk"
_REPLACE = {"¥": "￥", "\t": " ", "\u00a0": " ", "\u3000": "  "}
_PHONE = re.compile(r"^(\+?86)?(1\d{2})(\d{4})(\d{4})$")


def printable(text: object) -> str:
    """``text`` as a printer can print it: GBK-encodable, one line, no control codes."""
    whole = str(text if text is not None else "")
    if whole.isprintable() and "¥" not in whole:  # the common case: nothing to replace
        try:
            whole.encode(ENCODING)
            return whole
        except UnicodeEncodeError:
            pass
    out = []
    for ch in whole:
        ch = _REPLACE.get(ch, ch)
        if len(ch) == 1 and (unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch == "\n"):
            out.append(" ")
            continue
        try:
            ch.encode(ENCODING)
        except UnicodeEncodeError:
            out.append("?")
            continue
        out.append(ch)
    return "".join(out)


def cells(text: str) -> int:
    """Printed columns of ``text`` (already :func:`printable`)."""
    return len(text.encode(ENCODING, errors="replace"))


def clip(text: str, width: int) -> str:
    """The longest prefix of ``text`` that fits ``width`` columns."""
    if text.isascii():
        return text[: max(width, 0)]
    if cells(text) <= width:
        return text
    used = 0
    for i, ch in enumerate(text):
        w = cells(ch)
        if used + w > width:
            return text[:i]
        used += w
    return text


def wrap(text: object, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` columns, at spaces when a Latin word
    would be cut, anywhere between CJK characters."""
    text = printable(text).strip()
    if not text:
        return []
    lines: list[str] = []
    while cells(text) > width:
        head = clip(text, width)
        cut = len(head)
        if cut < len(text) and text[cut] != " ":
            space = head.rfind(" ")
            if space > 0 and cells(head[:space]) * 2 >= width:
                cut = space
        if cut == 0:
            cut = 1
        lines.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        lines.append(text)
    return lines


def pad_right(text: str, width: int) -> str:
    text = clip(text, width)
    return text + " " * (width - cells(text))


def pad_left(text: str, width: int) -> str:
    text = clip(text, width)
    return " " * (width - cells(text)) + text


def center(text: str, width: int) -> str:
    text = clip(text, width)
    room = width - cells(text)
    return " " * (room // 2) + text


def spread(left: str, right: str, width: int) -> list[str]:
    """``left`` and ``right`` on one line of ``width`` columns, ``right`` flush right; when
    they do not fit together, ``left`` wraps above and ``right`` takes the last line."""
    gap = 1
    if cells(left) + gap + cells(right) <= width:
        return [left + " " * (width - cells(left) - cells(right)) + right]
    lines = wrap(left, width)
    last = lines[-1] if lines else ""
    if cells(last) + gap + cells(right) <= width:
        lines[-1] = last + " " * (width - cells(last) - cells(right)) + right
        return lines
    return [*lines, *(pad_left(part, width) for part in wrap(right, width))]


def mask_phone(phone: object) -> str:
    """``13812345678`` → ``138****5678``; a phone that is already masked stays as it is."""
    text = str(phone or "").strip().replace(" ", "").replace("-", "")
    match = _PHONE.match(text)
    if match:
        return f"{match.group(2)}****{match.group(4)}"
    if len(text) >= 7 and text.isdigit():
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    return str(phone or "").strip()
