"""The look: large CJK-capable fonts, 48 px touch targets, a calm high-contrast palette."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

#: Tried in order; the first one installed wins. Windows has Microsoft YaHei.
FONT_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "SimHei",
)
BASE_PT = 13  # about 17 px: readable at arm's length
TOUCH = 48  # minimum height of anything a finger taps, px

PRIMARY = "#1f6f78"
DANGER = "#b3261e"
WARN = "#b26a00"
OK = "#2e7d32"
SURFACE = "#f7f5f2"
INK = "#1c1b1f"
MUTED = "#5f5b66"

STYLE_SHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QDialog {{ background: {SURFACE}; }}
QPushButton {{
    min-height: {TOUCH}px; min-width: {TOUCH}px; padding: 4px 14px;
    border: 1px solid #b9b4ac; border-radius: 8px; background: #ffffff;
}}
QPushButton:pressed {{ background: #dcd7cf; }}
QPushButton:checked {{ background: {PRIMARY}; color: white; border-color: {PRIMARY}; }}
QPushButton:disabled {{ color: #9c98a0; background: #eeebe6; }}
QPushButton[role="primary"] {{ background: {PRIMARY}; color: white; border-color: {PRIMARY};
    font-weight: bold; }}
QPushButton[role="primary"]:pressed {{ background: #15525a; }}
QPushButton[role="primary"]:disabled, QPushButton[role="danger"]:disabled {{
    background: #dedad4; color: #8a8590; border: 1px dashed #b9b4ac; font-weight: normal; }}
QPushButton[role="danger"] {{ background: {DANGER}; color: white; border-color: {DANGER}; }}
QLineEdit, QComboBox, QDateEdit, QTimeEdit, QPlainTextEdit, QTextEdit {{
    min-height: {TOUCH - 8}px; padding: 2px 8px; border: 1px solid #b9b4ac;
    border-radius: 6px; background: white;
}}
QComboBox QAbstractItemView::item {{ min-height: {TOUCH}px; }}
QTabBar::tab {{ min-height: {TOUCH}px; min-width: 96px; padding: 0 16px; font-size: 15pt; }}
QTabBar::tab:selected {{ background: {PRIMARY}; color: white; }}
QHeaderView::section {{ padding: 6px; background: #ebe7e1; border: none;
    border-right: 1px solid #d6d1c9; font-weight: bold; }}
QTableView {{ gridline-color: #e2ddd5; selection-background-color: #cfe6e8;
    selection-color: {INK}; background: white; }}
QScrollBar:vertical {{ width: 28px; }}
QScrollBar:horizontal {{ height: 28px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 32px; height: 32px; }}
QLabel[role="title"] {{ font-size: 18pt; font-weight: bold; }}
QLabel[role="opening"] {{ font-size: 18pt; font-weight: bold; qproperty-alignment: AlignCenter; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="big"] {{ font-size: 28pt; font-weight: bold; }}
QLabel[role="warn"] {{ color: {WARN}; font-weight: bold; }}
QLabel[role="error"] {{ color: {DANGER}; font-weight: bold; }}
"""


def pick_family() -> str:
    installed = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in installed:
            return family
    return QApplication.font().family()


def apply_style(app: QApplication) -> None:
    font = QFont(pick_family(), BASE_PT)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
