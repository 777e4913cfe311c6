package main

// The SSH connection of command:remote:Command and command:remote:CopyToRemote
// (v1.2.1's command:remote:Connection and command:remote:ProxyConnection), how
// it is checked, defaulted, dialled and how the host key is verified.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// connectionFields are the properties of command:remote:ProxyConnection;
// command:remote:Connection has the same plus proxy.
var connectionFields = map[string]string{
	"host": "string", "port": "number", "user": "string", "password": "string",
	"privateKey": "string", "privateKeyPassword": "string", "agentSocketPath": "string",
	"dialErrorLimit": "integer", "perDialTimeout": "integer", "hostKey": "string",
}

// connectionDefaults are v1.2.1's defaults (connectionArgsProvideDefaults in the SDK).
var connectionDefaults = map[string]resource.PropertyValue{
	"port": resource.NewProperty(22.0), "user": resource.NewProperty("root"),
	"dialErrorLimit": resource.NewProperty(10.0), "perDialTimeout": resource.NewProperty(15.0),
}

// connectionSecrets are the fields that are secrets whatever the program says.
var connectionSecrets = []string{"password", "privateKey", "privateKeyPassword"}

// checkConnection validates a connection (or, with proxy false, a proxy connection) and returns it
// with v1.2.1's defaults filled in and the whole connection marked secret, as upstream does.
func checkConnection(v resource.PropertyValue, path string, proxy bool) (resource.PropertyValue, []*pulumirpc.CheckFailure) {
	var failures []*pulumirpc.CheckFailure
	fail := func(k, reason string) {
		failures = append(failures, &pulumirpc.CheckFailure{Property: path + k, Reason: reason})
	}
	w := plain(v)
	if w.IsComputed() || w.IsNull() {
		return v, nil
	}
	if !w.IsObject() {
		return v, []*pulumirpc.CheckFailure{{Property: strings.TrimSuffix(path, "."), Reason: "expected an object"}}
	}
	out := resource.PropertyMap{}
	for k, x := range w.ObjectValue() {
		out[k] = x
		kind, known := connectionFields[string(k)]
		if string(k) == "proxy" && proxy {
			p, more := checkConnection(x, path+"proxy.", false)
			out[k], failures = plain(p), append(failures, more...)
			continue
		}
		if !known {
			fail(string(k), "unknown property")
			continue
		}
		y := plain(x)
		if y.IsNull() || y.ContainsUnknowns() {
			continue
		}
		switch {
		case kind == "string" && !y.IsString():
			fail(string(k), "expected a string")
		case kind != "string" && !y.IsNumber():
			fail(string(k), "expected a number")
		case kind == "integer" && y.NumberValue() != float64(int(y.NumberValue())):
			fail(string(k), "expected an integer")
		case string(k) == "hostKey":
			if _, err := parseHostKey(y.StringValue()); err != nil {
				fail(string(k), err.Error())
			}
		}
		if contains(connectionSecrets, string(k)) && !x.IsSecret() {
			out[k] = resource.MakeSecret(x)
		}
	}
	if h := plain(out["host"]); h.IsNull() {
		fail("host", "missing required property")
	}
	for k, d := range connectionDefaults {
		if x, ok := out[resource.PropertyKey(k)]; !ok || x.IsNull() {
			out[resource.PropertyKey(k)] = d
		}
	}
	return resource.MakeSecret(resource.NewProperty(out)), failures
}

// parseHostKey reads a pinned host key: one public key in authorized_keys (or .pub file) format,
// e.g. the contents of /etc/ssh/ssh_host_ed25519_key.pub, as upstream's hostKey.
func parseHostKey(s string) (ssh.PublicKey, error) {
	key, _, _, _, err := ssh.ParseAuthorizedKey([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("not a public key in authorized_keys format (e.g. the contents of /etc/ssh/ssh_host_ed25519_key.pub): %v", err)
	}
	return key, nil
}

// connection is a parsed connection; proxy is the jump host, if any.
type connection struct {
	host, user                               string
	port                                     int
	password, privateKey, privateKeyPassword string
	agentSocketPath, hostKey                 string
	dialErrorLimit, perDialTimeout           int
	proxy                                    *connection
}

func connectionOf(v resource.PropertyValue) connection {
	m := resource.PropertyMap{}
	if w := plain(v); w.IsObject() {
		m = w.ObjectValue()
	}
	num := func(k string, def int) int {
		if x := plain(m[resource.PropertyKey(k)]); x.IsNumber() {
			return int(x.NumberValue())
		}
		return def
	}
	c := connection{
		host: str(m, "host"), user: str(m, "user"), port: num("port", 22),
		password: str(m, "password"), privateKey: str(m, "privateKey"), privateKeyPassword: str(m, "privateKeyPassword"),
		agentSocketPath: str(m, "agentSocketPath"), hostKey: str(m, "hostKey"),
		dialErrorLimit: num("dialErrorLimit", 10), perDialTimeout: num("perDialTimeout", 15),
	}
	if c.user == "" {
		c.user = "root"
	}
	if p := plain(m["proxy"]); p.IsObject() {
		proxy := connectionOf(p)
		c.proxy = &proxy
	}
	return c
}

func (c connection) endpoint() string { return net.JoinHostPort(c.host, strconv.Itoa(c.port)) }

// secrets are the connection's secret values (also the proxy's), for scrubbing.
func (c connection) secrets() []string {
	out := []string{c.password, c.privateKey, c.privateKeyPassword}
	if c.proxy != nil {
		out = append(out, c.proxy.secrets()...)
	}
	return out
}

// hostKeyError is a host key that is not the pinned or recorded one. It is never retried.
type hostKeyError struct {
	endpoint, got, want, source string
}

func (e *hostKeyError) Error() string {
	return fmt.Sprintf("host key mismatch for %s: the server presented %s, but %s is %s; "+
		"if the host was reinstalled, pin its new key in connection.hostKey", e.endpoint, e.got, e.source, e.want)
}

func describeKey(k ssh.PublicKey) string { return k.Type() + " " + ssh.FingerprintSHA256(k) }

// hostKeyCheck verifies one endpoint's host key: against the pinned key, else against the key
// recorded in the resource's state on first use, else it trusts and records the key presented.
type hostKeyCheck struct {
	endpoint string
	want     ssh.PublicKey
	source   string
	seen     ssh.PublicKey
}

func newHostKeyCheck(c connection, known map[string]string) (*hostKeyCheck, error) {
	h := &hostKeyCheck{endpoint: c.endpoint()}
	if c.hostKey != "" {
		key, err := parseHostKey(c.hostKey)
		if err != nil {
			return nil, fmt.Errorf("%s: connection.hostKey is %w", h.endpoint, err)
		}
		h.want, h.source = key, "the pinned connection.hostKey"
	} else if rec, ok := known[h.endpoint]; ok {
		key, err := parseHostKey(rec)
		if err != nil {
			return nil, fmt.Errorf("%s: the host key recorded in state is %w", h.endpoint, err)
		}
		h.want, h.source = key, "the key recorded on first use"
	}
	return h, nil
}

func (h *hostKeyCheck) callback(_ string, _ net.Addr, key ssh.PublicKey) error {
	if h.want != nil && !bytes.Equal(h.want.Marshal(), key.Marshal()) {
		return &hostKeyError{endpoint: h.endpoint, got: describeKey(key), want: describeKey(h.want), source: h.source}
	}
	h.seen = key
	return nil
}

// algorithms makes the server present the key of the expected type (a server has one key per type).
func (h *hostKeyCheck) algorithms() []string {
	if h.want == nil {
		return nil
	}
	if h.want.Type() == ssh.KeyAlgoRSA {
		return []string{ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA}
	}
	return []string{h.want.Type()}
}

// config is the client configuration: private key, then password (and keyboard-interactive with
// the password), then the SSH agent, as upstream.
func (c connection) config(h *hostKeyCheck) (*ssh.ClientConfig, error) {
	cfg := &ssh.ClientConfig{User: c.user, HostKeyCallback: h.callback, HostKeyAlgorithms: h.algorithms(),
		Timeout: time.Duration(c.perDialTimeout) * time.Second}
	if c.privateKey != "" {
		var signer ssh.Signer
		var err error
		if c.privateKeyPassword != "" {
			signer, err = ssh.ParsePrivateKeyWithPassphrase([]byte(c.privateKey), []byte(c.privateKeyPassword))
		} else {
			signer, err = ssh.ParsePrivateKey([]byte(c.privateKey))
		}
		if err != nil {
			// The parser's errors name no key material.
			return nil, fmt.Errorf("%s: connection.privateKey: %v", c.endpoint(), err)
		}
		cfg.Auth = append(cfg.Auth, ssh.PublicKeys(signer))
	}
	if c.password != "" {
		password := c.password
		cfg.Auth = append(cfg.Auth, ssh.Password(password), ssh.KeyboardInteractive(
			func(_, _ string, questions []string, _ []bool) ([]string, error) {
				answers := make([]string, len(questions))
				for i := range answers {
					answers[i] = password
				}
				return answers, nil
			}))
	}
	sock, explicit := c.agentSocketPath, c.agentSocketPath != ""
	if !explicit {
		sock = os.Getenv("SSH_AUTH_SOCK")
	}
	if sock != "" {
		conn, err := net.Dial("unix", sock)
		switch {
		case err == nil:
			cfg.Auth = append(cfg.Auth, ssh.PublicKeysCallback(agent.NewClient(conn).Signers))
		case explicit:
			return nil, fmt.Errorf("%s: connection.agentSocketPath: %v", c.endpoint(), err)
		}
	}
	return cfg, nil
}

// dialer opens the transport to an endpoint: TCP, or a channel through the jump host.
type dialer func(ctx context.Context, endpoint string) (net.Conn, error)

// handshake runs the SSH handshake over conn, bounded by perDialTimeout (0: no bound).
func (c connection) handshake(conn net.Conn, cfg *ssh.ClientConfig) (*ssh.Client, error) {
	var timer *time.Timer
	if c.perDialTimeout > 0 {
		timer = time.AfterFunc(time.Duration(c.perDialTimeout)*time.Second, func() { _ = conn.Close() })
	}
	sc, chans, reqs, err := ssh.NewClientConn(conn, c.endpoint(), cfg)
	if timer != nil && !timer.Stop() {
		// The timer fired: the connection is closed, whatever the handshake said.
		if err == nil {
			_ = sc.Close()
		}
		return nil, fmt.Errorf("ssh handshake with %s: no answer within perDialTimeout (%d s)", c.endpoint(), c.perDialTimeout)
	}
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	return ssh.NewClient(sc, chans, reqs), nil
}

// dialOnce dials and authenticates once.
func (c connection) dialOnce(ctx context.Context, dial dialer, cfg *ssh.ClientConfig) (*ssh.Client, error) {
	dctx := ctx
	if c.perDialTimeout > 0 {
		var cancel context.CancelFunc
		dctx, cancel = context.WithTimeout(ctx, time.Duration(c.perDialTimeout)*time.Second)
		defer cancel()
	}
	conn, err := dial(dctx, c.endpoint())
	if err != nil {
		return nil, err
	}
	return c.handshake(conn, cfg)
}

// retryDelays are upstream's (pulumi's retry.Until defaults): 100ms, growing 1.5 times, at most 5s.
var retryDelays = struct{ first, max time.Duration }{100 * time.Millisecond, 5 * time.Second}

// dialWithRetry dials until it succeeds or dialErrorLimit dials failed (-1: no limit), waiting
// with backoff between attempts. A host key mismatch is never retried.
func (c connection) dialWithRetry(ctx context.Context, dial dialer, cfg *ssh.ClientConfig, status func(string)) (*ssh.Client, error) {
	delay := retryDelays.first
	for failures := 1; ; failures++ {
		client, err := c.dialOnce(ctx, dial, cfg)
		if err == nil {
			return client, nil
		}
		var hk *hostKeyError
		if errors.As(err, &hk) {
			return nil, hk
		}
		if c.dialErrorLimit >= 0 && failures > c.dialErrorLimit {
			return nil, fmt.Errorf("dialing %s@%s: %d failed attempts, the last: %w", c.user, c.endpoint(), failures, err)
		}
		limit := "unlimited"
		if c.dialErrorLimit >= 0 {
			limit = strconv.Itoa(c.dialErrorLimit + 1)
		}
		status(fmt.Sprintf("dialing %s: attempt %d/%s failed: retrying", c.endpoint(), failures, limit))
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("dialing %s: %w (after: %v)", c.endpoint(), ctx.Err(), err)
		case <-time.After(delay):
		}
		delay = min(time.Duration(float64(delay)*1.5), retryDelays.max)
	}
}

// session is an authenticated client, the host keys it verified and what it must close.
type session struct {
	client  *ssh.Client
	closers []func() error
	// hostKeys are the endpoints' host keys (authorized_keys format) as verified or first seen.
	hostKeys map[string]string
}

func (s *session) Close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		_ = s.closers[i]()
	}
}

func tcpDial(ctx context.Context, endpoint string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "tcp", endpoint)
}

// dial connects to the host, through the jump host if there is one, checking each host key
// against known (endpoint → key, the hostKeys recorded in state).
func (c connection) dial(ctx context.Context, known map[string]string, status func(string)) (*session, error) {
	s := &session{hostKeys: map[string]string{}}
	dial := dialer(tcpDial)
	if c.proxy != nil {
		proxyCheck, err := newHostKeyCheck(*c.proxy, known)
		if err != nil {
			return nil, fmt.Errorf("proxy: %w", err)
		}
		cfg, err := c.proxy.config(proxyCheck)
		if err != nil {
			return nil, fmt.Errorf("proxy: %w", err)
		}
		proxy, err := c.proxy.dialWithRetry(ctx, tcpDial, cfg, status)
		if err != nil {
			return nil, fmt.Errorf("proxy: %w", err)
		}
		s.closers = append(s.closers, proxy.Close)
		s.hostKeys[proxyCheck.endpoint] = authorizedKey(proxyCheck.seen)
		dial = func(ctx context.Context, endpoint string) (net.Conn, error) {
			return proxy.DialContext(ctx, "tcp", endpoint)
		}
	}
	check, err := newHostKeyCheck(c, known)
	if err == nil {
		var cfg *ssh.ClientConfig
		if cfg, err = c.config(check); err == nil {
			s.client, err = c.dialWithRetry(ctx, dial, cfg, status)
		}
	}
	if err != nil {
		s.Close()
		if c.proxy != nil {
			return nil, fmt.Errorf("through the jump host %s: %w", c.proxy.endpoint(), err)
		}
		return nil, err
	}
	s.closers = append(s.closers, s.client.Close)
	s.hostKeys[check.endpoint] = authorizedKey(check.seen)
	return s, nil
}

func authorizedKey(k ssh.PublicKey) string {
	return strings.TrimSuffix(string(ssh.MarshalAuthorizedKey(k)), "\n")
}

// hostKeysOf reads the hostKeys output of a state.
func hostKeysOf(state resource.PropertyMap) map[string]string {
	out := map[string]string{}
	if v := plain(state["hostKeys"]); v.IsObject() {
		for k, x := range v.ObjectValue() {
			if s := plain(x); s.IsString() {
				out[string(k)] = s.StringValue()
			}
		}
	}
	return out
}

// hostKeysValue is the hostKeys output: endpoint → public key, in a stable order.
func hostKeysValue(keys map[string]string) resource.PropertyValue {
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	m := resource.PropertyMap{}
	for _, k := range names {
		m[resource.PropertyKey(k)] = resource.NewProperty(keys[k])
	}
	return resource.NewProperty(m)
}

// scrubber replaces secret values (and each long line of a multi-line secret, like a private key)
// in text shown to the user.
type scrubber []string

func newScrubber(values ...string) scrubber {
	var s scrubber
	for _, v := range values {
		if v == "" {
			continue
		}
		s = append(s, v)
		if strings.Contains(v, "\n") {
			for _, line := range strings.Split(v, "\n") {
				if len(strings.TrimSpace(line)) >= 8 {
					s = append(s, strings.TrimSpace(line))
				}
			}
		}
	}
	// Longest first, so that a secret containing another is replaced whole.
	sort.Slice(s, func(i, j int) bool { return len(s[i]) > len(s[j]) })
	return s
}

func (s scrubber) scrub(text string) string {
	for _, v := range s {
		text = strings.ReplaceAll(text, v, "[secret]")
	}
	return text
}

// secretStrings collects the strings inside secrets in a property map.
func secretStrings(m resource.PropertyMap) []string {
	var out []string
	var walk func(v resource.PropertyValue, inSecret bool)
	walk = func(v resource.PropertyValue, inSecret bool) {
		switch {
		case v.IsSecret():
			walk(v.SecretValue().Element, true)
		case v.IsString() && inSecret:
			out = append(out, v.StringValue())
		case v.IsArray():
			for _, x := range v.ArrayValue() {
				walk(x, inSecret)
			}
		case v.IsObject():
			for _, x := range v.ObjectValue() {
				walk(x, inSecret)
			}
		}
	}
	for _, v := range m {
		walk(v, false)
	}
	return out
}
