#!/usr/bin/env bash
# Builds the lab's and the tests' Kubernetes control plane from Go modules (no binary downloads),
# into .tools/cluster/ at the repository root. Called by tools/build.sh (npm run tools).
#
#   bash tools/build-cluster.sh      # build what is missing or out of date
#   bash tools/build-cluster.sh -f   # rebuild everything, ignoring the stamps
#
# Same stamp-and-skip approach as tools/build.sh: each binary is skipped when its stamp
# (.tools/cluster/bin/.<name>.stamp) matches the pinned version, the Go toolchain, the build flags
# and a hash of its module's go.mod, go.sum and sources. A failed binary does not stop the others;
# the script exits non-zero at the end, naming what failed and where its log is.
#
# What gets built (see tools/README.md, "The control plane"):
#   .tools/cluster/bin/etcd                     go.etcd.io/etcd/server/v3 (tools/cluster/etcd)
#   .tools/cluster/bin/kube-apiserver           k8s.io/kubernetes (tools/cluster/kubernetes)
#   .tools/cluster/bin/kube-controller-manager  k8s.io/kubernetes (tools/cluster/kubernetes)
#   .tools/cluster/bin/kube-scheduler           k8s.io/kubernetes (tools/cluster/kubernetes)
#   .tools/cluster/bin/kwok                     sigs.k8s.io/kwok (tools/cluster/kwok)
#   .tools/cluster/bin/kueue                    sigs.k8s.io/kueue (tools/cluster/kueue)
#   .tools/cluster/kueue/                       Kueue's CRDs and webhook configurations, and
#   .tools/cluster/kwok/stages.yaml             kwok's default stages, copied from the same module
#                                               versions in the module cache
set -uo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$TOOLS_DIR/.." && pwd)"
MODULES="$TOOLS_DIR/cluster"
OUT="$ROOT/.tools/cluster"
BIN="$OUT/bin"
LOGS="$ROOT/.tools/logs"

# Pinned versions: each must match the require line of its module under tools/cluster/.
KUBERNETES_VERSION=v1.35.4
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
KUEUE_VERSION=v0.17.0

mkdir -p "$BIN"
# shellcheck source=tools/go-build.sh
. "$TOOLS_DIR/go-build.sh"

# The version a module requires, so that a stamp never claims a version the module does not build.
required_version() {
  sed -n "s|^require $2 \(v[^ ]*\)\$|\1|p" "$MODULES/$1/go.mod"
}

# build NAME MODULE VERSION PACKAGE LDFLAGS: go_build (tools/go-build.sh) of tools/cluster/MODULE into .tools/cluster/bin.
build() { go_build "$1" "$MODULES/$2" "$BIN" "$3" "$4" "" "$5"; }

check_pin() {
  local have
  have="$(required_version "$1" "$2")"
  if [ "$have" != "$3" ]; then
    echo "tools/build-cluster.sh: tools/cluster/$1/go.mod requires $2 ${have:-(nothing)}, the script pins $3" >&2
    exit 1
  fi
}
check_pin kubernetes k8s.io/kubernetes "$KUBERNETES_VERSION"
check_pin etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
check_pin kwok sigs.k8s.io/kwok "$KWOK_VERSION"
check_pin kueue sigs.k8s.io/kueue "$KUEUE_VERSION"

# Without these the binaries report v0.0.0-master (upstream's hack/lib/version.sh sets the same).
k8s_minor="${KUBERNETES_VERSION#v1.}"; k8s_minor="${k8s_minor%%.*}"
K8S_LDFLAGS="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  K8S_LDFLAGS+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$k8s_minor -X $pkg.gitTreeState=clean"
done

build etcd etcd "$ETCD_VERSION" . "-s -w"
build kube-apiserver kubernetes "$KUBERNETES_VERSION" k8s.io/kubernetes/cmd/kube-apiserver "$K8S_LDFLAGS"
build kwok kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok "-s -w"
build kueue kueue "$KUEUE_VERSION" sigs.k8s.io/kueue/cmd/kueue "-s -w -X sigs.k8s.io/kueue/pkg/version.GitVersion=$KUEUE_VERSION"
build kube-controller-manager kubernetes "$KUBERNETES_VERSION" k8s.io/kubernetes/cmd/kube-controller-manager "$K8S_LDFLAGS"
build kube-scheduler kubernetes "$KUBERNETES_VERSION" k8s.io/kubernetes/cmd/kube-scheduler "$K8S_LDFLAGS"

# Upstream files the control plane reads at run time, copied from the module versions the binaries
# were built from, never committed: Kueue's CRDs (with the kustomize patches that give five of them
# a conversion webhook) and webhook configurations, and kwok's default stages (the ones kwokctl
# gives kwok: node-initialize, node-heartbeat-with-lease, pod-ready, pod-complete, pod-delete).
# The stamp names the module, its version and a hash of what is copied.
copy_upstream() {
  local name=$1 mod=$2 module=$3 version=$4 fill=$5
  local dest="$OUT/$name" stamp="$OUT/$name/.stamp" dir want
  want="$module $version files=$(declare -f "$fill" | sha)"
  if [ "$FORCE" = 0 ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "$name files $version up to date"
    return 0
  fi
  dir="$(cd "$MODULES/$mod" && go list -m -f '{{.Dir}}' "$module" 2>>"$LOGS/$name-files.log")"
  rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
  if [ -n "$dir" ] && "$fill" "$dir" "$dest.tmp" 2>>"$LOGS/$name-files.log"; then
    chmod -R u+w "$dest.tmp"
    echo "$want" >"$dest.tmp/.stamp"
    rm -rf "$dest" && mv "$dest.tmp" "$dest"
    echo "copied $name files of $module $version to ${dest#"$ROOT"/}"
  else
    rm -rf "$dest.tmp"
    echo "FAILED copying $name files of $module $version (see ${LOGS#"$ROOT"/}/$name-files.log)" >&2
    FAILED+=("$name-files")
  fi
}
kueue_files() {
  cp -R "$1/config/components/crd" "$2/crd" && cp -R "$1/config/components/webhook" "$2/webhook"
}
kwok_files() {
  local f
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
    pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    cat "$1/kustomize/stage/$f" && echo "---"
  done >"$2/stages.yaml"
}
copy_upstream kueue kueue sigs.k8s.io/kueue "$KUEUE_VERSION" kueue_files
copy_upstream kwok kwok sigs.k8s.io/kwok "$KWOK_VERSION" kwok_files

if [ "${#FAILED[@]}" -gt 0 ]; then
  echo "tools/build-cluster.sh: failed: ${FAILED[*]}" >&2
  exit 1
fi
echo "control plane ready in ${BIN#"$ROOT"/}"
