#!/usr/bin/env bash
# Installs every Debian package Consign needs to build, test and run.
# Idempotent: asks apt only for what is missing, so a second run costs a few dpkg queries.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-all-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev postgresql-15 postgresql-contrib pgbouncer
  libsodium-dev libzxcvbn-dev libspdlog-dev libfmt-dev libcli11-dev libhowardhinnant-date-dev tzdata
  libcurl4-openssl-dev libxlsxwriter-dev libmimalloc-dev libzip-dev libexpat1-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  coinor-libclp-dev libglpk-dev
  clang libfuzzer-14-dev libclang-rt-14-dev
  nodejs npm chromium fonts-noto-cjk
  nginx-light wrk curl sqlite3 python3-aiosmtpd
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# nodejs may come from outside Debian on some machines; a working node >= 18 is enough.
if command -v node >/dev/null && node -e "process.exit(Number(process.versions.node.split('.')[0]) < 18 ? 1 : 0)"; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
filtered=()
for p in "${missing[@]}"; do [ -n "$p" ] && filtered+=("$p"); done

if [ ${#filtered[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

echo "install-deps: installing ${filtered[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${filtered[@]}"
