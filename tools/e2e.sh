#!/usr/bin/env bash
# End-to-end tests: the real pulumi CLI, policy pack, providers and simulated BMCs (test/e2e).
#
#   npm run test:e2e                 # all of them
#   npm run test:e2e -- --grep lab   # extra arguments go to mocha
#
# Each run gets a throwaway file backend (a temp folder), so runs never see each other's or the
# lab's state (.state/backend). They do share the lab's simulated BMCs (fixed loopback addresses
# from inventory/fleets/lab) and .lab/rendered, so the tests refuse to start while the lab is up.
# Only loopback traffic.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The engine and plugins (skipped when up to date).
bash "$ROOT/tools/build.sh"

# shellcheck source=tools/env.sh
. "$ROOT/tools/env.sh"
# The lab's published passphrase, which the test stacks' salts belong to; the tests that play an
# operator set their own.
export PULUMI_CONFIG_PASSPHRASE="$GIGAFACTORY_LAB_PASSPHRASE"
unset PULUMI_CONFIG_PASSPHRASE_FILE

# Refuse while the lab (npm run lab) is up: the tests would power its nodes off and delete its manifests.
lab_resources="$(PULUMI_BACKEND_URL="file://$ROOT/.state/backend" pulumi stack ls --json 2>/dev/null |
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const lab = (s.trim() ? JSON.parse(s) : []).find((x) => x.name === "lab");
    console.log(lab?.resourceCount ?? 0);
  });')"
if [ "${lab_resources:-0}" != 0 ]; then
  echo "e2e: the lab is up ($lab_resources resources in .state/backend); take it down first: npm run lab -- --destroy" >&2
  exit 1
fi

backend="$(mktemp -d "${TMPDIR:-/tmp}/gigafactory-e2e.XXXXXX")"
log="$(mktemp "${TMPDIR:-/tmp}/gigafactory-e2e-log.XXXXXX")"
trap 'rm -rf "$backend" "$log"' EXIT
export PULUMI_BACKEND_URL="file://$backend"
export GIGAFACTORY_E2E=1

# Mocha's output also goes to a log, for the plain closing line CI reads ("N passed, N failed").
start=$SECONDS
status=0
npx mocha --config test/e2e/.mocharc.json "$@" 2>&1 | tee "$log" || status=$?
passed="$(sed -n 's/^ *\([0-9][0-9]*\) passing.*/\1/p' "$log" | tail -1)"
failed="$(sed -n 's/^ *\([0-9][0-9]*\) failing.*/\1/p' "$log" | tail -1)"
echo "e2e: ${passed:-0} passed, ${failed:-0} failed"
echo "e2e: finished in $((SECONDS - start)) s"
exit "$status"
