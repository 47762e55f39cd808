"""Import members and their card balances from a CSV or Excel file: choose the file, read
the dry run (every row's result: row, column, reason), then import — all of it, or only
the valid rows when the manager says so. Needs a manager (asked once, when it opens)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.auth import Actor, Perm
from salon_desk.core.i18n import N_, _
from salon_desk.members.import_file import COLUMNS
from salon_desk.members.import_service import ImportReport, ImportRow, MemberImportService
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

STATUS_LABELS = {
    "new": N_("New member"),
    "card": N_("Another card"),
    "present": N_("Already a member"),
    "error": N_("Error"),
}
STATUS_COLOURS = {"error": "#b3261e", "present": "#9c6b00"}


@dataclass(frozen=True, slots=True)
class ShownLine:
    """One line of the dry run's table: a row of the file with one of its problems (a row
    with three problems is three lines), or its result when it has none."""

    line: int
    name: str
    phone: str
    status: str
    column: str
    reason: str


def shown_lines(row: ImportRow) -> list[ShownLine]:
    if not row.problems:
        number = _("Member No. {number}", number=row.member_number)
        return [ShownLine(row.line, row.name, row.phone, row.status, "", number)]
    return [
        ShownLine(row.line, row.name, row.phone, row.status, p.column, p.reason)
        for p in row.problems
    ]


def _pick_file(parent: QWidget) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose the members file"), "", _("Members file (*.csv *.xlsx)")
    )
    return Path(name) if name else None


class ImportDialog(QDialog):
    def __init__(self, ctx: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.service = ctx.service(MemberImportService)
        self.path: Path | None = None
        self.report: ImportReport | None = None
        #: Asks for the file (tests replace it).
        self.choose_file: Callable[[QWidget], Path | None] = _pick_file
        self.setWindowTitle(_("Import members"))
        self.resize(1240, 700)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_button = BigButton(_("Choose file…"), self, role="primary")
        self.file_button.clicked.connect(self.pick)
        top.addWidget(self.file_button)
        self.file_label = QLabel(
            _(
                "CSV (UTF-8 or GBK) or Excel; first row: {columns}",
                columns="、".join(h[0] for h in COLUMNS.values()),
            ),
            self,
        )
        self.file_label.setWordWrap(True)
        self.file_label.setProperty("role", "muted")
        top.addWidget(self.file_label, 1)
        layout.addLayout(top)
        self.summary = QLabel("", self)
        self.summary.setProperty("role", "big")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = RowsModel(
            [
                Column(N_("Row"), lambda r: r.line, align="right"),
                Column(N_("Name"), lambda r: r.name),
                Column(N_("Phone"), lambda r: r.phone),
                Column(
                    N_("Result"),
                    lambda r: _(STATUS_LABELS[r.status]),
                    colour=lambda r: STATUS_COLOURS.get(r.status),
                ),
                Column(N_("Column"), lambda r: r.column),
                Column(N_("Reason"), lambda r: r.reason),
            ]
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.close_button = BigButton(_("Close"), self)
        self.close_button.clicked.connect(self.reject)
        self.valid_button = BigButton(_("Import only the valid rows"), self)
        self.valid_button.clicked.connect(self.import_valid)
        self.import_button = BigButton(_("Import"), self, role="primary")
        self.import_button.clicked.connect(self.import_all)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.valid_button)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)
        self._update()

    def pick(self) -> None:
        path = self.choose_file(self)
        if path is not None:
            self.check(path)

    def check(self, path: Path) -> None:
        """The dry run: nothing is saved."""
        self.path = path
        self.report = None
        self.file_label.setText(str(path))
        self.report = self.ctx.attempt(self, self.service.dry_run, self.actor, path)
        self._show()

    def _show(self) -> None:
        r = self.report
        rows: list[ImportRow] = list(r.rows) if r else []
        rows.sort(key=lambda x: (x.status not in ("error", "present"), x.status != "error", x.line))
        self.model.set_rows([line for row in rows for line in shown_lines(row)])
        self.table.resizeColumnsToContents()
        if r is None:
            self.summary.setText("")
        else:
            self.summary.setText(
                _(
                    "{members} new members and {cards} cards can be imported; "
                    "{present} rows are members already on file; {errors} rows have errors.",
                    members=r.members,
                    cards=r.cards,
                    present=len(r.present),
                    errors=len(r.errors),
                )
            )
            self.summary.setProperty("role", "error" if r.errors else "big")
            self.summary.style().unpolish(self.summary)
            self.summary.style().polish(self.summary)
        self._update()

    def _update(self) -> None:
        r = self.report
        can = r is not None and bool(r.valid)
        self.import_button.setEnabled(can and r is not None and not r.errors)
        self.valid_button.setEnabled(can and r is not None and bool(r.errors))

    def import_all(self) -> None:
        self._run(only_valid=False)

    def import_valid(self) -> None:
        r = self.report
        if r is None or not self.ctx.prompts.confirm(
            self,
            _(
                "Import the {n} valid rows and leave out the {errors} rows with errors?",
                n=len(r.valid),
                errors=len(r.errors),
            ),
            yes=_("Import only the valid rows"),
            no=_("Cancel"),
        ):
            return
        self._run(only_valid=True)

    def _run(self, *, only_valid: bool) -> None:
        if self.path is None:
            return
        done = self.ctx.attempt(
            self, self.service.run, self.actor, self.path, only_valid=only_valid
        )
        if done is None:
            return
        self.report = done
        self._show()
        if done.imported:
            self.ctx.hub.notify("members")
            self.ctx.prompts.info(
                self,
                _(
                    "Imported {members} members and {cards} cards.",
                    members=done.members,
                    cards=done.cards,
                ),
            )
            self.accept()
        else:
            self.ctx.prompts.error(
                self, _("Nothing was imported: the file changed or rows have errors.")
            )

    @classmethod
    def for_manager(cls, ctx: UiContext, parent: QWidget | None = None) -> ImportDialog | None:
        """The dialog for a manager, or after a manager's PIN; ``None`` when refused."""
        actor = ctx.actor
        if not actor.can(Perm.MEMBER_IMPORT):
            grant = ctx.override(parent, ctx, Perm.MEMBER_IMPORT)
            if grant is None:
                return None
            actor = actor.with_grant(grant)
        return cls(ctx, actor, parent)
