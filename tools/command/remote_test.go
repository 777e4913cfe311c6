package main

// Tests of command:remote:Command and CopyToRemote against real sshd (sshd_test.go): the remote
// commands run as root on this machine, so they write into the test's temporary directories.

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
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/archive"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/asset"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

const (
	remoteURN = "urn:pulumi:dev::proj::command:remote:Command::r"
	copyURN   = "urn:pulumi:dev::proj::command:remote:CopyToRemote::c"
)

// connTo is a connection to an sshd (or the password server) as root, secret as the SDK sends it.
func connTo(endpoint string, fields map[string]any) resource.PropertyValue {
	host, port, _ := net.SplitHostPort(endpoint)
	m := resource.PropertyMap{"host": resource.NewProperty(host), "user": resource.NewProperty("root")}
	var n int
	fmt.Sscan(port, &n)
	m["port"] = resource.NewProperty(float64(n))
	for k, v := range fields {
		if pv, ok := v.(resource.PropertyValue); ok {
			m[resource.PropertyKey(k)] = pv
		} else {
			m[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
		}
	}
	return resource.MakeSecret(resource.NewProperty(m))
}

func keyConn(s *sshd, key keyPair, fields ...any) resource.PropertyValue {
	m := map[string]any{"privateKey": secret(key.private)}
	for i := 0; i+1 < len(fields); i += 2 {
		m[fields[i].(string)] = fields[i+1]
	}
	return connTo(s.endpoint(), m)
}

// checked runs Check, failing the test on failures, and returns the checked inputs.
func checked(t *testing.T, p *commandProvider, urn string, inputs resource.PropertyMap) resource.PropertyMap {
	t.Helper()
	resp, err := p.Check(context.Background(), &pulumirpc.CheckRequest{Urn: urn, News: toStruct(t, inputs)})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetFailures()) > 0 {
		t.Fatalf("Check failures: %v", resp.GetFailures())
	}
	return fromStruct(t, resp.GetInputs())
}

func createAt(t *testing.T, p *commandProvider, urn string, inputs resource.PropertyMap) (resource.PropertyMap, error) {
	t.Helper()
	resp, err := p.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn, Properties: toStruct(t, checked(t, p, urn, inputs))})
	if err != nil {
		return nil, err
	}
	return fromStruct(t, resp.GetProperties()), nil
}

func updateAt(t *testing.T, p *commandProvider, urn string, olds, oldInputs, news resource.PropertyMap) (resource.PropertyMap, error) {
	t.Helper()
	resp, err := p.Update(context.Background(), &pulumirpc.UpdateRequest{
		Urn: urn, Olds: toStruct(t, olds), OldInputs: toStruct(t, checked(t, p, urn, oldInputs)), News: toStruct(t, checked(t, p, urn, news)),
	})
	if err != nil {
		return nil, err
	}
	return fromStruct(t, resp.GetProperties()), nil
}

func mustString(t *testing.T, m resource.PropertyMap, k string) string {
	t.Helper()
	v := plain(m[resource.PropertyKey(k)])
	if !v.IsString() {
		t.Fatalf("%s = %v, want a string", k, m[resource.PropertyKey(k)])
	}
	return v.StringValue()
}

// ---------------------------------------------------------------- Check

func TestRemoteCheck(t *testing.T) {
	p := &commandProvider{}
	key := newKeyPair(t, "")
	got := checked(t, p, remoteURN, resource.PropertyMap{
		"create": resource.NewProperty("hostname"),
		"connection": resource.NewProperty(resource.PropertyMap{
			"host": resource.NewProperty("10.0.0.1"), "password": resource.NewProperty("pw"),
			"proxy": resource.NewProperty(resource.PropertyMap{"host": resource.NewProperty("10.0.0.2"), "hostKey": resource.NewProperty(key.public)}),
		}),
	})
	// Upstream's defaults, the connection a secret and its password too (regress-248).
	c := got["connection"]
	if !c.IsSecret() {
		t.Fatalf("connection not secret: %v", c)
	}
	want := pm(map[string]any{"host": "10.0.0.1", "port": 22.0, "user": "root", "dialErrorLimit": 10.0, "perDialTimeout": 15.0, "password": "pw",
		"proxy": map[string]any{"host": "10.0.0.2", "hostKey": key.public, "port": 22.0, "user": "root", "dialErrorLimit": 10.0, "perDialTimeout": 15.0}})
	m := plain(c).ObjectValue()
	if !m["password"].IsSecret() {
		t.Errorf("password not secret inside the connection: %v", m)
	}
	m["password"] = plain(m["password"])
	if !resource.NewProperty(m).DeepEquals(resource.NewProperty(want)) {
		t.Errorf("connection = %v\nwant %v", m, want)
	}

	failures := func(urn string, inputs resource.PropertyMap) map[string]string {
		resp, err := p.Check(context.Background(), &pulumirpc.CheckRequest{Urn: urn, News: toStruct(t, inputs)})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, f := range resp.GetFailures() {
			out[f.GetProperty()] = f.GetReason()
		}
		return out
	}
	got2 := failures(remoteURN, pm(map[string]any{
		"create": "x", "dir": "/tmp", "logging": "loud",
		"connection": map[string]any{"port": "22", "dialErrorLimit": 1.5, "hostKey": "not a key", "bogus": 1,
			"proxy": map[string]any{"host": "h", "proxy": map[string]any{}}},
	}))
	wantFailures := map[string]string{
		"dir": "unknown property", "logging": `expected one of "stdout", "stderr", "stdoutAndStderr", "none"`,
		"connection.host": "missing required property", "connection.port": "expected a number",
		"connection.dialErrorLimit": "expected an integer", "connection.bogus": "unknown property",
		"connection.proxy.proxy": "unknown property",
	}
	if !strings.HasPrefix(got2["connection.hostKey"], "not a public key in authorized_keys format") {
		t.Errorf("hostKey failure = %q", got2["connection.hostKey"])
	}
	delete(got2, "connection.hostKey")
	if !reflect.DeepEqual(got2, wantFailures) {
		t.Errorf("failures = %v\nwant %v", got2, wantFailures)
	}
	if got := failures(remoteURN, pm(map[string]any{"create": "x"})); !reflect.DeepEqual(got, map[string]string{"connection": "missing required property"}) {
		t.Errorf("no connection: %v", got)
	}
	if got := failures(copyURN, resource.PropertyMap{
		"connection": resource.NewProperty(pm(map[string]any{"host": "h"})),
		"source":     resource.NewProperty(&asset.Asset{URI: "https://example.com/x"}),
	}); !reflect.DeepEqual(got, map[string]string{"remotePath": "missing required property", "source": "asset must be a path-based file asset or a text asset"}) {
		t.Errorf("copy failures: %v", got)
	}
	if got := failures(copyURN, resource.PropertyMap{
		"connection": resource.NewProperty(pm(map[string]any{"host": "h"})), "remotePath": resource.NewProperty("/x"),
		"source": resource.NewProperty(&archive.Archive{Assets: map[string]any{"a": &asset.Asset{Text: "x"}}}),
	}); !reflect.DeepEqual(got, map[string]string{"source": "archive must be a path to a file or directory"}) {
		t.Errorf("copy failures: %v", got)
	}
	if _, err := p.Check(context.Background(), &pulumirpc.CheckRequest{Urn: "urn:pulumi:dev::proj::command:remote:CopyFile::f"}); err == nil ||
		!strings.Contains(err.Error(), "command:remote:CopyFile") {
		t.Errorf("CopyFile: %v", err)
	}
}

// ---------------------------------------------------------------- key auth, TOFU, pinning

func TestRemoteKeyAuthRecordsHostKeyOnFirstUse(t *testing.T) {
	key := newKeyPair(t, "")
	s := startSSHD(t, []keyPair{key})
	p, eng := newProvider(t)
	dir := t.TempDir()
	inputs := resource.PropertyMap{
		"connection": keyConn(s, key),
		"create":     resource.NewProperty(fmt.Sprintf(`echo "created as $(id -un)"; echo warn >&2; touch %s/created`, dir)),
		"delete":     resource.NewProperty(fmt.Sprintf(`printf '%%s' "$PULUMI_COMMAND_STDOUT" > %s/deleted`, dir)),
	}
	st, err := createAt(t, p, remoteURN, inputs)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustString(t, st, "stdout"); got != "created as root" {
		t.Errorf("stdout = %q", got)
	}
	if got := mustString(t, st, "stderr"); got != "warn" {
		t.Errorf("stderr = %q", got)
	}
	// The connection is a secret; it alone does not make the outputs secret (upstream's regress-256).
	if !st["connection"].IsSecret() || st["stdout"].IsSecret() || st["stderr"].IsSecret() {
		t.Errorf("secretness: %v", st)
	}
	// Trust on first use: the host key is recorded in the state.
	if got := hostKeysOf(st); !reflect.DeepEqual(got, map[string]string{s.endpoint(): s.hostKey.public}) {
		t.Errorf("hostKeys = %v, want %s", got, s.hostKey.public)
	}
	if _, err := os.Stat(filepath.Join(dir, "created")); err != nil {
		t.Errorf("create did not run: %v", err)
	}
	if got := eng.messages(); !reflect.DeepEqual(got, []string{"created as root", "warn"}) {
		t.Errorf("logs = %q", got)
	}

	// Later runs check the recorded key: an update with it passes ...
	news := inputs.Copy()
	news["update"] = resource.NewProperty(`echo "updated after: $PULUMI_COMMAND_STDOUT"`)
	st2, err := updateAt(t, p, remoteURN, st, inputs, news)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustString(t, st2, "stdout"); got != "updated after: created as root" {
		t.Errorf("update stdout = %q", got)
	}
	if !reflect.DeepEqual(hostKeysOf(st2), hostKeysOf(st)) {
		t.Errorf("hostKeys after update = %v", hostKeysOf(st2))
	}
	// ... and a different key recorded (the host was replaced, or someone is in the middle) fails
	// update, delete and refresh, naming the host and both fingerprints.
	other := newKeyPair(t, "")
	forged := st2.Copy()
	forged["hostKeys"] = hostKeysValue(map[string]string{s.endpoint(): other.public})
	wantMsg := fmt.Sprintf("host key mismatch for %s: the server presented ssh-ed25519 %s, but the key recorded on first use is ssh-ed25519 %s",
		s.endpoint(), ssh.FingerprintSHA256(s.hostKey.signer.PublicKey()), ssh.FingerprintSHA256(other.signer.PublicKey()))
	if _, err := updateAt(t, p, remoteURN, forged, news, inputs); err == nil || !strings.Contains(err.Error(), wantMsg) {
		t.Errorf("update with another recorded key: %v\nwant %s", err, wantMsg)
	}
	if _, err := p.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: remoteURN, Properties: toStruct(t, forged)}); err == nil ||
		!strings.Contains(err.Error(), wantMsg) {
		t.Errorf("delete with another recorded key: %v", err)
	}
	if _, err := p.Read(context.Background(), &pulumirpc.ReadRequest{Urn: remoteURN, Id: "r", Properties: toStruct(t, forged)}); err == nil ||
		!strings.Contains(err.Error(), wantMsg) {
		t.Errorf("refresh with another recorded key: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "deleted")); err == nil {
		t.Error("delete ran despite the host key mismatch")
	}
	// Refresh with the right key keeps the state.
	if resp, err := p.Read(context.Background(), &pulumirpc.ReadRequest{Urn: remoteURN, Id: "r", Properties: toStruct(t, st2)}); err != nil ||
		!fromStruct(t, resp.GetProperties()).DeepEquals(st2) {
		t.Errorf("refresh: %v", err)
	}
	// Delete runs with the last outputs.
	if _, err := p.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: remoteURN, Properties: toStruct(t, st2)}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "deleted")); got != "updated after: created as root" {
		t.Errorf("delete saw %q", got)
	}
}

func TestRemotePinnedHostKey(t *testing.T) {
	key := newKeyPair(t, "")
	s := startSSHD(t, []keyPair{key})
	p, _ := newProvider(t)
	st, err := createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": keyConn(s, key, "hostKey", s.hostKey.public+" root@lab-node"), "create": resource.NewProperty("echo pinned"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if mustString(t, st, "stdout") != "pinned" || hostKeysOf(st)[s.endpoint()] != s.hostKey.public {
		t.Errorf("state = %v", st)
	}
	// A wrong pin is refused at once (never retried, even with retries left).
	other := newKeyPair(t, "")
	_, err = createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": keyConn(s, key, "hostKey", other.public, "dialErrorLimit", -1.0), "create": resource.NewProperty("echo never"),
	})
	want := fmt.Sprintf("host key mismatch for %s: the server presented ssh-ed25519 %s, but the pinned connection.hostKey is ssh-ed25519 %s",
		s.endpoint(), ssh.FingerprintSHA256(s.hostKey.signer.PublicKey()), ssh.FingerprintSHA256(other.signer.PublicKey()))
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("wrong pin: %v\nwant %s", err, want)
	}
	// A pin wins over the key recorded on first use (re-pinning after a reinstall).
	olds := st.Copy()
	olds["hostKeys"] = hostKeysValue(map[string]string{s.endpoint(): other.public})
	inputs := resource.PropertyMap{"connection": keyConn(s, key, "hostKey", s.hostKey.public), "create": resource.NewProperty("echo re-pinned")}
	st2, err := updateAt(t, p, remoteURN, olds, resource.PropertyMap{"connection": keyConn(s, key), "create": resource.NewProperty("x")}, inputs)
	if err != nil || mustString(t, st2, "stdout") != "re-pinned" || hostKeysOf(st2)[s.endpoint()] != s.hostKey.public {
		t.Errorf("re-pin: %v %v", st2, err)
	}
}

// ---------------------------------------------------------------- jump host

func TestRemoteThroughProxy(t *testing.T) {
	key := newKeyPair(t, "")
	jumpKey := newKeyPair(t, "")
	target := startSSHD(t, []keyPair{key})
	jump := startSSHD(t, []keyPair{jumpKey}, "LogLevel DEBUG1")
	p, _ := newProvider(t)
	proxy := plain(keyConn(jump, jumpKey))
	st, err := createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": keyConn(target, key, "proxy", proxy), "create": resource.NewProperty("echo via jump"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if mustString(t, st, "stdout") != "via jump" {
		t.Errorf("stdout = %v", st["stdout"])
	}
	// Both host keys are recorded; the jump host forwarded the connection to the target.
	if got := hostKeysOf(st); !reflect.DeepEqual(got, map[string]string{target.endpoint(): target.hostKey.public, jump.endpoint(): jump.hostKey.public}) {
		t.Errorf("hostKeys = %v", got)
	}
	if !regexp.MustCompile(fmt.Sprintf(`server_request_direct_tcpip: .*target 127\.0\.0\.1 port %d\r?\n`, target.port)).MatchString(jump.log.String()) {
		t.Errorf("the jump host did not forward to port %d:\n%s", target.port, jump.log.String())
	}
	// The jump host's key is checked as well.
	forged := st.Copy()
	other := newKeyPair(t, "")
	forged["hostKeys"] = hostKeysValue(map[string]string{target.endpoint(): target.hostKey.public, jump.endpoint(): other.public})
	forged["delete"] = resource.NewProperty("echo never")
	if _, err := p.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: remoteURN, Properties: toStruct(t, forged)}); err == nil ||
		!strings.Contains(err.Error(), "proxy: host key mismatch for "+jump.endpoint()) {
		t.Errorf("forged jump host key: %v", err)
	}
	// Without forwarding on the jump host, nothing reaches the target.
	closed := startSSHD(t, []keyPair{jumpKey}, "AllowTcpForwarding no")
	_, err = createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": keyConn(target, key, "dialErrorLimit", 0.0, "proxy", plain(keyConn(closed, jumpKey))), "create": resource.NewProperty("echo never"),
	})
	if err == nil || !strings.Contains(err.Error(), "through the jump host "+closed.endpoint()) || !strings.Contains(err.Error(), "administratively prohibited") {
		t.Errorf("jump host without forwarding: %v", err)
	}
}

// ---------------------------------------------------------------- retries

func TestRemoteDialRetriesAgainstClosedPort(t *testing.T) {
	p, eng := newProvider(t)
	key := newKeyPair(t, "")
	port := freePort(t) // closed once freePort returns
	_, err := createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": connTo(fmt.Sprintf("127.0.0.1:%d", port), map[string]any{"privateKey": secret(key.private), "dialErrorLimit": 2.0, "perDialTimeout": 1.0}),
		"create":     resource.NewProperty("echo never"),
	})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("dialing root@127.0.0.1:%d: 3 failed attempts, the last:", port)) ||
		!strings.Contains(err.Error(), "connection refused") {
		t.Errorf("closed port: %v", err)
	}
	want := []string{
		fmt.Sprintf("dialing 127.0.0.1:%d: attempt 1/3 failed: retrying", port),
		fmt.Sprintf("dialing 127.0.0.1:%d: attempt 2/3 failed: retrying", port),
	}
	if got := eng.messages(); !reflect.DeepEqual(got, want) {
		t.Errorf("status = %q\nwant %q", got, want)
	}
	// A server that accepts but never answers: each handshake ends at perDialTimeout.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { silent.Close() })
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	_, err = createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": connTo(silent.Addr().String(), map[string]any{"privateKey": secret(key.private), "dialErrorLimit": 1.0, "perDialTimeout": 1.0}),
		"create":     resource.NewProperty("echo never"),
	})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("2 failed attempts, the last: ssh handshake with %s: no answer within perDialTimeout (1 s)", silent.Addr())) {
		t.Errorf("silent server: %v", err)
	}
	// A refresh of a resource whose host is down keeps the state, with a warning naming the host.
	down := resource.PropertyMap{
		"connection": connTo(fmt.Sprintf("127.0.0.1:%d", port), map[string]any{"privateKey": secret(key.private)}),
		"create":     resource.NewProperty("x"), "stdout": resource.NewProperty(""), "stderr": resource.NewProperty(""),
		"hostKeys": hostKeysValue(map[string]string{fmt.Sprintf("127.0.0.1:%d", port): key.public}),
	}
	if resp, err := p.Read(context.Background(), &pulumirpc.ReadRequest{Urn: remoteURN, Id: "r", Properties: toStruct(t, down)}); err != nil ||
		!fromStruct(t, resp.GetProperties()).DeepEquals(fromStruct(t, toStruct(t, down))) {
		t.Errorf("refresh of a host that is down: %v", err)
	}
	if msgs := eng.messages(); !strings.HasPrefix(msgs[len(msgs)-1], fmt.Sprintf("host keys not verified on refresh: dialing root@127.0.0.1:%d: 1 failed attempts", port)) {
		t.Errorf("refresh warning = %q", msgs[len(msgs)-1])
	}
	// With a limit of 0, one dial only.
	_, err = createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": connTo(fmt.Sprintf("127.0.0.1:%d", port), map[string]any{"privateKey": secret(key.private), "dialErrorLimit": 0.0}),
		"create":     resource.NewProperty("echo never"),
	})
	if err == nil || !strings.Contains(err.Error(), "1 failed attempts") {
		t.Errorf("dialErrorLimit 0: %v", err)
	}
}

// ---------------------------------------------------------------- stdin, environment, logging

func TestRemoteStdinEnvironmentLogging(t *testing.T) {
	key := newKeyPair(t, "")
	s := startSSHD(t, []keyPair{key})
	p, eng := newProvider(t)
	st, err := createAt(t, p, remoteURN, resource.PropertyMap{
		"connection":  keyConn(s, key),
		"create":      resource.NewProperty(`cat; echo; echo "$GF_A|$GF_B"; echo e >&2`),
		"stdin":       resource.NewProperty("from stdin"),
		"environment": resource.NewProperty(pm(map[string]any{"GF_A": "1", "GF_B": "two words"})),
		"logging":     resource.NewProperty("stderr"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := mustString(t, st, "stdout"); got != "from stdin\n1|two words" {
		t.Errorf("stdout = %q", got)
	}
	if got := eng.messages(); !reflect.DeepEqual(got, []string{"e"}) {
		t.Errorf("logs = %q, want stderr only", got)
	}
	// A variable the server does not accept fails, naming it.
	_, err = createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": keyConn(s, key), "create": resource.NewProperty("true"),
		"environment": resource.NewProperty(pm(map[string]any{"NOT_ACCEPTED": "x"})),
	})
	if err == nil || !strings.Contains(err.Error(), `could not set environment variable "NOT_ACCEPTED"`) {
		t.Errorf("refused variable: %v", err)
	}
	// A failing command is an error with its output.
	_, err = createAt(t, p, remoteURN, resource.PropertyMap{"connection": keyConn(s, key), "create": resource.NewProperty("echo out; echo oops >&2; exit 3")})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf(`running "echo out; echo oops >&2; exit 3" on root@%s: Process exited with status 3`, s.endpoint())) ||
		!strings.Contains(err.Error(), "stdout: out\nstderr: oops") {
		t.Errorf("failing command: %v", err)
	}
	// addPreviousOutputInEnv false: the update sees no previous output.
	inputs := resource.PropertyMap{"connection": keyConn(s, key), "create": resource.NewProperty("echo first"), "addPreviousOutputInEnv": resource.NewProperty(false)}
	st, err = createAt(t, p, remoteURN, inputs)
	if err != nil {
		t.Fatal(err)
	}
	news := inputs.Copy()
	news["update"] = resource.NewProperty(`echo "${PULUMI_COMMAND_STDOUT-unset}"`)
	if st2, err := updateAt(t, p, remoteURN, st, inputs, news); err != nil || mustString(t, st2, "stdout") != "unset" {
		t.Errorf("addPreviousOutputInEnv false: %v %v", st2, err)
	}
}

// ---------------------------------------------------------------- Diff

func TestRemoteDiff(t *testing.T) {
	p := &commandProvider{}
	base := resource.PropertyMap{"connection": connTo("10.0.0.1:22", nil), "create": resource.NewProperty("x"), "triggers": resource.NewProperty([]resource.PropertyValue{resource.NewProperty("a")})}
	diff := func(urn string, olds, news resource.PropertyMap) *pulumirpc.DiffResponse {
		resp, err := p.Diff(context.Background(), &pulumirpc.DiffRequest{Urn: urn, Olds: toStruct(t, olds), OldInputs: toStruct(t, olds), News: toStruct(t, news)})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if r := diff(remoteURN, base, base.Copy()); r.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("no change: %v", r)
	}
	news := base.Copy()
	news["connection"] = connTo("10.0.0.2:22", nil)
	news["triggers"] = resource.NewProperty([]resource.PropertyValue{resource.NewProperty("b")})
	r := diff(remoteURN, base, news)
	if !reflect.DeepEqual(r.GetReplaces(), []string{"triggers"}) || r.GetDetailedDiff()["connection"].GetKind() != pulumirpc.PropertyDiff_UPDATE {
		t.Errorf("diff = %v", r)
	}
	src := resource.NewProperty(&asset.Asset{Text: "a", Hash: "h1"})
	copyBase := resource.PropertyMap{"connection": connTo("10.0.0.1:22", nil), "source": src, "remotePath": resource.NewProperty("/x")}
	copyNews := copyBase.Copy()
	copyNews["source"] = resource.NewProperty(&asset.Asset{Text: "b", Hash: "h2"})
	if r := diff(copyURN, copyBase, copyNews); r.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || len(r.GetReplaces()) != 0 ||
		r.GetDetailedDiff()["source"].GetKind() != pulumirpc.PropertyDiff_UPDATE {
		t.Errorf("copy diff = %v", r)
	}
}

// ---------------------------------------------------------------- CopyToRemote

func TestCopyToRemote(t *testing.T) {
	key := newKeyPair(t, "")
	s := startSSHD(t, []keyPair{key})
	p, _ := newProvider(t)
	local, remote := t.TempDir(), t.TempDir()
	write := func(rel, content string) string {
		path := filepath.Join(local, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	file := write("kubelet.conf", "kubelet v1")
	write("bundle/etc/hosts", "10.0.0.1 node\n")
	write("bundle/etc/deep/x.yaml", "x: 1\n")
	copyOf := func(source resource.PropertyValue, dest string) resource.PropertyMap {
		return resource.PropertyMap{"connection": keyConn(s, key), "source": source, "remotePath": resource.NewProperty(dest)}
	}
	// A file into a directory that does not exist yet (parents are created).
	dest := filepath.Join(remote, "new/dir/kubelet.conf")
	// Checked now, as the engine does: the asset's hash is of its contents at this point.
	inputs := checked(t, p, copyURN, copyOf(resource.NewProperty(&asset.Asset{Path: file}), dest))
	resp, err := p.Create(context.Background(), &pulumirpc.CreateRequest{Urn: copyURN, Properties: toStruct(t, inputs)})
	if err != nil {
		t.Fatal(err)
	}
	st := fromStruct(t, resp.GetProperties())
	if !regexp.MustCompile(`^[0-9a-f]{8}$`).MatchString(resp.GetId()) || readFile(t, dest) != "kubelet v1" || hostKeysOf(st)[s.endpoint()] != s.hostKey.public {
		t.Errorf("file copy: id %q, state %v", resp.GetId(), st)
	}
	// Same source and path: no copy (the remote file is not restored).
	if err := os.Remove(dest); err != nil {
		t.Fatal(err)
	}
	if _, err := updateAt(t, p, copyURN, st, inputs, inputs.Copy()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("unchanged source copied again: %v", err)
	}
	// New contents: copied again, overwriting.
	write("kubelet.conf", "kubelet v2")
	news := copyOf(resource.NewProperty(&asset.Asset{Path: file}), dest)
	if _, err := updateAt(t, p, copyURN, st, inputs, news); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, dest); got != "kubelet v2" {
		t.Errorf("after update: %q", got)
	}
	// A file into an existing directory lands inside it.
	if _, err := createAt(t, p, copyURN, copyOf(resource.NewProperty(&asset.Asset{Path: file}), remote)); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(remote, "kubelet.conf")); got != "kubelet v2" {
		t.Errorf("into a directory: %q", got)
	}
	// A text asset.
	if _, err := createAt(t, p, copyURN, copyOf(resource.NewProperty(&asset.Asset{Text: "chrony server 10.0.0.1"}), filepath.Join(remote, "t/chrony.conf"))); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(remote, "t/chrony.conf")); got != "chrony server 10.0.0.1" {
		t.Errorf("text: %q", got)
	}
	// A directory archive: "bundle" lands as dest/bundle, "bundle/" spreads its contents into dest.
	for _, tc := range []struct{ src, dest, want string }{
		{filepath.Join(local, "bundle"), filepath.Join(remote, "a"), filepath.Join(remote, "a/bundle/etc/deep/x.yaml")},
		{filepath.Join(local, "bundle") + "/", filepath.Join(remote, "b"), filepath.Join(remote, "b/etc/deep/x.yaml")},
	} {
		if _, err := createAt(t, p, copyURN, copyOf(resource.NewProperty(&archive.Archive{Path: tc.src}), tc.dest)); err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, tc.want); got != "x: 1\n" {
			t.Errorf("%s → %s: %q", tc.src, tc.want, got)
		}
	}
	// A directory onto a file fails, naming it.
	_, err = createAt(t, p, copyURN, copyOf(resource.NewProperty(&archive.Archive{Path: filepath.Join(local, "bundle")}), filepath.Join(remote, "kubelet.conf")))
	if err == nil || !strings.Contains(err.Error(), "exists but is not a directory") || !strings.Contains(err.Error(), s.endpoint()) {
		t.Errorf("directory onto a file: %v", err)
	}
	// Delete leaves the files, as upstream.
	if _, err := p.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: copyURN, Properties: toStruct(t, st)}); err != nil {
		t.Fatal(err)
	}
	// A forged recorded key stops the copy.
	forged := st.Copy()
	forged["hostKeys"] = hostKeysValue(map[string]string{s.endpoint(): newKeyPair(t, "").public})
	write("kubelet.conf", "kubelet v3")
	if _, err := updateAt(t, p, copyURN, forged, inputs, copyOf(resource.NewProperty(&asset.Asset{Path: file}), dest)); err == nil ||
		!strings.Contains(err.Error(), "host key mismatch for "+s.endpoint()) {
		t.Errorf("copy with a forged key: %v", err)
	}
}

// ---------------------------------------------------------------- auth methods and secrets

func TestRemotePasswordAuth(t *testing.T) {
	const password = "pw-Zq81-never-shown"
	for _, ki := range []bool{false, true} {
		t.Run(fmt.Sprintf("keyboard-interactive=%v", ki), func(t *testing.T) {
			srv := startPasswordServer(t, password, ki)
			p, eng := newProvider(t)
			st, err := createAt(t, p, remoteURN, resource.PropertyMap{
				"connection": connTo(srv.endpoint, map[string]any{"password": secret(password)}), "create": resource.NewProperty("echo in"),
			})
			if err != nil || mustString(t, st, "stdout") != "in" {
				t.Fatalf("password auth: %v %v", st, err)
			}
			_, err = createAt(t, p, remoteURN, resource.PropertyMap{
				"connection": connTo(srv.endpoint, map[string]any{"password": resource.NewProperty("wrong-" + password), "dialErrorLimit": 0.0}),
				"create":     resource.NewProperty("echo never"),
			})
			if err == nil || !strings.Contains(err.Error(), "unable to authenticate") || strings.Contains(err.Error(), password) {
				t.Errorf("wrong password: %v", err)
			}
			assertNoSecret(t, eng, password)
		})
	}
}

func TestRemoteEncryptedKeyAndAgent(t *testing.T) {
	const passphrase = "pass-Kx93-never-shown"
	key := newKeyPair(t, passphrase)
	agentKey := newKeyPair(t, "")
	s := startSSHD(t, []keyPair{key, agentKey})
	p, eng := newProvider(t)
	st, err := createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": keyConn(s, key, "privateKeyPassword", secret(passphrase)), "create": resource.NewProperty("echo encrypted"),
	})
	if err != nil || mustString(t, st, "stdout") != "encrypted" {
		t.Fatalf("encrypted key: %v %v", st, err)
	}
	_, err = createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": keyConn(s, key, "privateKeyPassword", secret("wrong")), "create": resource.NewProperty("echo never"),
	})
	if err == nil || !strings.Contains(err.Error(), "connection.privateKey") || strings.Contains(err.Error(), "PRIVATE KEY") {
		t.Errorf("wrong passphrase: %v", err)
	}
	// An SSH agent on a socket.
	sock := filepath.Join(t.TempDir(), "agent.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	keyring := agent.NewKeyring()
	if err := keyring.Add(agent.AddedKey{PrivateKey: agentKey.raw}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { _ = agent.ServeAgent(keyring, c); c.Close() }()
		}
	}()
	st, err = createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": connTo(s.endpoint(), map[string]any{"agentSocketPath": sock}), "create": resource.NewProperty("echo agent"),
	})
	if err != nil || mustString(t, st, "stdout") != "agent" {
		t.Errorf("agent: %v %v", st, err)
	}
	assertNoSecret(t, eng, passphrase)
}

// assertNoSecret checks that no log line holds the secret.
func assertNoSecret(t *testing.T, eng *fakeEngine, secretValue string) {
	t.Helper()
	for _, m := range eng.messages() {
		if strings.Contains(m, secretValue) {
			t.Errorf("log leaks a secret: %q", m)
		}
	}
}

// Secrets never reach logs, errors or the state in plaintext.
func TestRemoteSecretsScrubbed(t *testing.T) {
	key := newKeyPair(t, "")
	s := startSSHD(t, []keyPair{key})
	p, eng := newProvider(t)
	const token = "tok-Vv27-never-shown"
	// A secret environment value echoed by a failing command.
	_, err := createAt(t, p, remoteURN, resource.PropertyMap{
		"connection":  keyConn(s, key),
		"create":      resource.NewProperty(`echo "token is $GF_TOKEN"; echo "$GF_TOKEN" >&2; exit 1`),
		"environment": resource.NewProperty(resource.PropertyMap{"GF_TOKEN": secret(token)}),
	})
	if err == nil || strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "stdout and stderr withheld") {
		t.Errorf("error = %v", err)
	}
	// A secret command is not quoted in errors.
	_, err = createAt(t, p, remoteURN, resource.PropertyMap{"connection": keyConn(s, key), "create": secret("echo " + token + "; exit 2")})
	if err == nil || strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "the create command (a secret)") ||
		!strings.Contains(err.Error(), "stdout and stderr withheld: they are secrets") {
		t.Errorf("secret command error = %v", err)
	}
	// A command echoing the private key: the key is scrubbed from logs and errors.
	keyLine := strings.Split(key.private, "\n")[1]
	st, err := createAt(t, p, remoteURN, resource.PropertyMap{
		"connection": keyConn(s, key), "create": resource.NewProperty("echo '" + keyLine + "'"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := mustString(t, st, "stdout"); got != "[secret]" {
		t.Errorf("stdout = %q, want the key line scrubbed", got)
	}
	assertNoSecret(t, eng, token)
	assertNoSecret(t, eng, keyLine)
	// The state holds the connection (with its private key) only as a secret: marshalled for the
	// engine, it is an encrypted-on-save secret value, never a plain string.
	raw, err := json.Marshal(toStruct(t, st).AsMap())
	if err != nil {
		t.Fatal(err)
	}
	var decoded map[string]any
	_ = json.Unmarshal(raw, &decoded)
	conn, _ := decoded["connection"].(map[string]any)
	if conn[resource.SigKey] != resource.SecretSig {
		t.Errorf("connection in state is not a secret: %v", decoded["connection"])
	}
	for k, v := range decoded {
		if k == "connection" {
			continue
		}
		if b, _ := json.Marshal(v); strings.Contains(string(b), "PRIVATE KEY") {
			t.Errorf("state %s holds key material: %s", k, b)
		}
	}
}

// A server refusing env requests: the previous output is a warning (the command runs), an
// environment variable an error, as upstream.
func TestRemoteRefusedPreviousOutputIsAWarning(t *testing.T) {
	srv := startPasswordServer(t, "pw", false)
	p, eng := newProvider(t)
	inputs := resource.PropertyMap{"connection": connTo(srv.endpoint, map[string]any{"password": secret("pw")}), "create": resource.NewProperty("echo first")}
	st, err := createAt(t, p, remoteURN, inputs)
	if err != nil {
		t.Fatal(err)
	}
	news := inputs.Copy()
	news["update"] = resource.NewProperty(`echo "${PULUMI_COMMAND_STDOUT-unset}"`)
	st2, err := updateAt(t, p, remoteURN, st, inputs, news)
	if err != nil || mustString(t, st2, "stdout") != "unset" {
		t.Fatalf("update: %v %v", st2, err)
	}
	var warnings []string
	for _, l := range eng.logs {
		if l.GetSeverity() == pulumirpc.LogSeverity_WARNING {
			warnings = append(warnings, l.GetMessage())
		}
	}
	want := fmt.Sprintf("could not set PULUMI_COMMAND_STDOUT on %s (the SSH server must accept it with AcceptEnv); the command runs without it", srv.endpoint)
	if !reflect.DeepEqual(warnings, []string{want}) {
		t.Errorf("warnings = %q", warnings)
	}
	news["environment"] = resource.NewProperty(pm(map[string]any{"GF_X": "1"}))
	if _, err := updateAt(t, p, remoteURN, st, inputs, news); err == nil || !strings.Contains(err.Error(), `could not set environment variable "GF_X"`) {
		t.Errorf("refused environment: %v", err)
	}
}

// Preview connects to nothing; stdout and stderr are unknown, not secret (upstream's regress-256).
func TestRemotePreviewRunsNothing(t *testing.T) {
	p := &commandProvider{}
	for _, urn := range []string{remoteURN, copyURN} {
		inputs := resource.PropertyMap{"connection": connTo("127.0.0.1:1", nil), "create": resource.NewProperty("x"),
			"source": resource.NewProperty(&asset.Asset{Text: "t"}), "remotePath": resource.NewProperty("/x")}
		if urn == remoteURN {
			delete(inputs, "source")
			delete(inputs, "remotePath")
		} else {
			delete(inputs, "create")
		}
		resp, err := p.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn, Preview: true, Properties: toStruct(t, checked(t, p, urn, inputs))})
		if err != nil {
			t.Fatalf("%s: %v", urn, err)
		}
		st := fromStruct(t, resp.GetProperties())
		if !st["connection"].IsSecret() || !st["hostKeys"].IsComputed() {
			t.Errorf("%s preview = %v", urn, st)
		}
		if urn == remoteURN && (!st["stdout"].IsComputed() || !st["stderr"].IsComputed() || st["stdout"].ContainsSecrets()) {
			t.Errorf("%s preview outputs = %v", urn, st)
		}
	}
}
