"""card ledger by day

Revision ID: members_0005
Revises: members_0004

The reports read the card ledger by shop day: the day's card sales, top-ups and uses,
and the cards closed (refunded, expired, transferred, voided) since a day, for what
period cards earned. Without an index each of them scans the whole ledger; the index on
(day, kind, account_id) finds a day's entries directly and answers the second query
from the index alone.
"""

from __future__ import annotations

from alembic import op

revision = 'members_0005'
down_revision = 'members_0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('card_ledger', schema=None) as batch_op:
        batch_op.create_index('ix_card_ledger_day', ['day', 'kind', 'account_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('card_ledger', schema=None) as batch_op:
        batch_op.drop_index('ix_card_ledger_day')
