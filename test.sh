#!/usr/bin/env bash
# Runs every test in ConsentKit.sln. This is the single "run all tests" command
# (CI runs it through .ci/run).
#
#   * installs Debian's chromium and postgresql when they are missing (apt-get;
#     needs root, or sudo),
#   * builds the solution,
#   * starts a throw-away PostgreSQL on 127.0.0.1 (stopped and deleted on exit)
#     and exports CONSENTKIT_TEST_POSTGRES; exports CONSENTKIT_CHROMIUM,
#   * runs `dotnet test` (Microsoft.Testing.Platform) and counts the results
#     from the per-assembly xUnit XML reports it writes to TestResults/test-sh/.
#
# The last line of output is always "N passed, N failed" (plus ", N skipped" when
# tests were skipped or not run). The exit status is non-zero when the build or
# `dotnet test` failed, when any test failed, was skipped or was not run, or when
# no test ran at all.
#
# Optional environment:
#   CONSENTKIT_TEST_CONFIGURATION  build configuration (default: Release)
#   CONSENTKIT_TEST_TIMEOUT        seconds the tests may take (default: 4200 = 70
#                                  minutes, leaving room for apt and the build in
#                                  CI's 90 minutes). Passed to the test platform's
#                                  --timeout (cooperative cancellation); dotnet
#                                  test is killed if it is still running
#                                  min(300, timeout) seconds later.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export CONSENTKIT_CHROMIUM=/usr/bin/chromium

SOLUTION=ConsentKit.sln
CONFIGURATION=${CONSENTKIT_TEST_CONFIGURATION:-Release}
TEST_TIMEOUT=${CONSENTKIT_TEST_TIMEOUT:-4200}
RESULTS_DIR="$ROOT/TestResults/test-sh"

log() { printf '==> %s\n' "$*"; }

# Prints the summary line (always the last line of output) and exits.
finish() { # passed failed skipped exit-code
    if [ "$3" -gt 0 ]; then
        echo "$1 passed, $2 failed, $3 skipped"
    else
        echo "$1 passed, $2 failed"
    fi
    exit "$4"
}

# Before the summary line exists, any failure must still end with one.
fail_early() {
    echo "ERROR: $*" >&2
    finish 0 1 0 1
}

case $TEST_TIMEOUT in
    ''|*[!0-9]*) fail_early "CONSENTKIT_TEST_TIMEOUT must be a number of seconds, got '$TEST_TIMEOUT'" ;;
esac

# --------------------------------------------------------------------------
# 1. System packages
# --------------------------------------------------------------------------
find_pg_bin() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$initdb" ] && dirname "$initdb"
}

# Waits (up to 5 minutes) while apt/dpkg is running, e.g. a background install.
wait_for_apt() {
    local waited=0 busy comm f
    while :; do
        busy=
        for f in /proc/[0-9]*/comm; do
            comm=$(cat "$f" 2>/dev/null) || continue
            case $comm in
                apt|apt-get|aptitude|dpkg|unattended-upgr) busy=$comm; break ;;
            esac
        done
        [ -z "$busy" ] && return 0
        if [ "$waited" -ge 300 ]; then
            echo "WARNING: '$busy' still running after ${waited}s; trying anyway" >&2
            return 0
        fi
        [ "$waited" -eq 0 ] && log "waiting for a running '$busy' to finish"
        sleep 5
        waited=$((waited + 5))
    done
}

install_packages() {
    local missing=() sudo=() aptlog
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    find_pg_bin >/dev/null || missing+=(postgresql)
    [ ${#missing[@]} -eq 0 ] && return 0

    log "installing missing packages: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo -n)
        else
            fail_early "missing packages (${missing[*]}); run as root or install them: apt-get install --no-install-recommends ${missing[*]}"
        fi
    fi
    command -v apt-get >/dev/null 2>&1 ||
        fail_early "missing packages (${missing[*]}) and apt-get is not available"

    wait_for_apt
    aptlog=$(mktemp)
    if ! { "${sudo[@]}" apt-get -q -o DPkg::Lock::Timeout=300 update &&
           "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
               apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}"
         } >"$aptlog" 2>&1; then
        tail -n 40 "$aptlog" >&2
        rm -f "$aptlog"
        fail_early "apt-get failed to install: ${missing[*]}"
    fi
    rm -f "$aptlog"
    [ -x /usr/bin/chromium ] || fail_early "chromium was installed but /usr/bin/chromium is missing"
    find_pg_bin >/dev/null || fail_early "postgresql was installed but no /usr/lib/postgresql/*/bin/initdb found"
}

install_packages
command -v dotnet >/dev/null 2>&1 || fail_early "the .NET SDK (dotnet) is not on PATH"

# --------------------------------------------------------------------------
# 2. Build
# --------------------------------------------------------------------------
log "building $SOLUTION ($CONFIGURATION)"
if ! dotnet build "$SOLUTION" -c "$CONFIGURATION" -nologo -v minimal -tl:off; then
    echo "ERROR: build failed (see the errors above)" >&2
    finish 0 1 0 1
fi

# --------------------------------------------------------------------------
# 3. Throw-away PostgreSQL
# --------------------------------------------------------------------------
PG_BIN=$(find_pg_bin)
PG_DIR=
PG_RUNNING=
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root; use the user created by the Debian package.
    id postgres >/dev/null 2>&1 || fail_early "running as root but there is no 'postgres' user to run PostgreSQL"
    as_pg=(runuser -u postgres --)
fi
# runs a PostgreSQL tool as the server's user, from a directory it can read
pg() { (cd "$PG_DIR" && "${as_pg[@]}" "$@"); }

cleanup() {
    local rc=$?
    if [ -n "$PG_RUNNING" ]; then
        pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "$PG_DIR" ]; then
        rm -rf "$PG_DIR"
    fi
    return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgres() {
    PG_DIR=$(mktemp -d /tmp/consentkit-pg.XXXXXX)
    chmod 700 "$PG_DIR"
    if [ ${#as_pg[@]} -gt 0 ]; then
        chown postgres: "$PG_DIR"
    fi

    if ! pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust \
            -E UTF8 --no-locale --no-sync >"$PG_DIR/initdb.log" 2>&1; then
        cat "$PG_DIR/initdb.log" >&2
        fail_early "initdb failed"
    fi

    local port tries=0
    for port in $(seq 55432 55531); do
        port_in_use "$port" && continue
        tries=$((tries + 1))
        if pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
                -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
                start >/dev/null 2>&1; then
            PG_RUNNING=1
            PG_PORT=$port
            break
        fi
        # e.g. someone grabbed the port meanwhile; try the next one a few times
        if [ "$tries" -ge 5 ]; then
            break
        fi
    done
    if [ -z "$PG_RUNNING" ]; then
        tail -n 30 "$PG_DIR/server.log" >&2 2>/dev/null || true
        fail_early "could not start PostgreSQL"
    fi

    if ! "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres consentkit_test >"$PG_DIR/createdb.log" 2>&1; then
        cat "$PG_DIR/createdb.log" >&2
        fail_early "could not create database consentkit_test"
    fi
    export CONSENTKIT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=consentkit_test"
    log "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PG_PORT (database consentkit_test)"
}

start_postgres

# --------------------------------------------------------------------------
# 4. Test
# --------------------------------------------------------------------------
kill_after=$((TEST_TIMEOUT < 300 ? TEST_TIMEOUT : 300))
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
test_cmd=(dotnet test --solution "$SOLUTION" -c "$CONFIGURATION" --no-build
          --results-directory "$RESULTS_DIR"
          --report-xunit-xml --report-xunit-trx
          --no-ansi --no-progress
          --show-stdout Failed --show-stderr Failed
          --timeout "${TEST_TIMEOUT}s")
log "running: ${test_cmd[*]}"
# `timeout` is the backstop for tests that ignore cancellation (e.g. a deadlock)
# so that the summary is still printed. It runs dotnet test in its own process
# group and signals the whole group, test hosts included. It runs in the
# background so that Ctrl-C / TERM reach the traps below, which forward them.
timeout --kill-after=30 "$((TEST_TIMEOUT + kill_after))" "${test_cmd[@]}" &
test_pid=$!
trap 'kill -TERM "$test_pid" 2>/dev/null; wait "$test_pid"; exit 130' INT
trap 'kill -TERM "$test_pid" 2>/dev/null; wait "$test_pid"; exit 143' TERM
set +e
wait "$test_pid"
test_rc=$?
set -e
trap 'exit 130' INT
trap 'exit 143' TERM
if [ "$test_rc" -eq 124 ] || [ "$test_rc" -eq 137 ]; then
    echo "ERROR: dotnet test did not finish within $((TEST_TIMEOUT + kill_after))s and was killed"
fi

# --------------------------------------------------------------------------
# 5. Count the results from the xUnit XML reports (one per test assembly)
# --------------------------------------------------------------------------
xml_unescape() { sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g'; }
attr() { # attr NAME <<< "<element ...>"
    sed -n "s/.* $1=\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}

passed=0 failed=0 skipped=0 errors=0 assemblies=0
shopt -s nullglob
reports=("$RESULTS_DIR"/*.xunit.xml)
shopt -u nullglob
echo
echo "==================== Test results (from ${#reports[@]} xUnit XML report(s)) ===================="
failed_names=()
for report in "${reports[@]}"; do
    # the reports are single-line XML; one <assembly ...> element per test assembly
    while IFS= read -r el; do
        [ -n "$el" ] || continue
        name=$(attr name <<<"$el" | xml_unescape)
        a_passed=$(attr passed <<<"$el")
        a_failed=$(attr failed <<<"$el"); a_skipped=$(attr skipped <<<"$el")
        a_notrun=$(attr not-run <<<"$el"); a_errors=$(attr errors <<<"$el")
        a_time=$(attr time <<<"$el")
        a_passed=${a_passed:-0} a_failed=${a_failed:-0}
        a_skipped=${a_skipped:-0} a_notrun=${a_notrun:-0} a_errors=${a_errors:-0}
        assemblies=$((assemblies + 1))
        passed=$((passed + a_passed))
        failed=$((failed + a_failed))
        skipped=$((skipped + a_skipped + a_notrun))
        errors=$((errors + a_errors))
        if [ $((a_passed + a_failed + a_skipped + a_notrun)) -eq 0 ]; then
            failed_names+=("NO TESTS: $(basename "$name" .dll) ran zero tests")
        fi
        printf '%-40s %5d passed, %d failed, %d skipped, %d not run, %d errors (%ss)\n' \
            "$(basename "$name" .dll)" "$a_passed" "$a_failed" "$a_skipped" "$a_notrun" "$a_errors" "${a_time:-?}"
    done < <(tr '\n' ' ' <"$report" | grep -o '<assembly [^>]*>' || true)

    while IFS= read -r el; do
        [ -n "$el" ] || continue
        failed_names+=("FAILED:  $(attr name <<<"$el" | xml_unescape)")
    done < <(tr '\n' ' ' <"$report" | grep -o '<test [^>]*result="Fail"[^>]*>' || true)
    while IFS= read -r el; do
        [ -n "$el" ] || continue
        failed_names+=("SKIPPED: $(attr name <<<"$el" | xml_unescape)")
    done < <(tr '\n' ' ' <"$report" | grep -oE '<test [^>]*result="(Skip|NotRun)"[^>]*>' || true)
    while IFS= read -r el; do
        [ -n "$el" ] || continue
        failed_names+=("ERROR:   $(attr type <<<"$el" | xml_unescape) $(attr name <<<"$el" | xml_unescape)")
    done < <(tr '\n' ' ' <"$report" | grep -o '<error [^>]*>' || true)
done

if [ ${#failed_names[@]} -gt 0 ]; then
    echo
    echo "Tests that did not pass (details above):"
    printf '  %s\n' "${failed_names[@]}"
fi

echo
rc=0
if [ "$errors" -gt 0 ]; then
    echo "ERROR: $errors test-infrastructure error(s) (fixture/cleanup failures), counted as failed"
    failed=$((failed + errors))
fi
if [ "$failed" -gt 0 ]; then
    rc=1
fi
if [ "$skipped" -gt 0 ]; then
    echo "ERROR: $skipped test(s) were skipped or not run; every test must run"
    rc=1
fi
if [ "$test_rc" -ne 0 ]; then
    echo "ERROR: dotnet test exited with code $test_rc"
    rc=1
    # make the failure visible in the summary even when no report recorded a failure
    # (e.g. a crashed or timed-out test host)
    if [ "$failed" -eq 0 ]; then
        failed=1
    fi
fi
if [ "$assemblies" -eq 0 ]; then
    echo "ERROR: no test results were produced (no *.xunit.xml in $RESULTS_DIR)"
    rc=1
    if [ "$failed" -eq 0 ]; then
        failed=1
    fi
elif [ $((passed + failed + skipped)) -eq 0 ]; then
    echo "ERROR: zero tests ran"
    rc=1
fi
echo "Reports: $RESULTS_DIR"
finish "$passed" "$failed" "$skipped" "$rc"
