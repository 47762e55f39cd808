"""One translation system for the whole app, inside Qt and outside it (receipts, PDFs,
the command line).

Source strings are English. Catalogues are JSON files under
``salon_desk/resources/locale/<language>/`` (one file per area, all merged), mapping each
English string to its translation. Mark a string for translation with ``_("...")`` where
it is shown and with ``N_("...")`` where it is only declared (error codes, setting
labels, enum labels); ``tests/unit/test_catalogue.py`` finds every marked string in the
source and fails when the Chinese catalogue lacks one.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salon_desk.core.errors import SalonError

LANGUAGES: dict[str, str] = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

_language = DEFAULT_LANGUAGE


@cache
def catalogue(language: str) -> dict[str, str]:
    """Every translation of ``language``, merged from its JSON files."""
    merged: dict[str, str] = {}
    if language == "en":
        return merged
    folder = resources.files("salon_desk") / "resources" / "locale" / language
    if not folder.is_dir():
        return merged
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text(encoding="utf-8")))
    return merged


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language


def current_language() -> str:
    return _language


def translate(message: str, language: str | None = None) -> str:
    return catalogue(language or _language).get(message, message)


def _(message: str, /, **params: Any) -> str:
    """Translate ``message`` into the current language and fill ``{params}``."""
    text = catalogue(_language).get(message, message)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return message.format(**params)
    return text


def N_(message: str, /) -> str:
    """Mark ``message`` for translation without translating it now."""
    return message


def error_text(error: SalonError) -> str:
    """The user's-language text of a domain error."""
    params = {k: _param_text(v) for k, v in error.params.items()}
    return _(error.code, **params) if params else _(error.code)


class Msg(str):
    """A message parameter that is itself an English source text, translated on display:
    ``Forbidden(N_("... {action}"), action=Msg(N_("Refund")))``."""

    __slots__ = ()


def _param_text(value: Any) -> Any:
    from salon_desk.core.money import Money

    if isinstance(value, Msg):
        return translate(value)
    if isinstance(value, Money):
        return value.format()
    return value
