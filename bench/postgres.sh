# Sourced by bench/run.sh and bench/editor-pages.sh (not run alone): the PostgreSQL server a benchmark runs on.
# pg_server: a server from $PG (a connection string given with --pg), or else the throw-away cluster under
# $WORK/pg with durable settings (fsync and synchronous commit on, as a production server has them; 512 MB of shared
# buffers for the 2 GB corpus), started unless it already runs (then left running at exit). Sets PG and PG_PID_DIR
# (the cluster to stop at exit, or empty). pgsql SQL [DATABASE]: psql with the parts of $PG it needs.
# Needs: ROOT, WORK, PG_PORT, need() and log() from the caller.

pg_server() {
  need psql || { echo "missing: psql (Debian's postgresql package)" >&2; exit 1; }
  PG_PID_DIR=""
  [[ -n "$PG" ]] && return
  [[ -f "$WORK/pg-password" ]] || od -An -N12 -tx1 /dev/urandom | tr -d ' \n' > "$WORK/pg-password"
  PG="Host=127.0.0.1;Port=$PG_PORT;Username=knowledgebase;Password=$(cat "$WORK/pg-password")"
  if [[ -f "$WORK/pg/postmaster.pid" ]] && pgsql "SELECT 1" >/dev/null 2>&1; then
    log "using the PostgreSQL cluster already running on 127.0.0.1:$PG_PORT ($WORK/pg)"
    return
  fi
  log "starting a PostgreSQL cluster on 127.0.0.1:$PG_PORT ($WORK/pg)"
  KB_PG_PASSWORD=$(cat "$WORK/pg-password") KB_PG_DURABLE=1 "$ROOT/.ci/postgres-cluster" start "$WORK/pg" "$PG_PORT"
  PG_PID_DIR="$WORK/pg"
}

pg_part() { tr ';' '\n' <<< "$PG" | awk -F= -v k="$1" 'tolower($1) == tolower(k) { sub(/^[^=]*=/, ""); print }'; }

pgsql() {
  local port password; port=$(pg_part Port); password=$(pg_part Password)
  PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=${password:-${PGPASSWORD:-}} psql -X -q -At -v ON_ERROR_STOP=1 -h "$(pg_part Host)" -p "${port:-5432}" \
    -U "$(pg_part Username)" -d "${2:-postgres}" -c "$1"
}
