#!/usr/bin/env bash
# One command for the Strata vs MariaDB wire-level OLTP benchmark. See bench-oltp/README.md.
#
#   bench-oltp/run.sh [options] [-- OltpBench options]
#
# By default: builds bench-oltp and strata-cli (mvn package, never install), starts a private MariaDB
# (mariadb.sh) and `strata server` on a fresh data directory and a free port, both pinned to the same
# CPUs, runs io.strata.bench.oltp.OltpBench with MariaDB as the baseline (point_select, read_write and
# insert at 1 and 4 connections, 3 runs each, medians and Strata/MariaDB ratios side by side), and stops
# and removes everything it started.
#
# Options:
#   --mariadb-only          measure MariaDB alone (no Strata)
#   --strata-cmd CMD        start this command instead of the built `strata server` (run via bash -c, from
#                           the repository root, in its own process group, pinned like MariaDB); needs
#                           --strata-port
#   --strata-port PORT      port Strata listens on (127.0.0.1). Alone (without --strata-cmd): use an
#                           already running server on that port (not started, stopped or pinned by us)
#   --strata-url URL        full JDBC URL instead of the one built from the port/user/password/db
#   --strata-user U         (default root)      --strata-password P (default strata-bench; the server
#                           refuses master passwords under 8 characters)
#   --strata-db DB          (default sbtest; created through createDatabaseIfNotExist)
#   --strata-timeout SEC    how long to wait for the Strata port (default 120)
#   --strata-heap SIZE      -Xmx of the started `strata server` (default 2g)
#   --jdbc-params PARAMS    extra Connector/J URL parameters for every target, e.g. "useServerPrepStmts=true"
#   --self-compare          also measure the same MariaDB as a second target "mariadb2" (noise check /
#                           validation of the two-target path); only with --mariadb-only
#   --no-build              use the existing jars (bench-oltp/target/strata-bench-oltp.jar, strata-cli/target/strata.jar)
#   --keep-mariadb          leave the private MariaDB running afterwards
# Everything after "--" goes to OltpBench (e.g. -- --duration 30 --rows 200000 --connections 1,4,16).
#
# CPU placement (same for both servers): every server is pinned with taskset to SERVER_CPUS (default "1")
# and the client JVM to CLIENT_CPUS (default "0"); on a 1-CPU machine both default to "0". Override with the
# environment variables, e.g. SERVER_CPUS=1-3 CLIENT_CPUS=0.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
JAR="$HERE/target/strata-bench-oltp.jar"

if [[ $(nproc) -ge 2 ]]; then
  export SERVER_CPUS=${SERVER_CPUS-1}; CLIENT_CPUS=${CLIENT_CPUS-0}
else
  export SERVER_CPUS=${SERVER_CPUS-0}; CLIENT_CPUS=${CLIENT_CPUS-0}
fi
export MARIADB_PORT=${MARIADB_PORT:-13306} MARIADB_USER=${MARIADB_USER:-bench} \
  MARIADB_PASSWORD=${MARIADB_PASSWORD:-bench} MARIADB_DB=${MARIADB_DB:-sbtest}
# Same Connector/J settings for every target: no TLS on either (both servers offer it; the benchmark measures
# the SQL path, not the cipher), client-side prepared statements (Connector/J's default; see README).
COMMON_PARAMS="sslMode=DISABLED&createDatabaseIfNotExist=true"

STRATA_CMD="" STRATA_PORT="" STRATA_URL="" STRATA_USER=root STRATA_PASSWORD=strata-bench STRATA_DB=sbtest
STRATA_TIMEOUT=120 STRATA_HEAP=2g MARIADB_ONLY=0 SELF_COMPARE=0 BUILD=1 KEEP_MARIADB=0
BENCH_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --strata-cmd) STRATA_CMD=$2; shift 2 ;;
    --strata-port) STRATA_PORT=$2; shift 2 ;;
    --strata-url) STRATA_URL=$2; shift 2 ;;
    --strata-user) STRATA_USER=$2; shift 2 ;;
    --strata-password) STRATA_PASSWORD=$2; shift 2 ;;
    --strata-db) STRATA_DB=$2; shift 2 ;;
    --strata-timeout) STRATA_TIMEOUT=$2; shift 2 ;;
    --strata-heap) STRATA_HEAP=$2; shift 2 ;;
    --mariadb-only) MARIADB_ONLY=1; shift ;;
    --jdbc-params) COMMON_PARAMS="$COMMON_PARAMS&${2#[?&]}"; shift 2 ;;
    --self-compare) SELF_COMPARE=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --keep-mariadb) KEEP_MARIADB=1; shift ;;
    --) shift; BENCH_ARGS=("$@"); break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -n $STRATA_CMD && -z $STRATA_PORT && -z $STRATA_URL ]]; then
  echo "run.sh: --strata-cmd needs --strata-port (or --strata-url)" >&2; exit 2
fi
if [[ -n $STRATA_CMD && -z $STRATA_PORT ]]; then
  STRATA_PORT=$(sed -E 's#^jdbc:mysql://[^:/]+:([0-9]+).*#\1#' <<<"$STRATA_URL")
fi
if [[ $SELF_COMPARE == 1 && $MARIADB_ONLY == 0 ]]; then
  echo "run.sh: --self-compare needs --mariadb-only" >&2; exit 2
fi

log() { echo "[run.sh] $*" >&2; }
RESULTS="$HERE/target/results"; mkdir -p "$RESULTS"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
STRATA_LOG="$RESULTS/strata-$STAMP.log"
STRATA_PGID="" STRATA_DATA=""

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A port nothing listens on (from the ephemeral range's neighbourhood, away from the defaults).
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 20000))
    port_open "$p" || { echo "$p"; return; }
  done
  echo "run.sh: no free port found" >&2; exit 1
}

# A size as innodb_buffer_pool_size takes it (1G, 512M, 268435456) in MiB.
cache_mb() {
  local v=${1^^}
  case $v in
    *G) echo $(( ${v%G} * 1024 )) ;;
    *M) echo "${v%M}" ;;
    *K) echo $(( ${v%K} / 1024 )) ;;
    *) echo $(( v / 1048576 )) ;;
  esac
}

# Default mode: the `strata server` this repository builds, on a fresh data directory and a free port.
if [[ $MARIADB_ONLY == 0 && -z $STRATA_CMD && -z $STRATA_PORT && -z $STRATA_URL ]]; then
  STRATA_PORT=$(free_port)
  STRATA_DATA=$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-oltp-XXXXXX")
  STRATA_CMD="exec java -Xmx$STRATA_HEAP -jar strata-cli/target/strata.jar server --data-dir '$STRATA_DATA'"
  STRATA_CMD+=" --port $STRATA_PORT --api-port 0 --master-user '$STRATA_USER' --master-password '$STRATA_PASSWORD'"
  # The same memory for data as MariaDB's buffer pool: Strata's engine cache is its instance class.
  STRATA_CMD+=" --instance-class db.strata.$(cache_mb "${MARIADB_BUFFER_POOL:-1G}")m"
  BUILD_STRATA=1
else
  BUILD_STRATA=0
fi

cleanup() {
  local rc=$?
  if [[ -n $STRATA_PGID ]]; then
    log "stopping Strata (process group $STRATA_PGID)"
    kill -TERM -- "-$STRATA_PGID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 -- "-$STRATA_PGID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$STRATA_PGID" 2>/dev/null || true
  fi
  if [[ -n $STRATA_DATA ]]; then rm -rf -- "$STRATA_DATA"; fi
  if [[ $KEEP_MARIADB == 0 ]]; then "$HERE/mariadb.sh" stop || true; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ $BUILD == 1 || ! -f $JAR ]]; then
  log "building bench-oltp (mvn package)"
  mvn -q -B -f "$ROOT/pom.xml" -pl bench-oltp package -DskipTests
fi
if [[ $BUILD_STRATA == 1 && ( $BUILD == 1 || ! -f $ROOT/strata-cli/target/strata.jar ) ]]; then
  log "building strata-cli (mvn package)"
  (cd "$ROOT" && mvn -q -B -pl strata-cli -am package -DskipTests) || { log "Strata build failed"; exit 1; }
fi

"$HERE/mariadb.sh" start
TARGETS=(--target "mariadb=jdbc:mysql://127.0.0.1:$MARIADB_PORT/$MARIADB_DB?user=$MARIADB_USER&password=$MARIADB_PASSWORD&$COMMON_PARAMS")

STRATA_STATUS="Strata was not measured: --mariadb-only"
if [[ -n $STRATA_CMD ]]; then
  if port_open "$STRATA_PORT"; then
    STRATA_STATUS="Strata was not available: port $STRATA_PORT was already in use before starting it"
  else
    log "starting Strata pinned to cpu ${SERVER_CPUS:-any}: $STRATA_CMD (log $STRATA_LOG)"
    pin=(); [[ -n $SERVER_CPUS ]] && pin=(taskset -c "$SERVER_CPUS")
    (cd "$ROOT" && exec setsid "${pin[@]}" bash -c "$STRATA_CMD") < /dev/null > "$STRATA_LOG" 2>&1 &
    STRATA_PGID=$!
    deadline=$((SECONDS + STRATA_TIMEOUT))
    while ! port_open "$STRATA_PORT"; do
      if ! kill -0 "$STRATA_PGID" 2>/dev/null; then
        STRATA_STATUS="Strata was not available: its command exited (see $STRATA_LOG)"; STRATA_PGID=""; break
      fi
      if (( SECONDS >= deadline )); then
        STRATA_STATUS="Strata was not available: nothing listened on port $STRATA_PORT after ${STRATA_TIMEOUT}s (see $STRATA_LOG)"; break
      fi
      sleep 0.5
    done
    if port_open "$STRATA_PORT"; then
      STRATA_STATUS=""
    fi
  fi
elif [[ -n $STRATA_PORT || -n $STRATA_URL ]]; then
  if port_open "${STRATA_PORT:-$(sed -E 's#^jdbc:mysql://[^:/]+:([0-9]+).*#\1#' <<<"$STRATA_URL")}"; then
    STRATA_STATUS=""; log "using the already running Strata (not started or pinned by run.sh)"
  else
    STRATA_STATUS="Strata was not available: nothing listens on its port"
  fi
fi
if [[ -z $STRATA_STATUS ]]; then
  url=${STRATA_URL:-"jdbc:mysql://127.0.0.1:$STRATA_PORT/$STRATA_DB?user=$STRATA_USER&password=$STRATA_PASSWORD&$COMMON_PARAMS"}
  TARGETS+=(--target "strata=$url")
elif [[ $MARIADB_ONLY == 0 ]]; then
  log "$STRATA_STATUS"; exit 1
else
  log "$STRATA_STATUS; benchmarking MariaDB alone"
  if [[ $SELF_COMPARE == 1 ]]; then
    TARGETS+=(--target "mariadb2=jdbc:mysql://127.0.0.1:$MARIADB_PORT/$MARIADB_DB?user=$MARIADB_USER&password=$MARIADB_PASSWORD&$COMMON_PARAMS")
  fi
fi

OUT="$RESULTS/oltp-$STAMP.txt"
log "client JVM pinned to cpu ${CLIENT_CPUS:-any}, servers to cpu ${SERVER_CPUS:-any}; output also in $OUT"
client_pin=(); [[ -n $CLIENT_CPUS ]] && client_pin=(taskset -c "$CLIENT_CPUS")
{
  echo "# $(date -u +%FT%TZ) host cpus=$(nproc) server_cpus=${SERVER_CPUS:-any} client_cpus=${CLIENT_CPUS:-any} load=$(cut -d' ' -f1-3 /proc/loadavg)"
  [[ -n $STRATA_STATUS ]] && echo "# $STRATA_STATUS"
  set +e
  "${client_pin[@]}" java -Xms512m -Xmx1g -jar "$JAR" "${TARGETS[@]}" "${BENCH_ARGS[@]}"
  rc=$?
  [[ -n $STRATA_STATUS ]] && echo "$STRATA_STATUS (only MariaDB was measured)."
  echo "# exit $rc"
} 2>&1 | tee "$OUT"
rc=$(tail -1 "$OUT" | sed -n 's/^# exit //p')
exit "${rc:-1}"
