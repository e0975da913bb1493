"""covering index for the meetings list

Revision ID: 0004_list_index
Revises: 0003_deadlines
Create Date: 2026-11-24 03:52:02.166913
"""

from __future__ import annotations

from alembic import op

revision = "0004_list_index"
down_revision = "0003_deadlines"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index("ix_meetings_list", ["first_date", "id", "search_text"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_list")
