"""Every string marked for translation has Chinese, with the same placeholders."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "salon_desk"
LOCALE = PACKAGE / "resources" / "locale" / "zh_CN"
MARKERS = {"_", "N_"}


def marked_strings(source: str, filename: str = "<source>") -> list[tuple[int, str]]:
    """(line, text) of every string literal passed to ``_()`` or ``N_()``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in MARKERS:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append((node.lineno, first.value))
    return found


def placeholders(text: str) -> set[str]:
    return {name for _t, name, _f, _c in string.Formatter().parse(text) if name is not None}


def load_catalogue() -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(LOCALE.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path.name
        for key, value in data.items():
            assert isinstance(value, str) and value.strip(), f"{path.name}: empty {key!r}"
            if key in merged and merged[key] != value:
                pytest.fail(f"{path.name}: {key!r} is translated differently in another file")
            merged[key] = value
    return merged


def all_marked() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        for line, text in marked_strings(path.read_text(encoding="utf-8"), rel):
            found.append((rel, line, text))
    return found


def test_the_scanner_finds_marked_strings() -> None:
    source = 'x = _("Hello {name}", name=n)\ny = N_("Bye")\nz = i18n._("Dotted")\nq = f("No")\n'
    assert [t for _l, t in marked_strings(source)] == ["Hello {name}", "Bye", "Dotted"]
    assert placeholders("Hello {name}, you owe {amount}") == {"name", "amount"}


def test_every_marked_string_has_chinese() -> None:
    zh = load_catalogue()
    marked = all_marked()
    assert len(marked) > 50  # the scan really found the source
    missing = sorted({f"{rel}:{line}: {text!r}" for rel, line, text in marked if text not in zh})
    assert not missing, "no Chinese for:\n" + "\n".join(missing)


def test_translations_keep_the_placeholders() -> None:
    wrong = [
        f"{key!r} -> {value!r}"
        for key, value in load_catalogue().items()
        if placeholders(key) != placeholders(value)
    ]
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_chinese_entries_are_chinese() -> None:
    """A value copied from the English key by mistake is not a translation."""
    han = re.compile(r"[\u4e00-\u9fff]")
    lazy = [
        key
        for key, value in load_catalogue().items()
        if value == key and han.search(key) is None and re.search(r"[A-Za-z]{3}", key)
    ]
    assert not lazy, "left in English:\n" + "\n".join(lazy)
