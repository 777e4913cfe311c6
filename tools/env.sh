# shellcheck shell=bash
# Source this file (". tools/env.sh") to run the locally built Pulumi engine
# offline against a file backend inside the repository. Built by tools/build.sh.

_gf_tools_dir="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)"
GIGAFACTORY_ROOT="$(cd "$_gf_tools_dir/.." && pwd)"
export GIGAFACTORY_ROOT
unset _gf_tools_dir

# Our pulumi, pulumi-language-nodejs and plugins first, then the project's npm binaries.
export PATH="$GIGAFACTORY_ROOT/.tools/bin:$GIGAFACTORY_ROOT/node_modules/.bin:$PATH"

# Keep Pulumi's plugin cache, credentials and workspace settings out of $HOME.
export PULUMI_HOME="${PULUMI_HOME:-$GIGAFACTORY_ROOT/.tools/pulumi-home}"
# No update check, no plugin downloads: this machine has no network.
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# The Automation API would otherwise compare the CLI version with @pulumi/pulumi's.
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
# Silence the file backend's note about legacy (non-project-scoped) stacks.
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true

# State lives in a local file backend under .state/ (git-ignored).
if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
  mkdir -p "$GIGAFACTORY_ROOT/.state/backend"
  export PULUMI_BACKEND_URL="file://$GIGAFACTORY_ROOT/.state/backend"
fi

# The lab's passphrase for the local secrets provider. It is published, so it protects nothing:
# only the lab (tools/lab.sh, and tools/pulumi.sh for --stack lab) and the end-to-end tests
# (tools/e2e.sh) export it as PULUMI_CONFIG_PASSPHRASE. Every other stack needs the operator's own
# PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE, or a secrets provider (README, Secrets).
# shellcheck disable=SC2034  # read by the scripts that source this file
GIGAFACTORY_LAB_PASSPHRASE=gigafactory-lab
mkdir -p "$PULUMI_HOME"
