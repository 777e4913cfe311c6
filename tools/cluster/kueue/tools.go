//go:build tools

// Package tools pins the Kueue controller so that `go build` from this module builds
// sigs.k8s.io/kueue/cmd/kueue at the version in go.mod. Its CRDs are read from the same module
// version in the module cache at build time (tools/build-cluster.sh).
package tools

import (
	_ "sigs.k8s.io/kueue/cmd/kueue"
)
