"""bookings found by their ticket

The reports credit a service to its beautician as asked for by number (点钟) when the
booking paid by that ticket asked for them: bookings are looked up by ``sale_ref``, which
without an index read every booking ever made (54 ms of a 150 ms daily report on three
years of bookings).

Revision ID: booking_0004
Revises: booking_0003
"""

from __future__ import annotations

from alembic import op

revision = 'booking_0004'
down_revision = 'booking_0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.create_index('ix_booking_sale_ref', ['sale_ref'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_index('ix_booking_sale_ref')
