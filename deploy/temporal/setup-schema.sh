#!/bin/sh
# Installs or upgrades Temporal's PostgreSQL schemas (persistence and visibility) with
# temporal-sql-tool, at the version of the tool that runs it. Safe to run on every start:
# `setup-schema -v 0.0` only creates the version table when it is missing, and `update-schema`
# applies only the versions past the database's own.
#
# Run by docker-compose.yml (the `temporal-schema` service, temporalio/admin-tools image) and by
# `npm run cluster` and the cluster tests (infra/temporal-cluster.ts, with the temporal-sql-tool
# built into .tools/), so the schema the tests ran on is the one compose installs.
#
# The databases must exist (deploy/postgres/initdb/ creates them in compose; the temporal role has
# no CREATEDB). The schemas come from the ones embedded in temporal-sql-tool (--schema-name), so the
# script needs no schema folder. POSIX sh only.
#
# Environment (the names of Temporal's server image):
#   POSTGRES_SEEDS, DB_PORT            where PostgreSQL listens (default postgresql:5432)
#   POSTGRES_USER, POSTGRES_PWD        the temporal role
#   DBNAME, VISIBILITY_DBNAME          default temporal, temporal_visibility
#   TEMPORAL_SQL_TOOL                  the tool (default temporal-sql-tool on PATH)

set -eu

TOOL="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"
HOST="${POSTGRES_SEEDS:-postgresql}"
PORT="${DB_PORT:-5432}"
USER_NAME="${POSTGRES_USER:-temporal}"
# temporal-sql-tool reads the password from SQL_PASSWORD: it never appears in `ps`.
SQL_PASSWORD="${POSTGRES_PWD:?POSTGRES_PWD is not set (password of the temporal database role)}"
export SQL_PASSWORD

log() { echo "[temporal-schema] $*"; }

sql_tool() {
  "$TOOL" --plugin postgres12 --endpoint "$HOST" --port "$PORT" --user "$USER_NAME" "$@"
}

# schema <database> <embedded schema name>
schema() {
  log "database $1: ensuring the schema version table"
  sql_tool --database "$1" setup-schema -v 0.0
  log "database $1: applying $2 up to the tool's version"
  sql_tool --database "$1" update-schema --schema-name "$2"
}

schema "${DBNAME:-temporal}" postgresql/v12/temporal
schema "${VISIBILITY_DBNAME:-temporal_visibility}" postgresql/v12/visibility
log "done"
