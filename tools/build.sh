#!/usr/bin/env bash
# Builds the Pulumi engine and the plugins the gigafactory project needs from
# Go modules (no binary downloads), into .tools/ at the repository root.
#
#   npm run tools            # or: bash tools/build.sh
#   bash tools/build.sh -f   # rebuild everything, ignoring the stamps
#
# Each binary is skipped when its stamp (.tools/bin/.<name>.stamp) matches the
# pinned version, the Go toolchain, the build flags and a hash of its module's
# go.mod, go.sum and sources. A failed binary does not stop the others; the
# script exits non-zero at the end, naming what failed and where its log is.
#
# What gets built (see tools/README.md for why):
#   .tools/bin/pulumi                      CLI, github.com/pulumi/pulumi/pkg/v3 (tools/pulumi)
#   .tools/bin/pulumi-language-nodejs      our Node.js language host (tools/language-nodejs)
#   .tools/bin/pulumi-resource-pulumi-nodejs  shim for dynamic providers (@pulumi/pulumi)
#   .tools/plugins/pulumi-resource-command     our command provider (tools/command)
#   .tools/plugins/pulumi-resource-kubernetes  upstream's kubernetes provider, our main (tools/kubernetes)
# The two providers are installed into the plugin cache ($PULUMI_HOME, see
# tools/env.sh) under the versions the npm packages request, so the engine
# finds them without "using ... from $PATH" warnings.
set -uo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$TOOLS_DIR/.." && pwd)"
BIN="$ROOT/.tools/bin"
PLUGINS="$ROOT/.tools/plugins"
LOGS="$ROOT/.tools/logs"

FORCE=0
case "${1:-}" in
  -f|--force) FORCE=1 ;;
  "") ;;
  *) echo "usage: $0 [-f|--force]" >&2; exit 2 ;;
esac

# Pinned versions (tools/README.md says what the module proxy served).
# The engine: the newest pkg/v3 the proxy serves that is at least the
# @pulumi/pulumi of package-lock.json (3.270.0); it must match tools/pulumi/go.mod.
PULUMI_VERSION=v3.276.0

# shellcheck source=tools/env.sh
. "$TOOLS_DIR/env.sh"

mkdir -p "$BIN" "$PLUGINS" "$LOGS"

if ! command -v go >/dev/null 2>&1; then
  echo "tools/build.sh: go not found on PATH (Go >= 1.26 is needed)" >&2
  exit 1
fi

export GOTOOLCHAIN=local
export GOFLAGS="-mod=readonly -buildvcs=false"
export CGO_ENABLED=0
GO_VERSION="$(go env GOVERSION)"

# Version the npm package requests for a provider plugin (package.json
# pulumi.version, else version), without a leading "v"; falls back to $2.
npm_plugin_version() {
  local pkg="$ROOT/node_modules/@pulumi/$1/package.json" v=""
  if [ -f "$pkg" ] && command -v node >/dev/null 2>&1; then
    v="$(node -e 'const p=require(process.argv[1]); console.log(((p.pulumi&&p.pulumi.version)||p.version||"").replace(/^v/,""))' "$pkg" 2>/dev/null)"
  fi
  echo "${v:-$2}"
}
COMMAND_VERSION="v$(npm_plugin_version command 1.2.1)"
KUBERNETES_VERSION="v$(npm_plugin_version kubernetes 4.25.0)"

sha() { sha256sum | cut -c1-16; }

# Hash of a module's go.mod, go.sum and Go sources.
module_hash() {
  (cd "$TOOLS_DIR/$1" && find . -maxdepth 1 -type f \( -name 'go.mod' -o -name 'go.sum' -o -name '*.go' ! -name '*_test.go' \) | LC_ALL=C sort | xargs cat) | sha
}

FAILED=()

# build NAME MODULE_DIR OUT_DIR VERSION PACKAGE TAGS LDFLAGS [PREPARE]
#   MODULE_DIR is relative to tools/; PACKAGE is built from there. PREPARE, if
#   given, is a command run in MODULE_DIR (with VERSION in the environment)
#   before go build, e.g. to generate files the package embeds; its output
#   goes to the same log.
build() {
  local name=$1 mod=$2 outdir=$3 version=$4 pkg=$5 tags=$6 ldflags=$7 prepare=${8:-}
  local out="$outdir/$name" stamp="$BIN/.$name.stamp" log="$LOGS/$name.log"
  local want
  want="$name $version go=$GO_VERSION tags=$tags ldflags=$ldflags prepare=$prepare src=$(module_hash "$mod")"
  if [ "$FORCE" = 0 ] && [ -x "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "$name $version up to date"
    return 0
  fi
  echo "building $name $version … (log: ${log#"$ROOT"/})"
  local start=$SECONDS
  rm -f "$stamp"
  if (cd "$TOOLS_DIR/$mod" && { [ -z "$prepare" ] || VERSION="$version" $prepare; } &&
      nice -n 10 go build -trimpath ${tags:+-tags "$tags"} -ldflags "$ldflags" -o "$out.tmp" "$pkg") >"$log" 2>&1; then
    mv -f "$out.tmp" "$out"
    echo "$want" >"$stamp"
    echo "built $name $version in $((SECONDS - start))s"
  else
    rm -f "$out.tmp"
    echo "FAILED $name $version after $((SECONDS - start))s; last lines of ${log#"$ROOT"/}:" >&2
    tail -n 15 "$log" | sed 's/^/    /' >&2
    FAILED+=("$name")
  fi
}

build pulumi pulumi "$BIN" "$PULUMI_VERSION" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi osusergo,grpcnotrace \
  "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
build pulumi-language-nodejs language-nodejs "$BIN" "$PULUMI_VERSION" . "" \
  "-s -w -X main.Version=$PULUMI_VERSION"
build pulumi-resource-command command "$PLUGINS" "$COMMAND_VERSION" . "" \
  "-s -w -X main.Version=$COMMAND_VERSION"
# Upstream's provider; gen.go writes the schema and mapping that main.go embeds.
build pulumi-resource-kubernetes kubernetes "$PLUGINS" "$KUBERNETES_VERSION" . "" \
  "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=${KUBERNETES_VERSION#v}" \
  "go run gen.go"

# Dynamic providers (pulumi.dynamic.Resource) run the plugin
# pulumi-resource-pulumi-nodejs, which Pulumi bundles beside the CLI. Its real
# implementation is a script in @pulumi/pulumi; this shim runs it.
shim="$BIN/pulumi-resource-pulumi-nodejs"
cat >"$shim.tmp" <<'EOF'
#!/bin/sh
# Generated by tools/build.sh: runs @pulumi/pulumi's dynamic provider host,
# resolved from the program directory (the plugin's cwd), else from the repo.
here="$(cd "$(dirname "$0")/../.." && pwd)"
script="$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))" 2>/dev/null)" ||
  script="$(cd "$here" && node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")" || exit 1
exec node "$script" "$@"
EOF
chmod +x "$shim.tmp"
if cmp -s "$shim.tmp" "$shim"; then rm -f "$shim.tmp"; else mv -f "$shim.tmp" "$shim"; echo "wrote ${shim#"$ROOT"/}"; fi

# Install the providers into the plugin cache under the versions that
# @pulumi/command and @pulumi/kubernetes request.
install_plugin() {
  local name=$1 version=$2 bin="$PLUGINS/pulumi-resource-$1"
  local cached="$PULUMI_HOME/plugins/resource-$name-$version/pulumi-resource-$name"
  [ -x "$bin" ] || return 0
  [ -x "$BIN/pulumi" ] || { echo "cannot install $name plugin: pulumi not built" >&2; FAILED+=("plugin-$name"); return 0; }
  if [ -f "$cached" ] && cmp -s "$bin" "$cached"; then
    echo "plugin resource $name $version installed"
    return 0
  fi
  if "$BIN/pulumi" plugin install resource "$name" "$version" --file "$bin" --reinstall >"$LOGS/plugin-$name.log" 2>&1; then
    echo "installed plugin resource $name $version into ${PULUMI_HOME#"$ROOT"/}"
  else
    echo "FAILED to install plugin resource $name $version; see ${LOGS#"$ROOT"/}/plugin-$name.log" >&2
    tail -n 5 "$LOGS/plugin-$name.log" | sed 's/^/    /' >&2
    FAILED+=("plugin-$name")
  fi
}
install_plugin command "$COMMAND_VERSION"
install_plugin kubernetes "$KUBERNETES_VERSION"

# The lab's and the tests' Kubernetes control plane (tools/build-cluster.sh, its own stamps).
# shellcheck disable=SC2046
bash "$TOOLS_DIR/build-cluster.sh" $([ "$FORCE" = 1 ] && echo --force) || FAILED+=("control plane (tools/build-cluster.sh)")

if [ "${#FAILED[@]}" -gt 0 ]; then
  echo "tools/build.sh: failed: ${FAILED[*]}" >&2
  exit 1
fi
echo "tools ready in ${BIN#"$ROOT"/} (source tools/env.sh, or use: npm run pulumi -- <args>)"
