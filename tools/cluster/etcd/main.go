// Command etcd is upstream's etcd server (go.etcd.io/etcd/server/v3 at the version in go.mod).
// Upstream's own main lives in the repository root module, which is not published as a
// dependency; this one calls the same entry point.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
