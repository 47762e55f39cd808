"""The member profile card (会员资料卡): add a member or change the profile. Counter staff
may; anyone else needs a manager's PIN, asked once when the card opens."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.auth import Actor, Perm
from salon_desk.core.errors import Conflict, SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.rules import GENDERS, SKIN_TYPES
from salon_desk.members.service import MemberService
from salon_desk.ui.context import UiContext
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.big_button import BigButton


class MemberDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        ctx: UiContext,
        row: MemberRow | None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor or ctx.actor
        self.row = row
        self.result_value: MemberRow | int | None = None
        self.setWindowTitle(_("Edit profile") if row else _("New member"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(row.name if row else "", self)
        self.phone = QLineEdit(row.phone or "" if row else "", self)
        self.phone.setInputMethodHints(self.phone.inputMethodHints())
        self.gender = self._combo(GENDERS, row.gender if row else "")
        self.birthday_known = QCheckBox(_("Birthday known"), self)
        self.birthday = QDateEdit(self)
        self.birthday.setCalendarPopup(True)
        self.birthday.setDisplayFormat("yyyy-MM-dd")
        if row and row.birthday:
            self.birthday_known.setChecked(True)
            b = row.birthday
            self.birthday.setDate(QDate(b.year, b.month, b.day))
        else:
            self.birthday.setDate(QDate(1990, 1, 1))
        self.birthday.setEnabled(self.birthday_known.isChecked())
        self.birthday_known.toggled.connect(self.birthday.setEnabled)
        birthday_row = QHBoxLayout()
        birthday_row.addWidget(self.birthday_known)
        birthday_row.addWidget(self.birthday, 1)
        tiers = {"": _("Ordinary")} | {
            str(t.id): t.name for t in ctx.service(MemberService).tiers()
        }
        self.tier = QComboBox(self)
        for key, label in tiers.items():
            self.tier.addItem(label, key)
        if row and row.tier_id:
            self.tier.setCurrentIndex(max(0, self.tier.findData(str(row.tier_id))))
        self.skin = self._combo(SKIN_TYPES, row.skin_type if row else "")
        self.allergies = QLineEdit(row.allergies if row else "", self)
        self.contra = QLineEdit(row.contraindications if row else "", self)
        self.referral = QLineEdit(row.referral if row else "", self)
        self.notes = QLineEdit(row.notes if row else "", self)
        self.marketing = QCheckBox(_("Agrees to calls about offers"), self)
        self.marketing.setChecked(bool(row and row.marketing_ok))
        for label, widget in (
            (_("Name"), self.name),
            (_("Mobile"), self.phone),
            (_("Gender"), self.gender),
            (_("Birthday"), birthday_row),
            (_("Member level"), self.tier),
            (_("Skin type"), self.skin),
            (_("Allergies"), self.allergies),
            (_("Contraindications"), self.contra),
            (_("Referred by"), self.referral),
            (_("Notes"), self.notes),
        ):
            form.addRow(label, widget)
        form.addRow("", self.marketing)
        for w in self.findChildren(QLineEdit) + self.findChildren(QComboBox):
            w.setMinimumHeight(TOUCH)
        layout.addLayout(form)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(_("Save"), self, role="primary")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def _combo(self, choices: dict[str, str], current: str) -> QComboBox:
        box = QComboBox(self)
        for key, label in choices.items():
            box.addItem(_(label), key)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box

    def data(self) -> MemberInput:
        d = self.birthday.date()
        tier = self.tier.currentData()
        return MemberInput(
            name=self.name.text(),
            phone=self.phone.text(),
            gender=self.gender.currentData(),
            birthday=d.toPython() if self.birthday_known.isChecked() else None,  # type: ignore[arg-type]
            tier_id=int(tier) if tier else None,
            skin_type=self.skin.currentData(),
            allergies=self.allergies.text(),
            contraindications=self.contra.text(),
            notes=self.notes.text(),
            referral=self.referral.text(),
            marketing_ok=self.marketing.isChecked(),
        )

    def save(self) -> None:
        svc = self.ctx.service(MemberService)
        try:
            if self.row is None:
                self.result_value = svc.create(self.actor, self.data())
            else:
                self.result_value = svc.update(self.actor, self.row.id, self.data())
        except Conflict as exc:
            other = exc.params.get("member_id")
            if other is not None and self.ctx.prompts.confirm(
                self, error_text(exc) + "\n" + _("Open that member?"), yes=_("Open the profile")
            ):
                self.result_value = int(other)
                self.accept()
                return
            self.message.setText(error_text(exc))
            return
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, ctx: UiContext, row: MemberRow | None
    ) -> MemberRow | int | None:
        """The saved member, the id of the member who already has that phone (when the
        user chose to open them), or ``None`` (also when no manager authorised it)."""
        actor = ctx.actor
        if not actor.can(Perm.MEMBER_EDIT):
            grant = ctx.override(parent, ctx, Perm.MEMBER_EDIT)
            if grant is None:
                return None
            actor = actor.with_grant(grant)
        dialog = cls(parent, ctx, row, actor)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_value
        return None
