#!/usr/bin/env bash
# Netra's production topology on this machine, with production settings:
#
#   client ─https:8443─▶ nginx ─unix socket─▶ gunicorn (sync workers) ─▶ PostgreSQL
#           (http:8080 redirects)  └ /static/ from disk            └────▶ Redis
#                               task workers (manage.py db_worker ×N) ─┘
#
# Usage: deploy/prod-local.sh start | stop | status | restart-web | logs
#
# Everything runs in the background with its pid file in var/prod-local/run/ and its log
# in var/prod-local/log/; `start` returns once https://127.0.0.1:8443/healthz answers.
# docs/deployment.md explains the pieces and how they scale past one machine. Knobs (all
# optional): PROD_LOCAL_TASK_WORKERS (2), PROD_LOCAL_HTTPS_PORT (8443), PROD_LOCAL_HTTP_PORT
# (8080), PROD_LOCAL_DB (netra_prod), PROD_LOCAL_PG (postgres://postgres@127.0.0.1:5432),
# PROD_LOCAL_REDIS_DB (7), PROD_LOCAL_REPLICA=1 (route the dashboard's reads through a
# second "replica" alias pointing at the same database), GUNICORN_WORKERS, GUNICORN_TIMEOUT.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR=$ROOT/var/prod-local
RUN=$VAR/run
LOG=$VAR/log
NGINX_PREFIX=$VAR/nginx
PY=$ROOT/.venv/bin/python
NGINX=${NGINX:-/usr/sbin/nginx}

BIND_ADDRESS=127.0.0.1
HTTPS_PORT=${PROD_LOCAL_HTTPS_PORT:-8443}
HTTP_PORT=${PROD_LOCAL_HTTP_PORT:-8080}
TASK_WORKERS=${PROD_LOCAL_TASK_WORKERS:-2}
PG=${PROD_LOCAL_PG:-postgres://postgres@127.0.0.1:5432}
DB_NAME=${PROD_LOCAL_DB:-netra_prod}
REDIS_DB=${PROD_LOCAL_REDIS_DB:-7}
GUNICORN_TIMEOUT=${GUNICORN_TIMEOUT:-30}
URL=https://$BIND_ADDRESS:$HTTPS_PORT

say() { printf '%s\n' "$*"; }
die() {
    printf 'prod-local: %s\n' "$*" >&2
    exit 1
}

pid_of() { # name → the pid in its pid file if that process is alive
    local file=$RUN/$1.pid pid
    [ "$1" = nginx ] && file=$NGINX_PREFIX/nginx.pid
    [ -s "$file" ] || return 1
    pid=$(<"$file")
    kill -0 "$pid" 2>/dev/null || return 1
    printf '%s\n' "$pid"
}

# The task workers of the running stack (however many it was started with), else the
# number configured now.
components() {
    local file found=""
    printf '%s\n' nginx gunicorn scheduler
    for file in "$RUN"/worker-*.supervisor.pid; do
        [ -e "$file" ] || continue
        basename "$file" .supervisor.pid
        found=1
    done
    [ -n "$found" ] || for i in $(seq 1 "$TASK_WORKERS"); do printf 'worker-%s\n' "$i"; done
}

load_env() {
    set -a
    # shellcheck source=/dev/null
    . "$VAR/env"
    set +a
}

# A process in its own session (so a Ctrl-C in the terminal reaches only `stop`), its
# output appended to log/<name>.log, its pid in run/<pidname>.pid ("-": the process
# writes its own).
spawn() {
    local pidname=$1 log=$2
    shift 2
    # 9>&-: the long-lived process must not keep the start/stop lock (see `locked`).
    setsid "$@" >>"$LOG/$log.log" 2>&1 </dev/null 9>&- &
    [ "$pidname" = - ] || printf '%s\n' "$!" >"$RUN/$pidname.pid"
}

# --- prerequisites ----------------------------------------------------------------------

ensure_nginx() {
    [ -x "$NGINX" ] && return
    [ "$(id -u)" = 0 ] || die "nginx is missing: sudo apt-get install nginx-light"
    say "Installing nginx from Debian…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq nginx-light >/dev/null 2>&1 ||
        { apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null; } ||
        apt-get install -y -qq nginx >/dev/null
    [ -x "$NGINX" ] || die "nginx did not install"
}

ensure_postgres() {
    local host port
    host=$(sed -E 's#^[a-z]+://([^@/]*@)?([^:/]+).*#\2#' <<<"$PG")
    port=$(sed -nE 's#^[a-z]+://([^@/]*@)?[^:/]+:([0-9]+).*#\2#p' <<<"$PG")
    port=${port:-5432}
    pg_isready -q -h "$host" -p "$port" && return
    say "Starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start
    for _ in $(seq 1 30); do
        pg_isready -q -h "$host" -p "$port" && return
        sleep 1
    done
    die "PostgreSQL does not answer on $host:$port"
}

ensure_redis() {
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return
    command -v redis-server >/dev/null || die "Redis is not running on 127.0.0.1:6379"
    say "Starting Redis on 127.0.0.1:6379…"
    mkdir -p "$VAR/redis"
    # Only caches live there (sessions are also in PostgreSQL): no persistence needed.
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no \
        --dir "$VAR/redis" --pidfile "$RUN/redis.pid" --logfile "$LOG/redis.log" 9>&-
    for _ in $(seq 1 20); do
        redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return
        sleep 0.5
    done
    die "Redis did not start"
}

# --- configuration ----------------------------------------------------------------------

# The env file is rewritten on every start from the knobs above; the secrets are made once
# and kept.
write_env() {
    local secret_key seal_password replica=""
    if [ -f "$VAR/env" ]; then
        secret_key=$(sed -n 's/^SECRET_KEY=//p' "$VAR/env")
        seal_password=$(sed -n 's/^NETRA_SEAL_PASSWORD=//p' "$VAR/env")
    fi
    secret_key=${secret_key:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
    seal_password=${seal_password:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')}
    [ "${PROD_LOCAL_REPLICA:-0}" = 1 ] && replica=$PG/$DB_NAME
    (
        umask 077
        cat >"$VAR/env" <<EOF
# Written by deploy/prod-local.sh on every start (secrets kept); docs/deployment.md lists
# every variable.
DJANGO_SETTINGS_MODULE=netra.settings.production
SECRET_KEY=$secret_key
ALLOWED_HOSTS=$BIND_ADDRESS,localhost
CSRF_TRUSTED_ORIGINS=https://$BIND_ADDRESS:$HTTPS_PORT,https://localhost:$HTTPS_PORT
WAGTAILADMIN_BASE_URL=$URL
DATABASE_URL=$PG/$DB_NAME
DATABASE_REPLICA_URL=$replica
CACHE_URL=redis://127.0.0.1:6379/$REDIS_DB
EMAIL_URL=filemail:///$VAR/mail
MEDIA_ROOT=$VAR/media
STATIC_ROOT=$VAR/static
NETRA_SEAL_PKCS12=$VAR/seal/seal.p12
NETRA_SEAL_PASSWORD=$seal_password
# HSTS stays off here: a browser would remember it for 127.0.0.1/localhost and then
# refuse the plain-http development server (make run).
SECURE_HSTS_SECONDS=0
GUNICORN_BIND=unix:$RUN/gunicorn.sock
GUNICORN_TIMEOUT=$GUNICORN_TIMEOUT
EOF
    )
}

make_tls_cert() {
    [ -s "$VAR/tls/cert.pem" ] && return
    mkdir -p "$VAR/tls"
    (
        umask 077
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
            -days 825 -subj "/CN=$BIND_ADDRESS" \
            -addext "subjectAltName=IP:$BIND_ADDRESS,DNS:localhost" \
            -keyout "$VAR/tls/key.pem" -out "$VAR/tls/cert.pem" 2>/dev/null
    )
}

render_nginx_conf() {
    local user_line="" rlimit
    if [ "$(id -u)" = 0 ] && id www-data >/dev/null 2>&1; then
        # nginx's workers drop root; the socket directory's group lets them reach gunicorn.
        user_line="user www-data www-data;"
    fi
    # Each worker may open this many files: up to the hard limit (raising it needs
    # CAP_SYS_RESOURCE), 40,000 at most.
    rlimit=$(ulimit -Hn)
    if [ "$rlimit" = unlimited ] || [ "$rlimit" -gt 40000 ]; then rlimit=40000; fi
    mkdir -p "$NGINX_PREFIX/tmp"
    sed -e "s#@USER_LINE@#$user_line#" \
        -e "s#@PREFIX@#$NGINX_PREFIX#g" \
        -e "s#@RLIMIT_NOFILE@#$rlimit#" \
        -e "s#@WORKER_CONNECTIONS@#16384#" \
        -e "s#@MAX_BODY@#21m#" \
        -e "s#@UPSTREAM@#unix:$RUN/gunicorn.sock#" \
        -e "s#@BIND_ADDRESS@#$BIND_ADDRESS#g" \
        -e "s#@HTTP_PORT@#$HTTP_PORT#g" \
        -e "s#@HTTPS_PORT@#$HTTPS_PORT#g" \
        -e "s#@TLS_CERT@#$VAR/tls/cert.pem#" \
        -e "s#@TLS_KEY@#$VAR/tls/key.pem#" \
        -e "s#@STATIC_ROOT@#$VAR/static#" \
        -e "s#@MEDIA_ROOT@#$VAR/media#" \
        -e "s#@GUNICORN_TIMEOUT@#$GUNICORN_TIMEOUT#" \
        -e "s#@PROXY_READ_TIMEOUT@#$((GUNICORN_TIMEOUT + 5))s#g" \
        "$ROOT/deploy/nginx/netra.conf.template" >"$NGINX_PREFIX/nginx.conf"
    ! grep -n '^[^#]*@[A-Z_]*@' "$NGINX_PREFIX/nginx.conf" || die "unrendered placeholder above"
    "$NGINX" -t -q -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf"
}

prepare_dirs() {
    mkdir -p "$RUN" "$LOG" "$VAR/media" "$VAR/static" "$VAR/mail" "$VAR/seal"
    chmod 755 "$VAR"
    if [ "$(id -u)" = 0 ] && id www-data >/dev/null 2>&1; then
        # gunicorn's socket is here: only root and nginx's workers may reach it.
        chgrp www-data "$RUN"
        chmod 750 "$RUN"
    else
        chmod 700 "$RUN"
    fi
}

manage() { (cd "$ROOT" && "$PY" manage.py "$@"); }

# Schema, seal, static files and, on an empty database, the demo. Long commands are not
# held to the web's statement timeout.
prepare_database() {
    if ! psql "$PG/postgres" -Atqc "select 1 from pg_database where datname = '$DB_NAME'" |
        grep -q 1; then
        say "Creating database $DB_NAME…"
        psql "$PG/postgres" -qc "create database $DB_NAME" >/dev/null
    fi
    (
        export DATABASE_STATEMENT_TIMEOUT=0 DATABASE_LOCK_TIMEOUT=0
        say "Migrating, collecting static files…"
        manage migrate --noinput >>"$LOG/setup.log" 2>&1
        manage seal_keygen >>"$LOG/setup.log" 2>&1
        manage collectstatic --noinput >>"$LOG/setup.log" 2>&1
        if [ "$(manage shell -c 'from netra.people.models import User
print(User.objects.exists())' | tail -n 1)" = False ]; then
            say "Loading the demo (seed_demo)…"
            manage seed_demo >>"$LOG/setup.log" 2>&1
            manage update_index >>"$LOG/setup.log" 2>&1
        fi
    )
}

# --- processes ----------------------------------------------------------------------------

# Restarts a task worker that exits or is killed, as systemd's Restart=always does in
# production; `stop` ends the loop first.
supervise() {
    local name=$1 child="" stopping="" status
    shift
    trap 'stopping=1; [ -z "$child" ] || kill -TERM "$child" 2>/dev/null || true' TERM INT
    while [ -z "$stopping" ]; do
        "$@" &
        child=$!
        printf '%s\n' "$child" >"$RUN/$name.pid"
        status=0
        wait "$child" || status=$?
        while kill -0 "$child" 2>/dev/null; do wait "$child" || true; done
        [ -z "$stopping" ] || break
        say "$(date -Is) $name exited with status $status; starting it again"
        sleep 1
    done
    rm -f "$RUN/$name.pid"
}

# Cron's frequent jobs here, every minute: Wagtail's publish_scheduled, requeue_stale_jobs
# (jobs a killed worker left running), issue_pending_certificates (requests whose drain
# job was lost) and fold_quiz_tallies (likewise for quiz statistics); the daily ones are in
# docs/deployment.md.
scheduler() {
    trap 'exit 0' TERM INT
    while :; do
        sleep 60 &
        wait $! || true
        "$PY" manage.py publish_scheduled || true
        "$PY" manage.py requeue_stale_jobs || true
        "$PY" manage.py issue_pending_certificates >/dev/null || true
        "$PY" manage.py fold_quiz_tallies >/dev/null || true
    done
}

start_processes() {
    cd "$ROOT"
    say "Starting gunicorn, $TASK_WORKERS task worker(s), the scheduler and nginx…"
    rm -f "$RUN/gunicorn.sock"
    DATABASE_APPLICATION_NAME=netra-web GUNICORN_TIMEOUT=$GUNICORN_TIMEOUT \
        spawn - gunicorn "$ROOT/.venv/bin/gunicorn" -c "$ROOT/deploy/gunicorn.conf.py" \
        --pid "$RUN/gunicorn.pid" netra.wsgi
    for i in $(seq 1 "$TASK_WORKERS"); do
        DATABASE_APPLICATION_NAME=netra-worker DATABASE_STATEMENT_TIMEOUT=0 \
            DATABASE_LOCK_TIMEOUT=0 \
            spawn "worker-$i.supervisor" "worker-$i" "$ROOT/deploy/prod-local.sh" _supervise "worker-$i" \
            "$PY" manage.py db_worker --no-reload
    done
    DATABASE_APPLICATION_NAME=netra-cron DATABASE_STATEMENT_TIMEOUT=0 \
        spawn scheduler scheduler "$ROOT/deploy/prod-local.sh" _scheduler
    for _ in $(seq 1 100); do
        [ -S "$RUN/gunicorn.sock" ] && break
        sleep 0.2
    done
    "$NGINX" -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" 9>&-
}

wait_healthy() {
    for _ in $(seq 1 60); do
        curl -ksf -o /dev/null --max-time 5 "$URL/healthz" && return
        sleep 1
    done
    tail -n 30 "$LOG/gunicorn.log" "$NGINX_PREFIX/error.log" >&2 || true
    return 1
}

# Sends `signal` to the pids, then KILLs whatever is still alive after `grace` seconds.
stop_pids() {
    local signal=$1 grace=$2 pid
    shift 2
    [ $# -gt 0 ] || return 0
    kill "-$signal" "$@" 2>/dev/null || true
    for _ in $(seq 1 $((grace * 5))); do
        for pid in "$@"; do
            if kill -0 "$pid" 2>/dev/null; then
                sleep 0.2
                continue 2
            fi
        done
        return 0
    done
    say "Still running after ${grace}s, killing: $*"
    kill -KILL "$@" 2>/dev/null || true
}

# --- commands -----------------------------------------------------------------------------

cmd_status() {
    local name pid down=0
    for name in $(components); do
        if pid=$(pid_of "$name"); then
            say "$name: running (pid $pid)"
        else
            say "$name: stopped"
            down=1
        fi
    done
    if [ "$down" = 0 ] && curl -ksf -o /dev/null --max-time 5 "$URL/healthz"; then
        say "$URL/healthz: ok"
    else
        say "$URL/healthz: not answering"
        return 1
    fi
}

cmd_start() {
    [[ $DB_NAME =~ ^[a-z0-9_]+$ ]] || die "PROD_LOCAL_DB: lower-case letters, digits and _ only"
    if cmd_status >/dev/null 2>&1; then
        say "Already running on $URL"
        return 0
    fi
    cmd_stop >/dev/null # leftovers of a half-started or crashed run
    ensure_nginx
    ensure_postgres
    ensure_redis
    prepare_dirs
    write_env
    make_tls_cert
    load_env
    prepare_database
    render_nginx_conf
    start_processes
    if ! wait_healthy; then
        cmd_stop
        die "$URL/healthz did not answer; logs in $LOG"
    fi
    say "Netra (production settings) on $URL (self-signed certificate; http://$BIND_ADDRESS:$HTTP_PORT redirects)."
    say "Logs: $LOG/ and $NGINX_PREFIX/{access,error}.log; stop with: deploy/prod-local.sh stop"
}

cmd_stop() {
    local pid file name pids=()
    # nginx first (QUIT: it finishes the responses under way), so nothing new arrives.
    if pid=$(pid_of nginx); then stop_pids QUIT 10 "$pid"; fi
    # gunicorn's TERM is graceful: requests in flight get graceful_timeout to finish.
    if pid=$(pid_of gunicorn); then stop_pids TERM 35 "$pid"; fi
    # A supervisor passes TERM on to its worker, which finishes its current task first
    # (a second TERM would abort the task, so each worker gets exactly one).
    for file in "$RUN"/worker-*.supervisor.pid; do
        [ -e "$file" ] || continue
        name=$(basename "$file" .supervisor.pid)
        if pid=$(pid_of "$name.supervisor"); then
            pids+=("$pid")
        elif pid=$(pid_of "$name"); then
            pids+=("$pid")
        fi
    done
    if pid=$(pid_of scheduler); then pids+=("$pid"); fi
    stop_pids TERM 60 "${pids[@]}"
    for file in "$RUN"/worker-*.pid; do
        name=$(basename "$file" .pid)
        if pid=$(pid_of "$name"); then kill -KILL "$pid" 2>/dev/null || true; fi
    done
    if pid=$(pid_of redis); then stop_pids TERM 10 "$pid"; fi
    rm -f "$RUN"/*.pid "$RUN/gunicorn.sock" "$NGINX_PREFIX/nginx.pid"
    say "Stopped."
}

# New code without dropping a request (gunicorn's own upgrade): USR2 starts a second
# master on the same socket, which loads the code and forks its workers; then TERM lets the
# old master's workers finish what they are doing and exit. nginx re-reads its
# configuration; each task worker is restarted after its current task. (Changed env
# variables need stop + start.)
cmd_restart_web() {
    local old new="" workers pid
    old=$(pid_of gunicorn) || die "not running; use start"
    load_env
    render_nginx_conf
    workers=$(cd "$ROOT" && "$PY" -c \
        'import runpy; print(runpy.run_path("deploy/gunicorn.conf.py")["workers"])')
    rm -f "$RUN/gunicorn.pid.2"
    kill -USR2 "$old"
    for _ in $(seq 1 600); do
        if [ -s "$RUN/gunicorn.pid.2" ]; then
            new=$(<"$RUN/gunicorn.pid.2")
            [ "$(pgrep -c -P "$new" || true)" -ge "$workers" ] && break
        fi
        sleep 0.1
    done
    if [ -z "$new" ] || [ "$(pgrep -c -P "$new" || true)" -lt "$workers" ]; then
        [ -z "$new" ] || kill -TERM "$new" 2>/dev/null || true
        die "the new gunicorn did not start (see $LOG/gunicorn.log); the old one still serves"
    fi
    stop_pids TERM 35 "$old"
    # The new master takes over the pid file once its parent is gone.
    for _ in $(seq 1 50); do
        [ "$(cat "$RUN/gunicorn.pid" 2>/dev/null)" = "$new" ] && break
        sleep 0.1
    done
    "$NGINX" -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" -s reload 2>>"$NGINX_PREFIX/error.log"
    for i in $(seq 1 "$TASK_WORKERS"); do
        if pid=$(pid_of "worker-$i"); then kill -TERM "$pid"; fi
    done
    wait_healthy || die "$URL/healthz did not answer after the restart"
    say "Web restarted on $URL (gunicorn $old -> $new)"
}

cmd_logs() {
    tail -n 0 -F "$LOG"/*.log "$NGINX_PREFIX/error.log"
}

# One start, stop or restart at a time.
locked() {
    mkdir -p "$VAR"
    exec 9>"$VAR/.lock"
    flock 9
    "$@"
}

case ${1:-} in
start) locked cmd_start ;;
stop) locked cmd_stop ;;
status) cmd_status ;;
restart-web) locked cmd_restart_web ;;
logs) cmd_logs ;;
# The long-lived helpers exit from here: bash reads a script as it runs, so returning to
# a file that changed meanwhile would run whatever is now at that offset.
_supervise)
    shift
    supervise "$@"
    exit 0
    ;;
_scheduler)
    cd "$ROOT"
    scheduler
    exit 0
    ;;
*)
    say "Usage: $0 start|stop|status|restart-web|logs" >&2
    exit 2
    ;;
esac
