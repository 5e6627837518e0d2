#!/usr/bin/env bash
# Runs every test on a fresh machine: installs Chromium and PostgreSQL from Debian's packages if missing, starts a
# throwaway PostgreSQL cluster (stopped and deleted at the end), restores tools and packages, builds, runs the unit,
# integration and browser tests, and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "== Installing Chromium from Debian's packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt run (unattended upgrades, a first boot) instead of failing on its lock.
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

# The PostgreSQL tests (Database:Provider=PostgreSql, the scale-out test) use a cluster of their own.
source scripts/postgres.sh
postgres_start
trap postgres_stop EXIT

echo "== Restoring and building"
dotnet tool restore >/dev/null
dotnet restore ClinicBooking.sln --verbosity quiet
dotnet build ClinicBooking.sln --no-restore --verbosity quiet -nologo

echo "== Testing"
results="TestResults/run"
rm -rf "$results"
status=0
# One project at a time: on two cores this is as fast as running them together, and each gets its own report.
for project in tests/*/*Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --verbosity quiet --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=minimal" --results-directory "$results" || status=$?
done

sum() { grep -ho "$1=\"[0-9]*\"" "$results"/*.trx 2>/dev/null | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum passed); failed=$(( $(sum failed) + $(sum error) )); skipped=$(sum notExecuted)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status before reporting a failure (a crashed test host or build problem)."
  failed=1
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
