"""The member's signature on a card entry, inside the caller's transaction:
:func:`sign_in` (see :mod:`salon_desk.members.card_admin`)."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from salon_desk.core.clock import Clock
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.members.card_models import CardLedger, CardSignature

MAX_STROKE_POINTS = 5000
MAX_SIGNATURE_PNG = 256 * 1024


def sign_in(
    s: Session,
    clock: Clock,
    ledger_id: int,
    strokes: list[list[list[float]]],
    png: bytes | None = None,
) -> None:
    """Keep the member's signature with a ledger entry (once): the strokes, and the
    picture of them as PNG when the pad gives one (for printing)."""
    entry = s.get(CardLedger, ledger_id)
    if entry is None:
        raise NotFound(N_("No such card entry."))
    points = sum(len(stroke) for stroke in strokes) if isinstance(strokes, list) else 0
    if not points:
        raise Invalid(N_("Please sign on the screen."), field="signature")
    if points > MAX_STROKE_POINTS:
        raise Invalid(N_("The signature is too long; clear it and sign again."), field="signature")
    if png is not None and (
        not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) > MAX_SIGNATURE_PNG
    ):
        raise Invalid(N_("The signature picture cannot be read; sign again."), field="signature")
    if s.get(CardSignature, ledger_id) is not None:
        raise Conflict(N_("This entry is already signed."))
    clean = [[[round(float(x), 1), round(float(y), 1)] for x, y in stroke] for stroke in strokes]
    s.add(
        CardSignature(
            ledger_id=ledger_id, strokes=json.dumps(clean), png=png, signed_at=clock.now()
        )
    )
    s.flush()
