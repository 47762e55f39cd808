"""a Z report cannot be changed or removed, in the database too

Triggers refuse any UPDATE or DELETE of a ``pos_z_report`` row, whoever writes it (raw SQL
included): on SQLite ``RAISE(ABORT, ...)``, on PostgreSQL a trigger function raising an
exception. The application refuses the same before it reaches the database.

Revision ID: pos_0004
Revises: pos_0003
"""

from __future__ import annotations

from alembic import op

revision = 'pos_0004'
down_revision = 'pos_0003'
branch_labels = None
depends_on = None

MESSAGE = 'a Z report cannot be changed or removed'


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(
            'CREATE FUNCTION pos_z_report_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ '
            f"BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation'; END $$"
        )
        op.execute(
            'CREATE TRIGGER pos_z_report_frozen BEFORE UPDATE OR DELETE ON pos_z_report '
            'FOR EACH ROW EXECUTE FUNCTION pos_z_report_frozen()'
        )
        return
    for action in ('UPDATE', 'DELETE'):
        op.execute(
            f'CREATE TRIGGER pos_z_report_no_{action.lower()} BEFORE {action} ON pos_z_report '
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER pos_z_report_frozen ON pos_z_report')
        op.execute('DROP FUNCTION pos_z_report_frozen()')
        return
    for action in ('update', 'delete'):
        op.execute(f'DROP TRIGGER pos_z_report_no_{action}')
