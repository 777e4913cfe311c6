#!/usr/bin/env bash
# Runs the locally built pulumi CLI with the repository's offline settings.
#   npm run pulumi -- preview --stack dev
set -euo pipefail
# shellcheck source=tools/env.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
if [ ! -x "$GIGAFACTORY_ROOT/.tools/bin/pulumi" ]; then
  echo "pulumi is not built yet: run 'npm run tools' first" >&2
  exit 127
fi
exec "$GIGAFACTORY_ROOT/.tools/bin/pulumi" "$@"
