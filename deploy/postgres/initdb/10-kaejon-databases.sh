#!/bin/sh
# Creates Kaejon's and Temporal's roles and databases in the bundled PostgreSQL.
#
# The official postgres image runs this ONCE, on the first start of an empty data volume
# (/docker-entrypoint-initdb.d). Changing the passwords in .env later does NOT change them in
# the database: see docs/DEPLOYMENT.md, "Rotating database passwords".
#
#   kaejon               owner kaejon    Kaejon application data and sessions
#   temporal             owner temporal  Temporal persistence
#   temporal_visibility  owner temporal  Temporal visibility (list/search, search attributes)
#
# Each role can connect to its own databases only (CONNECT revoked from PUBLIC).
# Passwords are passed as psql variables (:'name' quotes them as SQL literals), never spliced
# into the SQL text.

# ${VAR:?} aborts the initialisation with a clear message when a password is missing.
psql -v ON_ERROR_STOP=1 \
  --username "${POSTGRES_USER:-postgres}" \
  --dbname "${POSTGRES_DB:-postgres}" \
  --set kaejon_password="${KAEJON_DB_PASSWORD:?KAEJON_DB_PASSWORD is not set}" \
  --set temporal_password="${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is not set}" \
  <<'SQL'
CREATE ROLE kaejon LOGIN PASSWORD :'kaejon_password';
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';

CREATE DATABASE kaejon OWNER kaejon;
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;

REVOKE ALL ON DATABASE kaejon FROM PUBLIC;
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;
SQL
