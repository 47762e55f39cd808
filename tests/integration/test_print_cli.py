"""``salon-desk receipt reprint (NUMBER | --last) --to FILE`` and ``receipt show``: a
receipt's printer bytes for support, without a printer."""

from __future__ import annotations

from pathlib import Path

import pytest
from escpos_decode import decode

from salon_desk.cli import EXIT_ERROR, main
from salon_desk.core.context import Core
from salon_desk.pos.print_queue import enqueue_in

SALE = {
    "number": "20261128-0007",
    "lines": [{"name": "面部深层清洁护理", "qty": 1, "unit_fen": 29800, "amount_fen": 29800}],
    "total_fen": 29800,
    "payments": [{"tender": "cash", "amount_fen": 29800}],
}


def sell(db_url: str, *numbers: str) -> None:
    core = Core.open(db_url)
    try:
        with core.db.tx() as s:
            for number in numbers:
                payload = {**SALE, "number": number}
                enqueue_in(s, core.clock, kind="receipt", ref=number, payload=payload)
    finally:
        core.close()


def test_a_receipt_is_written_to_a_file_marked_as_a_reprint(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "receipt.bin"
    assert main(["receipt", "reprint", "--last", "--to", str(target), "--db", db_url]) == EXIT_ERROR
    assert "还没有打印过小票" in capsys.readouterr().err
    assert not target.exists()
    sell(db_url, "20261128-0006", "20261128-0007")
    assert main(["receipt", "reprint", "20261128-0006", "--to", str(target), "--db", db_url]) == 0
    got = decode(target.read_bytes())
    assert any("20261128-0006" in line for line in got.lines)
    assert any("重印" in line for line in got.lines)
    assert got.cut and got.drawer_kicks == 0
    assert str(target) in capsys.readouterr().out
    assert main(["receipt", "show", "--last", "--db", db_url]) == 0
    assert "20261128-0007" in capsys.readouterr().out
    missing = ["receipt", "reprint", "20991231-9999", "--to", str(target), "--db", db_url]
    assert main(missing) == EXIT_ERROR
    assert "20991231-9999" in capsys.readouterr().err
