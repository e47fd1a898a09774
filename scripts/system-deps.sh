#!/usr/bin/env bash
# Installs the system packages Leverans needs to build, where they are missing: cmake (3.15 or
# newer) and a C++17 compiler, as highs-sys compiles HiGHS from source, and libclang as bindgen
# loads it (libclang-dev; the libclang-cpp library some images carry is not it). Safe to run
# again: it does nothing when everything is there. The detection is in scripts/lib/deps.sh and
# is tested by scripts/test-deps.sh.
set -euo pipefail
# shellcheck source=lib/deps.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deps.sh"

# missing_packages: the Debian packages for what is missing, one line each.
missing_packages() {
  cmake_ok || echo cmake
  cxx_ok || echo g++
  find_libclang >/dev/null || echo libclang-dev
}

# explain PACKAGE: what the package is for and how to get it by hand.
explain() {
  case "$1" in
    cmake) echo "  cmake >= $LEVERANS_MIN_CMAKE (builds HiGHS): 'apt-get install cmake', or 'python3 -m pip install cmake'" ;;
    g++) echo "  a C++17 compiler (builds HiGHS): 'apt-get install g++' (or set CXX to one)" ;;
    libclang-dev) echo "  libclang (bindgen reads HiGHS's C header with it): 'apt-get install libclang-dev', or set LIBCLANG_PATH to the folder holding libclang.so" ;;
  esac
}

mapfile -t missing < <(missing_packages)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "system-deps: missing ${missing[*]}; installing with apt-get (once; HiGHS is then compiled from source, 5-10 minutes)" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get update -qq || ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "system-deps: apt-get could not install ${missing[*]}" >&2
  fi
else
  echo "system-deps: no apt-get (or not root and no sudo): cannot install ${missing[*]}" >&2
fi

mapfile -t still < <(missing_packages)
if [ ${#still[@]} -ne 0 ]; then
  echo "system-deps: still missing after the install attempt:" >&2
  for package in "${still[@]}"; do explain "$package" >&2; done
  echo "Install them by hand, then run the command again." >&2
  exit 1
fi
echo "system-deps: installed ${missing[*]}; libclang at $(find_libclang)" >&2
