"""What the front-desk services return: frozen rows, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class VisitorRow:
    id: int
    name: str
    phone: str
    people: int
    reason: str
    visiting: str
    signed_in_at: datetime
    signed_out_at: datetime | None
    staff_name: str

    @property
    def inside(self) -> bool:
        return self.signed_out_at is None


@dataclass(frozen=True, slots=True)
class ComplaintStepRow:
    id: int
    status: str
    assigned_to: int | None
    assigned_name: str
    note: str
    at: datetime
    staff_name: str


@dataclass(frozen=True, slots=True)
class ComplaintRow:
    id: int
    number: str
    customer: str
    contact: str
    what: str
    severity: str
    received_at: datetime
    staff_name: str
    status: str
    assigned_to: int | None
    assigned_name: str
    updated_at: datetime
    resolution: str
    resolved_at: datetime | None
    steps: tuple[ComplaintStepRow, ...] = ()


@dataclass(frozen=True, slots=True)
class LostItemRow:
    id: int
    item: str
    place: str
    found_at: datetime
    found_by: str
    handed_to: int
    handed_name: str
    recorded_at: datetime
    claimed_by: str | None
    claimed_contact: str | None
    claimed_at: datetime | None

    @property
    def claimed(self) -> bool:
        return self.claimed_at is not None


@dataclass(frozen=True, slots=True)
class DirectoryRow:
    id: int
    name: str
    category: str
    phone: str
    note: str
    confidential: bool
    active: bool
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewState:
    last_review: datetime | None
    reviewer: str
    due: bool  # not checked through for a month (or never)


@dataclass(frozen=True, slots=True)
class HandoverRow:
    id: int
    text: str
    at: datetime
    staff_name: str
    closed_at: datetime | None
    closed_name: str
    closing_note: str

    @property
    def open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # visitor, complaint, lost, directory, handover
    id: int
    at: datetime
    title: str
    detail: str


@dataclass(frozen=True, slots=True)
class ComplaintSummary:
    month: date  # first day of the month
    total: int
    by_severity: dict[str, int]
    by_status: dict[str, int]
    complaints: tuple[ComplaintRow, ...]
