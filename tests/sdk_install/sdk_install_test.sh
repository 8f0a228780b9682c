#!/usr/bin/env bash
# Checks the SDK the way plugin authors and packagers use it: installs it,
# builds the example plugin against that install alone, checks the plugin's
# linkage and loads it through the installed matrixctl.
set -euo pipefail

while [[ $# -gt 0 ]]; do
  case $1 in
    --cmake) cmake=$2 ;;
    --cxx) cxx=$2 ;;
    --build) build=$2 ;;
    --example) example=$2 ;;
    --work) work=$2 ;;
    --bindir) bindir=$2 ;;
    --libdir) libdir=$2 ;;
    --plugindir) plugindir=$2 ;;
    --synapse-sim) sim=$2 ;;
    *) echo "sdk_install_test.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "-- $*"; }
# Runs a command with its output in $work/<log> and shows the log if it fails.
logged() {
  local log=$work/$1
  shift
  "$@" >"$log" 2>&1 || { cat "$log" >&2; fail "$* (log: $log)"; }
}
# Succeeds when the --help text in file $1 lists command $3 under group $2.
lists_in_group() {
  awk -v header="  $2:" -v name="$3" '
    $0 == header { inside = 1; next }
    !/^    / { inside = 0 }
    inside && $1 == name { found = 1 }
    END { exit !found }' "$1"
}
# Dynamic symbols a library defines and exports, one per line.
exported_symbols() {
  readelf --dyn-syms -W "$1" | awk '$1 ~ /^[0-9]+:$/ && $5 != "LOCAL" && $7 != "UND" { print $8 }'
}
check_linkage() {
  local plugin=$1 needed exported
  needed=$(readelf -d "$plugin" | awk '/\(NEEDED\)/ { gsub(/[][]/, "", $5); print $5 }')
  if grep -Eq 'libcurl|libyaml-cpp|libboost|libssl|libcrypto' <<<"$needed"; then
    fail "$plugin needs $(tr '\n' ' ' <<<"$needed")"
  fi
  exported=$(exported_symbols "$plugin")
  [[ $exported == matrixctl_plugin_v1 ]] ||
    fail "$plugin exports more than matrixctl_plugin_v1: $(tr '\n' ' ' <<<"$exported")"
}

rm -rf "$work"
mkdir -p "$work/home"
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data \
  XDG_CACHE_HOME=$work/home/cache
unset MATRIXCTL_PLUGIN_PATH
sdk_prefix=$work/sdk-only
prefix=$work/prefix
package_dir=$libdir/cmake/matrixctl-sdk

step "install the sdk component alone"
logged install-sdk.log "$cmake" --install "$build" --component sdk --prefix "$sdk_prefix"
for file in include/matrixctl/sdk.h include/matrixctl/sdk.hpp \
  "$package_dir/matrixctl-sdk-config.cmake" "$package_dir/matrixctl-sdk-config-version.cmake" \
  "$package_dir/matrixctl-plugin.map" "$libdir/pkgconfig/matrixctl-sdk.pc"; do
  [[ -f $sdk_prefix/$file ]] || fail "the sdk component did not install $file"
done
[[ ! -e $sdk_prefix/$bindir/matrixctl ]] || fail "the sdk component installed the matrixctl binary"

step "find_package version rules"
mkdir -p "$work/find"
cat >"$work/find/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(find_sdk LANGUAGES NONE)
find_package(matrixctl-sdk ${WANT} REQUIRED)
CMAKE
for want in 1 1.0 1.1 1.2 2; do
  expected=found
  [[ $want == 1.2 || $want == 2 ]] && expected=rejected
  if "$cmake" -S "$work/find" -B "$work/find/build-$want" -DWANT="$want" \
    -DCMAKE_PREFIX_PATH="$sdk_prefix" >"$work/find/$want.log" 2>&1; then
    actual=found
  else
    actual=rejected
    grep -Fq "compatible with requested version" "$work/find/$want.log" || actual=broken
  fi
  [[ $actual == "$expected" ]] ||
    fail "find_package(matrixctl-sdk $want) was $actual (log: $work/find/$want.log)"
done

step "build the example against the installed sdk"
logged example-configure.log "$cmake" -S "$example" -B "$work/example" \
  -DCMAKE_PREFIX_PATH="$sdk_prefix" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo
grep -Fqx "matrixctl-sdk_DIR:PATH=$sdk_prefix/$package_dir" "$work/example/CMakeCache.txt" ||
  fail "the example did not use the sdk in $sdk_prefix"
logged example-build.log "$cmake" --build "$work/example" -j2
plugin=$work/example/matrixctl-example.so
[[ -f $plugin ]] || fail "the example build made no $plugin"
check_linkage "$plugin"

step "build the example with pkg-config"
if command -v pkg-config >/dev/null; then
  export PKG_CONFIG_PATH=$sdk_prefix/$libdir/pkgconfig
  [[ $(pkg-config --modversion matrixctl-sdk) == 1.1 ]] || fail "matrixctl-sdk.pc has no version 1.1"
  [[ $(pkg-config --variable=plugindir matrixctl-sdk) == "$sdk_prefix/$plugindir" ]] ||
    fail "plugindir of matrixctl-sdk.pc is not $sdk_prefix/$plugindir"
  mkdir -p "$work/pkg-config"
  # shellcheck disable=SC2046 # the flags are meant to split
  logged pkg-config-build.log "$cxx" -std=c++17 -fPIC -shared -fvisibility=hidden \
    -fvisibility-inlines-hidden $(pkg-config --cflags matrixctl-sdk) \
    -Wl,--no-undefined -Wl,--version-script="$(pkg-config --variable=versionscript matrixctl-sdk)" \
    -o "$work/pkg-config/matrixctl-example.so" "$example/hello_plugin.cpp"
  check_linkage "$work/pkg-config/matrixctl-example.so"
else
  echo "pkg-config not found: the pkg-config build was not checked"
fi

step "install everything"
logged install-all.log "$cmake" --install "$build" --prefix "$prefix"
matrixctl=$prefix/$bindir/matrixctl
[[ -x $matrixctl ]] || fail "no $matrixctl after a full install"
bundled=("$build/$plugindir"/*.so)
[[ -e ${bundled[0]} ]] || fail "no bundled plugins in $build/$plugindir"
for file in "${bundled[@]}"; do
  [[ -f $prefix/$plugindir/${file##*/} ]] || fail "${file##*/} is not installed in $plugindir"
done
"$build/bin/matrixctl" --help >"$work/help-build.txt"
"$matrixctl" --help >"$work/help-installed.txt" 2>"$work/help-installed.err"
diff -u "$work/help-build.txt" "$work/help-installed.txt" ||
  fail "the installed matrixctl --help differs from the built one"
[[ ! -s $work/help-installed.err ]] || fail "installed matrixctl --help warned: $(cat "$work/help-installed.err")"

step "load the example through MATRIXCTL_PLUGIN_PATH"
MATRIXCTL_PLUGIN_PATH=$work/example "$matrixctl" --help >"$work/help-path.txt" 2>"$work/help-path.err"
lists_in_group "$work/help-path.txt" example hello || fail "hello is not listed in group example"
[[ ! -s $work/help-path.err ]] || fail "matrixctl warned: $(cat "$work/help-path.err")"
MATRIXCTL_PLUGIN_PATH=$work/example "$matrixctl" hello --help >"$work/hello-help.txt"
grep -Fq "GET /_synapse/admin/v1/server_version" "$work/hello-help.txt" ||
  fail "hello --help lacks its usage text"
grep -Eq -- "-n, --name NAME +who to greet \(default: admin\)" "$work/hello-help.txt" ||
  fail "hello --help lacks the --name option"

step "install the example into the plugin folder"
logged example-install.log "$cmake" --install "$work/example" --prefix "$prefix"
[[ -f $prefix/$plugindir/matrixctl-example.so ]] || fail "the example was not installed in $plugindir"
"$matrixctl" --help >"$work/help-installed-example.txt"
lists_in_group "$work/help-installed-example.txt" example hello ||
  fail "hello is not listed after installing the example"

step "run hello against synapse-sim"
"$sim" --listen 127.0.0.1:0 --admin-token sdk-install-token --users 2 --rooms 0 \
  --version-string "1.157.1 (sdk-install)" --port-file "$work/sim.port" >"$work/sim.log" 2>&1 &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  [[ -s $work/sim.port ]] && break
  kill -0 "$sim_pid" 2>/dev/null || fail "synapse-sim exited: $(cat "$work/sim.log")"
  sleep 0.1
done
[[ -s $work/sim.port ]] || fail "synapse-sim wrote no port file"
cat >"$work/config.yml" <<YAML
servers:
  default:
    api:
      domain: example.org
      base_url: http://127.0.0.1:$(cat "$work/sim.port")
      auth_token:
        token: sdk-install-token
YAML
"$matrixctl" -c "$work/config.yml" hello --name packager >"$work/hello.txt" 2>"$work/hello.err" ||
  fail "hello failed: $(cat "$work/hello.err")"
grep -Fqx "Hello, packager!" "$work/hello.txt" || fail "hello did not greet: $(cat "$work/hello.txt")"
grep -Fqx "Server section: default" "$work/hello.txt" || fail "hello did not name the server"
grep -Fq "1.157.1 (sdk-install)" "$work/hello.txt" || fail "hello did not show the Synapse version"

echo "sdk_install: all checks passed"
