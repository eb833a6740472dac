#!/usr/bin/env bash
# MariaDB's fastest ways to get a second, independent copy of a database answering queries, timed for the
# clone-to-query comparison (bench/clone-to-query.sh --mariadb runs this for each size):
#
#   bench/mariadb-copy.sh measure ROWS
#
# fills bench.t (id BIGINT PRIMARY KEY, pad VARCHAR(1000): the rows CloneToQueryBench puts in Strata) with ROWS
# rows in a private MariaDB instance, then times, each from its first command to the first answered query:
#   backup: mariadb-backup --backup, --prepare, --copy-back into a new datadir, start a second mariadbd on it,
#           connect and SELECT one row (a physical copy: MariaDB's fastest whole-server copy);
#   dump:   CREATE DATABASE bench2; mariadb-dump bench | mariadb bench2; SELECT one row (a logical copy);
# and prints one line: rows=N data_bytes=B (the size of bench/t.ibd) backup_ms=X dump_ms=Y (plus the steps of each).
#
# Like bench-oltp/mariadb.sh (whose approach this copies; that file is not used): Debian's mariadb-server and
# mariadb-backup are installed if missing, without letting apt start the system instance (policy-rc.d); both
# instances live under $MARIADB_COPY_DIR (default /tmp/strata-bench-mariadb-copy) with their own datadir, socket
# and option file, listen on 127.0.0.1 only ($MARIADB_COPY_PORT, default 13406, and the next port), never read
# the system's option files, and are stopped and removed at the end. Durable settings as in bench-oltp.
set -euo pipefail

BASE=${MARIADB_COPY_DIR:-/tmp/strata-bench-mariadb-copy}
PORT=${MARIADB_COPY_PORT:-13406}
PORT2=$((PORT + 1))
BUFFER_POOL=${MARIADB_BUFFER_POOL:-1G}

log() { echo "[mariadb-copy] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

ensure_installed() {
  if [[ -x /usr/sbin/mariadbd ]] && command -v mariadb-backup >/dev/null && command -v mariadb-dump >/dev/null \
      && command -v mariadb-install-db >/dev/null; then
    return
  fi
  [[ $(id -u) -eq 0 ]] || die "mariadb-server and mariadb-backup are not installed and we are not root"
  local made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  local apt_log=/tmp/strata-bench-mariadb-copy-apt.log
  log "installing mariadb-server mariadb-backup (apt-get; log in $apt_log)"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server mariadb-backup; } > "$apt_log" 2>&1; then
    [[ $made_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
    tail -20 "$apt_log" >&2
    die "apt-get install mariadb-server mariadb-backup failed"
  fi
  [[ $made_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
  command -v mariadb-backup >/dev/null || die "mariadb-backup still missing after install"
}

# write_cnf NAME PORT: the option file of instance NAME (datadir $BASE/NAME/data).
write_cnf() {
  local d="$BASE/$1"
  mkdir -p "$d/data"
  cat > "$d/my.cnf" <<CNF
[client]
socket = $d/sock
[mariadbd]
user                           = mysql
datadir                        = $d/data
socket                         = $d/sock
pid-file                       = $d/pid
log-error                      = $d/error.log
port                           = $2
bind-address                   = 127.0.0.1
skip-name-resolve
innodb_flush_log_at_trx_commit = 1
skip-log-bin
innodb_doublewrite             = 1
innodb_buffer_pool_size        = $BUFFER_POOL
innodb_log_file_size           = 512M
performance_schema             = OFF
CNF
}

start_instance() {   # NAME: start mariadbd on its datadir and wait until it answers
  local d="$BASE/$1"
  chown -R mysql:mysql "$d"
  setsid /usr/sbin/mariadbd --defaults-file="$d/my.cnf" < /dev/null > "$d/stdout.log" 2>&1 &
  local i
  for i in $(seq 1 6000); do
    mariadb-admin --no-defaults --socket="$d/sock" -uroot ping >/dev/null 2>&1 && return
    sleep 0.01
  done
  tail -20 "$d/error.log" >&2 || true
  die "mariadbd $1 did not come up"
}

stop_instance() {
  local d="$BASE/$1"
  [[ -f $d/pid ]] || return 0
  local pid; pid=$(cat "$d/pid" 2>/dev/null || true)
  mariadb-admin --no-defaults --socket="$d/sock" -uroot shutdown >/dev/null 2>&1 || true
  [[ -n $pid ]] || return 0
  local i
  for i in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

sql() { local d="$BASE/$1"; shift; mariadb --no-defaults --socket="$d/sock" -uroot -N -B "$@"; }

cleanup() {
  stop_instance src || true
  stop_instance copy || true
  case "$BASE" in /tmp/*|/var/tmp/*|/work/*) rm -rf -- "$BASE" ;; esac
}

measure() {
  local rows=$1
  [[ $rows =~ ^[0-9]+$ ]] || die "usage: $0 measure ROWS"
  ensure_installed
  case "$BASE" in /tmp/*|/var/tmp/*|/work/*) ;; *) die "refusing MARIADB_COPY_DIR=$BASE (under /tmp, /var/tmp or /work only)";; esac
  cleanup
  trap cleanup EXIT
  for p in "$PORT" "$PORT2"; do
    ss -Hltn "sport = :$p" 2>/dev/null | grep -q . && die "port $p is in use; set MARIADB_COPY_PORT"
  done
  write_cnf src "$PORT"
  chown -R mysql:mysql "$BASE"
  mariadb-install-db --defaults-file="$BASE/src/my.cnf" --skip-test-db --auth-root-authentication-method=socket \
    > "$BASE/src/install.log" 2>&1 || { cat "$BASE/src/install.log" >&2; die "mariadb-install-db failed"; }
  start_instance src

  log "filling bench.t with $rows rows"
  local t0; t0=$(now_ms)
  sql src -e "CREATE DATABASE bench; CREATE TABLE bench.t (id BIGINT PRIMARY KEY, pad VARCHAR(1000) NOT NULL) ENGINE=InnoDB"
  local pad="LEFT(CONCAT($(printf 'MD5(RAND()),%.0s' $(seq 1 31))MD5(RAND())), 1000)"
  local from=1
  while (( from <= rows )); do
    local to=$(( from + 49999 < rows ? from + 49999 : rows ))
    sql src -D bench -e "INSERT INTO bench.t SELECT seq, $pad FROM seq_${from}_to_${to}"
    from=$(( to + 1 ))
  done
  sql src -e "FLUSH TABLES bench.t FOR EXPORT; UNLOCK TABLES"
  local bytes; bytes=$(stat -c %s "$BASE/src/data/bench/t.ibd")
  log "filled in $(( $(now_ms) - t0 )) ms: bench/t.ibd is $bytes bytes"
  local probe=$(( rows / 2 + 1 ))
  sync

  # mariadb-backup: backup + prepare + copy-back + start + first query.
  local bk="$BASE/backup"
  local b0; b0=$(now_ms)
  mariadb-backup --no-defaults --backup --target-dir="$bk" --socket="$BASE/src/sock" --user=root > "$BASE/backup.log" 2>&1 \
    || { tail -20 "$BASE/backup.log" >&2; die "mariadb-backup --backup failed"; }
  local b1; b1=$(now_ms)
  mariadb-backup --no-defaults --prepare --target-dir="$bk" > "$BASE/prepare.log" 2>&1 \
    || { tail -20 "$BASE/prepare.log" >&2; die "mariadb-backup --prepare failed"; }
  local b2; b2=$(now_ms)
  write_cnf copy "$PORT2"
  mariadb-backup --no-defaults --copy-back --target-dir="$bk" --datadir="$BASE/copy/data" > "$BASE/copyback.log" 2>&1 \
    || { tail -20 "$BASE/copyback.log" >&2; die "mariadb-backup --copy-back failed"; }
  local b3; b3=$(now_ms)
  start_instance copy
  local b4; b4=$(now_ms)
  local len; len=$(sql copy -e "SELECT LENGTH(pad) FROM bench.t WHERE id = $probe")
  local b5; b5=$(now_ms)
  [[ $len == 1000 ]] || die "the restored copy does not hold row $probe"
  stop_instance copy

  # dump and restore into a new database + first query.
  local d0; d0=$(now_ms)
  sql src -e "CREATE DATABASE bench2"
  mariadb-dump --no-defaults --socket="$BASE/src/sock" -uroot --single-transaction --quick bench \
    | mariadb --no-defaults --socket="$BASE/src/sock" -uroot bench2
  local d1; d1=$(now_ms)
  len=$(sql src -e "SELECT LENGTH(pad) FROM bench2.t WHERE id = $probe")
  local d2; d2=$(now_ms)
  [[ $len == 1000 ]] || die "the dumped copy does not hold row $probe"

  echo "rows=$rows data_bytes=$bytes backup_ms=$(( b5 - b0 )) backup_steps=backup:$(( b1 - b0 )),prepare:$(( b2 - b1 )),copy-back:$(( b3 - b2 )),start:$(( b4 - b3 )),query:$(( b5 - b4 )) dump_ms=$(( d2 - d0 )) dump_steps=dump-restore:$(( d1 - d0 )),query:$(( d2 - d1 ))"
}

case "${1:-}" in
  measure) measure "${2:-}" ;;
  *) echo "usage: $0 measure ROWS" >&2; exit 2 ;;
esac
