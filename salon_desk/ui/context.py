"""What every tab is given: the core, its services, the signed-in staff, the hub, prompts.

``ctx.guard(parent, fn, *args)`` is how a widget calls a service that changes something:
it calls ``fn(ctx.actor, *args)``, turns a :class:`SalonError` into a translated message,
and on :class:`Forbidden` offers the manager override (a manager types a PIN) and retries
the same call once with the grant. It returns the result, or ``None`` when the action did
not happen. ``ctx.attempt(parent, fn, *args)`` is the same for calls that take no actor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget

from salon_desk.core.auth import PERM_LABELS, Actor, Grant, Perm
from salon_desk.core.context import Core
from salon_desk.core.errors import Forbidden, SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.ui.hub import Hub
from salon_desk.ui.prompts import Prompts

T = TypeVar("T")
Override = Callable[[QWidget | None, "UiContext", Perm], Grant | None]


def _dialog_override(parent: QWidget | None, ctx: UiContext, perm: Perm) -> Grant | None:
    from salon_desk.ui.override_dialog import OverrideDialog

    grant: Grant | None = OverrideDialog.ask(parent, ctx, perm)
    return grant


class UiContext:
    def __init__(
        self,
        core: Core,
        *,
        prompts: Prompts | None = None,
        hub: Hub | None = None,
        override: Override | None = None,
    ) -> None:
        self.core = core
        self.prompts = prompts or Prompts()
        self.hub = hub or Hub()
        self.override: Override = override or _dialog_override
        self._actor: Actor | None = None
        self._services: dict[type, Any] = {}

    # --- services ------------------------------------------------------------------
    def service(self, cls: type[T]) -> T:
        """One instance of each service class, built on first use as ``cls(core)``."""
        found = self._services.get(cls)
        if found is None:
            found = self._services[cls] = cls(self.core)  # type: ignore[call-arg]
        return found

    def built(self, cls: type[T]) -> T | None:
        """The instance of ``cls`` if something already built it, else ``None``."""
        found: T | None = self._services.get(cls)
        return found

    # --- who is at the counter -----------------------------------------------------------
    @property
    def actor(self) -> Actor:
        if self._actor is None:
            raise RuntimeError("nobody is signed in")
        return self._actor

    @property
    def signed_in(self) -> bool:
        return self._actor is not None

    def sign_in(self, actor: Actor) -> None:
        self._actor = actor
        self.hub.actor_changed.emit(actor)

    def sign_out(self) -> None:
        self._actor = None
        self.hub.actor_changed.emit(None)

    # --- calling services -------------------------------------------------------------
    def guard(
        self, parent: QWidget | None, fn: Callable[..., T], *args: Any, **kwargs: Any
    ) -> T | None:
        actor = self.actor
        try:
            return fn(actor, *args, **kwargs)
        except Forbidden as exc:
            perm = _perm_of(exc)
            if perm is None:
                self.prompts.error(parent, error_text(exc))
                return None
            grant = self.override(parent, self, perm)
            if grant is None:
                return None
            try:
                return fn(actor.with_grant(grant), *args, **kwargs)
            except SalonError as again:
                self.prompts.error(parent, error_text(again))
                return None
        except SalonError as exc:
            self.prompts.error(parent, error_text(exc))
            return None

    def attempt(
        self, parent: QWidget | None, fn: Callable[..., T], *args: Any, **kwargs: Any
    ) -> T | None:
        try:
            return fn(*args, **kwargs)
        except SalonError as exc:
            self.prompts.error(parent, error_text(exc))
            return None

    def confirm(self, parent: QWidget | None, text: str) -> bool:
        return self.prompts.confirm(parent, text)

    def error(self, parent: QWidget | None, text: str) -> None:
        self.prompts.error(parent, text)

    def tr_perm(self, perm: Perm) -> str:
        return _(PERM_LABELS.get(perm, perm.value))


def _perm_of(exc: Forbidden) -> Perm | None:
    name = exc.permission or exc.params.get("permission")
    try:
        return Perm(str(name))
    except ValueError:
        return None
