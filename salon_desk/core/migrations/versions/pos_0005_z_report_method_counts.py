"""a Z report keeps the counted totals of bank card, WeChat Pay and Alipay

``method_counts``: method -> fen the counter entered at closing from each terminal or
statement, beside the blind cash count. NULL on the Zs closed before (not counted).
A plain ADD COLUMN (no table copy), so the triggers that freeze the rows stay.

Revision ID: pos_0005
Revises: pos_0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'pos_0005'
down_revision = 'pos_0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('pos_z_report', sa.Column('method_counts', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('pos_z_report', schema=None) as batch_op:
        batch_op.drop_column('method_counts')
