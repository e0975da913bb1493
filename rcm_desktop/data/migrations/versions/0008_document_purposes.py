"""document purposes and the documents a deadline governs

Each document says what its sender asks of countries (comments, approval, or information);
a deadline links to any number of documents. Documents recorded before were all counted as
awaiting approval: they keep that purpose, except concept notes, which are for information.

Revision ID: 0008_document_purposes
Revises: 0007_changes
Create Date: 2026-12-02 13:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_document_purposes"
down_revision = "0007_changes"
branch_labels = None
depends_on = None

PURPOSES = ("comments", "approval", "information")


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "purpose",
                sa.Enum(
                    *PURPOSES,
                    name="document_purpose",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=False,
                server_default="approval",
            )
        )
    documents = sa.table("documents", sa.column("kind"), sa.column("purpose"))
    op.execute(
        documents.update().where(documents.c.kind == "concept_note").values(purpose="information")
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.alter_column("purpose", server_default="comments")
    op.create_table(
        "deadline_documents",
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deadline_id"],
            ["deadlines.id"],
            name=op.f("fk_deadline_documents_deadline_id_deadlines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_deadline_documents_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("deadline_id", "document_id", name=op.f("pk_deadline_documents")),
    )
    with op.batch_alter_table("deadline_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deadline_documents_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("deadline_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_documents_document_id"))
    op.drop_table("deadline_documents")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_documents_document_purpose"), type_="check")
        batch_op.drop_column("purpose")
