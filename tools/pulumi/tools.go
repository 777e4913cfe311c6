//go:build tools

// Package tools pins the Pulumi CLI so that `go build` from this module
// builds github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at the version in go.mod.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
