"""Personal data of one member: export it (JSON and CSV) and erase the member.

Both need a manager (``Perm.MEMBER_EXPORT`` / ``Perm.MEMBER_ERASE``) and write the audit
log; the audit entries name the member by number only, never by name or phone.

Erasing overwrites the freed bytes: on SQLite the transaction runs with
``PRAGMA secure_delete=ON`` (freed cells and pages are zeroed) and the write-ahead log is
checkpointed and truncated afterwards, so the old name and phone are neither in the
database file nor in its ``-wal`` file. On PostgreSQL an ``UPDATE``/``DELETE`` leaves the
old row versions behind until vacuum; the service runs ``VACUUM`` on the tables it
touched right after the commit so those versions are pruned. PostgreSQL may still hold
the old bytes in its write-ahead log segments and in free space until they are reused,
and backups keep what they were given; this is said in the erase result.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid, Unavailable
from salon_desk.core.i18n import N_
from salon_desk.members.card_admin import reason_text
from salon_desk.members.privacy import export_in
from salon_desk.members.privacy_erase import ERASE_TABLES, erase_in


@dataclass(frozen=True, slots=True)
class MemberExport:
    member_id: int
    number: str
    data: dict[str, Any]

    def json_bytes(self) -> bytes:
        return json.dumps(self.data, ensure_ascii=False, indent=2).encode("utf-8")

    def csv_bytes(self) -> bytes:
        """One row per value: section, item, field, value (UTF-8 with BOM for Excel)."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(["section", "item", "field", "value"])
        for field, value in self.data["profile"].items():
            w.writerow(["profile", "", field, _cell(value)])
        for section in ("cards", "treatment_records", "sales", "bookings", "follow_up_calls"):
            for i, item in enumerate(self.data[section], start=1):
                for field, value in item.items():
                    if field == "ledger":
                        continue
                    if isinstance(value, dict):
                        for k, v in value.items():
                            w.writerow([section, i, f"{field}.{k}", _cell(v)])
                    else:
                        w.writerow([section, i, field, _cell(value)])
                for j, entry in enumerate(item.get("ledger", ()), start=1):
                    for field, value in entry.items():
                        w.writerow(["card_ledger", f"{i}.{j}", field, _cell(value)])
        return ("\ufeff" + buf.getvalue()).encode("utf-8")

    def file_names(self) -> tuple[str, str]:
        return f"member-{self.number}.json", f"member-{self.number}.csv"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True, slots=True)
class EraseResult:
    member_id: int
    number: str
    counts: dict[str, int]
    #: SQLite: the write-ahead log was checkpointed and truncated (False: another
    #: connection still reads an old snapshot; the next checkpoint overwrites it).
    wal_truncated: bool
    #: PostgreSQL: the touched tables were vacuumed after the commit.
    vacuumed: bool


class MemberPrivacyService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def export(self, actor: Actor, member_id: int) -> MemberExport:
        require(actor, Perm.MEMBER_EXPORT)
        with self.core.db.tx() as s:
            data = export_in(s, member_id)
            number = data["profile"]["number"]
            record(
                s,
                self.core.clock,
                actor,
                "member.export",
                "member",
                member_id,
                after={"number": number},
            )
        return MemberExport(member_id, number, data)

    def export_to(self, actor: Actor, member_id: int, folder: Path) -> list[Path]:
        """Write ``member-<number>.json`` and ``.csv`` into ``folder``."""
        folder = Path(folder)
        if not folder.is_dir():
            raise Invalid(N_("The folder does not exist: {folder}"), folder=str(folder))
        exported = self.export(actor, member_id)
        paths = []
        for name, body in zip(
            exported.file_names(), (exported.json_bytes(), exported.csv_bytes()), strict=True
        ):
            path = folder / name
            try:
                path.write_bytes(body)
            except OSError as exc:
                raise Unavailable(
                    N_("Cannot write the file {path}: {detail}"), path=str(path), detail=str(exc)
                ) from exc
            paths.append(path)
        return paths

    def erase(self, actor: Actor, member_id: int, reason: str) -> EraseResult:
        require(actor, Perm.MEMBER_ERASE)
        why = reason_text(reason)
        db = self.core.db
        with db.tx() as s:
            if db.is_sqlite:
                s.execute(text("PRAGMA secure_delete = ON"))
            counts = erase_in(s, self.core.clock, member_id)
            number = s.execute(
                text("SELECT number FROM member WHERE id = :id"), {"id": member_id}
            ).scalar_one()
            record(
                s,
                self.core.clock,
                actor,
                "member.erase",
                "member",
                member_id,
                after={"number": number, **counts},
                reason=why,
            )
        truncated = vacuumed = False
        if db.is_sqlite:
            with db.engine.connect() as conn:
                busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
                truncated = busy == 0
        else:
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                for table in ERASE_TABLES:
                    conn.exec_driver_sql(f"VACUUM {table}")
            vacuumed = True
        return EraseResult(member_id, number, counts, truncated, vacuumed)
