"""The handover dossier (PDF)."""
