#!/usr/bin/env bash
# Unit tests of our own Go plugins (language host, command and render-only kubernetes providers).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export GOFLAGS="${GOFLAGS:--mod=readonly}" GOTOOLCHAIN=local
for module in language-nodejs command kubernetes; do
  echo "go test tools/$module"
  (cd "$module" && go vet ./... && go test -count=1 ./...)
done
