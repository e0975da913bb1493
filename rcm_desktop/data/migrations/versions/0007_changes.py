"""changes: what each committed write changed (kind and record), for windows to reload only that

Revision ID: 0007_changes
Revises: 0006_versions
Create Date: 2026-12-02 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_changes"
down_revision = "0006_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_changes")),
    )
    with op.batch_alter_table("data_changes", schema=None) as batch_op:
        batch_op.create_index("ix_data_changes_version", ["version"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("data_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_data_changes_version")
    op.drop_table("data_changes")
