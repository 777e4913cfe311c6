//go:build ignore

// gen.go writes schema-embed.json and terraform-mapping-embed.json beside
// main.go from the pinned provider module's cmd/pulumi-resource-kubernetes
// files in the module cache, setting the schema's version to $VERSION, as
// upstream's generate.go does. Run by tools/build.sh: VERSION=4.25.0 go run gen.go
package main

import (
	"encoding/json"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const module = "github.com/pulumi/pulumi-kubernetes/provider/v4"

func main() {
	version := strings.TrimPrefix(os.Getenv("VERSION"), "v")
	if version == "" {
		log.Fatal("gen.go: set VERSION to the plugin version (e.g. 4.25.0)")
	}
	// go mod download (not go list -m) so that a cold module cache works too;
	// the version is the one go.mod pins.
	out, err := exec.Command("go", "mod", "download", "-json", module).Output()
	if err != nil {
		log.Fatalf("gen.go: go mod download %s: %v\n%s", module, err, out)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Error != "" || info.Dir == "" {
		log.Fatalf("gen.go: go mod download %s: %v %s", module, err, info.Error)
	}
	dir := info.Dir
	src := filepath.Join(dir, "cmd", "pulumi-resource-kubernetes")

	var schema map[string]any
	read(filepath.Join(src, "schema.json"), &schema)
	schema["version"] = version
	write("schema-embed.json", schema)

	var mapping any
	read(filepath.Join(src, "terraform-mapping.json"), &mapping)
	write("terraform-mapping-embed.json", mapping)
}

func read(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatalf("gen.go: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("gen.go: cannot parse %s: %v", path, err)
	}
}

func write(path string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		log.Fatalf("gen.go: cannot write %s: %v", path, err)
	}
	if err := os.WriteFile(path+".tmp", b, 0o644); err != nil {
		log.Fatalf("gen.go: %v", err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		log.Fatalf("gen.go: %v", err)
	}
}
