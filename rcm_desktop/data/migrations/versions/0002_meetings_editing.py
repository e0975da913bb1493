"""meeting status history, attachments, derived search columns

Revision ID: 0002_meetings_editing
Revises: 0001_initial
Create Date: 2026-11-24 02:29:48.492348
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002_meetings_editing"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_attachments_sha256_hex")),
        sa.CheckConstraint("size_bytes >= 0", name=op.f("ck_attachments_size_not_negative")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_attachments_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("meeting_id", "sha256", name=op.f("uq_attachments_meeting_id_sha256")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "meeting_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "invitation_received",
                "nominations_sent",
                "confirmed",
                "held",
                "follow_up_done",
                "cancelled",
                name="meeting_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_status_changes_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_status_changes")),
    )
    with op.batch_alter_table("meeting_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_status_changes_meeting_id"), ["meeting_id"], unique=False
        )

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    _fill_derived_columns()
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.alter_column("first_date", existing_type=sa.Date(), nullable=False)
        batch_op.create_index(batch_op.f("ix_meetings_first_date"), ["first_date"], unique=False)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _fill_derived_columns() -> None:
    """Existing meetings: first session date, folded search text, and a first status entry."""
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE meetings SET first_date = coalesce("
            "(SELECT min(date) FROM sessions WHERE sessions.meeting_id = meetings.id), start_date)"
        )
    )
    rows = bind.execute(sa.text("SELECT id, title, venue, platform FROM meetings")).all()
    for meeting_id, title, venue, platform in rows:
        bind.execute(
            sa.text("UPDATE meetings SET search_text = :text WHERE id = :id"),
            {"text": _fold(" ".join(filter(None, (title, venue, platform)))), "id": meeting_id},
        )
    bind.execute(
        sa.text(
            "INSERT INTO meeting_status_changes (meeting_id, status, changed_on) "
            "SELECT id, status, date(created_at) FROM meetings"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_first_date"))
        batch_op.drop_column("search_text")
        batch_op.drop_column("first_date")

    with op.batch_alter_table("meeting_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_status_changes_meeting_id"))

    op.drop_table("meeting_status_changes")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_meeting_id"))

    op.drop_table("attachments")
