#!/bin/sh
# One-shot Temporal setup for Kaejon (the `temporal-setup` service in docker-compose.yml).
#
# Creates, when missing:
#   - the namespace $TEMPORAL_NAMESPACE (retention $TEMPORAL_NAMESPACE_RETENTION)
#   - Kaejon's custom search attributes (names/types must match workflows/search-attributes.ts)
# then exits 0, so that the worker and the API (depends_on: service_completed_successfully)
# start against a ready namespace. Safe to run any number of times. The worker performs the
# same registration on start; this script only makes it happen once, before any replica starts.
#
# Runs in the temporalio/admin-tools image, which ships the `temporal` CLI. POSIX sh only.

set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-kaejon}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-720h}"

# name:type pairs. Keep in sync with workflows/search-attributes.ts.
SEARCH_ATTRIBUTES="KaejonStage:Keyword KaejonDistrictCode:Keyword KaejonDueAt:Datetime KaejonOverdueLevel:Int KaejonEscalated:Bool"

log() { echo "[temporal-setup] $*"; }

# wait_for <description> <seconds> <command...>: retries the command every 2 s.
wait_for() {
  what="$1"; limit="$2"; shift 2
  waited=0
  until "$@" >/dev/null 2>&1; do
    if [ "$waited" -ge "$limit" ]; then
      log "gave up waiting for ${what} after ${limit}s"
      "$@" || true # show the last error
      exit 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
}

cluster_serving() { temporal operator cluster health --address "$ADDRESS" | grep -qw SERVING; }
namespace_exists() { temporal operator namespace describe --address "$ADDRESS" "$NAMESPACE"; }
list_search_attributes() { temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE"; }
has_search_attribute() { list_search_attributes 2>/dev/null | grep -qw "$1"; }

log "waiting for Temporal at ${ADDRESS}"
wait_for "the Temporal cluster" 300 cluster_serving

if namespace_exists >/dev/null 2>&1; then
  log "namespace ${NAMESPACE} exists"
else
  log "creating namespace ${NAMESPACE} (retention ${RETENTION})"
  # A concurrent creator (the worker) may win the race: accept "already exists".
  temporal operator namespace create --address "$ADDRESS" \
    --retention "$RETENTION" --description "Kaejon case management" "$NAMESPACE" \
    || namespace_exists >/dev/null
fi

# A new namespace becomes usable once the server's namespace cache has refreshed (~10 s).
wait_for "namespace ${NAMESPACE} to become usable" 120 list_search_attributes

created=0
for spec in $SEARCH_ATTRIBUTES; do
  name="${spec%%:*}"
  type="${spec#*:}"
  if has_search_attribute "$name"; then
    log "search attribute ${name} exists"
    continue
  fi
  log "creating search attribute ${name} (${type})"
  if ! temporal operator search-attribute create --address "$ADDRESS" \
      --namespace "$NAMESPACE" --name "$name" --type "$type" </dev/null; then
    # Created concurrently by the worker?
    has_search_attribute "$name" || { log "failed to create ${name}"; exit 1; }
  fi
  created=1
done

if [ "$created" -eq 1 ]; then
  # Let the frontends' search-attribute/namespace caches pick up the new attributes before the
  # API starts workflows that set them.
  for spec in $SEARCH_ATTRIBUTES; do
    name="${spec%%:*}"
    wait_for "search attribute ${name}" 120 has_search_attribute "$name"
  done
  sleep 15
fi

log "ready: namespace ${NAMESPACE} with search attributes ${SEARCH_ATTRIBUTES}"
