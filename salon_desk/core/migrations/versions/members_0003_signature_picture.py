"""signature picture

Revision ID: members_0003
Revises: members_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = 'members_0003'
down_revision = 'members_0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('card_signature', schema=None) as batch_op:
        batch_op.add_column(sa.Column('png', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('card_signature', schema=None) as batch_op:
        batch_op.drop_column('png')
