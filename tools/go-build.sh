# shellcheck shell=bash
# The stamp-and-skip Go build that tools/build.sh and tools/build-cluster.sh share. Source it after
# setting ROOT (the repository) and LOGS (where build logs go); it reads the script's arguments
# (`-f`/`--force` rebuilds everything, as FORCE=1) and appends what failed to FAILED.
#
#   go_build NAME MODULE_DIR OUT_DIR VERSION PACKAGE TAGS LDFLAGS [PREPARE]
#
# MODULE_DIR is the Go module's folder (absolute); PACKAGE is built from there into OUT_DIR/NAME.
# PREPARE, if given, is a command run in MODULE_DIR (with VERSION in the environment) before
# go build, e.g. to generate files the package embeds; its output goes to the same log. A binary is
# skipped when its stamp (OUT_DIR/.NAME.stamp) matches the version, the Go toolchain, the flags and
# a hash of the module's go.mod, go.sum and sources. A failed binary does not stop the others.

if ! command -v go >/dev/null 2>&1; then
  echo "${0##*/}: go not found on PATH (Go >= 1.26 is needed)" >&2
  exit 1
fi
export GOTOOLCHAIN=local
export GOFLAGS="-mod=readonly -buildvcs=false"
export CGO_ENABLED=0
GO_VERSION="$(go env GOVERSION)"
FORCE=0
case "${1:-}" in
  -f | --force) FORCE=1 ;;
  "") ;;
  *)
    echo "usage: $0 [-f|--force]" >&2
    exit 2
    ;;
esac
FAILED=()
mkdir -p "$LOGS"

sha() { sha256sum | cut -c1-16; }

# Hash of a module's go.mod, go.sum and Go sources (its folder, absolute).
module_hash() {
  (cd "$1" && find . -maxdepth 1 -type f \( -name 'go.mod' -o -name 'go.sum' -o -name '*.go' ! -name '*_test.go' \) | LC_ALL=C sort | xargs cat) | sha
}

go_build() {
  local name=$1 mod=$2 outdir=$3 version=$4 pkg=$5 tags=$6 ldflags=$7 prepare=${8:-}
  local out="$outdir/$name" stamp="$outdir/.$name.stamp" log="$LOGS/$name.log"
  local want
  want="$name $version go=$GO_VERSION tags=$tags ldflags=$ldflags prepare=$prepare src=$(module_hash "$mod")"
  if [ "$FORCE" = 0 ] && [ -x "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "$name $version up to date"
    return 0
  fi
  echo "building $name $version … (log: ${log#"$ROOT"/})"
  local start=$SECONDS
  mkdir -p "$outdir"
  rm -f "$stamp"
  if (cd "$mod" && { [ -z "$prepare" ] || VERSION="$version" $prepare; } &&
    nice -n 10 go build -trimpath ${tags:+-tags "$tags"} -ldflags "$ldflags" -o "$out.tmp" "$pkg") >"$log" 2>&1; then
    mv -f "$out.tmp" "$out"
    echo "$want" >"$stamp"
    echo "built $name $version in $((SECONDS - start))s ($(du -m "$out" | cut -f1) MB)"
  else
    rm -f "$out.tmp"
    echo "FAILED $name $version after $((SECONDS - start))s; last lines of ${log#"$ROOT"/}:" >&2
    tail -n 15 "$log" | sed 's/^/    /' >&2
    FAILED+=("$name")
  fi
}
