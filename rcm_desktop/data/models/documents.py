"""Documents circulated for comments or approval: file versions, each country's review,
consultations and comments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
)

from rcm_desktop.data.models.base import Base, Tracked, Versioned, enum_column, utcnow
from rcm_desktop.data.models.meetings import Meeting
from rcm_desktop.domain.vocabulary import (
    DocumentKind,
    DocumentPurpose,
    ReviewStage,
)


class Document(Tracked, Versioned, Base):
    """A document circulated for comments or approval (a protocol, a directory, a strategy…)."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind, "document_kind"))
    #: What the sender asks of countries: comments, approval, or nothing (information).
    purpose: Mapped[DocumentPurpose] = mapped_column(
        enum_column(DocumentPurpose, "document_purpose"),
        default=DocumentPurpose.COMMENTS,
        server_default=DocumentPurpose.COMMENTS.value,
    )
    #: The version as the sender names it ("draft", "consolidated", "final", "v2").
    version: Mapped[str | None] = mapped_column(String(100))
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.current_timestamp()
    )

    meeting: Mapped[Meeting | None] = relationship()
    files: Mapped[list[DocumentFile]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentFile.id"
    )
    reviews: Mapped[list[DocumentReview]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="DocumentReview.country_code",
    )
    comments: Mapped[list[DocumentComment]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="(DocumentComment.country_code, DocumentComment.position)",
    )


class DocumentFile(Tracked, Base):
    """One version of a document's file, copied into the profile; old versions are kept."""

    __tablename__ = "document_files"
    __table_args__ = (
        UniqueConstraint("document_id", "sha256"),
        CheckConstraint("length(sha256) = 64", name="sha256_hex"),
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[str | None] = mapped_column(String(100))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[Document] = relationship(back_populates="files")


class DocumentReview(Tracked, Versioned, Base):
    """A country's workflow for a document: received → in review → comments sent → approval."""

    __tablename__ = "document_reviews"
    __table_args__ = (
        UniqueConstraint("document_id", "country_code"),
        Index("ix_document_reviews_country_stage", "country_code", "stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    stage: Mapped[ReviewStage] = mapped_column(
        enum_column(ReviewStage, "review_stage"), default=ReviewStage.RECEIVED
    )
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    review_started_on: Mapped[dt.date | None] = mapped_column(Date)
    comments_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    approval_submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="reviews")
    consultations: Mapped[list[ReviewConsultation]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewConsultation.id"
    )


class ReviewConsultation(Tracked, Versioned, Base):
    """An institution consulted during a country's internal review, with its internal due date."""

    __tablename__ = "review_consultations"
    __table_args__ = (
        CheckConstraint("length(trim(institution)) > 0", name="institution_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("document_reviews.id", ondelete="CASCADE"), index=True
    )
    institution: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    review: Mapped[DocumentReview] = relationship(back_populates="consultations")


class DocumentComment(Tracked, Versioned, Base):
    """A delegation's comment on a document: where, what, and the wording it proposes."""

    __tablename__ = "document_comments"
    __table_args__ = (
        UniqueConstraint("document_id", "country_code", "position"),
        CheckConstraint("length(trim(comment)) > 0", name="comment_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    position: Mapped[int]
    section: Mapped[str | None] = mapped_column(String(300))  # section or paragraph
    comment: Mapped[str] = mapped_column(Text)
    proposed_wording: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="comments")
