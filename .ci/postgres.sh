#!/usr/bin/env bash
# A throwaway PostgreSQL for the in-database tests (test/sql/postgres.test.ts), never the machine's own cluster:
#   eval "$(.ci/postgres.sh start)"   # installs Debian's postgresql if missing (root + apt), initdb in a temp dir,
#                                     # starts it on a Unix socket there (port 5433, no TCP), exports SURVINFER_TEST_PG
#   .ci/postgres.sh stop "$SURVINFER_TEST_PG_DIR"   # stops it and deletes the directory
set -euo pipefail
cmd="${1:-start}"
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$cmd" = "start" ]; then
  if [ -z "$(pgbin)" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 \
        || { echo "ci: FAIL: could not install postgresql with apt-get" >&2; exit 1; }
    else
      echo "ci: FAIL: PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1
    fi
  fi
  bin="$(pgbin)"
  dir="$(mktemp -d /tmp/survinfer-pg.XXXXXX)"
  chmod 755 "$dir"
  if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
  as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-k $dir -p 5433 -c listen_addresses=''" -w start >/dev/null
  echo "export SURVINFER_TEST_PG='postgresql://postgres@localhost:5433/postgres?host=$dir'"
  echo "export SURVINFER_TEST_PG_DIR='$dir'"
elif [ "$cmd" = "stop" ]; then
  dir="${2:?the directory printed by start}"
  case "$dir" in /tmp/survinfer-pg.*) ;; *) echo "refusing to stop $dir" >&2; exit 1 ;; esac
  as_pg "$(pgbin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
fi
