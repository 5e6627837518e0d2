#!/usr/bin/env bash
# Issue 14's benchmark. Builds Release, then for each history (0 and 50,000 past appointments, each a fresh database
# and a fresh app start) measures the app's pages with wrk interleaved with a plain Kestrel hello-world on the same
# machine, runs booking races of 16 signed-in patients (exactly one winner a race), times the confirmation emails from
# booking to an SMTP sink on loopback, runs a booking stream of 16 patients booking free times back to back (the
# issue's bookings/s), and sends a burst of 1,000 emails through the app's outbox; finally the same number straight
# from Python's smtplib to the same sink. Prints a Markdown report and writes it to TestResults/bench/.
# Benchmarks measure; the tests assert correctness. About 7 minutes with the defaults on two cores, after the build.
#
#   BENCH_DURATION=10          seconds per wrk run and for each booking phase (2-3 while trying the script out)
#   BENCH_HISTORIES="0 50000"  past appointments seeded before each app start
#   BENCH_EMAILS=1000          emails in each burst
#   BENCH_KEEP=1               keep the temporary folder (databases, logs, wrk outputs) and say where it is
# Any app setting can be added as an environment variable (Clinic__MinimumNotice=02:00:00 scripts/bench.sh); the
# ones set below win.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${BENCH_DURATION:-10}"
histories="${BENCH_HISTORIES:-0 50000}"
emails="${BENCH_EMAILS:-1000}"
# The booking stream: 16 patients on 40 practitioners added to the demo's two (the demo's have only about 700 free
# visits in the 60 days ahead). One account may hold at most 100 visits ahead, so each patient rotates over its own
# 8 accounts: 800 visits, about its share of the 40 practitioners' free times (each sign-in costs a slow hash).
stream_accounts=128
stream_practitioners=40
wrk_args=(-t2 -c32 "-d${duration}s" --latency)
password="ClinicDemo-2026"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v python3 >/dev/null || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== Installing ${missing[*]} from Debian's packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt run (unattended upgrades, a first boot) instead of failing on its lock.
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== Building Release"
dotnet build -c Release src/ClinicBooking.Web/ClinicBooking.Web.csproj --verbosity quiet -nologo
dotnet build -c Release bench/ClinicBooking.Bench/ClinicBooking.Bench.csproj --verbosity quiet -nologo
app_bin="$PWD/src/ClinicBooking.Web/bin/Release/net10.0"
tools="$PWD/bench/ClinicBooking.Bench/bin/Release/net10.0/ClinicBooking.Bench.dll"
helper=(python3 "$PWD/bench/bench.py")

run="$(mktemp -d /tmp/clinicbooking-bench.XXXXXX)"
results="$run/results.jsonl"
pids=()
app_pid=""
cleanup() {
  # Only the processes this script started, by their ids.
  for pid in "${pids[@]}" $app_pid; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ "${BENCH_KEEP:-}" = 1 ]; then
    echo "Kept $run"
  else
    rm -rf "$run"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

echo "== Starting the SMTP sink and the hello endpoint"
sink_port="$(free_port)"
sink_log="$run/sink.log"
: >"$sink_log"
dotnet "$tools" smtp-sink --port "$sink_port" --log "$sink_log" >"$run/sink.out" 2>&1 &
pids+=($!)
hello_url="http://127.0.0.1:$(free_port)"
dotnet "$tools" hello --url "$hello_url" >"$run/hello.out" 2>&1 &
pids+=($!)
"${helper[@]}" wait "$sink_port" --timeout 60
"${helper[@]}" wait "$hello_url/" --timeout 60
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# How the app is started for the bench (the brief: Release, Development, demo data):
# - its databases, key ring and pickup folder in this run's temporary folder; email to the sink, without TLS;
# - the per-address POST limits (RateLimits:*) raised: every patient signs in and books from 127.0.0.1, one address;
# - Clinic:MaxUpcomingVisitsPerPatient at 100, the most the app accepts (its validation allows 1 to 100); the races'
#   bookings spread over 16 patients stay far below it, and each stream patient rotates over 8 accounts for it;
# - logging as appsettings.sample.json sets it for a real clinic: Development's default would also log every SQL
#   command, which a deployment does not.
start_app() {
  local dir="$1" port="$2"
  (
    cd "$app_bin"
    exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
      ConnectionStrings__Clinic="Data Source=$dir/clinic.db" Hangfire__Database="$dir/hangfire.db" \
      DataProtection__KeysPath="$dir/keys" Email__PickupDirectory="$dir/mail" App__PublicUrl="http://127.0.0.1:$port" \
      Email__Smtp__Host=127.0.0.1 Email__Smtp__Port="$sink_port" Email__Smtp__Security=None \
      RateLimits__SignIn__PermitLimit=1000000 RateLimits__Booking__PermitLimit=1000000 \
      Clinic__MaxUpcomingVisitsPerPatient=100 \
      Logging__LogLevel__Default=Information Logging__LogLevel__Microsoft.AspNetCore=Warning \
      Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Warning Logging__LogLevel__Hangfire=Warning \
      dotnet ClinicBooking.Web.dll
  ) >>"$dir/app.log" 2>&1 &
  app_pid=$!
  "${helper[@]}" wait "http://127.0.0.1:$port/health" --timeout 120
}

# One of the key=value lines bench.py seed printed.
seed_value() { sed -n "s/^$1=//p" <<<"$seeded"; }

stop_app() {
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

# A week and a month of future weekdays: from next Monday; the month is 23 weekdays (Monday to the Wednesday of the
# fifth week), 667 free starts of the 45+15 minute follow-up for one practitioner.
monday="$(date -u -d 'next monday' +%F)"
sunday="$(date -u -d "$monday + 6 days" +%F)"
month_end="$(date -u -d "$monday + 30 days" +%F)"
names=("availability, 1 practitioner, 1 week" "availability, 1 practitioner, 1 month" "/book week grid, any practitioner"
  "/lactation-deficiency" "/")
paths=("/api/availability?serviceId=2&practitionerId=1&from=$monday&to=$sunday"
  "/api/availability?serviceId=2&practitionerId=1&from=$monday&to=$month_end"
  "/book?serviceId=2&practitionerId=any&week=$monday" "/lactation-deficiency" "/")

for history in $histories; do
  echo "== $history past appointments"
  dir="$run/history-$history"
  mkdir -p "$dir"
  port="$(free_port)"
  app_url="http://127.0.0.1:$port"
  # The first start migrates and seeds the demo data; the patients, history and the stream's practitioners go in
  # while the app is stopped.
  start_app "$dir" "$port"
  stop_app
  seeded="$("${helper[@]}" seed "$dir/clinic.db" --patients 16 --past "$history" --stream-accounts "$stream_accounts" \
    --practitioners "$stream_practitioners")"
  patients="$(seed_value patients)"
  start_app "$dir" "$port"

  echo "   wrk: warming up, then hello and each endpoint in turn, ${duration} s each"
  wrk -t2 -c32 -d2s "$hello_url/" >/dev/null
  for path in "${paths[@]}"; do
    wrk -t2 -c32 -d2s "$app_url$path" >/dev/null
  done
  for i in "${!paths[@]}"; do
    detail=""
    case "${paths[$i]}" in
      /api/availability*) detail="$("${helper[@]}" slots "$app_url${paths[$i]}") free starts" ;;
      /book*) detail="$((stream_practitioners + 2)) practitioners" ;;
    esac
    wrk "${wrk_args[@]}" "$hello_url/" >"$dir/wrk-$i-hello.txt"
    wrk "${wrk_args[@]}" "$app_url${paths[$i]}" >"$dir/wrk-$i-app.txt"
    "${helper[@]}" wrk "$results" "$history" "${names[$i]}" "${paths[$i]}" "$detail" "$dir/wrk-$i-hello.txt" "$dir/wrk-$i-app.txt"
    echo "   ${names[$i]}: $(grep 'Requests/sec' "$dir/wrk-$i-app.txt" | tr -s ' ') (hello $(grep 'Requests/sec' "$dir/wrk-$i-hello.txt" | tr -s ' ' | cut -d' ' -f2))"
  done

  # The races first, on the demo's two practitioners, so their checks and email times see only their own bookings;
  # the stream then books the other practitioners' times.
  echo "   booking races: 16 patients, ${duration} s"
  dotnet "$tools" booking-load --url "$app_url" --patients "$patients" --password "$password" --service 2 --contenders 4 \
    --practitioners "$(seed_value race_practitioners)" --seconds "$duration" >"$dir/booking.txt" 2>"$dir/booking.err" \
    || { cat "$dir/booking.err"; exit 1; }
  cat "$dir/booking.err"
  "${helper[@]}" booking "$results" "$history" "$dir/clinic.db" "$dir/booking.txt"
  "${helper[@]}" drain "$dir/clinic.db" --timeout 180
  "${helper[@]}" latency "$results" "$history" "$dir/clinic.db" "$sink_log"

  echo "   booking stream: 16 patients over $stream_accounts accounts, $stream_practitioners practitioners, ${duration} s"
  dotnet "$tools" booking-stream --url "$app_url" --accounts "$(seed_value stream_accounts)" --password "$password" \
    --patients 16 --practitioners "$(seed_value stream_practitioners)" --service 2 --seconds "$duration" \
    >"$dir/stream.txt" 2>"$dir/stream.err" || { cat "$dir/stream.err"; exit 1; }
  cat "$dir/stream.err"
  "${helper[@]}" stream "$results" "$history" "$dir/clinic.db" "$dir/stream.txt" --practitioners "$(seed_value stream_practitioners)"
  "${helper[@]}" drain "$dir/clinic.db" --timeout 180

  echo "   email burst: $emails confirmations through the outbox"
  first_id="$("${helper[@]}" burst "$dir/clinic.db" --count "$emails")"
  # A booking wakes the outbox at once (otherwise its minute sweep would find the burst).
  dotnet "$tools" book-one --url "$app_url" --patient "${patients%%,*}" --password "$password" --service 2 >/dev/null
  "${helper[@]}" drain "$dir/clinic.db" --min-id "$first_id" --timeout 300
  "${helper[@]}" burst-done "$results" "$history" "$dir/clinic.db" "$sink_log" --first-id "$first_id" --count "$emails"
  stop_app
done

echo "== Raw SMTP: $emails emails from Python's smtplib to the same sink"
"${helper[@]}" raw "$results" "$sink_log" --port "$sink_port" --count "$emails"

when="$(date -u +%Y-%m-%dT%H%MZ)"
mkdir -p TestResults/bench
report="TestResults/bench/$when.md"
setup="- Release build, Development environment, demo data (2 practitioners; the follow-up visit, 45+15 min, is booked) plus
  $stream_practitioners practitioners with the same hours ($((stream_practitioners + 2)) in all: the \"any practitioner\" grid shows all of them),
  16 bench patients; past appointments are 25 a patient (the demo and bench patients, and as many more as they need),
  all with the demo's 2 practitioners.
- Booking races: the 16 patients race in fours on the demo's 2 practitioners (each opens the confirm page, then all POST
  at once). Booking stream: 16 concurrent patients on the other $stream_practitioners practitioners, each POSTing /book back to back at
  free times no one else aims at, each loop rotating over $((stream_accounts / 16)) accounts because one account may hold at most 100
  visits ahead; each account's first booking (its token's check) is made before the clock starts. Each booking queues
  its confirmation email, which the app sends meanwhile, as it would.
- wrk ${wrk_args[*]}; the hello endpoint (plain Kestrel, \`MapGet(\"/\", () => \"Hello\")\`) is measured just before each
  app endpoint, and % of hello is against that run.
- $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), .NET SDK $(dotnet --version),
  $({ wrk -v 2>&1 || true; } | head -1 | cut -d' ' -f1-2); load average $load_before when measuring began and
  $(cut -d' ' -f1-3 /proc/loadavg) at the end (other work on the machine shows here).
- App settings for the bench: rate limits raised, at most 100 visits ahead a patient, SQL command logging off
  (scripts/bench.sh says why); otherwise as Development starts (emails are woken in-process, not by Hangfire's poll).
- Emails go from the app (MailKit) to an SMTP sink on loopback (the SmtpServer package, Nagle's algorithm off on its
  side) that logs each Message-ID and when it arrived."
status=0
"${helper[@]}" report "$results" --when "$when" --setup "$setup" >"$report" || status=$?
echo
cat "$report"
echo
echo "Written to $report"
exit "$status"
