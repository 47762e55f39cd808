"""indexes the reports read from

Revision ID: reports_0002
Revises: reports_0001

A month report read every booking, ticket line and item of the month from the tables
themselves, and looked for the period cards closed since the month began through every
ledger entry posted after it (three years of them for a month of the first year). These
indexes hold what the reports read, so the pages of the big tables stay unread:

* ``ix_booking_day_figures``: a range's bookings counted by status, 点钟/轮钟, source and
  beautician (the booking figures and the days' figures).
* ``ix_booking_item_booking_price`` (replaces ``ix_booking_item_booking_id``): a
  booking's services and their list price.
* ``ix_booking_sale_ref_staff`` (replaces ``ix_booking_sale_ref``): whether the booking
  a ticket paid asked for the beautician by number.
* ``ix_pos_sale_line_sale_figures`` (replaces ``ix_pos_sale_line_sale_id``): a ticket's
  lines by kind, gift, net amount, seller and quantity.
* ``ix_card_account_kind_sold``: the period cards sold by a day.
* ``ix_card_ledger_account_kind``: whether a card was closed (or given a treatment back)
  since a day, read card by card.

Each index it replaces is the first columns of the new one: whatever found rows through
the old one finds them through the new one.
"""

from __future__ import annotations

from alembic import op

revision = 'reports_0002'
down_revision = 'reports_0001'
branch_labels = None
depends_on = ('booking_0004', 'members_0006', 'pos_0006')

#: table -> (index dropped or None, new index, its columns)
_INDEXES = (
    ('booking', None, 'ix_booking_day_figures',
     ['day', 'status', 'requested', 'source', 'staff_id']),
    ('booking_item', 'ix_booking_item_booking_id', 'ix_booking_item_booking_price',
     ['booking_id', 'price_fen']),
    ('booking', 'ix_booking_sale_ref', 'ix_booking_sale_ref_staff',
     ['sale_ref', 'staff_id', 'requested']),
    ('pos_sale_line', 'ix_pos_sale_line_sale_id', 'ix_pos_sale_line_sale_figures',
     ['sale_id', 'kind', 'gift', 'net_fen', 'seller_id', 'qty']),
    ('card_account', None, 'ix_card_account_kind_sold', ['kind', 'sold_at']),
    ('card_ledger', None, 'ix_card_ledger_account_kind', ['account_id', 'kind', 'day']),
)

#: the indexes replaced, as they were
_OLD = {
    'ix_booking_item_booking_id': ['booking_id'],
    'ix_booking_sale_ref': ['sale_ref'],
    'ix_pos_sale_line_sale_id': ['sale_id'],
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
