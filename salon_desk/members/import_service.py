"""Import members and their remaining card balances from a CSV or XLSX file.

``dry_run`` checks every row exactly as the import would — each row is added inside a
savepoint of one transaction through the member form's own checks
(:meth:`MemberService.create_in`), then everything is rolled back — and lists each row's
problems (row number, column, reason in the user's language). ``run`` does the same and
commits only when no row failed, or, when the user chose ``only_valid``, commits the rows
that passed. A member whose phone is already on file is reported and skipped, never
duplicated, so running the same file twice adds nothing. Both need
``Perm.MEMBER_IMPORT``; an import that commits writes one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid, SalonError
from salon_desk.core.i18n import N_, error_text
from salon_desk.members.card_import import import_card_in
from salon_desk.members.card_models import CardProduct
from salon_desk.members.import_checks import row_problems
from salon_desk.members.import_file import COLUMNS, Sheet, SheetRow, read_sheet
from salon_desk.members.import_rows import (
    read_card,
    read_date,
    read_gender,
    read_skin_type,
    read_yes_no,
)
from salon_desk.members.models import Member, MemberTier
from salon_desk.members.rows import MemberInput
from salon_desk.members.rules import clean_name, normalise_phone
from salon_desk.members.service import MemberService

#: Form fields that are named differently from the file's columns.
_FIELD_COLUMN = {"tier_id": "tier", "service_ids": "card_code"}


@dataclass(frozen=True, slots=True)
class RowProblem:
    column: str  # the column's header as written in the file ("" for the whole row)
    reason: str  # in the user's language


@dataclass(frozen=True, slots=True)
class ImportRow:
    line: int
    name: str
    phone: str
    status: str  # "new" (a member), "card" (another card of a member above), "present", "error"
    problems: tuple[RowProblem, ...] = ()
    member_number: str = ""
    has_card: bool = False


@dataclass(frozen=True, slots=True)
class ImportReport:
    file: str
    encoding: str
    rows: tuple[ImportRow, ...]
    imported: bool  # committed
    members: int  # added (or that would be added)
    cards: int

    @property
    def errors(self) -> list[ImportRow]:
        return [r for r in self.rows if r.status == "error"]

    @property
    def present(self) -> list[ImportRow]:
        return [r for r in self.rows if r.status == "present"]

    @property
    def valid(self) -> list[ImportRow]:
        return [r for r in self.rows if r.status in ("new", "card")]


class _Undo(Exception):
    """Leaves the import's transaction without committing."""


class MemberImportService:
    def __init__(self, core: Core) -> None:
        self.core = core
        self.members = MemberService(core)

    def dry_run(self, actor: Actor, path: Path) -> ImportReport:
        return self._go(actor, Path(path), commit=False, only_valid=False)

    def run(self, actor: Actor, path: Path, *, only_valid: bool = False) -> ImportReport:
        return self._go(actor, Path(path), commit=True, only_valid=only_valid)

    def _go(self, actor: Actor, path: Path, *, commit: bool, only_valid: bool) -> ImportReport:
        require(actor, Perm.MEMBER_IMPORT)
        require(actor, Perm.MEMBER_EDIT)  # each row is added as the member form adds it
        sheet = read_sheet(path)
        outcome: list[ImportReport] = []
        try:
            with self.core.db.tx() as s:
                rows = self._rows(s, actor, sheet, path.name)
                report = _report(path.name, sheet.encoding, rows, imported=False)
                ok = bool(report.valid) and (not report.errors or only_valid)
                if not (commit and ok):
                    outcome.append(report)
                    raise _Undo
                report = _report(path.name, sheet.encoding, rows, imported=True)
                record(
                    s,
                    self.core.clock,
                    actor,
                    "member.import",
                    "member",
                    None,
                    after={
                        "file": path.name,
                        "members": report.members,
                        "cards": report.cards,
                        "skipped_present": len(report.present),
                        "skipped_errors": len(report.errors),
                        "numbers": [r.member_number for r in report.rows if r.status == "new"],
                    },
                )
                outcome.append(report)
        except _Undo:
            pass
        return outcome[-1]

    def _rows(self, s: Session, actor: Actor, sheet: Sheet, file: str) -> list[ImportRow]:
        tiers = {t.name: t.id for t in s.scalars(select(MemberTier).where(MemberTier.active))}
        codes = set(s.scalars(select(CardProduct.code)))
        today = local_day(self.core.clock.now(), self.core.settings.tz())
        added: dict[str, tuple[int, str, str, int]] = {}  # phone → id, name, number, line
        out = []
        for row in sheet.rows:
            name, phone = row.values.get("name", ""), row.values.get("phone", "")
            try:
                with s.begin_nested():
                    out.append(self._row(s, actor, sheet, row, tiers, added, file))
            except SalonError as exc:
                found = row_problems(row.values, today=today, tiers=tiers, card_codes=codes)
                problems = [_problem(sheet, e) for e in found]
                first = _problem(sheet, exc)
                if first not in problems:  # a check that needs the database (a taken number)
                    problems.insert(0, first)
                out.append(ImportRow(row.line, name, phone, "error", tuple(problems)))
        return out

    def _row(
        self,
        s: Session,
        actor: Actor,
        sheet: Sheet,
        row: SheetRow,
        tiers: dict[str, int],
        added: dict[str, tuple[int, str, str, int]],
        file: str,
    ) -> ImportRow:
        v = row.values
        phone = normalise_phone(v.get("phone", ""))
        name = clean_name(v.get("name", ""))
        card = read_card(v)
        reason = f"导入 {file}"[:200]
        if phone in added:
            member_id, first_name, number, line = added[phone]
            if name != first_name:
                raise Invalid(
                    N_("Row {line} has this phone with another name: {name}"),
                    field="name",
                    line=line,
                    name=first_name,
                )
            if card is None:
                raise Invalid(N_("This phone is already in row {line}."), field="phone", line=line)
            import_card_in(
                s, self.core.clock, actor, member_id=member_id, cells=card, reason=reason
            )
            return ImportRow(row.line, name, phone, "card", member_number=number, has_card=True)
        on_file = s.scalar(select(Member).where(Member.phone == phone))
        if on_file is not None:
            return ImportRow(
                row.line,
                name,
                phone,
                "present",
                (
                    RowProblem(
                        sheet.headers["phone"],
                        error_text(
                            Invalid(
                                N_("Already a member ({name}, No. {number}): row skipped."),
                                name=on_file.name,
                                number=on_file.number,
                            )
                        ),
                    ),
                ),
                on_file.number,
            )
        tier_name = v.get("tier", "").strip()
        if tier_name and tier_name not in tiers:
            raise Invalid(N_("No such member level."), field="tier_id")
        data = MemberInput(
            name=name,
            phone=phone,
            gender=read_gender(v.get("gender", "")),
            birthday=read_date(v.get("birthday", ""), "birthday"),
            tier_id=tiers.get(tier_name) if tier_name else None,
            skin_type=read_skin_type(v.get("skin_type", "")),
            allergies=v.get("allergies", ""),
            contraindications=v.get("contraindications", ""),
            notes=v.get("notes", ""),
            referral=v.get("referral", ""),
            marketing_ok=read_yes_no(v.get("marketing_ok", ""), "marketing_ok"),
            number=v.get("number", "") or None,
        )
        m = self.members.create_in(s, actor, data)
        if card is not None:
            import_card_in(s, self.core.clock, actor, member_id=m.id, cells=card, reason=reason)
        added[phone] = (m.id, name, m.number, row.line)
        return ImportRow(
            row.line, name, phone, "new", member_number=m.number, has_card=card is not None
        )


def _problem(sheet: Sheet, exc: SalonError) -> RowProblem:
    column = _FIELD_COLUMN.get(exc.field or "", exc.field or "")
    return RowProblem(sheet.headers.get(column, ""), error_text(exc))


def _report(file: str, encoding: str, rows: list[ImportRow], *, imported: bool) -> ImportReport:
    valid = [r for r in rows if r.status in ("new", "card")]
    return ImportReport(
        file=file,
        encoding=encoding,
        rows=tuple(rows),
        imported=imported,
        members=sum(1 for r in valid if r.status == "new"),
        cards=sum(1 for r in valid if r.has_card),
    )


def template_header() -> list[str]:
    """The Chinese headers of an import file, in the usual order."""
    return [headers[0] for headers in COLUMNS.values()]
