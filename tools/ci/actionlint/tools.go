//go:build tools

// Package tools pins actionlint, the GitHub Actions workflow checker, so that `go build` from this
// module builds github.com/rhysd/actionlint/cmd/actionlint at the version in go.mod.
package tools

import (
	_ "github.com/rhysd/actionlint/cmd/actionlint"
)
