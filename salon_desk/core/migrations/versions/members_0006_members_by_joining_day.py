"""members by the day they joined

The period report counts members on file and new members in the period by when they
joined (``created_at``, leaving erased ones out): without an index each count reads all
100,000 members (about 45 ms of a month report). The index holds ``erased_at`` too, so
the counts are answered from the index alone.

Revision ID: members_0006
Revises: members_0005
"""

from __future__ import annotations

from alembic import op

revision = 'members_0006'
down_revision = 'members_0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index('ix_member_joined', ['created_at', 'erased_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index('ix_member_joined')
