"""PostgreSQL-only guards: no overlapping live slots on one account, and an append-only booking log.

The exclusion constraint compares [starts_at, blocked_until) — the slot plus the account's minimum
gap — so two bookings can never sit closer than the gap even if two requests race past the
service's own check. SQLite has neither btree_gist nor EXCLUDE, so there this migration does
nothing and the service's row-locked check is the guard (SQLite serialises writers anyway).
"""

from django.db import migrations

EXCLUSION = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE calendar_booking_bookingslot
  ADD CONSTRAINT slot_no_overlap_on_account
  EXCLUDE USING gist (account_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&)
  WHERE (status <> 'cancelled');
"""
EXCLUSION_REVERSE = "ALTER TABLE calendar_booking_bookingslot DROP CONSTRAINT IF EXISTS slot_no_overlap_on_account;"

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION calendar_booking_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'calendar_booking_bookinglog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER bookinglog_append_only
  BEFORE UPDATE OR DELETE ON calendar_booking_bookinglog
  FOR EACH ROW EXECUTE FUNCTION calendar_booking_log_append_only();
"""
APPEND_ONLY_REVERSE = """
DROP TRIGGER IF EXISTS bookinglog_append_only ON calendar_booking_bookinglog;
DROP FUNCTION IF EXISTS calendar_booking_log_append_only();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("calendar_booking", "0001_initial")]

    operations = [
        migrations.RunPython(_on_postgres(EXCLUSION), _on_postgres(EXCLUSION_REVERSE)),
        migrations.RunPython(_on_postgres(APPEND_ONLY), _on_postgres(APPEND_ONLY_REVERSE)),
    ]
