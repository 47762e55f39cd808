"""on-hand sums read from the index

The index of movements by product and location also holds the quantity, so that the
stock on hand (a sum over every movement of a product, asked on each product sold) is
read from the index alone instead of one table row per movement.

Revision ID: stock_0002
Revises: stock_0001
"""

from __future__ import annotations

from alembic import op

revision = 'stock_0002'
down_revision = 'stock_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_movement_product')
        batch_op.create_index(
            'ix_stock_movement_product', ['product_id', 'location', 'qty'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_movement_product')
        batch_op.create_index('ix_stock_movement_product', ['product_id', 'location'], unique=False)
