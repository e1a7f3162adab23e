#!/bin/sh
# Sets up Temporal's two PostgreSQL databases (temporal, temporal_visibility) and updates their
# schemas to the admin-tools image's version. Idempotent: existing databases are kept. The compose
# file runs it as it is; scripts/prod-up runs the same file against its own PostgreSQL, through the
# variables below (their defaults are the compose file's).
set -eu
sql() {
  temporal-sql-tool --plugin postgres12 --ep "${POSTGRES_SEEDS:-postgresql}" -p "${DB_PORT:-5432}" \
    -u "${POSTGRES_USER:-temporal}" -pw "$POSTGRES_PASSWORD" "$@"
}
schema=${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema}/postgresql/v12
for db in temporal temporal_visibility; do
  sql --db "$db" create-database 2>/dev/null || echo "database $db exists"
done
sql --db temporal setup-schema -v 0.0 2>/dev/null || echo "schema of temporal exists"
sql --db temporal update-schema -d "$schema/temporal/versioned"
sql --db temporal_visibility setup-schema -v 0.0 2>/dev/null || echo "schema of temporal_visibility exists"
sql --db temporal_visibility update-schema -d "$schema/visibility/versioned"
