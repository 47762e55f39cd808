"""tickets and payments read from indexes

Revision ID: reports_0003
Revises: reports_0002

A month report read each of the month's tickets from the table for the time it was rung
up and its member, and each payment from the table for its tender and amount. These
indexes hold what the reports read:

* ``ix_pos_sale_day_figures`` (replaces ``ix_pos_sale_day``): a range's tickets in the
  order they were rung up, with their member — the sales by quarter hour are added up
  ticket by ticket in that order, and the members' visits read without the table.
* ``ix_pos_payment_sale_figures`` (replaces ``ix_pos_payment_sale_id``): a ticket's
  payments by tender and amount.

Each index it replaces is the first columns of the new one.
"""

from __future__ import annotations

from alembic import op

revision = 'reports_0003'
down_revision = 'reports_0002'
branch_labels = None
depends_on = None

#: table -> (index dropped or None, new index, its columns)
_INDEXES = (
    ('pos_sale', 'ix_pos_sale_day', 'ix_pos_sale_day_figures', ['day', 'at', 'member_id']),
    ('pos_payment', 'ix_pos_payment_sale_id', 'ix_pos_payment_sale_figures',
     ['sale_id', 'tender', 'amount_fen']),
)

#: the indexes replaced, as they were
_OLD = {
    'ix_pos_sale_day': ['day'],
    'ix_pos_payment_sale_id': ['sale_id'],
}


def upgrade() -> None:
    for table, old, new, columns in _INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(new, columns, unique=False)
            if old is not None:
                batch_op.drop_index(old)


def downgrade() -> None:
    for table, old, new, _columns in reversed(_INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if old is not None:
                batch_op.create_index(old, _OLD[old], unique=False)
            batch_op.drop_index(new)
