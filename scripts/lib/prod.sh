# The production topology without a container engine (scripts/prod-up): the versions of the
# Temporal server, its SQL tool and the Web UI server built from their Go modules, and where their
# binaries are cached. Sourced by scripts/install-temporal-server, scripts/prod-up and
# scripts/check-prod-compose, which checks that docker-compose.yml names the same versions.

# Changing one of these changes the cache folder, so a new version is built next to the old one.
# docker-compose.yml's temporalio/server, temporalio/admin-tools and temporalio/ui tags must agree
# (scripts/check-prod-compose fails otherwise).
TARGO_TEMPORAL_SERVER_VERSION=1.29.1
TARGO_TEMPORAL_UI_VERSION=2.34.0
# PostgreSQL is Debian's (initdb and pg_ctl of this major version); compose's postgres image tag.
TARGO_POSTGRESQL_MAJOR=15

# The folder holding temporal-server, temporal-sql-tool and schema/postgresql/v12 of that version.
targo_temporal_server_dir() {
  echo "${XDG_CACHE_HOME:-$HOME/.cache}/targo/temporal-server-$TARGO_TEMPORAL_SERVER_VERSION"
}

# The folder holding the Web UI server (ui-server) of that version.
targo_temporal_ui_dir() {
  echo "${XDG_CACHE_HOME:-$HOME/.cache}/targo/temporal-ui-server-$TARGO_TEMPORAL_UI_VERSION"
}

# The folder of PostgreSQL's initdb and pg_ctl: the ones on PATH, else Debian's of that major version
# (Debian keeps them off PATH); nothing when neither is there.
targo_postgresql_bin_dir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  elif [ -x "/usr/lib/postgresql/$TARGO_POSTGRESQL_MAJOR/bin/initdb" ]; then
    echo "/usr/lib/postgresql/$TARGO_POSTGRESQL_MAJOR/bin"
  fi
}
