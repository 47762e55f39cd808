"""Domain errors. Each carries a code (an English message id, translatable) and the
parameters to fill it; ``ui/`` and the command line turn them into text in the user's
language with :func:`salon_desk.core.i18n.error_text`."""

from __future__ import annotations

from typing import Any


class SalonError(Exception):
    """Base of every error a user may see. ``code`` is a message id marked with ``N_``."""

    def __init__(self, code: str, /, *, field: str | None = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params

    def __str__(self) -> str:
        try:
            return self.code.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.code

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, field={self.field!r}, **{self.params!r})"


class Invalid(SalonError):
    """The input is wrong; nothing was saved."""


class NotFound(SalonError):
    """The thing asked for does not exist."""


class Conflict(SalonError):
    """The action clashes with the current state (double booking, balance, closed day)."""


class Forbidden(SalonError):
    """The signed-in staff member may not do this; a manager may authorise it."""

    def __init__(self, code: str, /, *, permission: str | None = None, **params: Any) -> None:
        super().__init__(code, **params)
        self.permission = permission


class Locked(SalonError):
    """An account is locked after too many wrong PINs."""


class Unavailable(SalonError):
    """A resource (database, printer, folder) cannot be reached or written."""


class CorruptDatabase(Unavailable):
    """The database file fails its integrity check; it must not be overwritten."""
