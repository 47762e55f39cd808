"""on-hand kept as a running balance

``stock_balance`` carries the sum of the movements of each product at each location, so
that a sale reads (and adds to) one row instead of summing the product's whole history.
It is filled here from the movements already on file; from now on every movement adds
its quantity to it in the same transaction.

Revision ID: stock_0003
Revises: stock_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'stock_0003'
down_revision = 'stock_0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_balance',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('location', sa.String(length=10), nullable=False),
    sa.Column('qty', sa.Integer(), nullable=False),
    sa.CheckConstraint("location IN ('display','store')", name=op.f('ck_stock_balance_location')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_stock_balance_product_id_product')),
    sa.PrimaryKeyConstraint('product_id', 'location', name=op.f('pk_stock_balance')),
    sqlite_with_rowid=False
    )
    op.execute(
        "INSERT INTO stock_balance (product_id, location, qty) "
        "SELECT product_id, location, SUM(qty) FROM stock_movement "
        "GROUP BY product_id, location"
    )


def downgrade() -> None:
    op.drop_table('stock_balance')
