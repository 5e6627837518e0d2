#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (sourced by scripts/test.sh; also usable by hand):
#   source scripts/postgres.sh && postgres_start   # installs Debian's postgresql if missing, starts a cluster in a
#                                                  # temporary folder on a free loopback port, exports
#                                                  # CLINIC_TEST_POSTGRES (a connection string to its superuser)
#   postgres_stop                                  # stops it and deletes the folder
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user (runuser).

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

postgres_install() {
  if [ -n "$(postgres_bin)" ] && [ -x "$(postgres_bin)/initdb" ]; then
    return 0
  fi
  echo "== Installing PostgreSQL from Debian's packages"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  # The package's own cluster is not used (and not started: there is no init system here).
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
}

postgres_start() {
  postgres_install
  local bin
  bin="$(postgres_bin)"
  POSTGRES_DIR="$(mktemp -d /tmp/clinicbooking-pg.XXXXXX)"
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$POSTGRES_DIR"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$POSTGRES_DIR/data" -U postgres -A trust --no-sync -E UTF8 >"$POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$POSTGRES_DIR/initdb.log"; return 1; }
  # A test cluster: no fsync (its data dies with the run), enough connections for many app hosts at once.
  "${as[@]}" "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w -t 60 \
    -o "-p $port -k $POSTGRES_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null || { cat "$POSTGRES_DIR/server.log"; return 1; }
  export POSTGRES_DIR
  export CLINIC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=unused;Include Error Detail=true"
  export CLINIC_TEST_POSTGRES_BIN="$bin"
  echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, $POSTGRES_DIR)"
}

postgres_stop() {
  [ -n "${POSTGRES_DIR:-}" ] && [ -d "$POSTGRES_DIR" ] || return 0
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$(postgres_bin)/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$POSTGRES_DIR"
}
