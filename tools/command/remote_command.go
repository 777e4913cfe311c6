package main

// command:remote:Command: a command run over SSH on create, update and delete.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

const (
	remoteCommandType = "command:remote:Command"
	copyType          = "command:remote:CopyToRemote"
)

// remoteInputs are v1.2.1's command:remote:Command inputs.
var remoteInputs = map[string]string{
	"connection": "connection", "create": "string", "update": "string", "delete": "string",
	"triggers": "array", "stdin": "string", "logging": "logging", "environment": "map",
	"addPreviousOutputInEnv": "bool",
}

// remoteRun is one command to run on a host.
type remoteRun struct {
	invocation
	conn connection
	// known are the host keys recorded in state (endpoint → key).
	known map[string]string
	// label names the command in errors: the command itself, or which one when it is secret.
	label string
	scrub scrubber
	// warn reports a warning on the resource.
	warn func(string)
}

// withoutConnection is the inputs but the connection, which is always a secret (the SDK makes it
// one) and never reaches the command's output.
func withoutConnection(m resource.PropertyMap) resource.PropertyMap {
	out := m.Copy()
	delete(out, "connection")
	return out
}

func remoteRunOf(m resource.PropertyMap, commandKey string) remoteRun {
	inv := invocationOf(m, commandKey)
	inv.secret = anySecret(withoutConnection(m))
	conn := connectionOf(m["connection"])
	r := remoteRun{invocation: inv, conn: conn, known: hostKeysOf(m), label: fmt.Sprintf("%q", inv.command),
		scrub: newScrubber(append(conn.secrets(), secretStrings(withoutConnection(m))...)...), warn: func(string) {}}
	if m[resource.PropertyKey(commandKey)].ContainsSecrets() {
		r.label = "the " + commandKey + " command (a secret)"
	}
	return r
}

func (r remoteRun) withWarn(warn func(string)) remoteRun {
	r.warn = warn
	return r
}

// remoteState is the resource state: the inputs, the connection always secret, stdout and stderr
// (secret when any other input is), and the host keys verified or recorded on first use.
func remoteState(inputs resource.PropertyMap, stdout, stderr, hostKeys resource.PropertyValue) resource.PropertyMap {
	out := state(withoutConnection(inputs), stdout, stderr)
	if c, ok := inputs["connection"]; ok {
		if !c.IsSecret() && !c.IsComputed() {
			c = resource.MakeSecret(c)
		}
		out["connection"] = c
	}
	if !hostKeys.IsNull() {
		out["hostKeys"] = hostKeys
	}
	return out
}

// run connects, runs the command and returns its output and the host keys of the connection.
func (r remoteRun) run(ctx context.Context, status func(string)) (string, string, map[string]string, error) {
	s, err := r.conn.dial(ctx, r.known, status)
	if err != nil {
		return "", "", nil, errors.New(r.scrub.scrub(err.Error()))
	}
	defer s.Close()
	sess, err := s.client.NewSession()
	if err != nil {
		return "", "", nil, fmt.Errorf("%s: opening a session: %s", r.conn.endpoint(), r.scrub.scrub(err.Error()))
	}
	defer sess.Close()
	keys := make([]string, 0, len(r.environment))
	for k := range r.environment {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := sess.Setenv(k, r.environment[k]); err != nil {
			return "", "", nil, fmt.Errorf("%s: could not set environment variable %q (the SSH server must accept it with AcceptEnv; "+
				"or prefix the command with VAR=value): %v", r.conn.endpoint(), k, err)
		}
	}
	for _, kv := range r.extraEnv {
		k, v, _ := strings.Cut(kv, "=")
		if err := sess.Setenv(k, v); err != nil {
			r.warn(fmt.Sprintf("could not set %s on %s (the SSH server must accept it with AcceptEnv); the command runs without it", k, r.conn.endpoint()))
		}
	}
	if r.stdin != "" {
		sess.Stdin = strings.NewReader(r.stdin)
	}
	var stdout, stderr bytes.Buffer
	sess.Stdout, sess.Stderr = &stdout, &stderr
	err = sess.Run(r.command)
	// The connection's own secrets (password, private key, passphrase) never reach the outputs.
	connScrub := newScrubber(r.conn.secrets()...)
	out := connScrub.scrub(strings.TrimSuffix(stdout.String(), "\n"))
	errOut := connScrub.scrub(strings.TrimSuffix(stderr.String(), "\n"))
	if err != nil {
		output := fmt.Sprintf("stdout: %s\nstderr: %s", out, errOut)
		if r.secret {
			output = "stdout and stderr withheld: they are secrets (an input is)"
		}
		return out, errOut, nil, errors.New(r.scrub.scrub(fmt.Sprintf("running %s on %s@%s: %v\n%s",
			r.label, r.conn.user, r.conn.endpoint(), err, output)))
	}
	return out, errOut, s.hostKeys, nil
}

// status returns a function showing a line as the resource's ephemeral status.
func (p *commandProvider) status(ctx context.Context, urn string) func(string) {
	return func(msg string) {
		if p.host != nil {
			_ = p.host.LogStatus(ctx, diag.Info, resource.URN(urn), msg)
		}
	}
}

// warner returns a function logging a warning on the resource.
func (p *commandProvider) warner(ctx context.Context, urn string) func(string) {
	return func(msg string) {
		if p.host != nil {
			_ = p.host.Log(ctx, diag.Warning, resource.URN(urn), msg)
		}
	}
}

func (p *commandProvider) logRemote(ctx context.Context, urn string, r remoteRun, stdout, stderr string) {
	p.logOutput(ctx, urn, r.invocation, r.scrub.scrub(stdout), r.scrub.scrub(stderr))
}

func (p *commandProvider) createRemote(ctx context.Context, req *pulumirpc.CreateRequest, inputs resource.PropertyMap) (*pulumirpc.CreateResponse, error) {
	id, err := resource.NewUniqueHex(resource.URN(req.GetUrn()).Name(), 8, 0)
	if err != nil {
		return nil, err
	}
	unknown := resource.MakeComputed(resource.NewStringProperty(""))
	if req.GetPreview() {
		return createResponse("", remoteState(inputs, unknown, unknown, unknown))
	}
	stdout, stderr, hostKeys := "", "", resource.NewNullProperty()
	if r := remoteRunOf(inputs, "create"); r.command != "" {
		var keys map[string]string
		stdout, stderr, keys, err = r.withWarn(p.warner(ctx, req.GetUrn())).run(ctx, p.status(ctx, req.GetUrn()))
		if err != nil {
			return nil, err
		}
		p.logRemote(ctx, req.GetUrn(), r, stdout, stderr)
		hostKeys = hostKeysValue(keys)
	}
	return createResponse(id, remoteState(inputs, resource.NewProperty(stdout), resource.NewProperty(stderr), hostKeys))
}

func createResponse(id string, st resource.PropertyMap) (*pulumirpc.CreateResponse, error) {
	props, err := marshal(st)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

// mergeHostKeys records newly seen keys beside the ones already recorded.
func mergeHostKeys(old, seen map[string]string) resource.PropertyValue {
	out := map[string]string{}
	for k, v := range old {
		out[k] = v
	}
	for k, v := range seen {
		out[k] = v
	}
	if len(out) == 0 {
		return resource.NewNullProperty()
	}
	return hostKeysValue(out)
}

func (p *commandProvider) updateRemote(ctx context.Context, req *pulumirpc.UpdateRequest, olds, news resource.PropertyMap) (*pulumirpc.UpdateResponse, error) {
	stdout, stderr := plain(olds["stdout"]), plain(olds["stderr"])
	for _, v := range []*resource.PropertyValue{&stdout, &stderr} {
		if v.IsNull() {
			*v = resource.NewStringProperty("")
		}
	}
	known := hostKeysOf(olds)
	hostKeys := mergeHostKeys(known, nil)
	withKnown := news.Copy()
	withKnown["hostKeys"] = hostKeys
	r := remoteRunOf(withKnown, "update")
	if r.command == "" {
		r = remoteRunOf(withKnown, "create")
	}
	switch {
	case r.command == "":
	case req.GetPreview():
		unknown := resource.MakeComputed(resource.NewStringProperty(""))
		stdout, stderr = unknown, unknown
	default:
		r.invocation = r.withPreviousOutput(str(olds, "stdout"), str(olds, "stderr"))
		out, errOut, seen, err := r.withWarn(p.warner(ctx, req.GetUrn())).run(ctx, p.status(ctx, req.GetUrn()))
		if err != nil {
			return nil, err
		}
		p.logRemote(ctx, req.GetUrn(), r, out, errOut)
		stdout, stderr = resource.NewStringProperty(out), resource.NewStringProperty(errOut)
		hostKeys = mergeHostKeys(known, seen)
	}
	props, err := marshal(remoteState(news, stdout, stderr, hostKeys))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

func (p *commandProvider) deleteRemote(ctx context.Context, req *pulumirpc.DeleteRequest, olds resource.PropertyMap) (*emptypb.Empty, error) {
	r := remoteRunOf(olds, "delete")
	if r.command == "" {
		return &emptypb.Empty{}, nil
	}
	r.invocation = r.withPreviousOutput(str(olds, "stdout"), str(olds, "stderr"))
	stdout, stderr, _, err := r.withWarn(p.warner(ctx, req.GetUrn())).run(ctx, p.status(ctx, req.GetUrn()))
	if err != nil {
		return nil, err
	}
	p.logRemote(ctx, req.GetUrn(), r, stdout, stderr)
	return &emptypb.Empty{}, nil
}

// readRemote (refresh) verifies the recorded host keys with one handshake: a mismatch fails; a
// host that cannot be reached keeps the state as it is, with a warning.
func (p *commandProvider) readRemote(ctx context.Context, req *pulumirpc.ReadRequest, st resource.PropertyMap) (*pulumirpc.ReadResponse, error) {
	known := hostKeysOf(st)
	resp := &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}
	if len(known) == 0 || plain(st["connection"]).IsNull() {
		return resp, nil
	}
	c := connectionOf(st["connection"])
	c.dialErrorLimit = 0
	if c.proxy != nil {
		c.proxy.dialErrorLimit = 0
	}
	s, err := c.dial(ctx, known, func(string) {})
	var hk *hostKeyError
	switch {
	case errors.As(err, &hk):
		return nil, hk
	case err != nil:
		if p.host != nil {
			_ = p.host.Log(ctx, diag.Warning, resource.URN(req.GetUrn()),
				"host keys not verified on refresh: "+newScrubber(c.secrets()...).scrub(err.Error()))
		}
		return resp, nil
	}
	s.Close()
	return resp, nil
}
