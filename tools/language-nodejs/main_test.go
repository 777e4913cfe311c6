package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// ---------------------------------------------------------------- helpers

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writePackage(t *testing.T, dir, packageJSON string) {
	t.Helper()
	writeFile(t, filepath.Join(dir, "package.json"), packageJSON)
}

func depStrings(deps []*pulumirpc.PackageDependency) []string {
	var out []string
	for _, d := range deps {
		out = append(out, d.GetKind()+":"+d.GetName()+"@"+d.GetVersion()+"|"+d.GetServer())
	}
	sort.Strings(out)
	return out
}

func optionsStruct(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fakeStream is the server side of a server-streaming RPC.
type fakeStream[T any] struct {
	grpc.ServerStream
	ctx  context.Context
	mu   sync.Mutex
	sent []*T
}

func (s *fakeStream[T]) Context() context.Context { return s.ctx }

func (s *fakeStream[T]) Send(m *T) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, m)
	return nil
}

// fakeNode puts a /bin/sh script named node first on an otherwise empty PATH.
// `node -e …` (module resolution) prints a fake script path; any other call
// records its working directory, arguments and some environment variables in
// $FAKE_NODE_LOG, prints "plugin-out", and exits with $FAKE_NODE_EXIT.
func fakeNode(t *testing.T) (logPath string) {
	t.Helper()
	bin := t.TempDir()
	writeFile(t, filepath.Join(bin, "node"), `#!/bin/sh
if [ "$1" = "-e" ]; then
  if [ -n "$FAKE_NODE_RESOLVE_FAIL" ]; then echo "Could not find the module" >&2; exit 1; fi
  case "$2" in
    *run-policy-pack*) echo /fake/run-policy-pack.js ;;
    *run-plugin*) echo /fake/run-plugin.js ;;
    *) echo /fake/run.js ;;
  esac
  exit 0
fi
{
  echo "cwd=$(pwd)"
  for a in "$@"; do echo "arg=$a"; done
  echo "PULUMI_CONFIG=$PULUMI_CONFIG"
  echo "PULUMI_CONFIG_SECRET_KEYS=$PULUMI_CONFIG_SECRET_KEYS"
  echo "PULUMI_NODEJS_TYPESCRIPT=$PULUMI_NODEJS_TYPESCRIPT"
  echo "PULUMI_NODEJS_TSCONFIG_PATH=$PULUMI_NODEJS_TSCONFIG_PATH"
  echo "FROM_REQ=$FROM_REQ"
} > "$FAKE_NODE_LOG"
echo plugin-out
exit "${FAKE_NODE_EXIT:-0}"
`)
	if err := os.Chmod(filepath.Join(bin, "node"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	logPath = filepath.Join(t.TempDir(), "node.log")
	t.Setenv("FAKE_NODE_LOG", logPath)
	t.Setenv("FAKE_NODE_EXIT", "0")
	t.Setenv("FAKE_NODE_RESOLVE_FAIL", "")
	return logPath
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("node was not run: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

func realDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ---------------------------------------------------------------- options

func TestParseOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   map[string]any
		want options
		env  []string
	}{
		{"defaults", nil, options{typescript: true}, []string{"PULUMI_NODEJS_TYPESCRIPT=true"}},
		{"typescript off", map[string]any{"typescript": false}, options{}, nil},
		{"tsconfig", map[string]any{"tsconfig": "tsconfig.prod.json"},
			options{typescript: true, tsconfig: "tsconfig.prod.json"},
			[]string{"PULUMI_NODEJS_TYPESCRIPT=true", "PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.prod.json"}},
		{"nodeargs are shell-split", map[string]any{"nodeargs": `--max-old-space-size=4096 --require "./a b.js"`},
			options{typescript: true, nodeargs: []string{"--max-old-space-size=4096", "--require", "./a b.js"}},
			[]string{"PULUMI_NODEJS_TYPESCRIPT=true"}},
		{"unknown options are ignored", map[string]any{"packagemanager": "npm"}, options{typescript: true},
			[]string{"PULUMI_NODEJS_TYPESCRIPT=true"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseOptions(tc.in)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("parseOptions = %#v, %v; want %#v", got, err, tc.want)
			}
			if env := got.env(); !reflect.DeepEqual(env, tc.env) {
				t.Errorf("env = %q, want %q", env, tc.env)
			}
		})
	}
	for _, bad := range []map[string]any{
		{"typescript": "yes"}, {"tsconfig": 1.0}, {"nodeargs": []any{"--x"}}, {"nodeargs": `"unterminated`},
	} {
		if _, err := parseOptions(bad); err == nil {
			t.Errorf("parseOptions(%v): want an error", bad)
		}
	}
}

func TestInfoOptions(t *testing.T) {
	if infoOptions(nil) != nil || infoOptions(&pulumirpc.ProgramInfo{}) != nil {
		t.Error("no options: want nil")
	}
	got := infoOptions(&pulumirpc.ProgramInfo{Options: optionsStruct(t, map[string]any{"typescript": false})})
	if !reflect.DeepEqual(got, map[string]any{"typescript": false}) {
		t.Errorf("infoOptions = %v", got)
	}
}

// ---------------------------------------------------------------- plugin discovery

func TestPluginOf(t *testing.T) {
	pkg := func(name, version string, resource bool, pname, pversion, server string) *packageJSON {
		p := &packageJSON{Name: name, Version: version}
		p.Pulumi.Resource, p.Pulumi.Name, p.Pulumi.Version, p.Pulumi.Server = resource, pname, pversion, server
		return p
	}
	for _, tc := range []struct {
		name string
		in   *packageJSON
		want *pulumirpc.PackageDependency
	}{
		{"@pulumi scope gives the name", pkg("@pulumi/kubernetes", "4.34.2", true, "", "", ""),
			&pulumirpc.PackageDependency{Name: "kubernetes", Kind: "resource", Version: "v4.34.2"}},
		{"pulumi.name wins, v kept", pkg("@pulumi/command", "v4.5.0", true, "command", "", ""),
			&pulumirpc.PackageDependency{Name: "command", Kind: "resource", Version: "v4.5.0"}},
		{"pulumi.version wins", pkg("@pulumi/random", "4.0.0", true, "", "4.16.1", ""),
			&pulumirpc.PackageDependency{Name: "random", Kind: "resource", Version: "v4.16.1"}},
		{"third party with pulumi.name and server", pkg("@acme/pulumi-widget", "1.2.3", true, "widget", "", "https://example.com/dl"),
			&pulumirpc.PackageDependency{Name: "widget", Kind: "resource", Version: "v1.2.3", Server: "https://example.com/dl"}},
		{"third party without pulumi.name", pkg("pulumi-thing", "1.0.0", true, "", "", ""), nil},
		{"not a resource plugin", pkg("@pulumi/pulumi", "3.270.0", false, "", "", ""), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := pluginOf(tc.in)
			if ok != (tc.want != nil) || (ok && !reflect.DeepEqual(depStrings([]*pulumirpc.PackageDependency{got}),
				depStrings([]*pulumirpc.PackageDependency{tc.want}))) {
				t.Errorf("pluginOf = %v, %v; want %v", got, ok, tc.want)
			}
		})
	}
}

// fakeProject lays out a program directory with a node_modules tree like
// npm's: scoped and unscoped packages, nested node_modules, .bin, a
// workspace symlink, a symlink cycle and a broken package.json.
func fakeProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	prog := filepath.Join(root, "prog")
	nm := filepath.Join(prog, "node_modules")
	writePackage(t, prog, `{"name":"prog","dependencies":{"@pulumi/pulumi":"^3","@pulumi/command":"4.5.0","lodash":"4"}}`)
	writePackage(t, filepath.Join(nm, "@pulumi", "pulumi"), `{"name":"@pulumi/pulumi","version":"3.270.0"}`)
	writePackage(t, filepath.Join(nm, "@pulumi", "command"),
		`{"name":"@pulumi/command","version":"v4.5.0","pulumi":{"resource":true,"name":"command"}}`)
	writePackage(t, filepath.Join(nm, "@pulumi", "kubernetes"),
		`{"name":"@pulumi/kubernetes","version":"4.34.2","pulumi":{"resource":true}}`)
	// A nested copy of another version, and a duplicate of one already found.
	writePackage(t, filepath.Join(nm, "@pulumi", "kubernetes", "node_modules", "@pulumi", "random"),
		`{"name":"@pulumi/random","version":"4.16.0","pulumi":{"resource":true}}`)
	writePackage(t, filepath.Join(nm, "lodash"), `{"name":"lodash","version":"4.17.21"}`)
	writePackage(t, filepath.Join(nm, "lodash", "node_modules", "@pulumi", "random"),
		`{"name":"@pulumi/random","version":"4.17.0","pulumi":{"resource":true}}`)
	writePackage(t, filepath.Join(nm, "lodash", "node_modules", "dup"),
		`{"name":"@pulumi/command","version":"4.5.0","pulumi":{"resource":true,"name":"command"}}`)
	writePackage(t, filepath.Join(nm, "broken"), `{"name": `)
	writePackage(t, filepath.Join(nm, ".bin", "hidden"), `{"name":"@pulumi/hidden","version":"1.0.0","pulumi":{"resource":true}}`)
	writeFile(t, filepath.Join(nm, ".package-lock.json"), `{}`)
	// A workspace package linked into node_modules, outside the program.
	ws := filepath.Join(root, "workspace", "widget")
	writePackage(t, ws, `{"name":"@acme/widget","version":"0.1.0","pulumi":{"resource":true,"name":"widget","server":"https://example.com"}}`)
	if err := os.MkdirAll(filepath.Join(nm, "@acme"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(ws, filepath.Join(nm, "@acme", "widget")); err != nil {
		t.Fatal(err)
	}
	// A cycle: the workspace package's node_modules links back to the program's.
	if err := os.Symlink(nm, filepath.Join(ws, "node_modules")); err != nil {
		t.Fatal(err)
	}
	// A dangling link is skipped.
	if err := os.Symlink(filepath.Join(root, "missing"), filepath.Join(nm, "dangling")); err != nil {
		t.Fatal(err)
	}
	// Plugins outside node_modules are not dependencies.
	writePackage(t, filepath.Join(prog, "policies"), `{"name":"@pulumi/aws","version":"6.0.0","pulumi":{"resource":true}}`)
	return prog
}

var wantPlugins = []string{
	"resource:command@v4.5.0|",
	"resource:kubernetes@v4.34.2|",
	"resource:random@v4.16.0|",
	"resource:random@v4.17.0|",
	"resource:widget@v0.1.0|https://example.com",
}

func TestScanNodeModules(t *testing.T) {
	prog := fakeProject(t)
	if got := depStrings(scanNodeModules(prog)); !reflect.DeepEqual(got, wantPlugins) {
		t.Errorf("scanNodeModules =\n%q\nwant\n%q", got, wantPlugins)
	}
	if got := scanNodeModules(t.TempDir()); len(got) != 0 {
		t.Errorf("no node_modules: %v", got)
	}
}

// A node_modules that is itself a symlink (as in a scratch project that
// borrows the repository's node_modules) is followed.
func TestScanNodeModulesSymlinkedNodeModules(t *testing.T) {
	prog := fakeProject(t)
	scratch := t.TempDir()
	if err := os.Symlink(filepath.Join(prog, "node_modules"), filepath.Join(scratch, "node_modules")); err != nil {
		t.Fatal(err)
	}
	if got := depStrings(scanNodeModules(scratch)); !reflect.DeepEqual(got, wantPlugins) {
		t.Errorf("scanNodeModules =\n%q", got)
	}
}

func TestGetRequiredPackages(t *testing.T) {
	prog := fakeProject(t)
	h := newHost("", "")
	resp, err := h.GetRequiredPackages(context.Background(), &pulumirpc.GetRequiredPackagesRequest{
		Info: &pulumirpc.ProgramInfo{ProgramDirectory: prog, RootDirectory: t.TempDir()},
	})
	if err != nil || !reflect.DeepEqual(depStrings(resp.GetPackages()), wantPlugins) {
		t.Errorf("GetRequiredPackages = %v, %v", resp, err)
	}
	// Without a program directory, the root directory is scanned.
	resp, err = h.GetRequiredPackages(context.Background(), &pulumirpc.GetRequiredPackagesRequest{
		Info: &pulumirpc.ProgramInfo{RootDirectory: prog},
	})
	if err != nil || !reflect.DeepEqual(depStrings(resp.GetPackages()), wantPlugins) {
		t.Errorf("GetRequiredPackages (root) = %v, %v", resp, err)
	}
}

func TestGetProgramDependencies(t *testing.T) {
	prog := fakeProject(t)
	h := newHost("", "")
	resp, err := h.GetProgramDependencies(context.Background(), &pulumirpc.GetProgramDependenciesRequest{
		Info: &pulumirpc.ProgramInfo{ProgramDirectory: prog},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range resp.GetDependencies() {
		got = append(got, d.GetName()+"@"+d.GetVersion())
	}
	sort.Strings(got)
	want := []string{"@pulumi/command@4.5.0", "@pulumi/pulumi@3.270.0", "lodash@4.17.21"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dependencies = %q, want %q", got, want)
	}
	// No package.json: no dependencies, no error.
	resp, err = h.GetProgramDependencies(context.Background(), &pulumirpc.GetProgramDependenciesRequest{
		Info: &pulumirpc.ProgramInfo{ProgramDirectory: t.TempDir()},
	})
	if err != nil || len(resp.GetDependencies()) != 0 {
		t.Errorf("empty dir: %v, %v", resp, err)
	}
}

// ---------------------------------------------------------------- Run

func TestConfigEnv(t *testing.T) {
	env, err := configEnv(&pulumirpc.RunRequest{
		Config:           map[string]string{"gigafactory:site": "lab", "kubernetes:context": "k", "aws:region": "x"},
		ConfigSecretKeys: []string{"gigafactory:token"},
	})
	want := []string{
		`PULUMI_CONFIG={"aws:config:region":"x","gigafactory:config:site":"lab","kubernetes:config:context":"k"}`,
		`PULUMI_CONFIG_SECRET_KEYS=["gigafactory:token"]`,
	}
	if err != nil || !reflect.DeepEqual(env, want) {
		t.Errorf("configEnv = %q, %v", env, err)
	}
	env, err = configEnv(&pulumirpc.RunRequest{})
	if err != nil || !reflect.DeepEqual(env, []string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"}) {
		t.Errorf("empty configEnv = %q, %v", env, err)
	}
	if _, err := configEnv(&pulumirpc.RunRequest{Config: map[string]string{"no-namespace": "v"}}); err == nil {
		t.Error("bad key: want an error")
	}
}

func TestRunArgs(t *testing.T) {
	h := newHost("127.0.0.1:1111", "http://tracing")
	req := &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:2222", Organization: "org", Project: "gigafactory", Stack: "dev",
		DryRun: true, Parallel: 16, Args: []string{"extra1", "extra2"},
		Info: &pulumirpc.ProgramInfo{RootDirectory: "/repo", ProgramDirectory: "/repo/prog", EntryPoint: "index.ts"},
	}
	got := h.runArgs(req, "/nm/run.js", []string{"--max-old-space-size=4096"})
	want := []string{
		"--max-old-space-size=4096", "/nm/run.js",
		"--monitor", "127.0.0.1:2222", "--engine", "127.0.0.1:1111", "--organization", "org",
		"--project", "gigafactory", "--root-directory", "/repo", "--stack", "dev", "--pwd", "/repo/prog",
		"--dry-run", "--parallel", "16", "--tracing", "http://tracing", "index.ts", "extra1", "extra2",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runArgs =\n%q\nwant\n%q", got, want)
	}

	// Empty values are left out; no dry run; the entry point defaults to ".".
	got = newHost("e:1", "").runArgs(&pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{}}, "run.js", nil)
	want = []string{"run.js", "--engine", "e:1", "--parallel", "0", "."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runArgs (minimal) = %q, want %q", got, want)
	}
}

func TestPluginArgs(t *testing.T) {
	got := pluginArgs(true, "/nm/run-policy-pack.js", []string{"--inspect"}, "/pack", []string{"a", "b"})
	if want := []string{"/nm/run-policy-pack.js", "--inspect", "a", "b", "/pack"}; !reflect.DeepEqual(got, want) {
		t.Errorf("policy pack = %q, want %q", got, want)
	}
	got = pluginArgs(false, "/nm/run-plugin.js", nil, "/plugin", []string{"a"})
	if want := []string{"/nm/run-plugin.js", "/plugin", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("plugin = %q, want %q", got, want)
	}
}

func TestRunPreconditions(t *testing.T) {
	ctx := context.Background()
	if _, err := newHost("", "").Run(ctx, &pulumirpc.RunRequest{}); err == nil ||
		!strings.Contains(err.Error(), "Handshake") {
		t.Errorf("Run before Handshake: %v", err)
	}
	resp, err := newHost("e:1", "").Run(ctx, &pulumirpc.RunRequest{})
	if err != nil || resp.GetError() == "" {
		t.Errorf("Run without info: %v, %v", resp, err)
	}
	t.Setenv("PATH", t.TempDir())
	resp, err = newHost("e:1", "").Run(ctx, &pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{ProgramDirectory: t.TempDir()}})
	if err != nil || !strings.Contains(resp.GetError(), "could not find node on the $PATH") {
		t.Errorf("Run without node: %v, %v", resp, err)
	}
}

func TestRunWithFakeNode(t *testing.T) {
	logPath := fakeNode(t)
	prog := realDir(t)
	t.Setenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH", "")
	h := newHost("127.0.0.1:1111", "")
	req := &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:2222", Project: "gigafactory", Stack: "dev", Parallel: 4,
		Config:           map[string]string{"gigafactory:site": "lab"},
		ConfigSecretKeys: []string{"gigafactory:site"},
		Info: &pulumirpc.ProgramInfo{
			RootDirectory: prog, ProgramDirectory: prog, EntryPoint: ".",
			Options: optionsStruct(t, map[string]any{"tsconfig": "tsconfig.json", "nodeargs": "--no-warnings"}),
		},
	}
	resp, err := h.Run(context.Background(), req)
	if err != nil || resp.GetError() != "" || resp.GetBail() {
		t.Fatalf("Run = %v, %v", resp, err)
	}
	want := []string{
		"cwd=" + prog,
		"arg=--no-warnings", "arg=/fake/run.js",
		"arg=--monitor", "arg=127.0.0.1:2222", "arg=--engine", "arg=127.0.0.1:1111",
		"arg=--project", "arg=gigafactory", "arg=--root-directory", "arg=" + prog, "arg=--stack", "arg=dev",
		"arg=--pwd", "arg=" + prog, "arg=--parallel", "arg=4", "arg=.",
		`PULUMI_CONFIG={"gigafactory:config:site":"lab"}`,
		`PULUMI_CONFIG_SECRET_KEYS=["gigafactory:site"]`,
		"PULUMI_NODEJS_TYPESCRIPT=true",
		"PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.json",
		"FROM_REQ=",
	}
	if got := readLines(t, logPath); !reflect.DeepEqual(got, want) {
		t.Errorf("node saw\n%q\nwant\n%q", got, want)
	}

	// Exit code 32: the SDK already told the user; the engine should bail quietly.
	t.Setenv("FAKE_NODE_EXIT", "32")
	if resp, err := h.Run(context.Background(), req); err != nil || !resp.GetBail() || resp.GetError() != "" {
		t.Errorf("exit 32: %v, %v", resp, err)
	}
	t.Setenv("FAKE_NODE_EXIT", "7")
	if resp, err := h.Run(context.Background(), req); err != nil ||
		resp.GetError() != "Program exited with non-zero exit code: 7" || resp.GetBail() {
		t.Errorf("exit 7: %v, %v", resp, err)
	}
	// @pulumi/pulumi missing: node's message becomes the error.
	t.Setenv("FAKE_NODE_RESOLVE_FAIL", "1")
	if resp, err := h.Run(context.Background(), req); err != nil || resp.GetError() != "Could not find the module" {
		t.Errorf("unresolved SDK: %v, %v", resp, err)
	}
	// Bad runtime options are reported, not run.
	t.Setenv("FAKE_NODE_RESOLVE_FAIL", "")
	req.Info.Options = optionsStruct(t, map[string]any{"typescript": "maybe"})
	if resp, err := h.Run(context.Background(), req); err != nil || !strings.Contains(resp.GetError(), "typescript option") {
		t.Errorf("bad options: %v, %v", resp, err)
	}
}

func TestRunPluginWithFakeNode(t *testing.T) {
	logPath := fakeNode(t)
	prog, pwd := realDir(t), realDir(t)
	h := newHost("", "")
	stream := &fakeStream[pulumirpc.RunPluginResponse]{ctx: context.Background()}
	err := h.RunPlugin(&pulumirpc.RunPluginRequest{
		Pwd: pwd, Args: []string{"--flag"}, Env: []string{"FROM_REQ=yes", "FAKE_NODE_LOG=" + logPath},
		Kind: "resource",
		Info: &pulumirpc.ProgramInfo{ProgramDirectory: prog, Options: optionsStruct(t, map[string]any{"typescript": false})},
	}, stream)
	if err != nil {
		t.Fatal(err)
	}
	// Only the request's environment reaches the plugin, as upstream.
	want := []string{
		"cwd=" + pwd, "arg=/fake/run-plugin.js", "arg=" + prog, "arg=--flag",
		"PULUMI_CONFIG=", "PULUMI_CONFIG_SECRET_KEYS=", "PULUMI_NODEJS_TYPESCRIPT=", "PULUMI_NODEJS_TSCONFIG_PATH=",
		"FROM_REQ=yes",
	}
	if got := readLines(t, logPath); !reflect.DeepEqual(got, want) {
		t.Errorf("node saw\n%q\nwant\n%q", got, want)
	}
	var out string
	for _, m := range stream.sent {
		out += string(m.GetStdout())
	}
	if out != "plugin-out\n" {
		t.Errorf("streamed stdout = %q", out)
	}

	err = h.RunPlugin(&pulumirpc.RunPluginRequest{
		Pwd: pwd, Env: []string{"FAKE_NODE_LOG=" + logPath, "FAKE_NODE_EXIT=3"}, Kind: "resource",
		Info: &pulumirpc.ProgramInfo{ProgramDirectory: prog},
	}, &fakeStream[pulumirpc.RunPluginResponse]{ctx: context.Background()})
	if err == nil || err.Error() != "Program exited with non-zero exit code: 3" {
		t.Errorf("exit 3: %v", err)
	}
	if err := h.RunPlugin(&pulumirpc.RunPluginRequest{}, stream); err == nil {
		t.Error("no program info: want an error")
	}
}

// ---------------------------------------------------------------- InstallDependencies

func TestInstallDependencies(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no npm: nothing may be installed for real
	h := newHost("", "")
	install := func(dir string) (string, error) {
		s := &fakeStream[pulumirpc.InstallDependenciesResponse]{ctx: context.Background()}
		err := h.InstallDependencies(&pulumirpc.InstallDependenciesRequest{
			Info: &pulumirpc.ProgramInfo{ProgramDirectory: dir},
		}, s)
		var out string
		for _, m := range s.sent {
			out += string(m.GetStdout()) + string(m.GetStderr())
		}
		return out, err
	}

	withModules := t.TempDir()
	writePackage(t, withModules, `{"name":"p"}`)
	if err := os.Mkdir(filepath.Join(withModules, "node_modules"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := install(withModules)
	if err != nil || out != "node_modules present in "+withModules+"; not running npm install\n" {
		t.Errorf("node_modules present: %q, %v", out, err)
	}

	if out, err := install(t.TempDir()); err != nil || out != "" {
		t.Errorf("no package.json: %q, %v", out, err)
	}

	needsInstall := t.TempDir()
	writePackage(t, needsInstall, `{"name":"p"}`)
	if _, err := install(needsInstall); err == nil || !strings.Contains(err.Error(), "could not find npm") {
		t.Errorf("package.json without node_modules should run npm: %v", err)
	}
}

// ---------------------------------------------------------------- small RPCs

func TestSmallRPCs(t *testing.T) {
	h := newHost("", "")
	info, err := h.GetPluginInfo(context.Background(), &emptypb.Empty{})
	if err != nil || info.GetVersion() != Version {
		t.Errorf("GetPluginInfo = %v, %v", info, err)
	}
	if r, err := h.RuntimeOptionsPrompts(context.Background(), &pulumirpc.RuntimeOptionsRequest{}); err != nil ||
		len(r.GetPrompts()) != 0 {
		t.Errorf("RuntimeOptionsPrompts = %v, %v", r, err)
	}
	if h.cancelCtx.Err() != nil {
		t.Fatal("cancelled too early")
	}
	if _, err := h.Cancel(context.Background(), &emptypb.Empty{}); err != nil || h.cancelCtx.Err() == nil {
		t.Errorf("Cancel did not cancel running programs: %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := h.About(context.Background(), &pulumirpc.AboutRequest{}); err == nil {
		t.Error("About without node: want an error")
	}
}
