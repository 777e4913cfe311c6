//go:build tools

// Package tools pins kwok, the kubelet stand-in, so that `go build` from this module builds
// sigs.k8s.io/kwok/cmd/kwok at the version in go.mod.
package tools

import (
	_ "sigs.k8s.io/kwok/cmd/kwok"
)
