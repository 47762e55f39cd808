"""What counts as someone at the screen for the idle lock: a press of a mouse button, a
key, a finger or a turn of the wheel, as Qt delivers them; moving, releasing, painting and
the rest of the application's events do not."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QPointingDevice, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from salon_desk.ui.idle_lock import IdleLock


@pytest.fixture
def field(qtbot: QtBot) -> QLineEdit:
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def lock(field: QLineEdit) -> Iterator[IdleLock]:
    idle = IdleLock(field)
    idle.start(5)
    yield idle
    idle.stop()


def wheel(field: QLineEdit) -> None:
    at = QPointF(5, 5)
    QApplication.sendEvent(
        field,
        QWheelEvent(
            at,
            field.mapToGlobal(at),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )


def touch(field: QLineEdit) -> None:
    device = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)
    QTest.touchEvent(field, device).press(0, QPoint(5, 5), field).commit()
    QTest.touchEvent(field, device).release(0, QPoint(5, 5), field).commit()


ACTIVE: dict[str, Callable[[QLineEdit], None]] = {
    "mouse press": lambda f: QTest.mousePress(f, Qt.MouseButton.LeftButton),
    "key press": lambda f: QTest.keyPress(f, Qt.Key.Key_1),
    "touch": touch,
    "wheel": wheel,
}

QUIET: dict[str, Callable[[QLineEdit], None]] = {
    "mouse move": lambda f: QTest.mouseMove(f, QPoint(7, 7)),
    "key release": lambda f: QTest.keyRelease(f, Qt.Key.Key_1),
    "repaint": lambda f: f.repaint(),
    "layout": lambda f: QApplication.sendEvent(f, QEvent(QEvent.Type.LayoutRequest)),
}


@pytest.mark.parametrize("name", [*ACTIVE, *QUIET])
def test_only_a_press_a_key_a_finger_or_the_wheel_is_someone_at_the_screen(
    qtbot: QtBot, field: QLineEdit, lock: IdleLock, name: str
) -> None:
    qtbot.wait(30)
    before = lock.quiet_for()
    assert before >= 0.02
    {**ACTIVE, **QUIET}[name](field)
    assert (lock.quiet_for() < before) == (name in ACTIVE)
