#!/usr/bin/env bash
# Installs everything the test suite needs. Idempotent: a second run only checks and exits quickly.
# Needs the .NET SDK and Node.js with npm; installs the Debian and npm packages listed below.
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
# python3-msgpack, python3-protobuf: reference peers for the MessagePack and Protobuf interop tests, which run them
# with Debian's own /usr/bin/python3.
# iproute2: `ip netns` and veth pairs, the separate hosts of the cluster tests (docs/testing-cluster.md).
# etcd-server: /usr/bin/etcd, which the etcd registry tests start on free loopback ports in a temporary data dir.
apt_packages=(python3-msgpack python3-protobuf iproute2 etcd-server)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "${package}" >/dev/null 2>&1 || missing+=("${package}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  # Servers among these packages (etcd) are started by the test fixtures, never by the system. Their install scripts
  # would start them as system services (through invoke-rc.d, or deb-systemd-invoke under systemd), which in a
  # container with no init system either fails the install or leaves a daemon behind. Both ask policy-rc.d first, so
  # while installing, one that denies every start stands in when the machine has none of its own.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "${policy}" ]; then
    printf '#!/bin/sh\n# Written by Parley scripts/bootstrap.sh while it installs packages; removed when it is done.\nexit 101\n' \
      | ${sudo_cmd} tee "${policy}" >/dev/null
    ${sudo_cmd} chmod 755 "${policy}"
    trap '${sudo_cmd} rm -f "${policy}"' EXIT
  fi
  ${sudo_cmd} apt-get update -qq
  ${sudo_cmd} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# npm packages of the interop peers, pinned by each folder's committed package-lock.json.
npm_folders=(tests/interop/msgpack-js)
for folder in "${npm_folders[@]}"; do
  if ! command -v npm >/dev/null 2>&1; then
    echo "bootstrap: Node.js and npm are required for the interop peers in ${folder}; 'npm' is not on PATH." >&2
    exit 1
  fi
  # npm ci starts from scratch each time, so it runs only when node_modules is missing or older than the lock file.
  if [ ! -f "${folder}/node_modules/.package-lock.json" ] || [ "${folder}/package-lock.json" -nt "${folder}/node_modules/.package-lock.json" ]; then
    echo "bootstrap: npm ci in ${folder}"
    (cd "${folder}" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

dotnet restore Parley.slnx --verbosity quiet
echo "bootstrap: ready"
