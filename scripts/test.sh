#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds in Release and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/bootstrap.sh
dotnet build Parley.slnx --configuration Release --no-restore
# A hung test fails the run (with a dump of where it hung) instead of stalling CI.
dotnet test Parley.slnx --configuration Release --no-build \
  --blame-hang-timeout 5m --logger "console;verbosity=normal" "$@"
