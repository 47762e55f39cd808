"""a drawer event for a card refund paid out in cash

A member's card refunded (退卡) and paid back in cash is a ``card_back`` drawer event
(the amount leaves the drawer), kept apart from the shop's own paid-outs.

Revision ID: pos_0006
Revises: pos_0005
"""

from __future__ import annotations

from alembic import op

revision = 'pos_0006'
down_revision = 'pos_0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pos_cash_event', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_pos_cash_event_kind'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_pos_cash_event_kind'), "kind IN ('no_sale','paid_in','paid_out','card_back')"
        )


def downgrade() -> None:
    with op.batch_alter_table('pos_cash_event', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_pos_cash_event_kind'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_pos_cash_event_kind'), "kind IN ('no_sale','paid_in','paid_out')"
        )
