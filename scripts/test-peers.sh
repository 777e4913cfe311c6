#!/usr/bin/env bash
# Makes sure the real protocol peers the tests talk to are on this machine (run by `npm test`
# through its pretest step): ipmi_sim, ipmitool and sshd from Debian, sushy-emulator in .lab/venv from
# PyPI. Installs only what is missing, so on a prepared machine it costs a second.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v ipmi_sim >/dev/null 2>&1 || missing+=(openipmi)
command -v ipmitool >/dev/null 2>&1 || missing+=(ipmitool)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)   # the bootstrap's lab nodes (scripts/lab/ssh-nodes.ts)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "test peers missing: install ${missing[*]} (Debian: apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "installing ${missing[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" python3-venv >/dev/null
fi

# sushy-emulator (the Redfish BMC emulator) in a venv of its own, pinned by scripts/lab/requirements.txt.
npx --no-install tsx scripts/lab/bmc-sim.ts install >/dev/null
