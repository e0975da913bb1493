"""deadlines and calendar closures

Revision ID: 0003_deadlines
Revises: 0002_meetings_editing
Create Date: 2026-11-24 03:07:34.076394
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_deadlines"
down_revision = "0002_meetings_editing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.code"],
            name=op.f("fk_calendar_closures_country_code_countries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_closures")),
        sa.UniqueConstraint(
            "country_code", "day", name=op.f("uq_calendar_closures_country_code_day")
        ),
    )
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "nominations",
                "comments",
                "approval",
                "registration",
                "other",
                name="deadline_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "rule",
            sa.Enum(
                "fixed",
                "working_days",
                "calendar_days",
                name="deadline_rule",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("fixed_date", sa.Date(), nullable=True),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column(
            "anchor_kind",
            sa.Enum(
                "session",
                "date",
                name="anchor_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("anchor_session_id", sa.Integer(), nullable=True),
        sa.Column("anchor_date", sa.Date(), nullable=True),
        sa.Column("calendar_country", sa.String(length=2), nullable=True),
        sa.Column(
            "calendar_categories", sa.String(length=100), server_default="public", nullable=False
        ),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "rule != 'fixed' OR fixed_date IS NOT NULL", name=op.f("ck_deadlines_fixed_has_date")
        ),
        sa.CheckConstraint(
            "rule != 'working_days' OR calendar_country IS NOT NULL",
            name=op.f("ck_deadlines_working_days_calendar"),
        ),
        sa.CheckConstraint("rule = 'fixed' OR days > 0", name=op.f("ck_deadlines_days_positive")),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_deadlines_title_not_empty")),
        sa.ForeignKeyConstraint(
            ["anchor_session_id"],
            ["sessions.id"],
            name=op.f("fk_deadlines_anchor_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["calendar_country"],
            ["countries.code"],
            name=op.f("fk_deadlines_calendar_country_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_deadlines_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadlines")),
    )
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadlines_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadlines_meeting_id"), ["meeting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadlines_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_deadlines_due_date"))

    op.drop_table("deadlines")
    op.drop_table("calendar_closures")
