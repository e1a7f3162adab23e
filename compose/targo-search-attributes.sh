#!/bin/sh
# Creates the namespace if needed and registers targo's search attributes on it. Idempotent:
# attributes already registered are skipped, so the job can run on every `docker compose up`.
set -eu
ns="${TEMPORAL_NAMESPACE:-default}"
temporal operator namespace describe --namespace "$ns" >/dev/null 2>&1 \
  || temporal operator namespace create --namespace "$ns" --retention 7d
# A new namespace reaches the frontend's namespace cache some seconds after its creation: until
# then the calls below answer "not found", so they are retried for up to a minute.
tries=0
until existing=$(temporal operator search-attribute list --namespace "$ns" 2>&1); do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    printf '%s\n' "$existing" >&2
    exit 1
  fi
  sleep 1
done
for pair in ArgoPhase:Keyword ArgoTemplate:Keyword ArgoNamespace:Keyword ArgoAttempts:Int; do
  name=${pair%%:*}
  type=${pair#*:}
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "search attribute $name is registered"
  else
    temporal operator search-attribute create --namespace "$ns" --name "$name" --type "$type"
    echo "registered search attribute $name ($type)"
  fi
done
