"""The store: ORM models, sessions, migrations, backups, reference and demo data. No Qt here."""
