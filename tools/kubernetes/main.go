// Command pulumi-resource-kubernetes is a render-only stand-in for the
// Pulumi Kubernetes provider, written for this repository.
//
// The upstream provider (github.com/pulumi/pulumi-kubernetes/provider/v4) is
// not served by the Go module proxy reachable here. This build implements
// the provider's renderYamlToDirectory mode, which is all the gigafactory
// project uses without a cluster:
//
//   - provider config renderYamlToDirectory (required; any cluster settings
//     such as kubeconfig/context/cluster are rejected, as upstream does when
//     they are combined with renderYamlToDirectory);
//   - every custom resource type (kubernetes:<group>/<version>:<Kind>) is
//     written to <dir>/1-manifest/<apiVersion>-<kind>-<namespace>-<name>.yaml
//     (CustomResourceDefinitions to <dir>/0-crd/), '/' and ':' in apiVersion
//     replaced by '_', namespace "default" when unset; updates rewrite the
//     file, deletes remove it;
//   - metadata.name is auto-named <resource name>-<8 hex> when unset, with the
//     pulumi.com/autonamed annotation, and kept across updates;
//   - a change of kind, metadata.name or metadata.namespace (or of the data of
//     an immutable ConfigMap/Secret) replaces the resource;
//   - a warning is logged when a rendered file holds a secret in plaintext;
//   - function kubernetes:yaml:decode (used by yaml.ConfigFile/ConfigGroup v1).
//
// Not implemented: talking to a cluster, component resources implemented in
// the provider (yaml/v2, helm.sh/v4, kustomize/v2: Construct), Helm
// templating, and other functions. They fail with a clear error.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	yamlv3 "go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
	"sigs.k8s.io/yaml"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "0.0.0-dev"

const autonamedAnnotation = "pulumi.com/autonamed"

func main() {
	err := provider.Main("kubernetes", func(host *provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return &k8sProvider{host: host}, nil
	})
	if err != nil {
		cmdutil.ExitError(err.Error())
	}
}

type k8sProvider struct {
	pulumirpc.UnimplementedResourceProviderServer
	host *provider.HostClient

	renderDir string
	configErr error
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

func (p *k8sProvider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (p *k8sProvider) Handshake(context.Context, *pulumirpc.ProviderHandshakeRequest) (
	*pulumirpc.ProviderHandshakeResponse, error,
) {
	return &pulumirpc.ProviderHandshakeResponse{AcceptSecrets: true, AcceptResources: true}, nil
}

func (p *k8sProvider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	b, _ := json.Marshal(map[string]any{
		"name":    "kubernetes",
		"version": strings.TrimPrefix(Version, "v"),
		"description": "Render-only Kubernetes provider (gigafactory build): resources are written as YAML " +
			"to renderYamlToDirectory.",
		"config": map[string]any{"variables": map[string]any{
			"renderYamlToDirectory": map[string]any{"type": "string"},
		}},
	})
	return &pulumirpc.GetSchemaResponse{Schema: string(b)}, nil
}

func (p *k8sProvider) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// Settings that need a cluster and are meaningless when rendering.
var clusterSettings = []string{"kubeconfig", "context", "cluster"}

func isSet(v resource.PropertyValue) bool {
	v = plain(v)
	return !v.IsNull() && !(v.IsString() && v.StringValue() == "")
}

func (p *k8sProvider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	var failures []*pulumirpc.CheckFailure
	dir := news["renderYamlToDirectory"]
	if !dir.ContainsUnknowns() && !isSet(dir) {
		failures = append(failures, &pulumirpc.CheckFailure{
			Property: "renderYamlToDirectory",
			Reason: "this build of pulumi-resource-kubernetes only renders YAML: " +
				"set renderYamlToDirectory on the kubernetes Provider",
		})
	}
	for _, k := range clusterSettings {
		if isSet(news[resource.PropertyKey(k)]) && isSet(dir) {
			failures = append(failures, &pulumirpc.CheckFailure{
				Property: k, Reason: fmt.Sprintf("%q arg is not compatible with \"renderYamlToDirectory\" arg", k),
			})
		}
	}
	return &pulumirpc.CheckResponse{Inputs: req.GetNews(), Failures: failures}, nil
}

// diffInputs returns the old inputs (the old state's, for resources created before old inputs
// were recorded) and the new inputs of a diff request.
func diffInputs(req *pulumirpc.DiffRequest) (resource.PropertyMap, resource.PropertyMap, error) {
	olds, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, nil, err
	}
	if req.GetOldInputs() == nil {
		if olds, err = unmarshal(req.GetOlds()); err != nil {
			return nil, nil, err
		}
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, nil, err
	}
	return olds, news, nil
}

func (p *k8sProvider) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, news, err := diffInputs(req)
	if err != nil {
		return nil, err
	}
	// Moving the render directory re-renders everything into the new one.
	if !olds["renderYamlToDirectory"].DeepEquals(news["renderYamlToDirectory"]) {
		return &pulumirpc.DiffResponse{
			Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: []string{"renderYamlToDirectory"},
			Replaces: []string{"renderYamlToDirectory"},
		}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (p *k8sProvider) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	dir := req.GetVariables()["kubernetes:config:renderYamlToDirectory"]
	if req.GetArgs() != nil {
		args, err := unmarshal(req.GetArgs())
		if err != nil {
			return nil, err
		}
		if v := plain(args["renderYamlToDirectory"]); v.IsString() {
			dir = v.StringValue()
		}
	}
	p.renderDir = dir
	if dir == "" {
		p.configErr = errors.New("this build of pulumi-resource-kubernetes only renders YAML: " +
			"set renderYamlToDirectory on the kubernetes Provider")
	}
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true}, nil
}

// plain returns the value of a property with secrets unwrapped.
func plain(v resource.PropertyValue) resource.PropertyValue {
	for v.IsSecret() {
		v = v.SecretValue().Element
	}
	return v
}

func objectField(m resource.PropertyMap, k string) resource.PropertyMap {
	if v := plain(m[resource.PropertyKey(k)]); v.IsObject() {
		return v.ObjectValue()
	}
	return nil
}

func stringField(m resource.PropertyMap, k string) string {
	if v := plain(m[resource.PropertyKey(k)]); v.IsString() {
		return v.StringValue()
	}
	return ""
}

// gvkFromType maps a type token such as kubernetes:apps/v1:Deployment to
// apiVersion "apps/v1" and kind "Deployment" (core/v1 maps to "v1").
func gvkFromType(typ string) (string, string, error) {
	parts := strings.Split(typ, ":")
	if len(parts) != 3 || parts[0] != "kubernetes" {
		return "", "", fmt.Errorf("unexpected resource type %q", typ)
	}
	apiVersion := strings.TrimPrefix(parts[1], "core/")
	return apiVersion, parts[2], nil
}

func (p *k8sProvider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	urn := resource.URN(req.GetUrn())
	typ := req.GetType()
	if typ == "" {
		typ = string(urn.Type())
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	apiVersion, kind, err := gvkFromType(typ)
	if err != nil {
		return nil, err
	}
	if _, ok := news["apiVersion"]; !ok {
		news["apiVersion"] = resource.NewStringProperty(apiVersion)
	}
	if _, ok := news["kind"]; !ok {
		news["kind"] = resource.NewStringProperty(kind)
	}

	var failures []*pulumirpc.CheckFailure
	metaValue := news["metadata"]
	if metaValue.ContainsUnknowns() && !plain(metaValue).IsObject() {
		// Whole metadata unknown during preview: nothing to check yet.
		props, err := marshal(news)
		if err != nil {
			return nil, err
		}
		return &pulumirpc.CheckResponse{Inputs: props}, nil
	}
	meta := objectField(news, "metadata")
	if meta == nil {
		meta = resource.PropertyMap{}
	} else {
		meta = meta.Copy()
	}
	if isSet(meta["generateName"]) {
		failures = append(failures, &pulumirpc.CheckFailure{
			Property: "metadata.generateName", Reason: "the `.metadata.generateName` field is not supported in YAML rendering mode",
		})
	}
	if _, has := meta["name"]; !has {
		oldMeta := objectField(olds, "metadata")
		oldAnn := objectField(oldMeta, "annotations")
		var name string
		switch {
		case oldMeta != nil && stringField(oldAnn, autonamedAnnotation) == "true" && stringField(oldMeta, "name") != "":
			name = stringField(oldMeta, "name")
		case req.GetAutonaming() != nil && req.GetAutonaming().GetMode() == pulumirpc.CheckRequest_AutonamingOptions_DISABLE:
			failures = append(failures, &pulumirpc.CheckFailure{
				Property: "metadata.name", Reason: "metadata.name is required when autonaming is disabled",
			})
		case req.GetAutonaming() != nil && req.GetAutonaming().GetProposedName() != "":
			name = req.GetAutonaming().GetProposedName()
		default:
			name, err = resource.NewUniqueName(req.GetRandomSeed(), urn.Name()+"-", 8, 0, nil)
			if err != nil {
				return nil, err
			}
		}
		if name != "" {
			meta["name"] = resource.NewStringProperty(name)
			ann := objectField(meta, "annotations")
			if ann == nil {
				ann = resource.PropertyMap{}
			} else {
				ann = ann.Copy()
			}
			ann[autonamedAnnotation] = resource.NewStringProperty("true")
			meta["annotations"] = resource.NewObjectProperty(ann)
		}
	}
	if metaValue.IsSecret() {
		news["metadata"] = resource.MakeSecret(resource.NewObjectProperty(meta))
	} else {
		news["metadata"] = resource.NewObjectProperty(meta)
	}

	props, err := marshal(news)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: props, Failures: failures}, nil
}

// toPlain converts a property map to plain JSON-able values; secrets are
// unwrapped (and reported), unknowns are an error.
func toPlain(v resource.PropertyValue) (any, bool, error) {
	switch {
	case v.IsComputed() || v.IsOutput() && !v.OutputValue().Known:
		return nil, false, errors.New("value is unknown")
	case v.IsOutput():
		x, _, err := toPlain(v.OutputValue().Element)
		return x, v.OutputValue().Secret, err
	case v.IsSecret():
		x, _, err := toPlain(v.SecretValue().Element)
		return x, true, err
	case v.IsNull():
		return nil, false, nil
	case v.IsBool():
		return v.BoolValue(), false, nil
	case v.IsNumber():
		return v.NumberValue(), false, nil
	case v.IsString():
		return v.StringValue(), false, nil
	case v.IsArray():
		out := make([]any, 0, len(v.ArrayValue()))
		secret := false
		for _, e := range v.ArrayValue() {
			x, s, err := toPlain(e)
			if err != nil {
				return nil, false, err
			}
			secret = secret || s
			out = append(out, x)
		}
		return out, secret, nil
	case v.IsObject():
		out := map[string]any{}
		secret := false
		for k, e := range v.ObjectValue() {
			x, s, err := toPlain(e)
			if err != nil {
				return nil, false, fmt.Errorf("%s: %w", k, err)
			}
			secret = secret || s
			out[string(k)] = x
		}
		return out, secret, nil
	default:
		return nil, false, fmt.Errorf("unsupported value %v", v)
	}
}

func renderPath(dir string, obj resource.PropertyMap) (string, error) {
	meta := objectField(obj, "metadata")
	name := stringField(meta, "name")
	if name == "" {
		return "", errors.New("metadata.name is empty")
	}
	ns := stringField(meta, "namespace")
	if ns == "" {
		ns = "default"
	}
	// Kubernetes never allows '/' in names or namespaces; without an API
	// server to reject them, such a name would write outside the directory.
	if strings.Contains(name, "/") || strings.Contains(ns, "/") {
		return "", fmt.Errorf("invalid metadata.name %q or metadata.namespace %q: '/' is not allowed", name, ns)
	}
	apiVersion, kind := stringField(obj, "apiVersion"), stringField(obj, "kind")
	file := fmt.Sprintf("%s-%s-%s-%s.yaml",
		strings.NewReplacer("/", "_", ":", "_").Replace(apiVersion), strings.ToLower(kind), ns, name)
	sub := "1-manifest"
	if kind == "CustomResourceDefinition" && strings.HasPrefix(apiVersion, "apiextensions.k8s.io/") {
		sub = "0-crd"
	}
	return filepath.Join(dir, sub, file), nil
}

func fqName(obj resource.PropertyMap) string {
	meta := objectField(obj, "metadata")
	if ns := stringField(meta, "namespace"); ns != "" {
		return ns + "/" + stringField(meta, "name")
	}
	return stringField(meta, "name")
}

func (p *k8sProvider) render(ctx context.Context, urn string, obj resource.PropertyMap) (string, error) {
	if p.configErr != nil {
		return "", p.configErr
	}
	path, err := renderPath(p.renderDir, obj)
	if err != nil {
		return "", err
	}
	plainObj, secret, err := toPlain(resource.NewObjectProperty(obj))
	if err != nil {
		return "", fmt.Errorf("cannot render %s: %w", path, err)
	}
	jsonBytes, err := json.Marshal(plainObj)
	if err != nil {
		return "", err
	}
	yamlBytes, err := yaml.JSONToYAML(jsonBytes)
	if err != nil {
		return "", err
	}
	for _, d := range []string{"0-crd", "1-manifest"} {
		if err := os.MkdirAll(filepath.Join(p.renderDir, d), 0o700); err != nil {
			return "", fmt.Errorf("failed to create directory for rendered YAML: %w", err)
		}
	}
	if secret && p.host != nil {
		_ = p.host.Log(ctx, diag.Warning, resource.URN(urn),
			fmt.Sprintf("rendered file %s contains a secret value in plaintext", path))
	}
	if err := os.WriteFile(path, yamlBytes, 0o600); err != nil {
		return "", fmt.Errorf("failed to write YAML file %q: %w", path, err)
	}
	if p.host != nil {
		_ = p.host.LogStatus(ctx, diag.Info, resource.URN(urn), "rendered "+path)
	}
	return path, nil
}

func (p *k8sProvider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, news, err := diffInputs(req)
	if err != nil {
		return nil, err
	}
	for _, k := range req.GetIgnoreChanges() {
		// Top-level ignoreChanges only; nested paths are compared as a whole.
		delete(olds, resource.PropertyKey(k))
		delete(news, resource.PropertyKey(k))
	}
	var diffs, replaces []string
	detailed := map[string]*pulumirpc.PropertyDiff{}
	keys := map[resource.PropertyKey]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	immutable := plain(news["immutable"]).IsBool() && plain(news["immutable"]).BoolValue() &&
		plain(olds["immutable"]).IsBool() && plain(olds["immutable"]).BoolValue()
	for k := range keys {
		o, n := olds[k], news[k]
		if o.DeepEquals(n) {
			continue
		}
		replace := false
		switch k {
		case "kind":
			replace = true
		case "metadata":
			om, nm := objectField(olds, "metadata"), objectField(news, "metadata")
			replace = !om["name"].DeepEquals(nm["name"]) || !om["namespace"].DeepEquals(nm["namespace"]) ||
				n.ContainsUnknowns() && !plain(n).IsObject()
		case "data", "binaryData", "stringData":
			replace = immutable
		}
		kind := pulumirpc.PropertyDiff_UPDATE
		if replace {
			kind = pulumirpc.PropertyDiff_UPDATE_REPLACE
			replaces = append(replaces, string(k))
		}
		diffs = append(diffs, string(k))
		detailed[string(k)] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
	}
	if len(diffs) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	// Delete first when the replacement renders to the same file.
	oldPath, _ := renderPath(".", olds)
	newPath, errNew := renderPath(".", news)
	dbr := len(replaces) > 0 && (errNew != nil || oldPath == newPath)
	return &pulumirpc.DiffResponse{
		Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: diffs, Replaces: replaces,
		DeleteBeforeReplace: dbr, DetailedDiff: detailed, HasDetailedDiff: true,
	}, nil
}

func (p *k8sProvider) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	obj, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		return &pulumirpc.CreateResponse{Properties: req.GetProperties()}, nil
	}
	if _, err := p.render(ctx, req.GetUrn(), obj); err != nil {
		return nil, err
	}
	props, err := marshal(obj)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: fqName(obj), Properties: props}, nil
}

func (p *k8sProvider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	if req.GetProperties() == nil {
		return nil, errors.New("import/read of objects is not supported in YAML rendering mode")
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (p *k8sProvider) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		return &pulumirpc.UpdateResponse{Properties: req.GetNews()}, nil
	}
	newPath, err := p.render(ctx, req.GetUrn(), news)
	if err != nil {
		return nil, err
	}
	if oldPath, err := renderPath(p.renderDir, olds); err == nil && oldPath != newPath {
		_ = os.Remove(oldPath)
	}
	props, err := marshal(news)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

func (p *k8sProvider) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	olds, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	if p.configErr != nil {
		return nil, p.configErr
	}
	path, err := renderPath(p.renderDir, olds)
	if err != nil {
		return nil, err
	}
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	if p.host != nil {
		_ = p.host.LogStatus(ctx, diag.Info, resource.URN(req.GetUrn()), "deleted "+path)
	}
	return &emptypb.Empty{}, nil
}

func (p *k8sProvider) Construct(context.Context, *pulumirpc.ConstructRequest) (*pulumirpc.ConstructResponse, error) {
	return nil, errors.New("component resources implemented by the provider (yaml/v2, helm.sh/v4, kustomize/v2) " +
		"are not supported by this render-only build of pulumi-resource-kubernetes")
}

func (p *k8sProvider) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	if req.GetTok() != "kubernetes:yaml:decode" {
		return nil, fmt.Errorf("function %q is not supported by this render-only build of pulumi-resource-kubernetes",
			req.GetTok())
	}
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	docs, err := decodeYAML(stringField(args, "text"))
	if err != nil {
		return nil, err
	}
	items := make([]resource.PropertyValue, 0, len(docs))
	for _, d := range docs {
		items = append(items, resource.NewPropertyValue(d))
	}
	props, err := marshal(resource.PropertyMap{"result": resource.NewArrayProperty(items)})
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: props}, nil
}

// decodeYAML splits a multi-document YAML text into JSON-typed objects,
// skipping empty documents and flattening kind: List. Each document is
// converted with sigs.k8s.io/yaml, as kubectl and upstream do, so unquoted
// dates stay strings and numeric map keys become string keys.
func decodeYAML(text string) ([]any, error) {
	dec := yamlv3.NewDecoder(strings.NewReader(text))
	var out []any
	for {
		var node yamlv3.Node
		if err := dec.Decode(&node); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("decoding YAML: %w", err)
		}
		doc, err := yamlv3.Marshal(&node)
		if err != nil {
			return nil, fmt.Errorf("decoding YAML: %w", err)
		}
		b, err := yaml.YAMLToJSON(doc)
		if err != nil {
			return nil, fmt.Errorf("decoding YAML: %w", err)
		}
		var obj any
		d := json.NewDecoder(bytes.NewReader(b))
		if err := d.Decode(&obj); err != nil {
			return nil, err
		}
		if obj == nil {
			continue
		}
		if m, ok := obj.(map[string]any); ok && m["kind"] == "List" {
			if items, ok := m["items"].([]any); ok {
				out = append(out, items...)
				continue
			}
		}
		out = append(out, obj)
	}
	return out, nil
}
