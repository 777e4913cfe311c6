#!/usr/bin/env bash
# Runs the locally built pulumi CLI with the repository's offline settings (tools/env.sh).
#   npm run pulumi -- preview --stack riga-1-physical-site --policy-pack policies
#
# Before a command that reads or writes a stack's secrets (preview, up, destroy, refresh, import,
# stack [init|output|export], config set --secret, config get) on a stack named with --stack, it checks that the
# stack's secrets are the operator's own: a stack whose file names no KMS (`secretsprovider:`)
# needs PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE, and never the lab's published
# passphrase. The lab stack (--stack lab) always gets the lab's passphrase.
set -euo pipefail
# shellcheck source=tools/env.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
if [ ! -x "$GIGAFACTORY_ROOT/.tools/bin/pulumi" ]; then
  echo "pulumi is not built yet: run 'npm run tools' first" >&2
  exit 127
fi

# The stack the command names (--stack X, --stack=X, -s X), and whether it touches the stack's secrets.
stack="" command="" subcommand="" secret=no provider=""
prev=""
for arg in "$@"; do
  case "$prev" in
    --stack | -s) stack="$arg" ;;
    --secrets-provider) provider="$arg" ;;
  esac
  case "$arg" in
    --stack=*) stack="${arg#--stack=}" ;;
    --secrets-provider=*) provider="${arg#--secrets-provider=}" ;;
    --secret) secret=yes ;;
    -*) ;;
    *)
      case "$prev" in --stack | -s | --config-file | --policy-pack | --secrets-provider | --cwd | -C | --parallel | -p | --target | -t | --message | -m) ;;
        *) if [ -z "$command" ]; then command="$arg"; elif [ -z "$subcommand" ]; then subcommand="$arg"; fi ;;
      esac
      ;;
  esac
  prev="$arg"
done
case "$command/$subcommand" in
  preview/* | up/* | update/* | destroy/* | refresh/* | import/* | config/get) touches=yes ;;
  stack/ | stack/init | stack/output | stack/export | stack/change-secrets-provider) touches=yes ;;
  config/set) touches="$secret" ;;
  *) touches=no ;;
esac

if [ -n "$stack" ] && [ "$touches" = yes ]; then
  if [ "$stack" = lab ]; then
    export PULUMI_CONFIG_PASSPHRASE="$GIGAFACTORY_LAB_PASSPHRASE"
    unset PULUMI_CONFIG_PASSPHRASE_FILE
  else
    # The provider the command names (stack init --secrets-provider), else the one the stack file names.
    if [ -z "$provider" ]; then
      provider="$( { sed -n 's/^secretsprovider:[[:space:]]*//p' "$GIGAFACTORY_ROOT/stacks/Pulumi.$stack.yaml" 2>/dev/null || true; } | tr -d "\"'" | head -1)"
    fi
    if [ -z "$provider" ] || [ "$provider" = passphrase ]; then
      passphrase="${PULUMI_CONFIG_PASSPHRASE:-}"
      if [ -z "$passphrase" ] && [ -n "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ] && [ -r "$PULUMI_CONFIG_PASSPHRASE_FILE" ]; then
        passphrase="$(cat "$PULUMI_CONFIG_PASSPHRASE_FILE")"
      fi
      if [ -z "$passphrase" ]; then
        echo "pulumi: stack $stack keeps its secrets with a passphrase, and none is set: export PULUMI_CONFIG_PASSPHRASE_FILE (or PULUMI_CONFIG_PASSPHRASE) with your own, or give the stack a KMS with --secrets-provider (README, \"Secrets\")" >&2
        exit 2
      fi
      if [ "$passphrase" = "$GIGAFACTORY_LAB_PASSPHRASE" ]; then
        echo "pulumi: stack $stack would be encrypted with the lab's published passphrase, which protects nothing: use your own in PULUMI_CONFIG_PASSPHRASE_FILE (or PULUMI_CONFIG_PASSPHRASE), or a KMS (README, \"Secrets\")" >&2
        exit 2
      fi
    fi
  fi
fi
exec "$GIGAFACTORY_ROOT/.tools/bin/pulumi" "$@"
