#!/usr/bin/env bash
# HTTP load on the sample site, with ConsentKit and without it, in the same run (see docs/performance.md).
#
#   benchmarks/load.sh                 10 s per run
#   DURATION=30 benchmarks/load.sh     30 s per run
#
# Publishes samples/ConsentKit.Sample in Release, starts it twice on 127.0.0.1 (ConsentKit on, and
# Sample:ConsentKit=false), and drives the home page with wrk (Debian's; installed when missing) as
#   * a first-time visitor: no cookie at all, so the "on" page renders the open banner (with a new
#     antiforgery token only when FETCH_METADATA=0);
#   * a visitor who decided: the cookies a browser holds after "Accept all" on the "on" site (consent
#     cookie, antiforgery cookie, the sample's analytics cookie), obtained by a real form POST with the
#     page's antiforgery token; the same Cookie header goes to both sites.
# For each visitor the "on" and "off" runs alternate (on, off; then off, on when ROUNDS=2, ...), so a
# change of load on this machine weighs on both. Each row also gives the server's CPU time per request (from
# /proc), steadier than requests per second. The last line is the lower of the two throughput ratios:
#   throughput ratio: 0.97
#
# Environment: DURATION (seconds per run, default 10), CONNECTIONS (default 16), THREADS (wrk threads,
# default 1), ROUNDS (runs per mode and visitor, default 1), WARMUP (seconds per site and visitor, default 10: the JIT keeps optimising for a while), FETCH_METADATA
# (1: send the Sec-Fetch-* headers of a current browser, the default; 0: an older browser without them).
# Everything stays on 127.0.0.1; every step is bounded in time; the servers are stopped on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-1}
WARMUP=${WARMUP:-10}
for v in DURATION CONNECTIONS THREADS ROUNDS WARMUP; do
    case ${!v} in ''|*[!0-9]*|0) [ "$v" = WARMUP ] && [ "${!v}" = 0 ] || { echo "ERROR: $v must be a positive whole number, got '${!v}'" >&2; exit 2; } ;; esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '==> %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk (apt-get)"
    sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo -n)
    timeout 600 "${sudo[@]}" apt-get -q -o DPkg::Lock::Timeout=300 update >/dev/null
    timeout 600 "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends wrk >/dev/null
fi
command -v curl >/dev/null 2>&1 || { echo "ERROR: curl is needed" >&2; exit 1; }

WORK=$(mktemp -d -t consentkit-load.XXXXXX)
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "publishing the sample (Release)"
timeout 900 dotnet publish samples/ConsentKit.Sample/ConsentKit.Sample.csproj -c Release -o "$WORK/app" -nologo -v quiet -tl:off >"$WORK/publish.log" 2>&1 ||
    { tail -n 40 "$WORK/publish.log" >&2; echo "ERROR: publish failed" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        port_in_use "$port" || { echo "$port"; return 0; }
    done
    echo "ERROR: no free port found" >&2
    return 1
}

# start_sample NAME on|off -> sets PORT_<NAME>
start_sample() {
    local name=$1 mode=$2 port
    port=$(free_port)
    (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
        Sample__ConsentKit=$([ "$mode" = on ] && echo true || echo false) \
        dotnet ConsentKit.Sample.dll) >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    printf -v "PID_$name" '%s' "$!"
    for _ in $(seq 1 120); do
        if curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$port/" 2>/dev/null; then
            printf -v "PORT_$name" '%s' "$port"
            return 0
        fi
        sleep 0.5
    done
    tail -n 40 "$WORK/$name.log" >&2
    echo "ERROR: the sample ($mode) did not answer on 127.0.0.1:$port within 60 s" >&2
    exit 1
}

log "starting the sample twice: ConsentKit on, and off (Sample:ConsentKit=false)"
start_sample ON on
start_sample OFF off
ON="http://127.0.0.1:$PORT_ON"
OFF="http://127.0.0.1:$PORT_OFF"

# Sanity: the "on" page has the banner, the "off" page has none.
# (Pages are read whole before grep: with pipefail, a grep -q that stops early fails the pipeline.)
page_has() { local page; page=$(curl -fsS --max-time 10 "${@:2}") && grep -qF -- "$1" <<<"$page"; }
page_has 'id="consentkit"' "$ON/" || { echo "ERROR: no banner on the ConsentKit page" >&2; exit 1; }
if page_has 'id="consentkit"' "$OFF/"; then echo "ERROR: the page without ConsentKit has a banner" >&2; exit 1; fi

log "deciding as a browser would: load the page, post \"Accept all\" with its antiforgery token"
JAR="$WORK/cookies.txt"
curl -fsS --max-time 10 -c "$JAR" -b "$JAR" "$ON/" >"$WORK/page.html"
TOKEN=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' "$WORK/page.html" | head -n 1 | sed 's/.*value="//; s/"$//')
[ -n "$TOKEN" ] || { echo "ERROR: no antiforgery token in the banner's form" >&2; exit 1; }
STATUS=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
    -H "Origin: $ON" -H 'Sec-Fetch-Site: same-origin' \
    --data-urlencode action=accept-all --data-urlencode returnUrl=/ --data-urlencode "__RequestVerificationToken=$TOKEN" \
    "$ON/_consent")
[ "$STATUS" = 303 ] || { echo "ERROR: the decision POST answered $STATUS, expected 303" >&2; exit 1; }
curl -fsS --max-time 10 -o /dev/null -c "$JAR" -b "$JAR" "$ON/" # the next page sets the (now granted) analytics cookie
COOKIE=$(awk -F'\t' 'NF >= 7 && $1 !~ /^# / { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$JAR" | sed 's/^#HttpOnly_//')
case $COOKIE in *.ConsentKit=1.*) ;; *) echo "ERROR: no consent cookie after the decision POST" >&2; exit 1 ;; esac
page_has 'data-state="decided"' -H "Cookie: $COOKIE" "$ON/" ||
    { echo "ERROR: the consent cookie is not honoured" >&2; exit 1; }
echo "decided visitor's cookies: $(printf '%s' "$COOKIE" | sed -E 's/=[^;]{12}[^;]*/=…/g')" >&2

BYTES_ON_FIRST=$(curl -fsS --max-time 10 "$ON/" | wc -c)
BYTES_OFF_FIRST=$(curl -fsS --max-time 10 "$OFF/" | wc -c)
BYTES_ON_DECIDED=$(curl -fsS --max-time 10 -H "Cookie: $COOKIE" "$ON/" | wc -c)
BYTES_OFF_DECIDED=$(curl -fsS --max-time 10 -H "Cookie: $COOKIE" "$OFF/" | wc -c)

# run_wrk URL SECONDS [COOKIE] -> wrk's output in $WRK_OUT
run_wrk() {
    local url=$1 seconds=$2 cookie=${3:-}
    # The headers every current browser sends with a page navigation (Fetch Metadata): with them ConsentKit
    # needs no antiforgery token in its forms. FETCH_METADATA=0 measures an older browser instead.
    local args=(-t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --timeout 5s --latency)
    [ "${FETCH_METADATA:-1}" = 1 ] && args+=(-H "Sec-Fetch-Site: same-origin" -H "Sec-Fetch-Mode: navigate" -H "Sec-Fetch-Dest: document")
    [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
    WRK_OUT=$(timeout $((seconds + 30)) wrk "${args[@]}" "$url/")
    if grep -q 'Non-2xx or 3xx responses' <<<"$WRK_OUT"; then
        echo "$WRK_OUT" >&2
        echo "ERROR: errors under load at $url" >&2
        exit 1
    fi
}

log "warming up both sites (${WARMUP}s each per visitor)"
if [ "$WARMUP" -gt 0 ]; then
    for url in "$ON" "$OFF"; do
        run_wrk "$url" "$WARMUP"
        run_wrk "$url" "$WARMUP" "$COOKIE"
    done
fi

# Totals per visitor and mode: requests and seconds; latency percentiles of the last run.
declare -A REQS SECS P50 P90 P99 CPU_TICKS CPU_REQS
# The server's CPU time (user + system, in clock ticks) from /proc: steadier than requests per second on a
# machine shared with wrk and everything else, and it is what ConsentKit adds to each request.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
measure() { # visitor mode url cookie
    local visitor=$1 mode=$2 url=$3 cookie=$4 rps
    log "$visitor, ConsentKit $mode: ${DURATION}s, $CONNECTIONS connections"
    local pid_var=PID_${mode^^} ticks
    ticks=$(cpu_ticks "${!pid_var}")
    run_wrk "$url" "$DURATION" "$cookie"
    CPU_TICKS[$visitor.$mode]=$(( ${CPU_TICKS[$visitor.$mode]:-0} + $(cpu_ticks "${!pid_var}") - ticks ))
    CPU_REQS[$visitor.$mode]=$(( ${CPU_REQS[$visitor.$mode]:-0} + $(awk '/ requests in / { print $1 }' <<<"$WRK_OUT") ))
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$WRK_OUT")
    REQS[$visitor.$mode]=$(awk -v a="${REQS[$visitor.$mode]:-0}" -v r="$rps" -v d="$DURATION" 'BEGIN { printf "%.2f", a + r * d }')
    SECS[$visitor.$mode]=$(( ${SECS[$visitor.$mode]:-0} + DURATION ))
    P50[$visitor.$mode]=$(awk '$1 == "50%" { print $2 }' <<<"$WRK_OUT")
    P90[$visitor.$mode]=$(awk '$1 == "90%" { print $2 }' <<<"$WRK_OUT")
    P99[$visitor.$mode]=$(awk '$1 == "99%" { print $2 }' <<<"$WRK_OUT")
}

for round in $(seq 1 "$ROUNDS"); do
    for visitor in first-visit decided; do
        cookie=
        [ "$visitor" = decided ] && cookie=$COOKIE
        if [ $((round % 2)) -eq 1 ]; then
            measure "$visitor" on "$ON" "$cookie"
            measure "$visitor" off "$OFF" "$cookie"
        else
            measure "$visitor" off "$OFF" "$cookie"
            measure "$visitor" on "$ON" "$cookie"
        fi
    done
done

rps() { awk -v r="${REQS[$1]}" -v s="${SECS[$1]}" 'BEGIN { printf "%.0f", r / s }'; }
ratio() { awk -v a="$(rps "$1.on")" -v b="$(rps "$1.off")" 'BEGIN { printf "%.2f", a / b }'; }

echo
echo "GET / on 127.0.0.1, wrk $THREADS thread(s), $CONNECTIONS connections, $ROUNDS x ${DURATION}s per row; $(nproc) cores shared with everything else on this machine"
cpu_us() { awk -v t="${CPU_TICKS[$1]}" -v n="${CPU_REQS[$1]}" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }'; }
printf '%-12s %-11s %8s %9s %9s %9s %8s %10s\n' visitor ConsentKit req/s p50 p90 p99 bytes "CPU us/req"
for visitor in first-visit decided; do
    for mode in on off; do
        if [ "$visitor" = first-visit ]; then bytes_var=BYTES_${mode^^}_FIRST; else bytes_var=BYTES_${mode^^}_DECIDED; fi
        printf '%-12s %-11s %8s %9s %9s %9s %8s %10s\n' "$visitor" "$mode" "$(rps "$visitor.$mode")" \
            "${P50[$visitor.$mode]}" "${P90[$visitor.$mode]}" "${P99[$visitor.$mode]}" "${!bytes_var}" "$(cpu_us "$visitor.$mode")"
    done
done
FIRST=$(ratio first-visit)
DECIDED=$(ratio decided)
for visitor in first-visit decided; do
    echo "server CPU added by ConsentKit, $visitor: $(awk -v a="$(cpu_us "$visitor.on")" -v b="$(cpu_us "$visitor.off")" 'BEGIN { printf "%+.1f us per request (%+.0f%%)", a - b, (a / b - 1) * 100 }')"
done
echo "throughput ratio, first visit (banner open): $FIRST"
echo "throughput ratio, decided visitor: $DECIDED"
echo "(the last line is the lower of the two)"
echo "throughput ratio: $(awk -v a="$FIRST" -v b="$DECIDED" 'BEGIN { printf "%.2f", (a < b ? a : b) }')"
