#!/usr/bin/env bash
# Install the Debian 12 packages ipmikit needs to build, test and benchmark, if missing.
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail

PKGS=(
  # build
  build-essential cmake pkg-config clang libclang-rt-14-dev clang-format
  # libraries (see README: why each one)
  libssl-dev libsqlite3-dev libuv1-dev libyaml-dev libjansson-dev libcmocka-dev
  # peers and oracles used by tests and benchmarks
  ipmitool freeipmi-tools openipmi ipmiutil
  # test tooling
  python3 procps iproute2 xxd
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
