"""Which of the moderation app's migrations the database has not applied.

Triage reads its rules from the database, and the starting rules arrive by data migrations: on a
database that misses one, `manage.py triage --evaluate` measures older rules than the code ships.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def moderation_migrations_unapplied(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The names of the moderation migrations `migrate` would still apply, in order."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [
        migration.name
        for migration, backwards in plan
        if migration.app_label == "moderation" and not backwards
    ]
