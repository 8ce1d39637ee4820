"""PostgreSQL-only guard: the moderation log refuses UPDATE and DELETE, whoever sends them.

TRUNCATE is left alone: the test database is flushed with it between transactional tests.

SQLite has no plpgsql; there this migration does nothing and the model's own refusals are the guard.
"""

from django.db import migrations

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION moderation_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'moderation_moderationlogentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER moderationlog_append_only
  BEFORE UPDATE OR DELETE ON moderation_moderationlogentry
  FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only();
"""
APPEND_ONLY_REVERSE = """
DROP TRIGGER IF EXISTS moderationlog_append_only ON moderation_moderationlogentry;
DROP FUNCTION IF EXISTS moderation_log_append_only();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("moderation", "0004_moderation_log")]

    operations = [migrations.RunPython(_on_postgres(APPEND_ONLY), _on_postgres(APPEND_ONLY_REVERSE))]
