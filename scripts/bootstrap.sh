#!/usr/bin/env bash
# Installs everything the test suite needs. Idempotent: a second run only checks and exits quickly.
# Today the suite needs only the .NET SDK; later features add their packages to the lists below.
set -euo pipefail
cd "$(dirname "$0")/.."

required_sdk_major=10

if ! command -v dotnet >/dev/null 2>&1; then
  echo "bootstrap: the .NET SDK ${required_sdk_major} is required (https://dot.net); 'dotnet' is not on PATH." >&2
  exit 1
fi

sdk_major=$(dotnet --version | cut -d. -f1)
if [ "${sdk_major}" -lt "${required_sdk_major}" ]; then
  echo "bootstrap: .NET SDK ${required_sdk_major}+ is required, found $(dotnet --version)." >&2
  exit 1
fi

# Debian packages used by the tests (servers and peers started by test fixtures).
apt_packages=()
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "${package}" >/dev/null 2>&1 || missing+=("${package}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  ${sudo_cmd} apt-get update -qq
  ${sudo_cmd} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

dotnet restore Parley.slnx --verbosity quiet
echo "bootstrap: ready"
