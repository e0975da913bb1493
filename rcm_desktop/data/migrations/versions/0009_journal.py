"""the change journal: global ids on the records users edit, journal entries and changes

Every record users edit gets a global id (a UUID) beside its integer key; records already
stored get a fresh one each. The journal starts empty: what was done before this version
is not known.

Revision ID: 0009_journal
Revises: 0008_document_purposes
Create Date: 2026-12-02 23:55:00.000000
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009_journal"
down_revision = "0008_document_purposes"
branch_labels = None
depends_on = None

TRACKED = (
    "meetings", "meeting_status_changes", "attachments", "sessions", "agenda_items",
    "guiding_questions", "people", "seats", "nominations", "documents", "document_files",
    "document_reviews", "review_consultations", "document_comments", "calendar_closures",
    "deadlines",
)  # fmt: skip
_BATCH = 1000


def _give_global_ids(table_name: str) -> None:
    connection = op.get_bind()
    table = sa.table(table_name, sa.column("id"), sa.column("global_id"))
    ids = [row[0] for row in connection.execute(sa.select(table.c.id))]
    statement = (
        table.update()
        .where(table.c.id == sa.bindparam("record"))
        .values(global_id=sa.bindparam("gid"))
    )
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        connection.execute(statement, [{"record": i, "gid": str(uuid.uuid4())} for i in chunk])


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in TRACKED:
        # NOT NULL needs a default to be added to a filled table; each row then gets its own.
        op.add_column(
            name, sa.Column("global_id", sa.String(length=36), nullable=False, server_default="")
        )
        _give_global_ids(name)
        if postgres:
            op.alter_column(name, "global_id", server_default=None)
        op.create_index(op.f(f"ix_{name}_global_id"), name, ["global_id"], unique=True)
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_uuid", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("arguments", sa.JSON(), nullable=False),
        sa.Column("replayed", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_entries")),
        sa.UniqueConstraint("entry_uuid", name=op.f("uq_journal_entries_entry_uuid")),
        sa.UniqueConstraint("replayed", name=op.f("uq_journal_entries_replayed")),
    )
    op.create_index(op.f("ix_journal_entries_at"), "journal_entries", ["at"], unique=False)
    op.create_table(
        "journal_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_gid", sa.String(length=36), nullable=False),
        sa.Column("operation", sa.String(length=8), nullable=False),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.Column("about", sa.JSON(), nullable=True),
        sa.Column("meeting_gid", sa.String(length=36), nullable=True),
        sa.Column("person_gid", sa.String(length=36), nullable=True),
        sa.Column("document_gid", sa.String(length=36), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["journal_entries.id"],
            name=op.f("fk_journal_changes_entry_id_journal_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_changes")),
    )
    for column in ("entry_id", "record_gid", "meeting_gid", "person_gid", "document_gid"):
        op.create_index(
            op.f(f"ix_journal_changes_{column}"), "journal_changes", [column], unique=False
        )


def downgrade() -> None:
    op.drop_table("journal_changes")
    op.drop_table("journal_entries")
    for name in TRACKED:
        op.drop_index(op.f(f"ix_{name}_global_id"), table_name=name)
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("global_id")
