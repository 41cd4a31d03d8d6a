#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds in Release and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/bootstrap.sh
dotnet build Parley.slnx --configuration Release --no-restore

results="$PWD/TestResults/suite"
rm -rf "$results"
# A hung test fails the run (with a dump of where it hung) instead of stalling CI. Each project also writes a TRX
# file, so a failed run ends with the failures themselves rather than the last passing tests.
status=0
dotnet test Parley.slnx --configuration Release --no-build \
  --blame-hang-timeout 5m --logger "console;verbosity=normal" --logger trx --results-directory "$results" \
  "$@" || status=$?

if [ "$status" -ne 0 ]; then
  python3 scripts/failed-tests.py "$results" || true
fi
exit "$status"
