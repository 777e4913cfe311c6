/**
 * The bootstrap script of a node: one self-contained POSIX shell script that carries every file of
 * the bundle (base64, so bytes survive), installs each only when its content or mode differs,
 * reports each file as `changed` or `unchanged`, and runs a command only when a file it depends on
 * changed. It never prints, logs or writes the join secrets: they arrive on stdin and reach only the
 * JoinConfiguration that apply mode writes, mode 0600, to a tmpfs for the length of `kubeadm join`.
 *
 * Modes (`--mode`):
 * - `render` (the default): install the files under `--root` (default `/`), and instead of running
 *   a command, print `would-run <command>` and append it to `would-run.log` (`WOULD_RUN_LOG`). What
 *   only real hardware can do (packages, driver and toolkit, restarts, hostname, the join) is so
 *   written down, and tests check it. A second run with the same bundle changes nothing.
 * - `apply`: install into `/` and run the commands (`run <command>`), then join if not joined yet.
 *
 * Until every command has run, the run's changed files are listed in `PENDING_FILE`; a run that
 * finds the list (a command failed last time) treats them as changed again, so no command is
 * skipped because its file is already in place.
 *
 * The last line is the summary: `bootstrap <hostname> (<role>, <mode>): <n> changed, <m> unchanged`.
 * Pure; no Pulumi.
 */
import { createHash } from "node:crypto";
import type { BootstrapBundle } from "./bundle";
import { JOIN_PLACEHOLDERS, JOIN_RUNTIME_FILE, JOIN_TEMPLATE_FILE, JOINED_MARKER, PENDING_FILE, WOULD_RUN_LOG } from "./defaults";
import { shellLine, shellQuote } from "./shell";

/** The stdin lines that carry the join secrets. */
export const JOIN_STDIN_KEYS = { token: "BOOTSTRAP_TOKEN", caCertHash: "CA_CERT_HASH" } as const;

/** The formats of the join secrets (kubeadm's): checked on the node without printing them. */
export const BOOTSTRAP_TOKEN_PATTERN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
export const CA_CERT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** What the script's stdin holds for a join: one `KEY=value` line per secret. */
export function joinStdin(token: string, caCertHash: string): string {
  return `${JOIN_STDIN_KEYS.token}=${token}\n${JOIN_STDIN_KEYS.caCertHash}=${caCertHash}\n`;
}

const PRELUDE = String.raw`set -eu
umask 022
fail() { code=$1; shift; echo "bootstrap $HOST: $*" >&2; exit "$code"; }
mode=render
root=/
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) [ $# -ge 2 ] || fail 2 "--mode needs a value"; mode=$2; shift 2 ;;
    --root) [ $# -ge 2 ] || fail 2 "--root needs a value"; root=$2; shift 2 ;;
    *) fail 2 "unknown argument $1" ;;
  esac
done
case "$mode" in render | apply) ;; *) fail 2 "--mode should be render or apply" ;; esac
case "$root" in /*) ;; *) fail 2 "--root should be an absolute path" ;; esac
if [ "$mode" = apply ] && [ "$root" != / ]; then fail 2 "apply mode installs into / only"; fi
root=${"${"}root%/}
changed=0
unchanged=0
# Files whose commands a failed run left undone count as changed again, so no command is ever skipped.
changed_files=" "
if [ -f "$root$PENDING" ]; then
  while IFS= read -r f; do changed_files="$changed_files$f "; done <"$root$PENDING"
fi
install_file() {
  dest="$root$1"
  mkdir -p "${"${"}dest%/*}"
  tmp="$dest.gigafactory-new"
  printf '%s' "$3" | base64 -d >"$tmp"
  if [ -f "$dest" ] && [ "$(stat -c %a "$dest")" = "$2" ] && cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"
    unchanged=$((unchanged + 1))
    echo "unchanged $1"
  else
    chmod "$2" "$tmp"
    mv -f "$tmp" "$dest"
    changed=$((changed + 1))
    changed_files="$changed_files$1 "
    echo "changed $1"
  fi
}
changed_any() {
  for f in "$@"; do
    case "$changed_files" in *" $f "*) return 0 ;; esac
  done
  return 1
}
run() {
  if [ "$mode" = apply ]; then
    echo "run $*"
    "$@" || fail 4 "$* failed (exit $?); its files stay pending for the next run"
  else
    echo "would-run $*"
    mkdir -p "${"${"}root}$(dirname "$LOG")"
    printf '%s\n' "$*" >>"$root$LOG"
  fi
}
`;

/** Reads and checks the join secrets from stdin, before anything is installed. */
function joinInputs(): string {
  return String.raw`token=
ca_hash=
if [ ! -t 0 ]; then
  while IFS= read -r line; do
    case "$line" in
      ${JOIN_STDIN_KEYS.token}=*) token=${"${"}line#${JOIN_STDIN_KEYS.token}=} ;;
      ${JOIN_STDIN_KEYS.caCertHash}=*) ca_hash=${"${"}line#${JOIN_STDIN_KEYS.caCertHash}=} ;;
    esac
  done
fi
if [ -n "$token" ] && ! printf '%s\n' "$token" | grep -Eq '${BOOTSTRAP_TOKEN_PATTERN.source}'; then
  fail 3 "the bootstrap token on stdin is malformed (not shown)"
fi
if [ -n "$ca_hash" ] && ! printf '%s\n' "$ca_hash" | grep -Eq '${CA_CERT_HASH_PATTERN.source}'; then
  fail 3 "the CA certificate hash on stdin is malformed (not shown)"
fi
`;
}

/** Joins in apply mode when not joined yet; records the join in render mode when its template changed. */
function join(): string {
  const runtimeDir = JOIN_RUNTIME_FILE.slice(0, JOIN_RUNTIME_FILE.lastIndexOf("/"));
  const fill = `{ gsub(/${JOIN_PLACEHOLDERS.token}/, ENVIRON["GF_TOKEN"]); gsub(/${JOIN_PLACEHOLDERS.caCertHash}/, ENVIRON["GF_CA"]); print }`;
  return String.raw`if [ "$mode" = apply ]; then
  if [ -f ${JOINED_MARKER} ]; then
    echo "joined already (${JOINED_MARKER})"
  else
    [ -n "$token" ] && [ -n "$ca_hash" ] || fail 3 "not joined yet and no ${JOIN_STDIN_KEYS.token} and ${JOIN_STDIN_KEYS.caCertHash} lines on stdin"
    mkdir -p ${runtimeDir}
    (umask 077 && GF_TOKEN="$token" GF_CA="$ca_hash" awk ${shellQuote(fill)} ${JOIN_TEMPLATE_FILE} >${JOIN_RUNTIME_FILE})
    echo "run ${shellLine(["kubeadm", "join", "--config", JOIN_RUNTIME_FILE])}"
    rc=0
    ${shellLine(["kubeadm", "join", "--config", JOIN_RUNTIME_FILE])} || rc=$?
    rm -f ${JOIN_RUNTIME_FILE}
    [ "$rc" -eq 0 ] || fail 4 "kubeadm join failed (exit $rc)"
  fi
else
  if changed_any ${JOIN_TEMPLATE_FILE}; then run ${shellLine(["kubeadm", "join", "--config", JOIN_RUNTIME_FILE])}; fi
  if [ -n "$token" ] && [ -n "$ca_hash" ]; then echo "join inputs: token and CA hash received on stdin (not shown)"; else echo "join inputs: none on stdin"; fi
fi
`;
}

/** The script of `bundle`. */
export function renderBootstrapScript(bundle: BootstrapBundle): string {
  const parts = [
    "#!/bin/sh",
    `# gigafactory OS bootstrap of ${bundle.hostname} (${bundle.role}), rendered from the inventory.`,
    "# Usage: sh bootstrap.sh [--mode render|apply] [--root DIR]   (see model/baremetal/bootstrap/script.ts)",
    `HOST=${shellQuote(bundle.hostname)}`,
    `ROLE=${shellQuote(bundle.role)}`,
    `LOG=${WOULD_RUN_LOG}`,
    `PENDING=${PENDING_FILE}`,
    PRELUDE,
    ...(bundle.joins ? [joinInputs()] : []),
    ...bundle.files.map((f) => `install_file ${shellQuote(f.path)} ${f.mode} ${Buffer.from(f.content, "utf8").toString("base64")}`),
    // Until every command has run, the changed files are pending: a failed command is retried by the next run.
    'if [ "$changed_files" != " " ]; then mkdir -p "$root${PENDING%/*}" && printf \'%s\\n\' $changed_files >"$root$PENDING"; fi',
    ...bundle.actions.map((a) => `if changed_any ${a.triggers.map(shellQuote).join(" ")}; then run ${shellLine(a.command)}; fi`),
    ...(bundle.joins ? [join()] : []),
    'rm -f "$root$PENDING"',
    'echo "bootstrap $HOST ($ROLE, $mode): $changed changed, $unchanged unchanged"',
    "",
  ];
  return parts.join("\n");
}

/** The content hash of a script (sha256, hex): the trigger that re-runs a node's bootstrap when anything in it changes. */
export function scriptHash(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}
