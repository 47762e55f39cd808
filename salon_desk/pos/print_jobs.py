"""A print job written inside another transaction: the checkout, a refund, the Z report
queue their slip with :func:`enqueue_in`, so the job exists exactly when the document does
(the money is safe before the paper). The payload is stored as JSON; the errors a job
met are kept as JSON too (:func:`error_json`), so that they can be shown in the user's
language later. :mod:`salon_desk.pos.print_queue` is what the screens and the worker use.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from salon_desk.core import direct
from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import Msg
from salon_desk.pos.print_models import PrintJob

KINDS = ("receipt", "card_refund", "z_report", "test_page")


def station_name() -> str:
    """This counter PC: its jobs print on its own printer (``printer.address`` is a
    setting of this PC), even when several counters share one PostgreSQL database."""
    return (platform.node() or "counter")[:64]


def json_safe(value: Any) -> Any:
    """A copy of ``value`` that JSON can store: datetimes and dates as ISO text, Money as
    fen. Floats are refused (money is integer fen)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    # plain dicts and lists by their exact type (a receipt is some sixty of them and
    # their values; an abstract-class check costs more than the copy)
    if kind is dict:
        return {
            k if type(k) is str else str(k): v if type(v) in _PLAIN else json_safe(v)
            for k, v in value.items()
        }
    if kind is list or kind is tuple:
        return [v if type(v) in _PLAIN else json_safe(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} in a print job")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    fen = getattr(value, "fen", None)
    if isinstance(fen, int):
        return fen
    raise TypeError(f"{type(value).__name__} cannot go into a print job")


_PLAIN = frozenset({type(None), bool, int, str})


def enqueue_in(
    s: Session,
    clock: Clock,
    *,
    kind: str,
    ref: str,
    payload: Mapping[str, Any],
    actor: Actor | None = None,
    station: str | None = None,
) -> int:
    """Record a print job in the caller's transaction; returns its id. The job prints
    only if that transaction commits. Wake the worker after the commit."""
    if kind not in KINDS:
        raise ValueError(f"unknown print job kind {kind!r}")
    if not isinstance(ref, str) or not ref.strip() or len(ref) > 40:
        raise ValueError(f"a print job needs a document number, got {ref!r}")
    now = clock.now()
    values = {
        "kind": kind,
        "ref": ref.strip(),
        "payload": json_safe(payload),  # a copy
        "station": (station or station_name())[:64],
        "status": "queued",
        "attempts": 0,
        "last_error": None,
        "reprint_of": None,
        "created_by": actor.staff_id if actor else None,
        "created_at": now,
        "printed_at": None,
        "updated_at": now,
    }
    # A plain INSERT on the transaction's connection: every sale queues its receipt, and
    # the unit of work's bookkeeping for one new object costs four times the insert.
    job_id: int = direct.scalar_one(s, _INSERT_JOB, values)
    return job_id


_INSERT_JOB = insert(PrintJob).returning(PrintJob.id)


# --- errors kept on a job ------------------------------------------------------------------
def error_json(error: SalonError) -> str:
    params = {k: (str(v) if not isinstance(v, int) else v) for k, v in error.params.items()}
    msg = sorted(k for k, v in error.params.items() if isinstance(v, Msg))
    return json.dumps({"code": error.code, "params": params, "msg": msg}, ensure_ascii=False)


def error_from_json(text: str | None) -> SalonError | None:
    if not text:
        return None
    try:
        data = json.loads(text)
        params = {k: Msg(v) if k in data.get("msg", []) else v for k, v in data["params"].items()}
        return SalonError(str(data["code"]), **params)
    except (ValueError, KeyError, TypeError, AttributeError):
        return SalonError(text)
