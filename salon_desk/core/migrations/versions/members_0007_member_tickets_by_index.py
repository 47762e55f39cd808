"""a member's tickets from an index

The member screen lists a member's purchases and visits: her newest 500 tickets. With no
index on the ticket's member, each list read every ticket on file (438,000 at the
benchmark's size, 40–110 ms a list, twice when a member is opened). The index holds the
member and the time rung up, so the newest are read from it in order.

Revision ID: members_0007
Revises: members_0006
"""

from __future__ import annotations

from alembic import op

revision = 'members_0007'
down_revision = 'members_0006'
branch_labels = None
depends_on = ('pos_0001',)


def upgrade() -> None:
    with op.batch_alter_table('pos_sale', schema=None) as batch_op:
        batch_op.create_index('ix_pos_sale_member_at', ['member_id', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pos_sale', schema=None) as batch_op:
        batch_op.drop_index('ix_pos_sale_member_at')
