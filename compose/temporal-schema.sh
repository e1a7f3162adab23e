#!/bin/sh
# Sets up Temporal's two PostgreSQL databases (temporal, temporal_visibility) and updates their
# schemas to the admin-tools image's version. Idempotent: existing databases are kept.
set -eu
sql() {
  temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u temporal \
    -pw "$POSTGRES_PASSWORD" "$@"
}
schema=/etc/temporal/schema/postgresql/v12
for db in temporal temporal_visibility; do
  sql --db "$db" create-database 2>/dev/null || echo "database $db exists"
done
sql --db temporal setup-schema -v 0.0 2>/dev/null || echo "schema of temporal exists"
sql --db temporal update-schema -d "$schema/temporal/versioned"
sql --db temporal_visibility setup-schema -v 0.0 2>/dev/null || echo "schema of temporal_visibility exists"
sql --db temporal_visibility update-schema -d "$schema/visibility/versioned"
