"""The only place that speaks SQL: the card file, its schema, migrations and backups."""
