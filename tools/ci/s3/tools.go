//go:build tools

// Package tools pins versitygw, an S3-compatible object server (Apache-2.0) with a POSIX
// file-system backend, so that `go build` from this module builds
// github.com/versity/versitygw/cmd/versitygw at the version in go.mod. The tests run Pulumi's DIY
// `s3://` state backend against it on loopback.
package tools

import (
	_ "github.com/versity/versitygw/cmd/versitygw"
)
