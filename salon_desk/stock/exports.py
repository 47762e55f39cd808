"""Where the counter's PDFs (labels, count sheets) are written: ``Documents/Salon Desk``
(``SALON_DESK_EXPORTS`` overrides it)."""

from __future__ import annotations

import os
from pathlib import Path

from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import N_


def export_folder() -> Path:
    override = os.environ.get("SALON_DESK_EXPORTS")
    if override:
        folder = Path(override).expanduser()
    else:
        import platformdirs

        folder = Path(platformdirs.user_documents_dir()) / "Salon Desk"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Unavailable(
            N_("Cannot write the file: {detail}"), detail=exc.strerror or str(exc)
        ) from exc
    return folder


def safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text)
