// Command pulumi-resource-command is a small stand-in for the Pulumi
// "command" provider, written for this repository.
//
// The upstream provider (github.com/pulumi/pulumi-command) is not served by
// the Go module proxy reachable here, so this implements the part of its
// schema that @pulumi/command (pinned in package-lock.json) exposes and the
// gigafactory project uses:
//
//   - resource command:local:Command with inputs create, update, delete, dir,
//     environment, interpreter, stdin, triggers; outputs stdout, stderr.
//   - function command:local:run with inputs command, dir, environment,
//     interpreter, stdin; outputs stdout, stderr.
//
// Not implemented: command:remote:* (SSH), assetPaths/archivePaths globbing
// (the outputs assets/archive stay unset). Any use of those fails loudly.
//
// Lifecycle (same as upstream's documented behaviour): create runs on
// create; a change to triggers replaces; other input changes run `update`
// in place when it is set and replace (delete, then create) otherwise;
// changes to `update` or `delete` alone only record the new value. delete
// runs on delete with PULUMI_COMMAND_STDOUT/PULUMI_COMMAND_STDERR set to the
// last outputs.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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

var knownInputs = map[string]string{
	"create": "string", "update": "string", "delete": "string", "dir": "string",
	"environment": "map", "interpreter": "array", "stdin": "string", "triggers": "array",
	"assetPaths": "array", "archivePaths": "array",
}

func (p *commandProvider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	if req.GetType() != "" && req.GetType() != commandType {
		return nil, fmt.Errorf("unsupported resource type %q: this build only implements %s", req.GetType(), commandType)
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	var failures []*pulumirpc.CheckFailure
	for k, v := range news {
		kind, ok := knownInputs[string(k)]
		if !ok {
			failures = append(failures, &pulumirpc.CheckFailure{Property: string(k), Reason: "unknown property"})
			continue
		}
		if v.IsNull() || v.ContainsUnknowns() {
			continue
		}
		w := v
		if w.IsSecret() {
			w = w.SecretValue().Element
		}
		bad := (kind == "string" && !w.IsString()) || (kind == "map" && !w.IsObject()) || (kind == "array" && !w.IsArray())
		if bad {
			failures = append(failures, &pulumirpc.CheckFailure{Property: string(k), Reason: "expected a " + kind})
		}
		if (k == "assetPaths" || k == "archivePaths") && w.IsArray() && len(w.ArrayValue()) > 0 {
			failures = append(failures, &pulumirpc.CheckFailure{
				Property: string(k), Reason: "not supported by this build of pulumi-resource-command",
			})
		}
	}
	return &pulumirpc.CheckResponse{Inputs: req.GetNews(), Failures: failures}, nil
}

// inputsOf strips outputs from a state map.
func inputsOf(m resource.PropertyMap) resource.PropertyMap {
	out := resource.PropertyMap{}
	for k, v := range m {
		if _, ok := knownInputs[string(k)]; ok {
			out[k] = v
		}
	}
	return out
}

// changeOf reads a change's old state, its old inputs (taken from the old state for resources
// created before old inputs were recorded) and its new inputs.
func changeOf(olds, oldInputs, news *structpb.Struct) (resource.PropertyMap, resource.PropertyMap, resource.PropertyMap, error) {
	oldState, err := unmarshal(olds)
	if err != nil {
		return nil, nil, nil, err
	}
	inputs := inputsOf(oldState)
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

func (p *commandProvider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	_, olds, news, err := changeOf(req.GetOlds(), req.GetOldInputs(), req.GetNews())
	if err != nil {
		return nil, err
	}
	ignore := map[string]bool{}
	for _, k := range req.GetIgnoreChanges() {
		ignore[k] = true
	}

	var changed []string
	for k := range knownInputs {
		if ignore[k] {
			continue
		}
		o, n := olds[resource.PropertyKey(k)], news[resource.PropertyKey(k)]
		if !o.DeepEquals(n) {
			changed = append(changed, k)
		}
	}
	sort.Strings(changed)
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}

	// An empty update command counts as none: "if empty, create will run again".
	update := plain(news["update"])
	hasUpdate := update.IsComputed() || update.IsString() && update.StringValue() != ""
	detailed := map[string]*pulumirpc.PropertyDiff{}
	var replaces []string
	for _, k := range changed {
		kind := pulumirpc.PropertyDiff_UPDATE
		switch {
		case k == "update" || k == "delete":
		case k == "triggers" || !hasUpdate:
			kind = pulumirpc.PropertyDiff_UPDATE_REPLACE
			replaces = append(replaces, k)
		}
		detailed[k] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
	}
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
	extraEnv    []string
}

func invocationOf(m resource.PropertyMap, commandKey string) invocation {
	inv := invocation{command: str(m, commandKey), dir: str(m, "dir"), stdin: str(m, "stdin")}
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
	return inv
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

func (p *commandProvider) logOutput(ctx context.Context, urn string, stdout, stderr string) {
	if p.host == nil {
		return
	}
	for _, line := range strings.Split(stdout, "\n") {
		if line != "" {
			_ = p.host.LogStatus(ctx, diag.Info, resource.URN(urn), line)
		}
	}
	for _, line := range strings.Split(stderr, "\n") {
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
	inputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	id, err := resource.NewUniqueHex("", 8, 0)
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
		p.logOutput(ctx, req.GetUrn(), stdout, stderr)
	}
	props, err := marshal(state(inputs, resource.NewStringProperty(stdout), resource.NewStringProperty(stderr)))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

func (p *commandProvider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	// Nothing to refresh: the state is what the last command printed.
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (p *commandProvider) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	olds, oldInputs, news, err := changeOf(req.GetOlds(), req.GetOldInputs(), req.GetNews())
	if err != nil {
		return nil, err
	}
	stdout, stderr := olds["stdout"], olds["stderr"]
	for _, v := range []*resource.PropertyValue{&stdout, &stderr} {
		if v.IsNull() {
			*v = resource.NewStringProperty("")
		}
	}

	// Only changes to inputs other than update/delete run the update command.
	rerun := false
	for k := range knownInputs {
		if k == "update" || k == "delete" {
			continue
		}
		if !oldInputs[resource.PropertyKey(k)].DeepEquals(news[resource.PropertyKey(k)]) {
			rerun = true
		}
	}
	if rerun {
		if req.GetPreview() {
			unknown := resource.MakeComputed(resource.NewStringProperty(""))
			stdout, stderr = unknown, unknown
		} else if inv := invocationOf(news, "update"); inv.command != "" {
			out, errOut, err := inv.run(ctx)
			if err != nil {
				return nil, err
			}
			p.logOutput(ctx, req.GetUrn(), out, errOut)
			stdout, stderr = resource.NewStringProperty(out), resource.NewStringProperty(errOut)
		}
	}
	props, err := marshal(state(news, plain(stdout), plain(stderr)))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

func (p *commandProvider) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	olds, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	inv := invocationOf(olds, "delete")
	if inv.command == "" {
		return &emptypb.Empty{}, nil
	}
	inv.extraEnv = []string{"PULUMI_COMMAND_STDOUT=" + str(olds, "stdout"), "PULUMI_COMMAND_STDERR=" + str(olds, "stderr")}
	stdout, stderr, err := inv.run(ctx)
	if err != nil {
		return nil, err
	}
	p.logOutput(ctx, req.GetUrn(), stdout, stderr)
	return &emptypb.Empty{}, nil
}

func (p *commandProvider) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	if req.GetTok() != runFunction {
		return nil, fmt.Errorf("unsupported function %q: this build only implements %s", req.GetTok(), runFunction)
	}
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	stdout, stderr, err := invocationOf(args, "command").run(ctx)
	if err != nil {
		return nil, err
	}
	result := inputsOf(args)
	result["command"] = args["command"]
	result["stdout"] = resource.NewStringProperty(stdout)
	result["stderr"] = resource.NewStringProperty(stderr)
	props, err := marshal(result)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: props}, nil
}

// schemaJSON describes what this build implements, in Pulumi package schema form.
func schemaJSON() string {
	str := map[string]any{"type": "string"}
	strMap := map[string]any{"type": "object", "additionalProperties": str}
	strList := map[string]any{"type": "array", "items": str}
	anyList := map[string]any{"type": "array", "items": map[string]any{"$ref": "pulumi.json#/Any"}}
	schema := map[string]any{
		"name":        "command",
		"version":     strings.TrimPrefix(Version, "v"),
		"description": "Local command execution (gigafactory build of the command provider).",
		"resources": map[string]any{
			commandType: map[string]any{
				"inputProperties": map[string]any{
					"create": str, "update": str, "delete": str, "dir": str, "environment": strMap,
					"interpreter": strList, "stdin": str, "triggers": anyList,
				},
				"properties": map[string]any{
					"create": str, "update": str, "delete": str, "dir": str, "environment": strMap,
					"interpreter": strList, "stdin": str, "triggers": anyList, "stdout": str, "stderr": str,
				},
				"required": []string{"stdout", "stderr"},
			},
		},
		"functions": map[string]any{
			runFunction: map[string]any{
				"inputs": map[string]any{
					"properties": map[string]any{
						"command": str, "dir": str, "environment": strMap, "interpreter": strList, "stdin": str,
					},
					"required": []string{"command"},
				},
				"outputs": map[string]any{
					"properties": map[string]any{
						"command": str, "dir": str, "environment": strMap, "interpreter": strList, "stdin": str,
						"stdout": str, "stderr": str,
					},
					"required": []string{"command", "stdout", "stderr"},
				},
			},
		},
	}
	b, err := json.Marshal(schema)
	if err != nil {
		panic(err)
	}
	return string(b)
}
