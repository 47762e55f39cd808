"""figures kept by closed day

Revision ID: reports_0004
Revises: reports_0003

``report_day_figure``: the rows each grouped statement of the reports gave for a closed
day, written when the day is closed (and again by whatever may still change them), so a
month's report reads 31 rows per figure instead of adding up the month's sale lines. The
days closed before this revision are filled in by the next closing of a day, newest
first (:func:`salon_desk.reports.kept_figures.keep_closed_in`); until then the reports
read them as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reports_0004"
down_revision = "reports_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_day_figure",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("figure", sa.String(length=16), nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("day", "figure", name=op.f("pk_report_day_figure")),
    )


def downgrade() -> None:
    op.drop_table("report_day_figure")
