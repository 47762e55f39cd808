"""Reading and saving the settings declared in :mod:`salon_desk.core.settings_list`.

Shop settings live in the database (shared by every counter); local settings belong to
this PC (its receipt printer, its language) and live in a JSON file in the user config
folder. ``SettingsService.get(name)`` reads either; ``set`` validates, needs the
settings permission, and writes the audit log. The declarations are importable from here
too.
"""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import Clock
from salon_desk.core.db import Database
from salon_desk.core.errors import Invalid, Unavailable
from salon_desk.core.i18n import N_, Msg
from salon_desk.core.models import SettingValue
from salon_desk.core.settings_list import (
    BY_NAME,
    CALLS,
    COUNTER,
    HOURS,
    PREFERENCES,
    SETTINGS,
    SHOP,
    STOCK,
    Setting,
)

__all__ = [
    "BY_NAME",
    "CALLS",
    "COUNTER",
    "HOURS",
    "PREFERENCES",
    "SETTINGS",
    "SHOP",
    "STOCK",
    "Setting",
    "SettingsService",
    "parse_value",
]


def parse_value(setting: Setting, raw: Any) -> Any:
    """Turn what the user typed (or a stored JSON value) into the setting's type, or raise
    :class:`Invalid` with a message that names the setting."""
    label = Msg(setting.label)
    kind = setting.kind
    try:
        if kind is bool:
            if isinstance(raw, bool):
                value: Any = raw
            elif str(raw).strip().lower() in ("1", "true", "yes", "on"):
                value = True
            elif str(raw).strip().lower() in ("0", "false", "no", "off"):
                value = False
            else:
                raise ValueError(raw)
        elif kind is int:
            if isinstance(raw, bool):
                raise ValueError(raw)
            value = int(str(raw).strip())
        elif kind is time:
            value = raw if isinstance(raw, time) else time.fromisoformat(str(raw).strip())
        else:
            value = str(raw).strip() if not setting.multiline else str(raw).strip("\n")
    except (ValueError, TypeError) as exc:
        raise Invalid(
            N_("{setting}: not a valid value: {value}"),
            field=setting.name,
            setting=label,
            value=str(raw)[:40],
        ) from exc
    if kind is int:
        if setting.minimum is not None and value < setting.minimum:
            raise Invalid(
                N_("{setting}: at least {n}"), field=setting.name, setting=label, n=setting.minimum
            )
        if setting.maximum is not None and value > setting.maximum:
            raise Invalid(
                N_("{setting}: at most {n}"), field=setting.name, setting=label, n=setting.maximum
            )
    if kind is str:
        if len(value) > setting.max_length:
            raise Invalid(
                N_("{setting}: at most {n} characters"),
                field=setting.name,
                setting=label,
                n=setting.max_length,
            )
        if any(ord(c) < 32 and c not in "\n\t" for c in value):
            raise Invalid(
                N_("{setting}: not a valid value: {value}"),
                field=setting.name,
                setting=label,
                value=value[:40],
            )
    if setting.choices and str(value) not in {c for c, _l in setting.choices}:
        raise Invalid(
            N_("{setting}: not a valid value: {value}"),
            field=setting.name,
            setting=label,
            value=str(value)[:40],
        )
    if setting.check is not None:
        problem = setting.check(value)
        if problem:
            raise Invalid(problem, field=setting.name, value=str(value)[:60])
    return value


def _value(setting: Setting, values: dict[str, Any]) -> Any:
    """The setting's value in ``values`` (stored or typed), or its default."""
    if setting.name in values:
        try:
            return parse_value(setting, values[setting.name])
        except Invalid:
            return setting.default
    return setting.default


def _to_json(value: Any) -> Any:
    return value.isoformat(timespec="minutes") if isinstance(value, time) else value


class SettingsService:
    def __init__(self, db: Database, clock: Clock, local_file: Path | None) -> None:
        self.db = db
        self.clock = clock
        self.local_file = local_file
        self._cache: dict[str, Any] | None = None
        # the shop's values parsed, for the stored values they were parsed from: a sale
        # reads seven of them (the receipt's shop lines, the time zone)
        self._parsed: tuple[dict[str, Any] | None, dict[str, Any]] = (None, {})

    # --- reading -------------------------------------------------------------------
    def get(self, name: str) -> Any:
        setting = BY_NAME[name]
        if setting.scope == "local":
            return _value(setting, self._local())
        values = self._shop()
        read_from, parsed = self._parsed
        if read_from is not values:
            parsed = {}
            self._parsed = (values, parsed)
        if name not in parsed:
            parsed[name] = _value(setting, values)
        return parsed[name]

    def all(self) -> dict[str, Any]:
        return {s.name: self.get(s.name) for s in SETTINGS}

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.get("shop.timezone"))

    def reload(self) -> None:
        self._cache = None

    def _shop(self) -> dict[str, Any]:
        if self._cache is None:
            with self.db.read() as s:
                self._cache = {
                    row.name: row.value.get("v") for row in s.scalars(select(SettingValue))
                }
        return self._cache

    def _local(self) -> dict[str, Any]:
        if self.local_file is None or not self.local_file.exists():
            return {}
        try:
            data = json.loads(self.local_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    # --- writing -------------------------------------------------------------------
    def set_many(self, actor: Actor, changes: dict[str, Any]) -> dict[str, Any]:
        """Validate every change first; save none unless all are valid."""
        require(actor, Perm.SETTINGS)
        parsed = {}
        for name, raw in changes.items():
            if name not in BY_NAME:
                raise Invalid(N_("Unknown setting: {name}"), name=name)
            parsed[name] = parse_value(BY_NAME[name], raw)
        opens, closes = (parsed.get(n, self.get(n)) for n in ("hours.open", "hours.close"))
        if opens >= closes:
            raise Invalid(
                N_("The closing time must be after the opening time."), field="hours.close"
            )
        shop = {n: v for n, v in parsed.items() if BY_NAME[n].scope == "shop"}
        local = {n: v for n, v in parsed.items() if BY_NAME[n].scope == "local"}
        if local:
            self._write_local(local)
        with self.db.tx() as s:
            for name, value in shop.items():
                row = s.get(SettingValue, name)
                before = row.value.get("v") if row else _to_json(BY_NAME[name].default)
                if before == _to_json(value):
                    continue
                if row is None:
                    row = SettingValue(name=name, value={}, updated_at=self.clock.now())
                    s.add(row)
                row.value = {"v": _to_json(value)}
                row.updated_at = self.clock.now()
                row.updated_by = actor.staff_id
                record(
                    s,
                    self.clock,
                    actor,
                    "settings.change",
                    "setting",
                    name,
                    before={"value": before},
                    after={"value": _to_json(value)},
                )
            for name, value in local.items():
                record(
                    s,
                    self.clock,
                    actor,
                    "settings.change",
                    "setting",
                    name,
                    after={"value": _to_json(value), "scope": "local"},
                )
        self._cache = None
        return parsed

    def set_preference(self, name: str, value: Any) -> Any:
        """A choice anyone at this counter may make without a permission (the language
        switch in the top bar). Only the names in :data:`PREFERENCES`."""
        if name not in PREFERENCES:
            raise Invalid(N_("Unknown setting: {name}"), name=name)
        parsed = parse_value(BY_NAME[name], value)
        self._write_local({name: parsed})
        return parsed

    def set(self, actor: Actor, name: str, value: Any) -> Any:
        return self.set_many(actor, {name: value})[name]

    def _write_local(self, values: dict[str, Any]) -> None:
        if self.local_file is None:
            raise Unavailable(N_("This counter has no settings file."))
        data = self._local()
        data.update({k: _to_json(v) for k, v in values.items()})
        tmp = self.local_file.with_suffix(".tmp")
        try:
            self.local_file.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            tmp.replace(self.local_file)
        except OSError as exc:
            raise Unavailable(
                N_("Cannot write the settings file: {detail}"), detail=str(exc)
            ) from exc
