"""card sales and top-ups as sale lines

A sale line may now be a card sold (``card_sale``) or stored value topped up
(``top_up``): money received for a member's card, kept apart from services and products.

Revision ID: pos_0003
Revises: pos_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'pos_0003'
down_revision = 'pos_0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pos_sale_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('card_product_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('card_account_id', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('bonus_fen', sa.Integer(), nullable=False, server_default='0')
        )
        batch_op.drop_constraint(op.f('ck_pos_sale_line_kind'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_pos_sale_line_kind'), "kind IN ('service','product','card_sale','top_up')"
        )
        batch_op.create_check_constraint(op.f('ck_pos_sale_line_bonus'), 'bonus_fen >= 0')
    with op.batch_alter_table('pos_sale_line', schema=None) as batch_op:
        batch_op.alter_column('bonus_fen', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('pos_sale_line', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_pos_sale_line_bonus'), type_='check')
        batch_op.drop_constraint(op.f('ck_pos_sale_line_kind'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_pos_sale_line_kind'), "kind IN ('service','product')"
        )
        batch_op.drop_column('bonus_fen')
        batch_op.drop_column('card_account_id')
        batch_op.drop_column('card_product_id')
