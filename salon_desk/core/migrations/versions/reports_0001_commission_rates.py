"""commission rates

Revision ID: reports_0001
Revises: core_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import salon_desk.core.types


revision = 'reports_0001'
down_revision = 'core_0001'
branch_labels = ('reports',)
depends_on = None


def upgrade() -> None:
    op.create_table('report_commission_rate',
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('rate_bp', sa.Integer(), nullable=False),
    sa.Column('set_at', salon_desk.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('set_by', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('requested','rotation','product','card')", name=op.f('ck_report_commission_rate_kind')),
    sa.CheckConstraint('rate_bp >= 0 AND rate_bp <= 10000', name=op.f('ck_report_commission_rate_rate')),
    sa.ForeignKeyConstraint(['set_by'], ['staff.id'], name=op.f('fk_report_commission_rate_set_by_staff')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_report_commission_rate_staff_id_staff')),
    sa.PrimaryKeyConstraint('staff_id', 'kind', name=op.f('pk_report_commission_rate'))
    )


def downgrade() -> None:
    op.drop_table('report_commission_rate')
