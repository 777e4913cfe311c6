// Command pulumi-resource-command is our build of the Pulumi "command"
// provider, plugin version 1.2.1 (the release @pulumi/command 1.2.1 requests).
//
// The upstream provider module (github.com/pulumi/pulumi-command/provider) is
// not served by the Go module proxy reachable here, so this implements
// v1.2.1's schema, with the same tokens, properties, defaults and lifecycle
// (see tools/README.md):
//
//   - resource command:local:Command: inputs create, update, delete, dir,
//     environment, interpreter, stdin, triggers, logging,
//     addPreviousOutputInEnv (assetPaths, archivePaths: see below); outputs the
//     inputs plus stdout and stderr.
//   - function command:local:run: inputs command plus the same run options;
//     outputs the inputs plus stdout and stderr.
//   - resource command:remote:Command (remote_command.go): inputs connection,
//     create, update, delete, triggers, stdin, logging, environment,
//     addPreviousOutputInEnv; outputs the inputs plus stdout, stderr and
//     hostKeys. Run over SSH (golang.org/x/crypto/ssh).
//   - resource command:remote:CopyToRemote (remote_copy.go): inputs
//     connection, source (FileAsset, StringAsset or path FileArchive),
//     remotePath, triggers; outputs the inputs plus hostKeys. Copied over SFTP.
//   - the connection (remote_conn.go): host, port, user, password, privateKey,
//     privateKeyPassword, agentSocketPath, dialErrorLimit, perDialTimeout,
//     hostKey and a jump host, proxy, with v1.2.1's defaults.
//
// Lifecycle, as upstream's v1.2.1: create runs on create; a change to
// triggers replaces; any other input change runs `update` in place, or
// `create` again when there is no update command. delete runs on delete. With
// addPreviousOutputInEnv (default true) update and delete see the last stdout
// and stderr as PULUMI_COMMAND_STDOUT and PULUMI_COMMAND_STDERR. logging
// (default stdoutAndStderr) chooses which output lines are shown as status.
//
// Beyond upstream: a remote host's key is never ignored. It is the pinned
// connection.hostKey, or the key seen on first use, recorded in the
// resource's hostKeys output and required on every later update, delete and
// refresh. Passwords, private keys and passphrases never appear in errors,
// logs, outputs or plaintext state.
//
// Not implemented, and refused by Check (and by run) rather than ignored:
// non-empty assetPaths/archivePaths (globbing files into assets), and the
// deprecated command:remote:CopyFile.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "0.0.0-dev"

const (
	commandType = "command:local:Command"
	runFunction = "command:local:run"
)

func main() {
	err := provider.Main("command", func(host *provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return &commandProvider{host: host}, nil
	})
	if err != nil {
		cmdutil.ExitError(err.Error())
	}
}

type commandProvider struct {
	pulumirpc.UnimplementedResourceProviderServer
	host *provider.HostClient
}

var marshalOpts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, marshalOpts)
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, marshalOpts)
}

func (p *commandProvider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (p *commandProvider) Handshake(context.Context, *pulumirpc.ProviderHandshakeRequest) (
	*pulumirpc.ProviderHandshakeResponse, error,
) {
	return &pulumirpc.ProviderHandshakeResponse{AcceptSecrets: true, AcceptResources: true}, nil
}

func (p *commandProvider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: schemaJSON()}, nil
}

func (p *commandProvider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *commandProvider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (p *commandProvider) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true}, nil
}

func (p *commandProvider) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// Input kinds, as in v1.2.1's schema: the inputs every run shares
// (BaseInputs upstream), the resource's own, and the function's own.
var runOptions = map[string]string{
	"dir": "string", "environment": "map", "interpreter": "array", "stdin": "string",
	"logging": "logging", "addPreviousOutputInEnv": "bool",
	"assetPaths": "globs", "archivePaths": "globs",
}

var knownInputs = with(runOptions, map[string]string{
	"create": "string", "update": "string", "delete": "string", "triggers": "array",
})

var runInputs = with(runOptions, map[string]string{"command": "string"})

func with(base, more map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// loggingModes are the values of the command:local:Logging enum.
var loggingModes = []string{"stdout", "stderr", "stdoutAndStderr", "none"}

const unsupportedGlobs = "not supported by this build of pulumi-resource-command " +
	"(collecting files into assets or an archive is not implemented); remove it or leave it empty"

// validate checks properties against the kinds of the inputs a token accepts.
func validate(props resource.PropertyMap, kinds map[string]string, required ...string) []*pulumirpc.CheckFailure {
	var failures []*pulumirpc.CheckFailure
	fail := func(k, reason string) {
		failures = append(failures, &pulumirpc.CheckFailure{Property: k, Reason: reason})
	}
	for _, k := range required {
		if v, ok := props[resource.PropertyKey(k)]; !ok || v.IsNull() {
			fail(k, "missing required property")
		}
	}
	for k, v := range props {
		kind, ok := kinds[string(k)]
		if !ok {
			fail(string(k), "unknown property")
			continue
		}
		w := plain(v)
		if w.IsNull() || w.ContainsUnknowns() {
			continue
		}
		switch kind {
		case "string":
			if !w.IsString() {
				fail(string(k), "expected a string")
			}
		case "bool":
			if !w.IsBool() {
				fail(string(k), "expected a boolean")
			}
		case "map":
			if !w.IsObject() {
				fail(string(k), "expected a map")
			}
		case "array":
			if !w.IsArray() {
				fail(string(k), "expected an array")
			}
		case "globs":
			if !w.IsArray() {
				fail(string(k), "expected an array")
			} else if len(w.ArrayValue()) > 0 {
				fail(string(k), unsupportedGlobs)
			}
		case "source":
			if reason := checkSource(w); reason != "" {
				fail(string(k), reason)
			}
		case "logging":
			if !w.IsString() || !contains(loggingModes, w.StringValue()) {
				fail(string(k), `expected one of "`+strings.Join(loggingModes, `", "`)+`"`)
			}
		}
	}
	sort.Slice(failures, func(i, j int) bool { return failures[i].Property < failures[j].Property })
	return failures
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// resourceTypes are the resources this build implements, with their inputs.
var resourceTypes = map[string]map[string]string{
	commandType: knownInputs, remoteCommandType: remoteInputs, copyType: copyInputs,
}

// typeOf is a request's resource type, read from its URN (the type field is not always set).
func typeOf(typ, urn string) (string, map[string]string, error) {
	if typ == "" && urn != "" {
		typ = string(resource.URN(urn).Type())
	}
	if typ == "" {
		typ = commandType
	}
	kinds, ok := resourceTypes[typ]
	if !ok {
		return "", nil, fmt.Errorf("unsupported resource type %q: this build of pulumi-resource-command implements only %s, %s, %s and %s",
			typ, commandType, remoteCommandType, copyType, runFunction)
	}
	return typ, kinds, nil
}

func (p *commandProvider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	typ, kinds, err := typeOf(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	switch typ {
	case remoteCommandType:
		return checkRemote(news, kinds, "connection")
	case copyType:
		return checkRemote(news, kinds, "connection", "source", "remotePath")
	}
	return &pulumirpc.CheckResponse{Inputs: req.GetNews(), Failures: validate(news, kinds)}, nil
}

// checkRemote validates a remote resource's inputs and returns them with the connection's
// defaults filled in and the connection a secret, as upstream's Check does.
func checkRemote(news resource.PropertyMap, kinds map[string]string, required ...string) (*pulumirpc.CheckResponse, error) {
	failures := validate(news, kinds, required...)
	if c, ok := news["connection"]; ok {
		checked, more := checkConnection(c, "connection.", true)
		news["connection"] = checked
		failures = append(failures, more...)
	}
	if src := plain(news["source"]); src.IsAsset() && src.AssetValue().Hash == "" {
		_ = src.AssetValue().EnsureHash() // a missing file fails the copy, naming it
	} else if src.IsArchive() && src.ArchiveValue().Hash == "" {
		_ = src.ArchiveValue().EnsureHash()
	}
	inputs, err := marshal(news)
	if err != nil {
		return nil, err
	}
	sort.Slice(failures, func(i, j int) bool { return failures[i].Property < failures[j].Property })
	return &pulumirpc.CheckResponse{Inputs: inputs, Failures: failures}, nil
}

// inputsOf strips outputs from a state map.
func inputsOf(m resource.PropertyMap, kinds map[string]string) resource.PropertyMap {
	out := resource.PropertyMap{}
	for k, v := range m {
		if _, ok := kinds[string(k)]; ok {
			out[k] = v
		}
	}
	return out
}

// changeOf reads a change's old state, its old inputs (taken from the old state for resources
// created before old inputs were recorded) and its new inputs.
func changeOf(olds, oldInputs, news *structpb.Struct, kinds map[string]string) (resource.PropertyMap, resource.PropertyMap, resource.PropertyMap, error) {
	oldState, err := unmarshal(olds)
	if err != nil {
		return nil, nil, nil, err
	}
	inputs := inputsOf(oldState, kinds)
	if oldInputs != nil {
		if inputs, err = unmarshal(oldInputs); err != nil {
			return nil, nil, nil, err
		}
	}
	newInputs, err := unmarshal(news)
	if err != nil {
		return nil, nil, nil, err
	}
	return oldState, inputs, newInputs, nil
}

// Diff compares old and new inputs. As in v1.2.1 (triggers is the only
// replaceOnChanges input of every resource), a change to triggers replaces and
// every other change is an in-place update.
func (p *commandProvider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	_, kinds, err := typeOf(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	_, olds, news, err := changeOf(req.GetOlds(), req.GetOldInputs(), req.GetNews(), kinds)
	if err != nil {
		return nil, err
	}
	ignore := map[string]bool{}
	for _, k := range req.GetIgnoreChanges() {
		ignore[k] = true
	}

	var changed, replaces []string
	detailed := map[string]*pulumirpc.PropertyDiff{}
	for k := range kinds {
		if ignore[k] || olds[resource.PropertyKey(k)].DeepEquals(news[resource.PropertyKey(k)]) {
			continue
		}
		changed = append(changed, k)
		kind := pulumirpc.PropertyDiff_UPDATE
		if k == "triggers" {
			kind = pulumirpc.PropertyDiff_UPDATE_REPLACE
			replaces = append(replaces, k)
		}
		detailed[k] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
	}
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	sort.Strings(changed)
	return &pulumirpc.DiffResponse{
		Changes:         pulumirpc.DiffResponse_DIFF_SOME,
		Diffs:           changed,
		Replaces:        replaces,
		DetailedDiff:    detailed,
		HasDetailedDiff: true,
	}, nil
}

// plain returns the value of a property with secrets unwrapped.
func plain(v resource.PropertyValue) resource.PropertyValue {
	for v.IsSecret() {
		v = v.SecretValue().Element
	}
	return v
}

func str(m resource.PropertyMap, k string) string {
	v := plain(m[resource.PropertyKey(k)])
	if v.IsString() {
		return v.StringValue()
	}
	return ""
}

type invocation struct {
	command     string
	dir         string
	environment map[string]string
	interpreter []string
	stdin       string
	// logging is one of loggingModes; empty means the default, stdoutAndStderr.
	logging string
	// noPreviousOutput is addPreviousOutputInEnv set to false.
	noPreviousOutput bool
	extraEnv         []string
	// secret is set when any input is a secret: the outputs are then secret too, so they are
	// never logged as status lines.
	secret bool
}

func invocationOf(m resource.PropertyMap, commandKey string) invocation {
	inv := invocation{command: str(m, commandKey), dir: str(m, "dir"), stdin: str(m, "stdin"), logging: str(m, "logging"), secret: anySecret(m)}
	if env := plain(m["environment"]); env.IsObject() {
		inv.environment = map[string]string{}
		for k, v := range env.ObjectValue() {
			if s := plain(v); s.IsString() {
				inv.environment[string(k)] = s.StringValue()
			}
		}
	}
	if interp := plain(m["interpreter"]); interp.IsArray() {
		for _, v := range interp.ArrayValue() {
			if s := plain(v); s.IsString() {
				inv.interpreter = append(inv.interpreter, s.StringValue())
			}
		}
	}
	if add := plain(m["addPreviousOutputInEnv"]); add.IsBool() && !add.BoolValue() {
		inv.noPreviousOutput = true
	}
	return inv
}

// withPreviousOutput passes the last stdout and stderr to the command as
// PULUMI_COMMAND_STDOUT and PULUMI_COMMAND_STDERR, unless
// addPreviousOutputInEnv is false; like upstream, empty values are not set.
func (inv invocation) withPreviousOutput(stdout, stderr string) invocation {
	if inv.noPreviousOutput {
		return inv
	}
	inv.extraEnv = nil
	if stdout != "" {
		inv.extraEnv = append(inv.extraEnv, "PULUMI_COMMAND_STDOUT="+stdout)
	}
	if stderr != "" {
		inv.extraEnv = append(inv.extraEnv, "PULUMI_COMMAND_STDERR="+stderr)
	}
	return inv
}

func (inv invocation) logsStdout() bool {
	return inv.logging == "" || inv.logging == "stdout" || inv.logging == "stdoutAndStderr"
}

func (inv invocation) logsStderr() bool {
	return inv.logging == "" || inv.logging == "stderr" || inv.logging == "stdoutAndStderr"
}

func anySecret(m resource.PropertyMap) bool {
	for _, v := range m {
		if v.ContainsSecrets() {
			return true
		}
	}
	return false
}

func (inv invocation) run(ctx context.Context) (string, string, error) {
	interp := inv.interpreter
	if len(interp) == 0 {
		interp = []string{"/bin/sh", "-c"}
	}
	args := append(append([]string{}, interp[1:]...), inv.command)
	cmd := exec.CommandContext(ctx, interp[0], args...)
	cmd.Dir = inv.dir
	cmd.Env = os.Environ()
	keys := make([]string, 0, len(inv.environment))
	for k := range inv.environment {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cmd.Env = append(cmd.Env, k+"="+inv.environment[k])
	}
	cmd.Env = append(cmd.Env, inv.extraEnv...)
	if inv.stdin != "" {
		cmd.Stdin = strings.NewReader(inv.stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	out := strings.TrimSuffix(stdout.String(), "\n")
	errOut := strings.TrimSuffix(stderr.String(), "\n")
	if err != nil {
		return out, errOut, fmt.Errorf("running %q: %w\nstdout: %s\nstderr: %s", inv.command, err, out, errOut)
	}
	return out, errOut, nil
}

// logOutput shows the output lines that inv's logging selects as ephemeral
// status messages, unless the outputs are secret.
func (p *commandProvider) logOutput(ctx context.Context, urn string, inv invocation, stdout, stderr string) {
	if p.host == nil || inv.secret {
		return
	}
	var lines []string
	if inv.logsStdout() {
		lines = append(lines, strings.Split(stdout, "\n")...)
	}
	if inv.logsStderr() {
		lines = append(lines, strings.Split(stderr, "\n")...)
	}
	for _, line := range lines {
		if line != "" {
			_ = p.host.LogStatus(ctx, diag.Info, resource.URN(urn), line)
		}
	}
}

// state builds the resource state: the inputs plus stdout/stderr (secret
// when any input is secret).
func state(inputs resource.PropertyMap, stdout, stderr resource.PropertyValue) resource.PropertyMap {
	out := inputs.Copy()
	if anySecret(inputs) {
		if !stdout.IsComputed() {
			stdout = resource.MakeSecret(stdout)
		}
		if !stderr.IsComputed() {
			stderr = resource.MakeSecret(stderr)
		}
	}
	out["stdout"] = stdout
	out["stderr"] = stderr
	return out
}

func (p *commandProvider) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	typ, _, err := typeOf(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	inputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	switch typ {
	case remoteCommandType:
		return p.createRemote(ctx, req, inputs)
	case copyType:
		return p.createCopy(ctx, req, inputs)
	}
	// Upstream's ID: the resource's name and 8 random hex digits.
	id, err := resource.NewUniqueHex(resource.URN(req.GetUrn()).Name(), 8, 0)
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		unknown := resource.MakeComputed(resource.NewStringProperty(""))
		props, err := marshal(state(inputs, unknown, unknown))
		if err != nil {
			return nil, err
		}
		return &pulumirpc.CreateResponse{Properties: props}, nil
	}
	var stdout, stderr string
	if inv := invocationOf(inputs, "create"); inv.command != "" {
		stdout, stderr, err = inv.run(ctx)
		if err != nil {
			return nil, err
		}
		p.logOutput(ctx, req.GetUrn(), inv, stdout, stderr)
	}
	props, err := marshal(state(inputs, resource.NewStringProperty(stdout), resource.NewStringProperty(stderr)))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

func (p *commandProvider) Read(ctx context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	if typ, _, err := typeOf("", req.GetUrn()); err != nil {
		return nil, err
	} else if typ != commandType {
		st, err := unmarshal(req.GetProperties())
		if err != nil {
			return nil, err
		}
		return p.readRemote(ctx, req, st)
	}
	// Nothing to refresh: the state is what the last command printed.
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

// Update runs `update`, or `create` when there is no update command, with the
// new inputs (the engine calls it only when Diff found a change). With neither
// command the outputs stay as they were.
func (p *commandProvider) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	typ, kinds, err := typeOf(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	olds, oldInputs, news, err := changeOf(req.GetOlds(), req.GetOldInputs(), req.GetNews(), kinds)
	if err != nil {
		return nil, err
	}
	switch typ {
	case remoteCommandType:
		return p.updateRemote(ctx, req, olds, news)
	case copyType:
		return p.updateCopy(ctx, req, olds, oldInputs, news)
	}
	stdout, stderr := plain(olds["stdout"]), plain(olds["stderr"])
	for _, v := range []*resource.PropertyValue{&stdout, &stderr} {
		if v.IsNull() {
			*v = resource.NewStringProperty("")
		}
	}
	inv := invocationOf(news, "update")
	if inv.command == "" {
		inv = invocationOf(news, "create")
	}
	switch {
	case inv.command == "":
	case req.GetPreview():
		unknown := resource.MakeComputed(resource.NewStringProperty(""))
		stdout, stderr = unknown, unknown
	default:
		inv = inv.withPreviousOutput(str(olds, "stdout"), str(olds, "stderr"))
		out, errOut, err := inv.run(ctx)
		if err != nil {
			return nil, err
		}
		p.logOutput(ctx, req.GetUrn(), inv, out, errOut)
		stdout, stderr = resource.NewStringProperty(out), resource.NewStringProperty(errOut)
	}
	props, err := marshal(state(news, stdout, stderr))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

func (p *commandProvider) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	typ, _, err := typeOf(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	switch typ {
	case remoteCommandType:
		return p.deleteRemote(ctx, req, olds)
	case copyType:
		return p.deleteCopy()
	}
	inv := invocationOf(olds, "delete")
	if inv.command == "" {
		return &emptypb.Empty{}, nil
	}
	inv = inv.withPreviousOutput(str(olds, "stdout"), str(olds, "stderr"))
	stdout, stderr, err := inv.run(ctx)
	if err != nil {
		return nil, err
	}
	p.logOutput(ctx, req.GetUrn(), inv, stdout, stderr)
	return &emptypb.Empty{}, nil
}

func (p *commandProvider) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	if req.GetTok() != runFunction {
		return nil, fmt.Errorf("unsupported function %q: this build of pulumi-resource-command implements only %s and %s",
			req.GetTok(), commandType, runFunction)
	}
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	if failures := validate(args, runInputs, "command"); len(failures) > 0 {
		return &pulumirpc.InvokeResponse{Failures: failures}, nil
	}
	inv := invocationOf(args, "command")
	stdout, stderr, err := inv.run(ctx)
	if err != nil {
		return nil, err
	}
	p.logOutput(ctx, "", inv, stdout, stderr)
	result := inputsOf(args, runInputs)
	result["stdout"] = resource.NewStringProperty(stdout)
	result["stderr"] = resource.NewStringProperty(stderr)
	props, err := marshal(result)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: props}, nil
}

// schemaJSON is the package schema of what this build implements: the local
// part of pulumi-command v1.2.1's schema (same tokens, property names, types,
// required properties and replaceOnChanges), with descriptions of our own.
func schemaJSON() string {
	str := func(d string) map[string]any { return map[string]any{"type": "string", "description": d} }
	strMap := func(d string) map[string]any {
		return map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}, "description": d}
	}
	strList := func(d string) map[string]any {
		return map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "description": d}
	}
	runOpts := map[string]any{
		"dir":         str("The directory to run the command in; the command fails if it does not exist."),
		"environment": strMap("Additional environment variables available to the command's process."),
		"interpreter": strList(`The program and arguments that run the command. Defaults to ["/bin/sh", "-c"].`),
		"stdin":       str("A string passed to the command's process as standard input."),
		"logging": map[string]any{"$ref": "#/types/command:local:Logging",
			"description": "Which of stdout and stderr are logged (the outputs are captured either way). Defaults to stdoutAndStderr."},
		"addPreviousOutputInEnv": map[string]any{"type": "boolean",
			"description": "Whether the previous stdout and stderr are passed to the next run as PULUMI_COMMAND_STDOUT and PULUMI_COMMAND_STDERR. Defaults to true."},
		"assetPaths":   strList("Path globs of files to return as assets after the command ran (refused by this build when non-empty)."),
		"archivePaths": strList("Path globs of files to return as one archive after the command ran (refused by this build when non-empty)."),
	}
	outs := map[string]any{
		"stdout":  str("The standard output of the command's process."),
		"stderr":  str("The standard error of the command's process."),
		"assets":  map[string]any{"type": "object", "additionalProperties": map[string]any{"$ref": "pulumi.json#/Asset"}, "description": "Assets found after running the command, by path relative to dir."},
		"archive": map[string]any{"$ref": "pulumi.json#/Archive", "description": "An archive of the files found after running the command."},
	}
	commandInputs := merged(runOpts, map[string]any{
		"create": str("The command to run on creation, and on any input change when there is no update command."),
		"update": str("The command to run when an input changes; without it, create runs again."),
		"delete": str("The command to run on deletion."),
		"triggers": map[string]any{"type": "array", "items": map[string]any{"$ref": "pulumi.json#/Any"}, "replaceOnChanges": true,
			"description": "Values of any type whose change replaces the resource."},
	})
	runIn := merged(runOpts, map[string]any{"command": str("The command to run.")})
	var modes []map[string]any
	for _, m := range loggingModes {
		modes = append(modes, map[string]any{"value": m})
	}
	types, resources := remoteSchema(str, strMap)
	types["command:local:Logging"] = map[string]any{"type": "string", "enum": modes}
	types["command:remote:Logging"] = map[string]any{"type": "string", "enum": modes}
	resources[commandType] = map[string]any{
		"description":     "A command run locally on create, update and delete.",
		"inputProperties": commandInputs,
		"properties":      merged(commandInputs, outs),
		"required":        []string{"stdout", "stderr"},
	}
	schema := map[string]any{
		"name":        "command",
		"displayName": "Command",
		"version":     strings.TrimPrefix(Version, "v"),
		"description": "Local and remote (SSH) command execution (the gigafactory build of pulumi-command v1.2.1).",
		"license":     "Apache-2.0",
		"repository":  "https://github.com/pulumi/pulumi-command",
		"config":      map[string]any{},
		"provider":    map[string]any{},
		"types":       types,
		"resources":   resources,
		"functions": map[string]any{
			runFunction: map[string]any{
				"description": "Runs a local command on every preview and update.",
				"inputs":      map[string]any{"type": "object", "properties": runIn, "required": []string{"command"}},
				"outputs":     map[string]any{"type": "object", "properties": merged(runIn, outs), "required": []string{"command", "stdout", "stderr"}},
			},
		},
	}
	b, err := json.Marshal(schema)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// merged is the union of maps; a later map's key wins.
func merged[V any](ms ...map[string]V) map[string]V {
	out := map[string]V{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

// remoteSchema is the remote part of v1.2.1's schema: the connection types and
// the two remote resources, plus our hostKeys output.
func remoteSchema(str func(string) map[string]any, strMap func(string) map[string]any) (map[string]any, map[string]any) {
	num := func(typ string, def float64, d string) map[string]any {
		return map[string]any{"type": typ, "default": def, "description": d}
	}
	secretStr := func(d string) map[string]any {
		return map[string]any{"type": "string", "secret": true, "description": d}
	}
	proxyProps := map[string]any{
		"host":               str("The address of the host to connect to."),
		"port":               num("number", 22, "The port to connect to. Defaults to 22."),
		"user":               map[string]any{"type": "string", "default": "root", "description": "The user to connect as. Defaults to root."},
		"password":           secretStr("The password to authenticate with (also answers keyboard-interactive prompts)."),
		"privateKey":         secretStr("The contents of an SSH private key to authenticate with; tried before the password."),
		"privateKeyPassword": secretStr("The passphrase of an encrypted privateKey."),
		"agentSocketPath":    str("The SSH agent socket to take keys from. Defaults to $SSH_AUTH_SOCK if set."),
		"dialErrorLimit":     num("integer", 10, "How many failed dials are retried (with backoff); -1: no limit. Defaults to 10."),
		"perDialTimeout":     num("integer", 15, "Seconds each dial (TCP connect and SSH handshake) may take; 0: no limit. Defaults to 15."),
		"hostKey": str("The host's public key in authorized_keys format (e.g. the contents of /etc/ssh/ssh_host_ed25519_key.pub). " +
			"Unlike upstream, an absent hostKey is never ignored: the key seen on first use is recorded in the resource's hostKeys and required afterwards."),
	}
	connProps := merged(proxyProps, map[string]any{
		"proxy": map[string]any{"$ref": "#/types/command:remote:ProxyConnection", "description": "The jump host to connect through."},
	})
	connection := map[string]any{"$ref": "#/types/command:remote:Connection", "secret": true,
		"description": "The parameters with which to connect to the remote host."}
	triggers := map[string]any{"type": "array", "items": map[string]any{"$ref": "pulumi.json#/Any"}, "replaceOnChanges": true,
		"description": "Values of any type whose change replaces the resource."}
	hostKeys := map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"},
		"description": "The host keys verified or recorded on first use, by host:port (this build's addition)."}
	cmdIn := map[string]any{
		"connection": connection,
		"create":     str("The command to run on creation, and on any input change when there is no update command."),
		"update":     str("The command to run when an input changes; without it, create runs again."),
		"delete":     str("The command to run on deletion."),
		"triggers":   triggers,
		"stdin":      str("A string passed to the command as standard input."),
		"logging": map[string]any{"$ref": "#/types/command:remote:Logging",
			"description": "Which of stdout and stderr are logged (the outputs are captured either way). Defaults to stdoutAndStderr."},
		"environment": strMap("Environment variables set for the command (the SSH server must accept them with AcceptEnv)."),
		"addPreviousOutputInEnv": map[string]any{"type": "boolean",
			"description": "Whether the previous stdout and stderr are passed to the next run as PULUMI_COMMAND_STDOUT and PULUMI_COMMAND_STDERR. Defaults to true."},
	}
	copyIn := map[string]any{
		"connection": connection,
		"triggers":   triggers,
		"source": map[string]any{"$ref": "pulumi.json#/Asset",
			"description": "A FileAsset, StringAsset or FileArchive (a file copied as is, or a directory copied recursively)."},
		"remotePath": str("The destination path on the remote host; missing parent directories are created."),
	}
	types := map[string]any{
		"command:remote:Connection": map[string]any{"type": "object", "properties": connProps, "required": []string{"host"},
			"description": "How to connect to a remote host."},
		"command:remote:ProxyConnection": map[string]any{"type": "object", "properties": proxyProps, "required": []string{"host"},
			"description": "How to connect to the jump host."},
	}
	resources := map[string]any{
		remoteCommandType: map[string]any{
			"description":     "A command run over SSH on create, update and delete.",
			"inputProperties": cmdIn,
			"properties": merged(cmdIn, map[string]any{
				"stdout": str("The standard output of the command."), "stderr": str("The standard error of the command."), "hostKeys": hostKeys,
			}),
			"required":       []string{"connection", "stdout", "stderr"},
			"requiredInputs": []string{"connection"},
		},
		copyType: map[string]any{
			"description":     "Copies a file, a text or a directory to a remote host over SFTP.",
			"inputProperties": copyIn,
			"properties":      merged(copyIn, map[string]any{"hostKeys": hostKeys}),
			"required":        []string{"connection", "source", "remotePath"},
			"requiredInputs":  []string{"connection", "source", "remotePath"},
		},
	}
	return types, resources
}
