#!/usr/bin/env bash
# The lab: site lab-1 (inventory/fleets/lab) on this machine, every layer in one stack.
#
#   npm run lab                  # build what is missing, start the simulated BMCs, the SSH nodes and the control plane, pulumi up
#   npm run lab -- --preview     # the same, but pulumi preview instead of up
#   npm run lab -- --destroy     # pulumi destroy (powers the nodes off), stop the simulated BMCs, the SSH nodes and the control plane
#
# What it touches, all git-ignored:
#   .tools/                 the Pulumi engine and plugins (npm run tools; skipped when up to date)
#   .state/backend/         the file backend holding the stack's state (or $PULUMI_BACKEND_URL)
#   .lab/                   simulated BMCs and their credentials (scripts/lab/bmc-sim.ts),
#                           the stack's config with the credentials as Pulumi secrets
#                           (.lab/Pulumi.lab.yaml), the rendered Kubernetes manifests (.lab/rendered),
#                           the Kubernetes control plane's files (.lab/cluster, scripts/cluster),
#                           the lab's SSH key (.lab/ssh-key) and the SSH nodes' host keys and disks
#                           (.lab/nodes, scripts/lab/lab-nodes.ts)
#
# As root, every node of the lab is also a network namespace with its in-band address from the
# ledger and a real sshd (scripts/lab/lab-nodes.ts), and the stack bootstraps its OS over SSH after
# the power-on, in render mode (gigafactory:osBootstrap render): the files land on the node's own
# disk, mounted at $NODE_ROOT inside the node (.lab/nodes/disks/<hostname> here), and the commands
# only real hardware can run are written down. Without root, ip or OpenSSH the lab says so and
# skips only the bootstrap.
#
# Why a second config file: the committed stacks/Pulumi.lab.yaml carries no secrets, and the BMC
# credentials differ per machine. `pulumi config set --secret` writes ciphertext into the stack
# file, so this script copies the committed file to .lab/Pulumi.lab.yaml, adds the credentials
# there, and passes that copy to every pulumi command with --config-file.
#
# Running it twice changes nothing the second time. The stack is addressed with --stack on every
# command; it is never made the workspace's selected stack, so other stacks in this checkout
# stay selected as they were.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

STACK=lab
LAB_DIR="$ROOT/.lab"
COMMITTED_CONFIG="$ROOT/stacks/Pulumi.$STACK.yaml"
CONFIG="$LAB_DIR/Pulumi.$STACK.yaml"
CREDENTIALS="$LAB_DIR/bmc-credentials.env"
RENDER_DIR="$LAB_DIR/rendered"
BMC_SIM="$ROOT/scripts/lab/bmc-sim.ts"
LAB_NODES="$ROOT/scripts/lab/lab-nodes.ts"
NODES_DIR="$LAB_DIR/nodes"
SSH_KEY="$LAB_DIR/ssh-key"
# Where each SSH node's disk is mounted inside the node: the bootstrap's root (gigafactory:osBootstrapRoot).
NODE_ROOT=/srv/node

usage() { echo "usage: npm run lab [-- --preview | --destroy]" >&2; }
MODE=up
case "${1:-}" in
  "") ;;
  --preview) MODE=preview ;;
  --destroy) MODE=destroy ;;
  -h | --help) usage; exit 0 ;;
  *) usage; exit 2 ;;
esac
[ "$#" -le 1 ] || { usage; exit 2; }

step() { printf '\n==> %s\n' "$*"; }

# --- 1. Dependencies and tools -------------------------------------------------------------
if [ ! -d "$ROOT/node_modules/@pulumi/pulumi" ]; then
  step "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
step "building the Pulumi engine and plugins if needed (npm run tools)"
bash "$ROOT/tools/build.sh"

# shellcheck source=tools/env.sh
. "$ROOT/tools/env.sh"
# The lab stack's files commit the salt of the public lab passphrase (see stacks/Pulumi.lab.yaml),
# so the lab always uses that passphrase, whatever is set for other stacks. Only the lab does.
export PULUMI_CONFIG_PASSPHRASE="$GIGAFACTORY_LAB_PASSPHRASE"
unset PULUMI_CONFIG_PASSPHRASE_FILE
# The engine prints colours only to a terminal.
COLOR=auto
[ -t 1 ] || COLOR=never

# The simulated BMCs: sushy-emulator (Redfish) and ipmi_sim (IPMI) per node, on loopback. Their first
# start creates .lab/venv from PyPI; fresh credentials go to .lab/bmc-credentials.env.
bmc_sim() { tsx "$BMC_SIM" "$@"; }

# The SSH nodes (scripts/lab/lab-nodes.ts). BOOTSTRAP is render when they can run here, else off
# with the reason in SKIPPED.
lab_nodes() { tsx "$LAB_NODES" "$1" --dir "$NODES_DIR" "${@:2}"; }
BOOTSTRAP=off
SKIPPED=""
if SKIPPED="$(lab_nodes check)"; then BOOTSTRAP=render; fi

# Starts (or keeps) the SSH nodes, with the lab's key (made once, never printed) authorised on each.
start_nodes() {
  if [ "$BOOTSTRAP" = off ]; then
    echo "lab: skipping the OS bootstrap over SSH: $SKIPPED"
    return
  fi
  step "starting the SSH nodes (scripts/lab/lab-nodes.ts start)"
  if [ ! -f "$SSH_KEY" ]; then
    mkdir -p "$LAB_DIR"
    (umask 077; ssh-keygen -q -t ed25519 -N "" -C gigafactory-lab -f "$SSH_KEY")
  fi
  lab_nodes start --authorized-key "$SSH_KEY.pub" --mount-at "$NODE_ROOT"
}

# --- The lab's Kubernetes control plane (scripts/cluster/cluster.ts) ------------------------------
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok with one fake node per ledger
# line of lab-1, and Kueue, all on loopback, built by npm run tools. Its files, the admin kubeconfig
# included, live in .lab/cluster; `up` keeps a cluster that already runs.
CLUSTER_DIR="$LAB_DIR/cluster"
cluster() { tsx "$ROOT/scripts/cluster/cluster.ts" "$1" --dir "$CLUSTER_DIR"; }
# ---------------------------------------------------------------------------------------------------

stack_exists() {
  pulumi stack ls --json | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      process.exit(JSON.parse(s).some((x) => x.name === process.argv[1]) ? 0 : 1);
    });' "$STACK"
}

# Writes .lab/Pulumi.lab.yaml: the committed config plus the BMC credentials as Pulumi secrets.
# The values travel through stdin, never through argv or the terminal.
write_config() {
  if [ ! -f "$CREDENTIALS" ]; then
    echo "lab: $CREDENTIALS is missing; scripts/lab/bmc-sim.ts start should have written it" >&2
    exit 1
  fi
  local tmp="$LAB_DIR/.Pulumi.$STACK.new.yaml" username password  # pulumi wants a .yaml name
  # KEY=value lines; read, not sourced.
  username="$(sed -n 's/^BMC_USERNAME=//p' "$CREDENTIALS" | tail -1)"
  password="$(sed -n 's/^BMC_PASSWORD=//p' "$CREDENTIALS" | tail -1)"
  if [ -z "$username" ] || [ -z "$password" ]; then
    echo "lab: $CREDENTIALS should set BMC_USERNAME and BMC_PASSWORD" >&2
    exit 1
  fi
  (umask 077; {
    echo "# Generated by tools/lab.sh from stacks/Pulumi.lab.yaml; do not edit, do not commit."
    cat "$COMMITTED_CONFIG"
  } >"$tmp")
  # The lab's nodes use the credential reference "default" (inventory/fleets/lab names no other).
  printf '%s' "$username" | pulumi config set --secret --path --stack "$STACK" --config-file "$tmp" gigafactory:bmcCredentials.default.username
  printf '%s' "$password" | pulumi config set --secret --path --stack "$STACK" --config-file "$tmp" gigafactory:bmcCredentials.default.password
  if [ "$BOOTSTRAP" = render ] && [ -f "$SSH_KEY" ]; then
    pulumi config set --stack "$STACK" --config-file "$tmp" gigafactory:osBootstrap render
    pulumi config set --stack "$STACK" --config-file "$tmp" gigafactory:osBootstrapRoot "$NODE_ROOT"
    pulumi config set --secret --stack "$STACK" --config-file "$tmp" gigafactory:sshPrivateKey <"$SSH_KEY"
  fi
  mv -f "$tmp" "$CONFIG"
}

# Where the state is, for the closing lines.
state_location() {
  case "$PULUMI_BACKEND_URL" in
    file://*) echo "${PULUMI_BACKEND_URL#file://}/.pulumi/stacks/gigafactory/$STACK.json" ;;
    *) echo "$PULUMI_BACKEND_URL (stack $STACK)" ;;
  esac
}

# --- 2. Destroy ----------------------------------------------------------------------------
if [ "$MODE" = destroy ]; then
  if stack_exists; then
    # Deleting a node's command powers it off through its BMC, so the simulators must be up.
    step "starting the simulated BMCs (scripts/lab/bmc-sim.ts start)"
    bmc_sim start
    write_config
    step "pulumi destroy --stack $STACK"
    pulumi destroy --yes --stack "$STACK" --config-file "$CONFIG" --color "$COLOR"
  else
    echo "lab: no stack '$STACK' in $PULUMI_BACKEND_URL; nothing to destroy"
  fi
  step "stopping the simulated BMCs (scripts/lab/bmc-sim.ts stop)"
  bmc_sim stop
  if [ "$BOOTSTRAP" = render ]; then
    step "stopping the SSH nodes (scripts/lab/lab-nodes.ts stop)"
    lab_nodes stop
  fi
  rm -f "$SSH_KEY" "$SSH_KEY.pub"
  step "stopping the Kubernetes control plane (scripts/cluster/cluster.ts down)"
  cluster down
  rm -f "$CONFIG"
  echo
  echo "lab: destroyed. State (empty stack kept): $(state_location)"
  # `pulumi stack rm` would also delete the committed stacks/Pulumi.lab.yaml.
  echo "  to forget the stack too: npm run pulumi -- stack rm $STACK --yes --preserve-config"
  exit 0
fi

# --- 3. Preview or up ----------------------------------------------------------------------
step "starting the simulated BMCs (scripts/lab/bmc-sim.ts start)"
bmc_sim start
start_nodes
step "starting the Kubernetes control plane (scripts/cluster/cluster.ts up)"
cluster up

if ! stack_exists; then
  step "creating stack '$STACK' in $PULUMI_BACKEND_URL"
  pulumi stack init "$STACK" --no-select
fi
write_config

step "pulumi $MODE --stack $STACK --policy-pack policies"
if [ "$MODE" = preview ]; then
  pulumi preview --stack "$STACK" --config-file "$CONFIG" --policy-pack "$ROOT/policies" --color "$COLOR"
else
  pulumi up --yes --stack "$STACK" --config-file "$CONFIG" --policy-pack "$ROOT/policies" --color "$COLOR"
fi

echo
echo "lab: $MODE done."
echo "  state:               $(state_location)"
echo "  rendered manifests:  ${RENDER_DIR#"$ROOT"/}/ ($(find "$RENDER_DIR" -type f -name '*.yaml' 2>/dev/null | wc -l | tr -d ' ') files)"
echo "  stack config:        ${CONFIG#"$ROOT"/} (BMC credentials and SSH key as Pulumi secrets)"
if [ "$BOOTSTRAP" = render ]; then
  echo "  SSH nodes:           npm run lab-nodes -- status"
  echo "  node disks:          ${NODES_DIR#"$ROOT"/}/disks/<hostname>/ (at $NODE_ROOT in each node; the OS bootstrap renders there)"
else
  echo "  SSH nodes:           none, OS bootstrap skipped ($SKIPPED)"
fi
echo "  control plane:       KUBECONFIG=${CLUSTER_DIR#"$ROOT"/}/kubeconfig (npm run cluster -- status --dir ${CLUSTER_DIR#"$ROOT"/})"
echo "  inspect:             npm run pulumi -- stack --stack $STACK"
echo "  take it down:        npm run lab -- --destroy"
