#!/usr/bin/env bash
# Builds the tools the fleet repository's CI uses, from Go modules (no binary downloads), into
# .tools/ci/bin at the repository root:
#
#   npm run tools:ci            # or: bash tools/build-ci.sh
#   bash tools/build-ci.sh -f   # rebuild, ignoring the stamps
#
#   actionlint   checks .github/workflows (github.com/rhysd/actionlint, tools/ci/actionlint)
#   versitygw    an S3-compatible object server with a file-system backend (Apache-2.0,
#                github.com/versity/versitygw, tools/ci/s3): the tests run Pulumi's DIY `s3://`
#                state backend, with its locking, against it on loopback
#
# Stamps and logs as tools/build.sh (tools/go-build.sh).
set -uo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$TOOLS_DIR/.." && pwd)"
MODULES="$TOOLS_DIR/ci"
BIN="$ROOT/.tools/ci/bin"
LOGS="$ROOT/.tools/logs"

ACTIONLINT_VERSION=v1.7.12
VERSITYGW_VERSION=v1.8.0

mkdir -p "$BIN"
# shellcheck source=tools/go-build.sh
. "$TOOLS_DIR/go-build.sh"

check_pin() {
  local have
  have="$(sed -n "s|^require $2 \(v[^ ]*\)\$|\1|p" "$MODULES/$1/go.mod")"
  if [ "$have" != "$3" ]; then
    echo "tools/build-ci.sh: tools/ci/$1/go.mod requires $2 ${have:-(nothing)}, the script pins $3" >&2
    exit 1
  fi
}
check_pin actionlint github.com/rhysd/actionlint "$ACTIONLINT_VERSION"
check_pin s3 github.com/versity/versitygw "$VERSITYGW_VERSION"

go_build actionlint "$MODULES/actionlint" "$BIN" "$ACTIONLINT_VERSION" github.com/rhysd/actionlint/cmd/actionlint "" \
  "-s -w -X github.com/rhysd/actionlint.version=$ACTIONLINT_VERSION"
go_build versitygw "$MODULES/s3" "$BIN" "$VERSITYGW_VERSION" github.com/versity/versitygw/cmd/versitygw "" "-s -w"

if [ "${#FAILED[@]}" -gt 0 ]; then
  echo "tools/build-ci.sh: failed: ${FAILED[*]}" >&2
  exit 1
fi
