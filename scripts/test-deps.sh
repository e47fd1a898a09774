#!/usr/bin/env bash
# Tests of the set-up detection (scripts/lib/deps.sh) against fake library folders and fake
# tools, so the result does not depend on what this machine happens to have installed.
# Run by `make test`; prints "N passed, N failed" and fails when any case fails.
set -uo pipefail
deps="$(dirname "${BASH_SOURCE[0]}")/lib/deps.sh"
# shellcheck source=lib/deps.sh
source "$deps"

# fresh_shell COMMAND VAR=VALUE...: COMMAND in a new bash with the detection loaded and the
# variables set (for cases that depend on the environment: LIBCLANG_PATH, PATH, CXX).
fresh_shell() {
  local command="$1"
  shift
  env "$@" "$BASH" -c "source '$deps'; $command"
}

passed=0
failed=0
check() { # check NAME EXPECTED(found|missing|yes|no) COMMAND...
  local name="$1" expected="$2" got
  shift 2
  if "$@" >/dev/null 2>&1; then got=yes; else got=no; fi
  case "$expected" in found) expected=yes ;; missing) expected=no ;; esac
  if [ "$got" = "$expected" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name (expected $expected, got $got)" >&2
  fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# fake ROOT with the given files (paths relative to ROOT) and nothing else.
fake_root() {
  local root="$tmp/$1" file
  shift
  mkdir -p "$root/usr/lib"
  for file in "$@"; do
    mkdir -p "$root/$(dirname "$file")"
    : >"$root/$file"
  done
  echo "$root"
}

unset LIBCLANG_PATH LD_LIBRARY_PATH

# The fresh image of issue 10: only LLVM's C++ library, which bindgen cannot load.
r="$(fake_root cpp-only usr/lib/llvm-14/lib/libclang-cpp.so.14 usr/lib/x86_64-linux-gnu/libclang-cpp.so.14)"
check "only libclang-cpp.so.14 is missing" missing find_libclang "$r"
r="$(fake_root cpp-unversioned usr/lib/llvm-14/lib/libclang-cpp.so)"
check "only libclang-cpp.so is missing" missing find_libclang "$r"
r="$(fake_root empty)"
check "no libraries at all is missing" missing find_libclang "$r"
r="$(fake_root static-only usr/lib/llvm-14/lib/libclang.a usr/lib/llvm-14/lib/libclangBasic.a)"
check "static archives only is missing" missing find_libclang "$r"

# What libclang1-14 and libclang-14-dev install (Debian 12).
r="$(fake_root runtime usr/lib/llvm-14/lib/libclang-cpp.so.14 usr/lib/llvm-14/lib/libclang.so.1)"
check "libclang.so.1 is found" found find_libclang "$r"
r="$(fake_root dev usr/lib/llvm-14/lib/libclang.so)"
check "libclang.so is found" found find_libclang "$r"
r="$(fake_root multiarch usr/lib/x86_64-linux-gnu/libclang-14.so.1)"
check "libclang-14.so.1 under the multiarch folder is found" found find_libclang "$r"
r="$(fake_root versioned usr/lib/libclang-16.so)"
check "libclang-16.so in /usr/lib is found" found find_libclang "$r"
r="$(fake_root local usr/local/llvm18/lib/libclang.so.18)"
check "libclang under /usr/local/llvm* is found" found find_libclang "$r"
r="$(fake_root found-path usr/lib/llvm-14/lib/libclang.so.1)"
check "the path printed is the library" yes test "$(find_libclang "$r")" = "$r/usr/lib/llvm-14/lib/libclang.so.1"

# LIBCLANG_PATH is the only place looked at when set (as clang-sys does).
r="$(fake_root env-dir opt/llvm/lib/libclang.so usr/lib/llvm-14/lib/libclang-cpp.so.14)"
check "LIBCLANG_PATH folder with libclang.so is found" found fresh_shell "find_libclang '$r'" LIBCLANG_PATH=/opt/llvm/lib
check "LIBCLANG_PATH naming the file is found" found fresh_shell "find_libclang '$r'" LIBCLANG_PATH=/opt/llvm/lib/libclang.so
r="$(fake_root env-wrong opt/other/readme.txt usr/lib/llvm-14/lib/libclang.so.1)"
check "LIBCLANG_PATH folder without libclang is missing, even with one elsewhere" missing fresh_shell "find_libclang '$r'" LIBCLANG_PATH=/opt/other
r="$(fake_root ld-path opt/ld/libclang.so.1)"
check "a folder in LD_LIBRARY_PATH is searched" found fresh_shell "find_libclang '$r'" LD_LIBRARY_PATH=/nowhere:/opt/ld

# cmake versions: HiGHS needs 3.15 or newer.
check "cmake 3.25.1 is enough" yes version_at_least 3.25.1 3.15
check "cmake 3.15 is enough" yes version_at_least 3.15 3.15
check "cmake 3.14.7 is too old" no version_at_least 3.14.7 3.15
check "cmake 2.8.12 is too old" no version_at_least 2.8.12 3.15
check "cmake 4.0.0-rc1 is enough" yes version_at_least 4.0.0-rc1 3.15
check "cmake 3.9 is older than 3.15 (numeric, not text)" no version_at_least 3.9 3.15
check "the version is read from cmake --version" yes test "$(cmake_version_of $'cmake version 3.25.1\n\nCMake suite maintained')" = 3.25.1
check "a cmake3 binary's version is read" yes test "$(cmake_version_of 'cmake3 version 3.17.5')" = 3.17.5

bin="$tmp/bin"
mkdir -p "$bin"
printf '#!/bin/sh\necho "cmake version 3.10.2"\n' >"$bin/old-cmake"
printf '#!/bin/sh\necho "cmake version 3.28.3"\n' >"$bin/new-cmake"
printf '#!/bin/sh\necho "garbage"\n' >"$bin/odd-cmake"
chmod +x "$bin"/*
check "an old cmake on PATH is not ok" no cmake_ok "$bin/old-cmake"
check "a new cmake on PATH is ok" yes cmake_ok "$bin/new-cmake"
check "a cmake that prints no version is not ok" no cmake_ok "$bin/odd-cmake"
check "no cmake is not ok" no cmake_ok "$bin/no-such-cmake"
printf '#!/bin/sh\nexit 1\n' >"$bin/broken-c++"
printf '#!/bin/sh\ncat >/dev/null\nexit 0\n' >"$bin/working-c++"
chmod +x "$bin/broken-c++" "$bin/working-c++"
# PATH holds only the fake tools, so the machine's own compilers are out of sight.
check "a C++ compiler that fails to compile is not ok" no fresh_shell cxx_ok PATH="$bin" CXX="$bin/broken-c++"
check "a C++ compiler that compiles is ok" yes fresh_shell cxx_ok PATH="$bin" CXX="$bin/working-c++"

echo "set-up detection: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
