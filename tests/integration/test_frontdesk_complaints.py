"""Complaints: registered, passed on, resolved with a resolution, summarised monthly."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from salon_desk.core.audit import entries
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid
from salon_desk.frontdesk.complaints_service import ComplaintService
from salon_desk.frontdesk.models import Complaint, ComplaintStep


def _counts(core: Core) -> tuple[int, int]:
    with core.db.read() as s:
        return (
            int(s.scalar(select(func.count()).select_from(Complaint)) or 0),
            int(s.scalar(select(func.count()).select_from(ComplaintStep)) or 0),
        )


def test_complaint_is_registered_passed_on_and_resolved(
    core: Core, counter: Actor, manager: Actor, clock: FixedClock
) -> None:
    svc = ComplaintService(core)
    c = svc.register(
        counter,
        customer="孙女士",
        contact="13700137000",
        what="做完面部护理后皮肤发红",
        severity="high",
        assigned_to=manager.staff_id,
    )
    assert c.number == "20261128-0001"
    assert (c.status, c.assigned_name) == ("open", "李经理")
    assert [x.id for x in svc.open_complaints()] == [c.id]
    clock.advance(minutes=10)
    svc.update(manager, c.id, status="in_progress", note="已电话回访，约明天复诊")
    clock.advance(hours=20)
    done = svc.update(manager, c.id, status="resolved", note="免费做一次舒缓护理，顾客满意")
    assert done.status == "resolved" and done.resolution.startswith("免费")
    assert done.resolved_at == clock.now()
    assert [st.status for st in done.steps] == ["open", "in_progress", "resolved"]
    assert svc.open_complaints() == []
    assert [e.action for e in entries(core.db, object_type="complaint")] == [
        "complaint.resolved",
        "complaint.in_progress",
        "complaint.registered",
    ]


def test_resolution_text_is_required_and_nothing_is_saved(
    core: Core, counter: Actor, manager: Actor
) -> None:
    svc = ComplaintService(core)
    c = svc.register(counter, customer="周先生", contact="", what="等候太久", severity="low")
    before = _counts(core)
    with pytest.raises(Invalid):
        svc.update(manager, c.id, status="resolved", note="   ")
    with pytest.raises(Invalid):
        svc.update(manager, c.id, status="closed", note="x")
    with pytest.raises(Invalid):
        svc.update(manager, c.id, status="open")  # nothing changed
    assert _counts(core) == before
    svc.update(manager, c.id, status="resolved", note="致歉并赠送小样")
    with pytest.raises(Conflict):
        svc.update(manager, c.id, status="resolved", note="再次")
    reopened = svc.update(manager, c.id, status="open", note="顾客再次来电")
    assert reopened.status == "open" and reopened.resolution == ""


@pytest.mark.parametrize(
    "fields",
    [
        {"customer": "", "what": "x", "severity": "low"},
        {"customer": "a", "what": " ", "severity": "low"},
        {"customer": "a", "what": "x", "severity": "huge"},
    ],
)
def test_bad_complaint_saves_nothing(core: Core, counter: Actor, fields: dict) -> None:
    with pytest.raises(Invalid):
        ComplaintService(core).register(counter, contact="", **fields)
    assert _counts(core) == (0, 0)


def test_monthly_summary_pdf_reads_back_with_the_counts(
    core: Core, counter: Actor, manager: Actor, clock: FixedClock, tmp_path: Path
) -> None:
    svc = ComplaintService(core)
    clock.set(clock.now() - timedelta(days=30))  # 29 October: not in November
    svc.register(counter, customer="上月顾客", contact="", what="十月的投诉", severity="low")
    clock.set(clock.now() + timedelta(days=30))
    ids = []
    for name, sev in (("甲", "high"), ("乙", "medium"), ("丙", "medium"), ("丁", "low")):
        ids.append(
            svc.register(counter, customer=name, contact="", what="服务态度", severity=sev).id
        )
    svc.update(manager, ids[0], status="resolved", note="店长当面致歉")
    svc.update(manager, ids[1], status="in_progress", note="跟进中")
    out = tmp_path / "complaints.pdf"
    with pytest.raises(Forbidden):
        svc.summary_pdf(counter, date(2026, 11, 1), out)
    assert not out.exists()
    summary = svc.summary_pdf(manager, date(2026, 11, 15), out)
    assert summary.total == 4
    assert summary.by_severity == {"low": 1, "medium": 2, "high": 1}
    assert summary.by_status == {"open": 2, "in_progress": 1, "resolved": 1}
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    flat = text.replace(" ", "")
    assert "投诉汇总2026-11" in flat
    assert "本月投诉：4宗" in flat
    assert "一般1" in flat and "严重2" in flat and "紧急1" in flat
    assert "未处理2" in flat and "处理中1" in flat and "已解决1" in flat
    assert "店长当面致歉" in flat and "上月顾客" not in flat
    assert entries(core.db, action_prefix="complaint.summary_pdf")[0].after == {
        "month": "2026-11-01",
        "total": 4,
    }
