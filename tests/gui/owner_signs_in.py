"""The main window's tests: the owner (工号 8888, PIN 8888) signs in on the sign-in page."""

from __future__ import annotations

from salon_desk.ui.main_window import MainWindow
from salon_desk.ui.shell.workspace import Workspace
from salon_desk.ui.signin.signin_page import SignInPage


def owner_signs_in(window: MainWindow) -> Workspace:
    page = window.page
    assert isinstance(page, SignInPage)
    page.choose_number("8888")
    page.pin.type_pin("8888")
    page.pin.submit()
    workspace = window.workspace
    assert workspace is not None
    return workspace
