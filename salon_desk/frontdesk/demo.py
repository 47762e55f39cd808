"""Demo data for the front-desk logs: this morning's visitors, complaints in every state,
lost property, a phone directory with managers' confidential numbers, open handover
items."""

from __future__ import annotations

from datetime import timedelta

from salon_desk.core.auth import Actor, Role
from salon_desk.core.context import Core
from salon_desk.frontdesk.complaints_service import ComplaintService
from salon_desk.frontdesk.directory_service import DirectoryService
from salon_desk.frontdesk.handover_service import HandoverService
from salon_desk.frontdesk.logs_service import LostPropertyService, VisitorService

DIRECTORY: tuple[tuple[str, str, str, str, bool], ...] = (
    ("王店长（手机）", "staff", "139 1234 8888", "紧急情况才打", True),
    ("前台座机", "staff", "021-6288 5678", "", False),
    ("欧莱雅专业线 张经理", "supplier", "021-5012 3344", "每月 5 日前下单", False),
    ("娇韵诗专柜供货", "supplier", "400-820-6688", "", False),
    ("美容仪器维修 刘师傅", "service", "138 1711 2233", "仪器保修至 2027 年 6 月", False),
    ("物业管理处", "service", "021-6288 0001", "空调、水电报修", False),
    ("顺丰快递", "service", "95338", "", False),
)


def seed(core: Core, owner: Actor) -> None:
    managers = core.auth.list_staff(role=Role.MANAGER)
    manager_id = managers[0].id if managers else owner.staff_id
    now = core.clock.now()

    visitors = VisitorService(core)
    v = visitors.sign_in(
        owner,
        name="欧莱雅 张经理",
        people=2,
        reason="新品培训",
        visiting="王店长",
        phone="021-5012 3344",
        at=now - timedelta(hours=2),
    )
    visitors.sign_out(owner, v.id, at=now - timedelta(hours=1))
    visitors.sign_in(owner, name="刘师傅", people=1, reason="维修射频美容仪", visiting="前台")

    complaints = ComplaintService(core)
    c1 = complaints.register(
        owner,
        customer="孙女士",
        contact="137 0013 7000",
        what="做完面部护理后两颊发红发痒",
        severity="high",
        assigned_to=manager_id,
    )
    complaints.update(owner, c1.id, status="in_progress", note="已电话回访，约明天来店复诊")
    c2 = complaints.register(
        owner, customer="周先生", contact="", what="预约 14:00 等到 14:30 才开始", severity="low"
    )
    complaints.update(owner, c2.id, status="resolved", note="当面致歉，赠送手部护理一次")
    complaints.register(
        owner,
        customer="钱女士",
        contact="136 0000 1111",
        what="储值卡余额与小票不符",
        severity="medium",
        assigned_to=manager_id,
    )

    lost = LostPropertyService(core)
    lost.record_found(
        owner,
        item="黑色折叠伞",
        place="门口伞架",
        found_by="小陈",
        handed_to=manager_id,
        found_at=now - timedelta(days=1),
    )
    ring = lost.record_found(
        owner,
        item="银色耳环一只",
        place="3号美容房",
        found_by="小美",
        handed_to=manager_id,
        found_at=now - timedelta(days=3),
    )
    lost.claim(owner, ring.id, claimed_by="赵女士", contact="138 0013 8000")

    directory = DirectoryService(core)
    for name, category, phone, note, confidential in DIRECTORY:
        directory.add(
            owner, name=name, category=category, phone=phone, note=note, confidential=confidential
        )
    directory.mark_reviewed(owner)

    handover = HandoverService(core)
    handover.add(owner, "3号房空调漏水，已报物业，明天上午来修")
    done = handover.add(owner, "赵女士的套盒已到，等她来取")
    handover.close(owner, done.id, "已取走")
    handover.add(owner, "射频仪探头要换，刘师傅周一带配件来")
