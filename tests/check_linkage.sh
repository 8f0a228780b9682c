#!/usr/bin/env bash
# Checks with readelf that no plugin needs libcurl, yaml-cpp, a Boost library
# or OpenSSL. The oidc provider alone may need libcrypto, which verifies
# ID-token signatures. Also checks that plugins export only their entry
# symbol and that the matrixctl binary does not need libcurl or OpenSSL.
set -euo pipefail
binary=$1
plugin_dir=$2
status=0

forbidden='libcurl|libyaml-cpp|libboost|libssl|libcrypto'
plugins=("$plugin_dir"/*.so)
if [[ ! -e ${plugins[0]} ]]; then
  echo "FAIL: no plugins found in $plugin_dir"
  exit 1
fi

for plugin in "${plugins[@]}"; do
  needed=$(readelf -d "$plugin" | awk '/NEEDED/ {print $5}' | tr -d '[]')
  not_allowed=$forbidden
  if [[ $(basename "$plugin") == matrixctl-auth-oidc.so ]]; then
    not_allowed='libcurl|libyaml-cpp|libboost|libssl'
  fi
  if grep -Eq "$not_allowed" <<<"$needed"; then
    echo "FAIL: $plugin needs: $(grep -E "$not_allowed" <<<"$needed" | tr '\n' ' ')"
    status=1
  fi
  exported=$(nm -D --defined-only "$plugin" | awk '$2 ~ /[TDBRVWu]/ {print $3}' | grep -v '^_' || true)
  if [[ $exported != "matrixctl_plugin_v1" ]]; then
    echo "FAIL: $plugin exports more than matrixctl_plugin_v1: $(tr '\n' ' ' <<<"$exported")"
    status=1
  fi
  echo "ok: $(basename "$plugin") needs $(tr '\n' ' ' <<<"$needed")"
done

core_needed=$(readelf -d "$binary" | awk '/NEEDED/ {print $5}' | tr -d '[]')
if grep -Eq 'libcurl|libssl|libcrypto' <<<"$core_needed"; then
  echo "FAIL: $binary needs libcurl or OpenSSL at start-up: $(tr '\n' ' ' <<<"$core_needed")"
  status=1
fi
echo "ok: matrixctl needs $(tr '\n' ' ' <<<"$core_needed")"
exit $status
