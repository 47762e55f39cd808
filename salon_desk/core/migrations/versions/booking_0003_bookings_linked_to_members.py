"""bookings linked to members

A booking names the member it is for (``member_id``, NULL for a caller who is not a
member). Bookings made before the link are linked to the member whose phone they carry.

On SQLite the column and its foreign key are added with ALTER TABLE: rebuilding the
booking table (batch mode) cannot work while booking_item, booking_event and others point
at it and foreign keys are enforced inside the migration's transaction.

Revision ID: booking_0003
Revises: booking_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = 'booking_0003'
down_revision = 'booking_0002'
branch_labels = None
depends_on = 'members_0001'


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE booking ADD COLUMN member_id INTEGER "
            "CONSTRAINT fk_booking_member_id_member REFERENCES member (id)"
        )
    else:
        op.add_column('booking', sa.Column('member_id', sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f('fk_booking_member_id_member'), 'booking', 'member', ['member_id'], ['id']
        )
    op.create_index('ix_booking_member_starts', 'booking', ['member_id', 'starts_at'])
    op.execute(
        "UPDATE booking SET member_id = "
        "(SELECT member.id FROM member WHERE member.phone = booking.guest_phone) "
        "WHERE guest_phone <> ''"
    )


def downgrade() -> None:
    op.drop_index('ix_booking_member_starts', table_name='booking')
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_booking_member_id_member'), type_='foreignkey')
        batch_op.drop_column('member_id')
