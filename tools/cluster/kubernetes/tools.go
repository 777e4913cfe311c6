//go:build tools

// Package tools pins the control plane's binaries so that `go build` from this module builds
// k8s.io/kubernetes/cmd/{kube-apiserver,kube-controller-manager,kube-scheduler} at the version
// in go.mod.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
