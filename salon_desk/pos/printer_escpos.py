"""Loading python-escpos quickly and without litter.

Importing escpos parses its capabilities file and, unless
``ESCPOS_CAPABILITIES_PICKLE_DIR`` names a folder, caches it in a new temporary folder
every time (0.27 s and a folder left behind). We point it at a fixed cache folder first
(the folder must exist), and import it only when a receipt is built or printed.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

#: The profile whose ``cut()`` really emits ``GS V``; several 58 mm profiles emit nothing.
PROFILE = "default"


def _cache_folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("salon-desk", appauthor=False)) / "escpos"


@cache
def escpos_printer() -> ModuleType:
    """``escpos.printer``, imported once with the capabilities cache in a fixed folder."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        folder = _cache_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)
        except OSError:
            pass  # escpos falls back to a temporary folder; slower but it works
    root = logging.getLogger()
    handlers = list(root.handlers)
    import escpos.printer as module

    # escpos.capabilities calls logging.basicConfig() on import; keep our logging as it was.
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    return module  # type: ignore[no-any-return]


def command_buffer() -> Any:
    """A python-escpos ``Dummy`` printer that collects command bytes."""
    return escpos_printer().Dummy(profile=PROFILE)
