"""search keys without rowid

Revision ID: members_0004
Revises: members_0003

On SQLite the search-key table becomes a WITHOUT ROWID table: the rows live in the
primary key's B-tree, so the table is two B-trees (the primary key and the key index)
instead of three (rows, the primary key's index, the key index), and a search reads the
key index alone. PostgreSQL keeps its tables as they are.
"""

from __future__ import annotations

from alembic import op


revision = 'members_0004'
down_revision = 'members_0003'
branch_labels = None
depends_on = None

_TABLE = """CREATE TABLE member_search_key{suffix} (
\tmember_id INTEGER NOT NULL,
\t"key" VARCHAR(40) NOT NULL,
\tCONSTRAINT pk_member_search_key PRIMARY KEY (member_id, "key"),
\tCONSTRAINT fk_member_search_key_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
){options}"""


def _rebuild(options: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(_TABLE.format(suffix="_new", options=options))
    op.execute(
        'INSERT INTO member_search_key_new (member_id, "key") '
        'SELECT member_id, "key" FROM member_search_key'
    )
    op.execute("DROP TABLE member_search_key")
    op.execute("ALTER TABLE member_search_key_new RENAME TO member_search_key")
    op.execute('CREATE INDEX ix_member_search_key_key ON member_search_key ("key")')


def upgrade() -> None:
    _rebuild(" WITHOUT ROWID")


def downgrade() -> None:
    _rebuild("")
