"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-24 02:00:11.189745
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "countries",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.CheckConstraint("length(code) = 2", name=op.f("ck_countries_code_two_letters")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_countries")),
    )
    op.create_table(
        "forums",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("founded_year", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forums")),
        sa.UniqueConstraint("code", name=op.f("uq_forums_code")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "intergovernmental",
                "un_agency",
                "humanitarian",
                "civil_society",
                "other",
                name="organisation_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("code", name=op.f("uq_organisations_code")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "secretariat",
                "consultation_group",
                "vice_ministerial",
                "working_group",
                "other",
                name="body_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("seat", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["forum_id"], ["forums.id"], name=op.f("fk_bodies_forum_id_forums"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bodies")),
        sa.UniqueConstraint("code", name=op.f("uq_bodies_code")),
    )
    op.create_table(
        "forum_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("joined_year", sa.Integer(), nullable=False),
        sa.Column("left_year", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "left_year IS NULL OR left_year >= joined_year",
            name=op.f("ck_forum_members_left_after_joined"),
        ),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.code"],
            name=op.f("fk_forum_members_country_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_forum_members_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forum_members")),
        sa.UniqueConstraint(
            "forum_id", "country_code", name=op.f("uq_forum_members_forum_id_country_code")
        ),
    )
    op.create_table(
        "organisation_observer_forums",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_organisation_observer_forums_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_observer_forums_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "organisation_id", "forum_id", name=op.f("pk_organisation_observer_forums")
        ),
    )
    op.create_table(
        "presidencies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.code"],
            name=op.f("fk_presidencies_country_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_presidencies_forum_id_forums"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presidencies")),
        sa.UniqueConstraint("forum_id", "year", name=op.f("uq_presidencies_forum_id_year")),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=100), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("convening_body_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "workshop",
                "follow_up",
                "plenary",
                "dialogue",
                "other",
                name="meeting_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "modality",
            sa.Enum(
                "virtual",
                "in_person",
                "hybrid",
                name="modality",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("venue", sa.String(length=300), nullable=True),
        sa.Column("platform", sa.String(length=200), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("time_zone_label", sa.String(length=100), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("context", sa.Text(), nullable=True),
        sa.Column("objectives", sa.Text(), nullable=True),
        sa.Column("methodology", sa.Text(), nullable=True),
        sa.Column("interpretation", sa.Text(), nullable=True),
        sa.Column("participants", sa.Text(), nullable=True),
        sa.Column("max_participants_per_country", sa.Integer(), nullable=True),
        sa.Column("observers_invited", sa.Boolean(), nullable=True),
        sa.Column("civil_society_invited", sa.Boolean(), nullable=True),
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
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_meetings_end_after_start")
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_meetings_title_not_empty")),
        sa.CheckConstraint(
            "max_participants_per_country IS NULL OR max_participants_per_country > 0",
            name=op.f("ck_meetings_max_participants_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["convening_body_id"],
            ["bodies.id"],
            name=op.f("fk_meetings_convening_body_id_bodies"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
        sa.UniqueConstraint("source_key", name=op.f("uq_meetings_source_key")),
    )
    op.create_table(
        "meeting_forums",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["forum_id"],
            ["forums.id"],
            name=op.f("fk_meeting_forums_forum_id_forums"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_forums_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "forum_id", name=op.f("pk_meeting_forums")),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_sessions_title_not_empty")),
        sa.CheckConstraint(
            "start_time IS NULL OR end_time IS NULL OR end_time > start_time",
            name=op.f("ck_sessions_end_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_sessions_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("meeting_id", "position", name=op.f("uq_sessions_meeting_id_position")),
    )
    op.create_table(
        "agenda_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("activity", sa.Text(), nullable=False),
        sa.Column("coordinator", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "length(trim(activity)) > 0", name=op.f("ck_agenda_items_activity_not_empty")
        ),
        sa.CheckConstraint(
            "start_time IS NULL OR end_time IS NULL OR end_time > start_time",
            name=op.f("ck_agenda_items_end_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_agenda_items_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
        sa.UniqueConstraint(
            "session_id", "position", name=op.f("uq_agenda_items_session_id_position")
        ),
    )
    op.create_table(
        "guiding_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=300), nullable=True),
        sa.Column("context", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("delegation_position", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "length(trim(text)) > 0", name=op.f("ck_guiding_questions_text_not_empty")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_guiding_questions_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_guiding_questions_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guiding_questions")),
        sa.UniqueConstraint(
            "meeting_id", "position", name=op.f("uq_guiding_questions_meeting_id_position")
        ),
    )
    op.create_table(
        "session_leads",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.code"],
            name=op.f("fk_session_leads_country_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_session_leads_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "country_code", name=op.f("pk_session_leads")),
    )


def downgrade() -> None:
    op.drop_table("session_leads")
    op.drop_table("guiding_questions")
    op.drop_table("agenda_items")
    op.drop_table("sessions")
    op.drop_table("meeting_forums")
    op.drop_table("meetings")
    op.drop_table("presidencies")
    op.drop_table("organisation_observer_forums")
    op.drop_table("forum_members")
    op.drop_table("bodies")
    op.drop_table("settings")
    op.drop_table("organisations")
    op.drop_table("forums")
    op.drop_table("countries")
