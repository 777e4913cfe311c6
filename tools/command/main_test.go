package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// The tests only ever run /bin/sh.

const testURN = "urn:pulumi:dev::proj::command:local:Command::cmd"

func pm(m map[string]any) resource.PropertyMap { return resource.NewPropertyMapFromMap(m) }

func toStruct(t *testing.T, m resource.PropertyMap) *structpb.Struct {
	t.Helper()
	s, err := marshal(m)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return s
}

func fromStruct(t *testing.T, s *structpb.Struct) resource.PropertyMap {
	t.Helper()
	m, err := unmarshal(s)
	if err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return m
}

func secret(s string) resource.PropertyValue { return resource.MakeSecret(resource.NewProperty(s)) }

func unknown() resource.PropertyValue { return resource.MakeComputed(resource.NewProperty("")) }

// fakeEngine records the log messages the provider sends to the engine.
type fakeEngine struct {
	pulumirpc.UnimplementedEngineServer
	mu   sync.Mutex
	logs []*pulumirpc.LogRequest
}

func (e *fakeEngine) Log(_ context.Context, req *pulumirpc.LogRequest) (*emptypb.Empty, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.logs = append(e.logs, req)
	return &emptypb.Empty{}, nil
}

func (e *fakeEngine) messages() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, l := range e.logs {
		out = append(out, l.GetMessage())
	}
	return out
}

// newProvider returns a provider whose logs go to a fake engine served on a
// unix socket (no network).
func newProvider(t *testing.T) (*commandProvider, *fakeEngine) {
	t.Helper()
	dir, err := os.MkdirTemp("", "cmd-eng") // short path: unix socket names are limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "e.sock")
	lis, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	eng := &fakeEngine{}
	srv := grpc.NewServer()
	pulumirpc.RegisterEngineServer(srv, eng)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	host, err := provider.NewHostClient("unix://" + sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = host.Close() })
	return &commandProvider{host: host}, eng
}

func create(t *testing.T, p *commandProvider, inputs resource.PropertyMap) (string, resource.PropertyMap) {
	t.Helper()
	resp, err := p.Create(context.Background(), &pulumirpc.CreateRequest{
		Urn: testURN, Type: commandType, Properties: toStruct(t, inputs),
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return resp.GetId(), fromStruct(t, resp.GetProperties())
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return string(b)
}

// ---------------------------------------------------------------- Check

func TestCheck(t *testing.T) {
	p := &commandProvider{}
	failures := func(news resource.PropertyMap) map[string]string {
		resp, err := p.Check(context.Background(), &pulumirpc.CheckRequest{
			Urn: testURN, Type: commandType, News: toStruct(t, news),
		})
		if err != nil {
			t.Fatal(err)
		}
		if resp.GetInputs() == nil {
			t.Error("Check returned no inputs")
		}
		out := map[string]string{}
		for _, f := range resp.GetFailures() {
			out[f.GetProperty()] = f.GetReason()
		}
		return out
	}
	ok := pm(map[string]any{
		"create": "echo hi", "update": "u", "delete": "d", "dir": "/tmp", "stdin": "in",
		"environment": map[string]any{"A": "1"}, "interpreter": []any{"/bin/sh", "-c"},
		"triggers": []any{"x", 1, true}, "assetPaths": []any{}, "archivePaths": []any{},
		"logging": "stdout", "addPreviousOutputInEnv": false,
	})
	if got := failures(ok); len(got) != 0 {
		t.Errorf("all inputs: failures %v", got)
	}
	withSecrets := resource.PropertyMap{"create": secret("echo"), "environment": resource.MakeSecret(resource.NewProperty(pm(map[string]any{"A": "1"})))}
	if got := failures(withSecrets); len(got) != 0 {
		t.Errorf("secret inputs: failures %v", got)
	}
	if got := failures(resource.PropertyMap{"create": unknown(), "environment": unknown()}); len(got) != 0 {
		t.Errorf("unknown inputs: failures %v", got)
	}
	got := failures(pm(map[string]any{
		"create": 1, "environment": "A=1", "interpreter": "/bin/sh", "triggers": map[string]any{},
		"bogus": "x", "assetPaths": []any{"*.txt"}, "archivePaths": []any{"**"},
		"logging": "all", "addPreviousOutputInEnv": "yes", "command": "echo",
	}))
	want := map[string]string{
		"create": "expected a string", "environment": "expected a map", "interpreter": "expected an array",
		"triggers": "expected an array", "bogus": "unknown property", "command": "unknown property",
		"assetPaths": unsupportedGlobs, "archivePaths": unsupportedGlobs,
		"logging":                `expected one of "stdout", "stderr", "stdoutAndStderr", "none"`,
		"addPreviousOutputInEnv": "expected a boolean",
	}
	if !strings.HasPrefix(unsupportedGlobs, "not supported by this build of pulumi-resource-command") {
		t.Errorf("message %q", unsupportedGlobs)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("failures = %v\nwant %v", got, want)
	}
	if _, err := p.Check(context.Background(), &pulumirpc.CheckRequest{Type: "command:remote:CopyFile"}); err == nil {
		t.Error("command:remote:CopyFile: want an error")
	}
}

// ---------------------------------------------------------------- Diff

func TestDiff(t *testing.T) {
	base := map[string]any{"create": "echo a", "environment": map[string]any{"A": "1"}, "triggers": []any{"t1"}}
	with := func(kv ...any) resource.PropertyMap {
		m := pm(base)
		for i := 0; i < len(kv); i += 2 {
			k := resource.PropertyKey(kv[i].(string))
			switch v := kv[i+1].(type) {
			case nil:
				delete(m, k)
			case resource.PropertyValue:
				m[k] = v
			default:
				m[k] = resource.NewPropertyValue(v)
			}
		}
		return m
	}
	const (
		upd  = pulumirpc.PropertyDiff_UPDATE
		repl = pulumirpc.PropertyDiff_UPDATE_REPLACE
	)
	for _, tc := range []struct {
		name     string
		olds     resource.PropertyMap
		news     resource.PropertyMap
		ignore   []string
		want     map[string]pulumirpc.PropertyDiff_Kind // nil: no diff
		replaces []string
	}{
		{name: "no change", olds: with(), news: with()},
		{name: "no change, with update", olds: with("update", "u"), news: with("update", "u")},
		{name: "triggers replace even with update", olds: with("update", "u"), news: with("update", "u", "triggers", []any{"t2"}),
			want: map[string]pulumirpc.PropertyDiff_Kind{"triggers": repl}, replaces: []string{"triggers"}},
		{name: "create, with update: in place", olds: with("update", "u"), news: with("update", "u", "create", "echo b"),
			want: map[string]pulumirpc.PropertyDiff_Kind{"create": upd}},
		{name: "environment, with update: in place", olds: with("update", "u"), news: with("update", "u", "environment", map[string]any{"A": "2"}),
			want: map[string]pulumirpc.PropertyDiff_Kind{"environment": upd}},
		// v1.2.1: triggers is the only replaceOnChanges input; without an update command a
		// change runs create again, in place.
		{name: "create, no update: in place", olds: with(), news: with("create", "echo b"),
			want: map[string]pulumirpc.PropertyDiff_Kind{"create": upd}},
		{name: "environment, no update: in place", olds: with(), news: with("environment", map[string]any{"A": "2"}),
			want: map[string]pulumirpc.PropertyDiff_Kind{"environment": upd}},
		{name: "dir/stdin/interpreter/logging/addPreviousOutputInEnv: in place", olds: with(),
			news: with("dir", "/tmp", "stdin", "x", "interpreter", []any{"/bin/sh", "-c"}, "logging", "none", "addPreviousOutputInEnv", false),
			want: map[string]pulumirpc.PropertyDiff_Kind{"dir": upd, "stdin": upd, "interpreter": upd, "logging": upd, "addPreviousOutputInEnv": upd}},
		{name: "triggers, no update: replace", olds: with(), news: with("triggers", []any{"t1", "t2"}),
			want: map[string]pulumirpc.PropertyDiff_Kind{"triggers": repl}, replaces: []string{"triggers"}},
		{name: "triggers and create: only triggers replaces", olds: with(), news: with("triggers", []any{}, "create", "echo b"),
			want: map[string]pulumirpc.PropertyDiff_Kind{"triggers": repl, "create": upd}, replaces: []string{"triggers"}},
		{name: "adding update alone: in place", olds: with(), news: with("update", "u"),
			want: map[string]pulumirpc.PropertyDiff_Kind{"update": upd}},
		{name: "removing update alone", olds: with("update", "u"), news: with(),
			want: map[string]pulumirpc.PropertyDiff_Kind{"update": upd}},
		{name: "delete alone", olds: with(), news: with("delete", "rm x"),
			want: map[string]pulumirpc.PropertyDiff_Kind{"delete": upd}},
		{name: "removing update and changing create", olds: with("update", "u"), news: with("create", "echo b"),
			want: map[string]pulumirpc.PropertyDiff_Kind{"create": upd, "update": upd}},
		{name: "secret update counts", olds: with("update", secret("u")), news: with("update", secret("u"), "create", "echo b"),
			want: map[string]pulumirpc.PropertyDiff_Kind{"create": upd}},
		{name: "unknown update counts (preview)", olds: with("update", "u"), news: with("update", unknown(), "create", "echo b"),
			want: map[string]pulumirpc.PropertyDiff_Kind{"create": upd, "update": upd}},
		{name: "unknown create, no update: in place", olds: with(), news: with("create", unknown()),
			want: map[string]pulumirpc.PropertyDiff_Kind{"create": upd}},
		{name: "unknown triggers: replace", olds: with(), news: with("triggers", unknown()),
			want: map[string]pulumirpc.PropertyDiff_Kind{"triggers": repl}, replaces: []string{"triggers"}},
		{name: "ignoreChanges", olds: with(), news: with("create", "echo b"), ignore: []string{"create"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := (&commandProvider{}).Diff(context.Background(), &pulumirpc.DiffRequest{
				Urn: testURN, OldInputs: toStruct(t, tc.olds), News: toStruct(t, tc.news), IgnoreChanges: tc.ignore,
				Olds: toStruct(t, state(tc.olds, resource.NewProperty("out"), resource.NewProperty(""))),
			})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == nil {
				if resp.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE || len(resp.GetDiffs()) != 0 {
					t.Errorf("Diff = %v, want no changes", resp)
				}
				return
			}
			got := map[string]pulumirpc.PropertyDiff_Kind{}
			for k, d := range resp.GetDetailedDiff() {
				got[k] = d.GetKind()
				if !d.GetInputDiff() {
					t.Errorf("%s: InputDiff false", k)
				}
			}
			if resp.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || !reflect.DeepEqual(got, tc.want) ||
				!reflect.DeepEqual(resp.GetReplaces(), tc.replaces) || len(resp.GetDiffs()) != len(tc.want) ||
				!resp.GetHasDetailedDiff() || resp.GetDeleteBeforeReplace() {
				t.Errorf("Diff = %v\nwant detailed %v, replaces %v", resp, tc.want, tc.replaces)
			}
		})
	}
}

// Without old inputs (older state), the outputs in the old state are not inputs.
func TestDiffFromStateOnly(t *testing.T) {
	inputs := pm(map[string]any{"create": "echo a"})
	resp, err := (&commandProvider{}).Diff(context.Background(), &pulumirpc.DiffRequest{
		Urn: testURN, News: toStruct(t, inputs),
		Olds: toStruct(t, state(inputs, resource.NewProperty("a"), resource.NewProperty(""))),
	})
	if err != nil || resp.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("Diff = %v, %v", resp, err)
	}
}

// ---------------------------------------------------------------- running commands

func TestCreateCapturesStdoutAndStderr(t *testing.T) {
	p, eng := newProvider(t)
	inputs := pm(map[string]any{"create": `printf 'out1\nout2\n\n'; echo err1 >&2`})
	id, out := create(t, p, inputs)
	// As upstream: the resource's name and 8 hex digits.
	if !regexp.MustCompile(`^cmd[0-9a-f]{8}$`).MatchString(id) {
		t.Errorf("id = %q", id)
	}
	// One trailing newline is trimmed, as upstream does.
	if got := out["stdout"]; !got.IsString() || got.StringValue() != "out1\nout2\n" {
		t.Errorf("stdout = %#v", got)
	}
	if got := out["stderr"]; !got.IsString() || got.StringValue() != "err1" {
		t.Errorf("stderr = %#v", got)
	}
	if !out["create"].DeepEquals(inputs["create"]) || len(out) != 3 {
		t.Errorf("state = %v", out)
	}
	// Each non-empty line is shown as an ephemeral status message.
	if got := eng.messages(); !reflect.DeepEqual(got, []string{"out1", "out2", "err1"}) {
		t.Errorf("logs = %q", got)
	}
	for _, l := range eng.logs {
		if !l.GetEphemeral() || l.GetSeverity() != pulumirpc.LogSeverity_INFO || l.GetUrn() != testURN {
			t.Errorf("log %v", l)
		}
	}
}

func TestCreateWithoutCommand(t *testing.T) {
	p, eng := newProvider(t)
	id, out := create(t, p, pm(map[string]any{"delete": "true"}))
	if id == "" || out["stdout"].StringValue() != "" || out["stderr"].StringValue() != "" {
		t.Errorf("Create = %q, %v", id, out)
	}
	if len(eng.messages()) != 0 {
		t.Errorf("logs = %q", eng.messages())
	}
}

func TestEnvironmentReachesCommandButNotLogs(t *testing.T) {
	p, eng := newProvider(t)
	dir := t.TempDir()
	const value = "s3cr3t-env-value"
	t.Setenv("GF_CMD_TEST_OVERRIDE", "from-provider")
	t.Setenv("GF_CMD_TEST_INHERITED", "inherited")
	_, out := create(t, p, resource.PropertyMap{
		"create": resource.NewProperty(`printf '%s' "$TOKEN" > token; printf '%s' "$GF_CMD_TEST_OVERRIDE" > override; ` +
			`printf '%s' "$GF_CMD_TEST_INHERITED" > inherited; echo done`),
		"dir": resource.NewProperty(dir),
		"environment": resource.NewProperty(resource.PropertyMap{
			"TOKEN":                secret(value),
			"GF_CMD_TEST_OVERRIDE": resource.NewProperty("from-inputs"),
		}),
	})
	for file, want := range map[string]string{"token": value, "override": "from-inputs", "inherited": "inherited"} {
		if got := readFile(t, filepath.Join(dir, file)); got != want {
			t.Errorf("%s = %q, want %q", file, got, want)
		}
	}
	for _, m := range eng.messages() {
		if strings.Contains(m, value) {
			t.Errorf("log leaks the environment: %q", m)
		}
	}
	// A secret input makes both outputs secret.
	if !out["stdout"].IsSecret() || !out["stderr"].IsSecret() || !out["environment"].ContainsSecrets() {
		t.Errorf("state = %v", out)
	}
}

func TestNonZeroExitIsAnErrorWithoutEnvironment(t *testing.T) {
	p, eng := newProvider(t)
	const value = "s3cr3t-env-value"
	_, err := p.Create(context.Background(), &pulumirpc.CreateRequest{
		Urn: testURN, Type: commandType, Properties: toStruct(t, resource.PropertyMap{
			"create":      resource.NewProperty(`echo partial; echo oops >&2; exit 3`),
			"environment": resource.NewProperty(resource.PropertyMap{"TOKEN": secret(value)}),
		}),
	})
	if err == nil {
		t.Fatal("want an error")
	}
	msg := err.Error()
	for _, want := range []string{`"echo partial; echo oops >&2; exit 3"`, "exit status 3", "stdout: partial", "stderr: oops"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, value) || strings.Contains(msg, "TOKEN") {
		t.Errorf("error leaks the environment: %q", msg)
	}
	if len(eng.messages()) != 0 { // nothing is logged for a failed command
		t.Errorf("logs = %q", eng.messages())
	}
}

func TestInterpreterDirStdin(t *testing.T) {
	p, _ := newProvider(t)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	_, out := create(t, p, pm(map[string]any{
		"create":      `pwd; cat; echo "$0"`,
		"dir":         dir,
		"stdin":       "from-stdin\n",
		"interpreter": []any{"/bin/sh", "-c"},
	}))
	if got, want := out["stdout"].StringValue(), dir+"\nfrom-stdin\n/bin/sh"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	// An interpreter with more arguments: the command comes last.
	_, out = create(t, p, pm(map[string]any{
		"create":      "ignored-script-name",
		"interpreter": []any{"/bin/sh", "-c", `echo "args: $0"`},
	}))
	if got := out["stdout"].StringValue(); got != "args: ignored-script-name" {
		t.Errorf("stdout = %q", got)
	}
	// No stdin: the command reads an empty stdin rather than hanging.
	_, out = create(t, p, pm(map[string]any{"create": "cat; echo end"}))
	if got := out["stdout"].StringValue(); got != "end" {
		t.Errorf("stdout = %q", got)
	}
}

func TestCreateInMissingDirFails(t *testing.T) {
	p, _ := newProvider(t)
	_, err := p.Create(context.Background(), &pulumirpc.CreateRequest{
		Urn: testURN, Properties: toStruct(t, pm(map[string]any{"create": "true", "dir": filepath.Join(t.TempDir(), "nope")})),
	})
	if err == nil {
		t.Error("want an error for a missing dir")
	}
}

func TestCreatePreviewRunsNothing(t *testing.T) {
	p, eng := newProvider(t)
	marker := filepath.Join(t.TempDir(), "ran")
	resp, err := p.Create(context.Background(), &pulumirpc.CreateRequest{
		Urn: testURN, Preview: true, Properties: toStruct(t, pm(map[string]any{"create": "touch " + marker})),
	})
	if err != nil {
		t.Fatal(err)
	}
	out := fromStruct(t, resp.GetProperties())
	if !out["stdout"].IsComputed() || !out["stderr"].IsComputed() {
		t.Errorf("preview outputs = %v", out)
	}
	if _, err := os.Stat(marker); !os.IsNotExist(err) {
		t.Error("preview ran the create command")
	}
	if len(eng.messages()) != 0 {
		t.Errorf("logs = %q", eng.messages())
	}
}

// ---------------------------------------------------------------- Update

func TestUpdate(t *testing.T) {
	ctx := context.Background()
	p, _ := newProvider(t)
	dir := t.TempDir()
	olds := pm(map[string]any{"create": "echo created", "update": "echo updated-$V", "dir": dir, "environment": map[string]any{"V": "1"}})
	_, oldState := create(t, p, olds)

	update := func(news resource.PropertyMap, preview bool) resource.PropertyMap {
		t.Helper()
		resp, err := p.Update(ctx, &pulumirpc.UpdateRequest{
			Urn: testURN, Olds: toStruct(t, oldState), OldInputs: toStruct(t, olds), News: toStruct(t, news), Preview: preview,
		})
		if err != nil {
			t.Fatalf("Update: %v", err)
		}
		return fromStruct(t, resp.GetProperties())
	}

	// An input change runs `update` (not `create`) with the new inputs.
	news := olds.Copy()
	news["environment"] = resource.NewProperty(pm(map[string]any{"V": "2"}))
	if out := update(news, false); out["stdout"].StringValue() != "updated-2" || !out["environment"].DeepEquals(news["environment"]) {
		t.Errorf("update ran: %v", out)
	}
	// In preview the outputs are unknown and nothing runs.
	news["update"] = resource.NewProperty("touch ran-in-preview")
	if out := update(news, true); !out["stdout"].IsComputed() || !out["stderr"].IsComputed() {
		t.Errorf("preview: %v", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "ran-in-preview")); !os.IsNotExist(err) {
		t.Error("preview ran the update command")
	}
	// As upstream, any input change runs the update command, even a change to delete alone, and
	// it sees the previous outputs.
	only := olds.Copy()
	only["update"] = resource.NewProperty(`printf 'was:%s' "$PULUMI_COMMAND_STDOUT"`)
	only["delete"] = resource.NewProperty("echo bye")
	if out := update(only, false); out["stdout"].StringValue() != "was:created" || out["delete"].StringValue() != "echo bye" {
		t.Errorf("update/delete change: %v", out)
	}
	// Without an update command, create runs again in place.
	noUpdate := olds.Copy()
	delete(noUpdate, "update")
	noUpdate["create"] = resource.NewProperty(`echo "re-created after $PULUMI_COMMAND_STDOUT"`)
	if out := update(noUpdate, false); out["stdout"].StringValue() != "re-created after created" {
		t.Errorf("create as update: %v", out)
	}
	// A failing update command is an error.
	bad := news.Copy()
	bad["update"] = resource.NewProperty("exit 4")
	if _, err := p.Update(ctx, &pulumirpc.UpdateRequest{
		Urn: testURN, Olds: toStruct(t, oldState), OldInputs: toStruct(t, olds), News: toStruct(t, bad),
	}); err == nil || !strings.Contains(err.Error(), "exit status 4") {
		t.Errorf("failing update: %v", err)
	}
}

func TestUpdateWithoutCommandsKeepsOutputs(t *testing.T) {
	p, _ := newProvider(t)
	olds := pm(map[string]any{"create": "echo created"})
	_, oldState := create(t, p, olds)
	news := pm(map[string]any{"delete": "echo bye"})
	resp, err := p.Update(context.Background(), &pulumirpc.UpdateRequest{
		Urn: testURN, Olds: toStruct(t, oldState), News: toStruct(t, news),
	})
	if err != nil {
		t.Fatal(err)
	}
	out := fromStruct(t, resp.GetProperties())
	if out["stdout"].StringValue() != "created" || out["delete"].StringValue() != "echo bye" || out.HasValue("create") {
		t.Errorf("Update = %v", out)
	}
}

func TestAddPreviousOutputInEnv(t *testing.T) {
	ctx := context.Background()
	p, _ := newProvider(t)
	dir := t.TempDir()
	show := `printf '%s|%s' "${PULUMI_COMMAND_STDOUT-unset}" "${PULUMI_COMMAND_STDERR-unset}"`
	for _, tc := range []struct {
		name      string
		add       any // nil: not set (default true)
		create    string
		wantDel   string
		wantUpdOK string
	}{
		{name: "default", create: "echo o; echo e >&2", wantDel: "o|e", wantUpdOK: "o|e"},
		{name: "true", add: true, create: "echo o; echo e >&2", wantDel: "o|e", wantUpdOK: "o|e"},
		{name: "false", add: false, create: "echo o; echo e >&2", wantDel: "unset|unset", wantUpdOK: "unset|unset"},
		// Like upstream, an empty output is not set at all.
		{name: "empty outputs", create: "true", wantDel: "unset|unset", wantUpdOK: "unset|unset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inputs := pm(map[string]any{"create": tc.create, "dir": dir, "delete": show + " > deleted"})
			if tc.add != nil {
				inputs["addPreviousOutputInEnv"] = resource.NewPropertyValue(tc.add)
			}
			_, st := create(t, p, inputs)
			news := inputs.Copy()
			news["update"] = resource.NewProperty(show)
			resp, err := p.Update(ctx, &pulumirpc.UpdateRequest{
				Urn: testURN, Olds: toStruct(t, st), OldInputs: toStruct(t, inputs), News: toStruct(t, news),
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := fromStruct(t, resp.GetProperties())["stdout"].StringValue(); got != tc.wantUpdOK {
				t.Errorf("update saw %q, want %q", got, tc.wantUpdOK)
			}
			if _, err := p.Delete(ctx, &pulumirpc.DeleteRequest{Urn: testURN, Properties: toStruct(t, st)}); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, filepath.Join(dir, "deleted")); got != tc.wantDel {
				t.Errorf("delete saw %q, want %q", got, tc.wantDel)
			}
		})
	}
}

func TestLogging(t *testing.T) {
	for _, tc := range []struct {
		logging any // nil: not set
		want    []string
	}{
		{nil, []string{"o1", "o2", "e1"}},
		{"stdoutAndStderr", []string{"o1", "o2", "e1"}},
		{"stdout", []string{"o1", "o2"}},
		{"stderr", []string{"e1"}},
		{"none", nil},
	} {
		t.Run(fmt.Sprint(tc.logging), func(t *testing.T) {
			p, eng := newProvider(t)
			inputs := pm(map[string]any{"create": "echo o1; echo o2; echo e1 >&2"})
			if tc.logging != nil {
				inputs["logging"] = resource.NewPropertyValue(tc.logging)
			}
			_, out := create(t, p, inputs)
			if got := eng.messages(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("logs = %q, want %q", got, tc.want)
			}
			// Logging never changes what is captured.
			if out["stdout"].StringValue() != "o1\no2" || out["stderr"].StringValue() != "e1" {
				t.Errorf("outputs = %v", out)
			}
		})
	}
}

func TestLoggingNeverShowsSecretOutputs(t *testing.T) {
	p, eng := newProvider(t)
	inputs := pm(map[string]any{"create": "echo s3cret-out; echo s3cret-err >&2"})
	inputs["environment"] = resource.MakeSecret(resource.NewProperty(resource.PropertyMap{"P": resource.NewProperty("x")}))
	_, out := create(t, p, inputs)
	if got := eng.messages(); len(got) != 0 {
		t.Errorf("logs = %q, want none: the outputs are secret", got)
	}
	if !out["stdout"].IsSecret() || !out["stderr"].IsSecret() {
		t.Errorf("outputs = %v, want secrets", out)
	}
}

// ---------------------------------------------------------------- Delete

func TestDeleteGetsPreviousOutputs(t *testing.T) {
	p, eng := newProvider(t)
	dir := t.TempDir()
	inputs := pm(map[string]any{
		"create":      `echo line-one; echo line-two; echo warn >&2`,
		"delete":      `printf '%s|%s|%s' "$PULUMI_COMMAND_STDOUT" "$PULUMI_COMMAND_STDERR" "$E" > deleted; echo bye`,
		"dir":         dir,
		"environment": map[string]any{"E": "env-for-delete", "PULUMI_COMMAND_STDOUT": "overridden by the provider"},
	})
	id, st := create(t, p, inputs)
	if _, err := p.Delete(context.Background(), &pulumirpc.DeleteRequest{
		Urn: testURN, Id: id, Properties: toStruct(t, st), OldInputs: toStruct(t, inputs),
	}); err != nil {
		t.Fatal(err)
	}
	if got, want := readFile(t, filepath.Join(dir, "deleted")), "line-one\nline-two|warn|env-for-delete"; got != want {
		t.Errorf("delete saw %q, want %q", got, want)
	}
	if msgs := eng.messages(); len(msgs) == 0 || msgs[len(msgs)-1] != "bye" {
		t.Errorf("logs = %q", msgs)
	}
}

func TestDeleteWithSecretState(t *testing.T) {
	p, _ := newProvider(t)
	dir := t.TempDir()
	inputs := resource.PropertyMap{
		"create": secret("echo secret-out"),
		"delete": resource.NewProperty(`printf '%s' "$PULUMI_COMMAND_STDOUT" > deleted`),
		"dir":    resource.NewProperty(dir),
	}
	_, st := create(t, p, inputs)
	if !st["stdout"].IsSecret() {
		t.Fatalf("stdout not secret: %v", st)
	}
	if _, err := p.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: testURN, Properties: toStruct(t, st)}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "deleted")); got != "secret-out" {
		t.Errorf("delete saw %q", got)
	}
}

func TestDeleteWithoutCommandAndFailure(t *testing.T) {
	p, _ := newProvider(t)
	if _, err := p.Delete(context.Background(), &pulumirpc.DeleteRequest{
		Urn: testURN, Properties: toStruct(t, pm(map[string]any{"create": "x", "stdout": "", "stderr": ""})),
	}); err != nil {
		t.Errorf("no delete command: %v", err)
	}
	_, err := p.Delete(context.Background(), &pulumirpc.DeleteRequest{
		Urn: testURN, Properties: toStruct(t, pm(map[string]any{"delete": "exit 5", "stdout": "", "stderr": ""})),
	})
	if err == nil || !strings.Contains(err.Error(), "exit status 5") {
		t.Errorf("failing delete: %v", err)
	}
}

// ---------------------------------------------------------------- command:local:run

func TestInvokeRun(t *testing.T) {
	p, _ := newProvider(t)
	resp, err := p.Invoke(context.Background(), &pulumirpc.InvokeRequest{
		Tok: runFunction, Args: toStruct(t, pm(map[string]any{
			"command": `echo "$X"; echo e >&2`, "environment": map[string]any{"X": "hello"},
		})),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := fromStruct(t, resp.GetReturn())
	want := pm(map[string]any{
		"command": `echo "$X"; echo e >&2`, "environment": map[string]any{"X": "hello"}, "stdout": "hello", "stderr": "e",
	})
	if !got.DeepEquals(want) {
		t.Errorf("run = %v\nwant %v", got, want)
	}

	if _, err := p.Invoke(context.Background(), &pulumirpc.InvokeRequest{
		Tok: runFunction, Args: toStruct(t, pm(map[string]any{"command": "exit 2"})),
	}); err == nil || !strings.Contains(err.Error(), "exit status 2") {
		t.Errorf("failing run: %v", err)
	}
	// Arguments are checked against the function's inputs; failures come back as such.
	resp, err = p.Invoke(context.Background(), &pulumirpc.InvokeRequest{
		Tok: runFunction, Args: toStruct(t, pm(map[string]any{"assetPaths": []any{"*.txt"}, "create": "x", "logging": "loud"})),
	})
	if err != nil {
		t.Fatal(err)
	}
	failures := map[string]string{}
	for _, f := range resp.GetFailures() {
		failures[f.GetProperty()] = f.GetReason()
	}
	if want := map[string]string{
		"command": "missing required property", "assetPaths": unsupportedGlobs, "create": "unknown property",
		"logging": `expected one of "stdout", "stderr", "stdoutAndStderr", "none"`,
	}; !reflect.DeepEqual(failures, want) || resp.GetReturn() != nil {
		t.Errorf("failures = %v\nwant %v", failures, want)
	}
	// All of v1.2.1's run options reach the command.
	dir := t.TempDir()
	resp, err = p.Invoke(context.Background(), &pulumirpc.InvokeRequest{
		Tok: runFunction, Args: toStruct(t, pm(map[string]any{
			"command": "cat; pwd >&2", "stdin": "in", "dir": dir, "interpreter": []any{"/bin/sh", "-c"},
			"logging": "none", "addPreviousOutputInEnv": false, "assetPaths": []any{},
		})),
	})
	if err != nil || len(resp.GetFailures()) != 0 {
		t.Fatalf("run: %v %v", resp, err)
	}
	if got := fromStruct(t, resp.GetReturn()); got["stdout"].StringValue() != "in" || !strings.HasSuffix(got["stderr"].StringValue(), filepath.Base(dir)) ||
		got["logging"].StringValue() != "none" {
		t.Errorf("run = %v", got)
	}
	if _, err := p.Invoke(context.Background(), &pulumirpc.InvokeRequest{
		Tok: "command:remote:run", Args: toStruct(t, pm(map[string]any{})),
	}); err == nil {
		t.Error("other function: want an error")
	}
}

// ---------------------------------------------------------------- pure helpers

func TestInvocationOf(t *testing.T) {
	inv := invocationOf(resource.PropertyMap{
		"create":      secret("c"),
		"dir":         resource.NewProperty("/d"),
		"stdin":       resource.NewProperty("in"),
		"environment": resource.MakeSecret(resource.NewProperty(resource.PropertyMap{"A": secret("1"), "B": resource.NewProperty("2")})),
		"interpreter": resource.NewProperty([]resource.PropertyValue{resource.NewProperty("/bin/bash"), secret("-c")}),
	}, "create")
	want := invocation{command: "c", dir: "/d", stdin: "in", environment: map[string]string{"A": "1", "B": "2"},
		interpreter: []string{"/bin/bash", "-c"}, secret: true}
	if !reflect.DeepEqual(inv, want) {
		t.Errorf("invocationOf = %#v", inv)
	}
	if inv := invocationOf(resource.PropertyMap{}, "update"); !reflect.DeepEqual(inv, invocation{}) {
		t.Errorf("empty = %#v", inv)
	}
}

func TestStateSecretness(t *testing.T) {
	plain := state(pm(map[string]any{"create": "x"}), resource.NewProperty("o"), resource.NewProperty("e"))
	if plain["stdout"].IsSecret() || plain["stderr"].IsSecret() {
		t.Errorf("plain inputs: %v", plain)
	}
	s := state(resource.PropertyMap{"environment": resource.NewProperty(resource.PropertyMap{"K": secret("v")})},
		resource.NewProperty("o"), unknown())
	if !s["stdout"].IsSecret() || !s["stderr"].IsComputed() {
		t.Errorf("secret inputs: %v", s)
	}
}

func TestSchemaAndPluginInfo(t *testing.T) {
	p := &commandProvider{}
	info, err := p.GetPluginInfo(context.Background(), &emptypb.Empty{})
	if err != nil || info.GetVersion() != Version {
		t.Errorf("GetPluginInfo = %v, %v", info, err)
	}
	resp, err := p.GetSchema(context.Background(), &pulumirpc.GetSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Name      string                    `json:"name"`
		Resources map[string]map[string]any `json:"resources"`
		Functions map[string]map[string]any `json:"functions"`
	}
	if err := json.Unmarshal([]byte(resp.GetSchema()), &schema); err != nil {
		t.Fatal(err)
	}
	cmd := schema.Resources[commandType]
	if schema.Name != "command" || cmd == nil || schema.Functions[runFunction] == nil {
		t.Fatalf("schema = %s", resp.GetSchema())
	}
	// Every input the schema declares is one Check accepts.
	for k := range cmd["inputProperties"].(map[string]any) {
		if _, ok := knownInputs[k]; !ok {
			t.Errorf("schema input %q is not in knownInputs", k)
		}
	}
	hs, err := p.Handshake(context.Background(), &pulumirpc.ProviderHandshakeRequest{})
	if err != nil || !hs.GetAcceptSecrets() {
		t.Errorf("Handshake = %v, %v", hs, err)
	}
	if r, err := p.DiffConfig(context.Background(), &pulumirpc.DiffRequest{}); err != nil || r.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("DiffConfig = %v, %v", r, err)
	}
}

func TestReadReturnsState(t *testing.T) {
	props := toStruct(t, pm(map[string]any{"create": "x", "stdout": "o", "stderr": ""}))
	resp, err := (&commandProvider{}).Read(context.Background(), &pulumirpc.ReadRequest{Id: "abc", Properties: props})
	if err != nil || resp.GetId() != "abc" || !fromStruct(t, resp.GetProperties()).DeepEquals(fromStruct(t, props)) {
		t.Errorf("Read = %v, %v", resp, err)
	}
}

// signature is a schema property without its description: its type, items,
// additionalProperties, $ref and replaceOnChanges.
func signature(v any) string {
	m, _ := v.(map[string]any)
	c := map[string]any{}
	for k, x := range m {
		if k != "description" {
			c[k] = x
		}
	}
	b, _ := json.Marshal(c)
	return string(b)
}

// The schema's local part is pulumi-command v1.2.1's: the property names and
// signatures below are read from upstream's
// provider/cmd/pulumi-resource-command/schema.json at tag v1.2.1.
func TestSchemaMatchesV121(t *testing.T) {
	resp, err := (&commandProvider{}).GetSchema(context.Background(), &pulumirpc.GetSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal([]byte(resp.GetSchema()), &schema); err != nil {
		t.Fatal(err)
	}
	const (
		str     = `{"type":"string"}`
		boolean = `{"type":"boolean"}`
		strList = `{"items":{"type":"string"},"type":"array"}`
		strMap  = `{"additionalProperties":{"type":"string"},"type":"object"}`
		logging = `{"$ref":"#/types/command:local:Logging"}`
	)
	runOptions := map[string]string{
		"addPreviousOutputInEnv": boolean, "archivePaths": strList, "assetPaths": strList, "dir": str,
		"environment": strMap, "interpreter": strList, "logging": logging, "stdin": str,
	}
	outputs := map[string]string{
		"stdout": str, "stderr": str, "archive": `{"$ref":"pulumi.json#/Archive"}`,
		"assets": `{"additionalProperties":{"$ref":"pulumi.json#/Asset"},"type":"object"}`,
	}
	commandInputs := merged(runOptions, map[string]string{
		"create": str, "update": str, "delete": str,
		"triggers": `{"items":{"$ref":"pulumi.json#/Any"},"replaceOnChanges":true,"type":"array"}`,
	})
	runIn := merged(runOptions, map[string]string{"command": str})
	props := func(v any) map[string]string {
		out := map[string]string{}
		for k, p := range v.(map[string]any) {
			out[k] = signature(p)
		}
		return out
	}
	res := schema["resources"].(map[string]any)
	fn := schema["functions"].(map[string]any)
	cmd := res[commandType].(map[string]any)
	run := fn[runFunction].(map[string]any)
	for _, c := range []struct {
		name      string
		got, want map[string]string
	}{
		{"Command inputs", props(cmd["inputProperties"]), commandInputs},
		{"Command outputs", props(cmd["properties"]), merged(commandInputs, outputs)},
		{"run inputs", props(run["inputs"].(map[string]any)["properties"]), runIn},
		{"run outputs", props(run["outputs"].(map[string]any)["properties"]), merged(runIn, outputs)},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v\nwant %v", c.name, c.got, c.want)
		}
	}
	if got := fmt.Sprint(cmd["required"], cmd["requiredInputs"], run["inputs"].(map[string]any)["required"], run["outputs"].(map[string]any)["required"]); got != "[stdout stderr] <nil> [command] [command stdout stderr]" {
		t.Errorf("required = %s", got)
	}
	if got := signature(schema["types"].(map[string]any)["command:local:Logging"]); got != `{"enum":[{"value":"stdout"},{"value":"stderr"},{"value":"stdoutAndStderr"},{"value":"none"}],"type":"string"}` {
		t.Errorf("Logging = %s", got)
	}
	checkRemoteSchemaV121(t, schema)
	if len(res) != 3 || len(fn) != 1 || schema["name"] != "command" || schema["version"] != strings.TrimPrefix(Version, "v") {
		t.Errorf("schema: %v resources, %v functions, name %v, version %v", len(res), len(fn), schema["name"], schema["version"])
	}
	// Every input the schema declares is one Check (or run) knows.
	for k := range commandInputs {
		if _, ok := knownInputs[k]; !ok {
			t.Errorf("Command input %q is not in knownInputs", k)
		}
	}
	for k := range runIn {
		if _, ok := runInputs[k]; !ok {
			t.Errorf("run input %q is not in runInputs", k)
		}
	}
	if len(knownInputs) != len(commandInputs) || len(runInputs) != len(runIn) {
		t.Errorf("knownInputs/runInputs have %d/%d inputs, the schema %d/%d", len(knownInputs), len(runInputs), len(commandInputs), len(runIn))
	}
}

// The remote part, also read from upstream's schema.json at v1.2.1; hostKeys is
// our one addition (an output).
func checkRemoteSchemaV121(t *testing.T, schema map[string]any) {
	t.Helper()
	const (
		str      = `{"type":"string"}`
		secret   = `{"secret":true,"type":"string"}`
		conn     = `{"$ref":"#/types/command:remote:Connection","secret":true}`
		triggers = `{"items":{"$ref":"pulumi.json#/Any"},"replaceOnChanges":true,"type":"array"}`
		hostKeys = `{"additionalProperties":{"type":"string"},"type":"object"}`
	)
	props := func(v any) map[string]string {
		out := map[string]string{}
		for k, p := range v.(map[string]any) {
			out[k] = signature(p)
		}
		return out
	}
	proxy := map[string]string{
		"agentSocketPath": str, "dialErrorLimit": `{"default":10,"type":"integer"}`, "host": str, "hostKey": str,
		"password": secret, "perDialTimeout": `{"default":15,"type":"integer"}`, "port": `{"default":22,"type":"number"}`,
		"privateKey": secret, "privateKeyPassword": secret, "user": `{"default":"root","type":"string"}`,
	}
	cmdIn := map[string]string{
		"addPreviousOutputInEnv": `{"type":"boolean"}`, "connection": conn, "create": str, "delete": str,
		"environment": `{"additionalProperties":{"type":"string"},"type":"object"}`, "logging": `{"$ref":"#/types/command:remote:Logging"}`,
		"stdin": str, "triggers": triggers, "update": str,
	}
	copyIn := map[string]string{"connection": conn, "remotePath": str, "source": `{"$ref":"pulumi.json#/Asset"}`, "triggers": triggers}
	types := schema["types"].(map[string]any)
	res := schema["resources"].(map[string]any)
	cmd := res[remoteCommandType].(map[string]any)
	cp := res[copyType].(map[string]any)
	for _, c := range []struct {
		name      string
		got, want map[string]string
	}{
		{"Connection", props(types["command:remote:Connection"].(map[string]any)["properties"]),
			merged(proxy, map[string]string{"proxy": `{"$ref":"#/types/command:remote:ProxyConnection"}`})},
		{"ProxyConnection", props(types["command:remote:ProxyConnection"].(map[string]any)["properties"]), proxy},
		{"remote Command inputs", props(cmd["inputProperties"]), cmdIn},
		{"remote Command outputs", props(cmd["properties"]), merged(cmdIn, map[string]string{"stdout": str, "stderr": str, "hostKeys": hostKeys})},
		{"CopyToRemote inputs", props(cp["inputProperties"]), copyIn},
		{"CopyToRemote outputs", props(cp["properties"]), merged(copyIn, map[string]string{"hostKeys": hostKeys})},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v\nwant %v", c.name, c.got, c.want)
		}
	}
	if got := fmt.Sprint(cmd["required"], cmd["requiredInputs"], cp["required"], cp["requiredInputs"]); got !=
		"[connection stdout stderr] [connection] [connection source remotePath] [connection source remotePath]" {
		t.Errorf("required = %s", got)
	}
	if signature(types["command:remote:Logging"]) != signature(types["command:local:Logging"]) {
		t.Errorf("remote Logging = %v", types["command:remote:Logging"])
	}
	// Every input the schema declares is one Check knows, and the other way round.
	for name, c := range map[string]struct {
		schema map[string]string
		kinds  map[string]string
	}{"remote Command": {cmdIn, remoteInputs}, "CopyToRemote": {copyIn, copyInputs}, "Connection": {proxy, connectionFields}} {
		for k := range c.schema {
			if _, ok := c.kinds[k]; !ok {
				t.Errorf("%s input %q is not known to Check", name, k)
			}
		}
		if len(c.schema) != len(c.kinds) {
			t.Errorf("%s: %d inputs known to Check, %d in the schema", name, len(c.kinds), len(c.schema))
		}
	}
}
