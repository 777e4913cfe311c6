#!/bin/sh
# The chassis behind a simulated IPMI BMC (OpenIPMI's ipmi_sim, `chassis_control` in its lan.conf).
# ipmi_sim runs:  ipmi-chassis.sh DIR get power | get boot
#                 ipmi-chassis.sh DIR set power 1 | set boot pxe | set shutdown 1 | set reset 1
# and reads back "key:value" lines. The state lives in one file per key under DIR.
set -eu
dir=$1
op=$2
shift 2
case "$op" in
  get)
    for key in "$@"; do
      case "$key" in
        power) fallback=0 ;;
        boot) fallback=none ;;
        *) fallback=0 ;;
      esac
      value=$(cat "$dir/$key" 2>/dev/null || echo "$fallback")
      printf '%s:%s\n' "$key" "$value"
    done
    ;;
  set)
    while [ "$#" -ge 2 ]; do
      key=$1
      value=$2
      shift 2
      case "$key" in
        # An orderly shutdown of a machine with no OS is an immediate power off.
        shutdown) key=power value=0 ;;
        # A hard reset leaves the power as it is.
        reset) continue ;;
      esac
      printf '%s\n' "$value" >"$dir/$key.tmp"
      mv "$dir/$key.tmp" "$dir/$key"
    done
    ;;
  check) ;;
  *)
    echo "ipmi-chassis.sh: unknown operation $op" >&2
    exit 1
    ;;
esac
