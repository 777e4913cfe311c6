#!/usr/bin/env bash
# Unit tests of our own Go plugins: the language host and the command provider. The kubernetes
# provider is upstream's (tools/kubernetes is only its main); the end-to-end tests run it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export GOFLAGS="${GOFLAGS:--mod=readonly}" GOTOOLCHAIN=local
for module in language-nodejs command; do
  echo "go test tools/$module"
  (cd "$module" && go vet ./... && go test -count=1 ./...)
done
