# Detection of the system packages Leverans needs to build, as functions: sourced by
# scripts/system-deps.sh (which installs what is missing) and by scripts/test-deps.sh (which
# runs them against fake folders). Nothing here installs or prints on its own.
#
# Every function takes an optional ROOT prefix as its first argument (default: the real
# root), so the tests can lay out fake library folders and ask the same questions.

# The lowest cmake version HiGHS builds with (its CMakeLists.txt: cmake_minimum_required 3.15).
LEVERANS_MIN_CMAKE="3.15"

# find_libclang [ROOT]: prints the first libclang that bindgen would load, and succeeds; fails
# when there is none. Mirrors clang-sys's own search (the crate bindgen loads libclang with,
# runtime linking):
# - LIBCLANG_PATH, when set, is the only place looked at (a directory, or the file itself);
# - otherwise `llvm-config --prefix`/{bin,lib,lib64}, the folders in LD_LIBRARY_PATH, then
#   /usr/local/llvm*/lib*, /usr/local/lib*/*/*, /usr/local/lib*/*, /usr/local/lib*,
#   /usr/lib*/*/*, /usr/lib*/*, /usr/lib*;
# - file names libclang.so, libclang-*.so, libclang.so.*, libclang-*.so.*, but never one
#   containing "-cpp." (libclang-cpp.so.N is LLVM's C++ library, which bindgen cannot use and
#   which the LLVM runtime installs without libclang itself).
find_libclang() {
  local root="${1:-}" dir found
  if [ -n "${LIBCLANG_PATH:-}" ]; then
    if [ -f "$root$LIBCLANG_PATH" ] && _is_libclang_name "$(basename "$LIBCLANG_PATH")"; then
      echo "$root$LIBCLANG_PATH"
      return 0
    fi
    _libclang_in_dir "$root$LIBCLANG_PATH"
    return
  fi
  local dirs=()
  if [ -z "$root" ] && command -v llvm-config >/dev/null 2>&1; then
    local prefix
    prefix="$(llvm-config --prefix 2>/dev/null | head -n1)"
    [ -n "$prefix" ] && dirs+=("$prefix/bin" "$prefix/lib" "$prefix/lib64")
  fi
  if [ -n "${LD_LIBRARY_PATH:-}" ]; then
    local -a ld_dirs
    IFS=: read -r -a ld_dirs <<<"$LD_LIBRARY_PATH"
    for dir in "${ld_dirs[@]}"; do [ -n "$dir" ] && dirs+=("$root$dir"); done
  fi
  local pattern
  for pattern in /usr/local/llvm*/lib* /usr/local/lib*/*/* /usr/local/lib*/* /usr/local/lib* \
    /usr/lib*/*/* /usr/lib*/* /usr/lib*; do
    for dir in "$root"$pattern; do
      [ -d "$dir" ] && dirs+=("$dir")
    done
  done
  for dir in "${dirs[@]}"; do
    if found="$(_libclang_in_dir "$dir")"; then
      echo "$found"
      return 0
    fi
  done
  return 1
}

# _is_libclang_name NAME: whether a file name is one bindgen loads as libclang.
_is_libclang_name() {
  case "$1" in
    *-cpp.*) return 1 ;;
    libclang.so | libclang-*.so | libclang.so.* | libclang-*.so.*) return 0 ;;
    *) return 1 ;;
  esac
}

# _libclang_in_dir DIR: prints the first libclang file directly inside DIR.
_libclang_in_dir() {
  local file
  [ -d "$1" ] || return 1
  for file in "$1"/libclang*; do
    [ -e "$file" ] || continue
    if _is_libclang_name "$(basename "$file")"; then
      echo "$file"
      return 0
    fi
  done
  return 1
}

# version_at_least HAVE WANT: whether dotted version HAVE >= WANT (numeric, part by part).
version_at_least() {
  local have="$1" want="$2" i h w
  local -a hs ws
  IFS=. read -r -a hs <<<"$have"
  IFS=. read -r -a ws <<<"$want"
  for i in 0 1 2; do
    h="${hs[$i]:-0}"
    w="${ws[$i]:-0}"
    h="${h%%[!0-9]*}"
    w="${w%%[!0-9]*}"
    h="${h:-0}"
    w="${w:-0}"
    if ((10#$h > 10#$w)); then return 0; fi
    if ((10#$h < 10#$w)); then return 1; fi
  done
  return 0
}

# cmake_version_of TEXT: the version in the first line of `cmake --version`.
cmake_version_of() {
  printf '%s\n' "$1" | head -n1 | sed -n 's/^cmake3\{0,1\} version \([0-9][0-9.]*\).*/\1/p'
}

# cmake_ok [CMAKE]: whether the cmake on PATH (or the one given) is there and new enough.
cmake_ok() {
  local cmake="${1:-cmake}" version
  command -v "$cmake" >/dev/null 2>&1 || return 1
  version="$(cmake_version_of "$("$cmake" --version 2>/dev/null)")"
  [ -n "$version" ] && version_at_least "$version" "$LEVERANS_MIN_CMAKE"
}

# cxx_ok: whether a C++ compiler is there that compiles a line of C++17 (HiGHS's standard).
cxx_ok() {
  local cxx
  for cxx in "${CXX:-}" c++ g++ clang++; do
    [ -n "$cxx" ] || continue
    command -v "$cxx" >/dev/null 2>&1 || continue
    if printf '#include <optional>\nint main() { std::optional<int> x{1}; return *x - 1; }\n' |
      "$cxx" -std=c++17 -x c++ -o /dev/null - >/dev/null 2>&1; then
      return 0
    fi
  done
  return 1
}
