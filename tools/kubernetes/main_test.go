package main

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
	"sigs.k8s.io/yaml"
)

// ---------------------------------------------------------------- helpers

func urnFor(typ, name string) string { return "urn:pulumi:dev::proj::" + typ + "::" + name }

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

func configMap(ns, name string, data map[string]any) resource.PropertyMap {
	meta := map[string]any{"name": name}
	if ns != "" {
		meta["namespace"] = ns
	}
	m := map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta}
	if data != nil {
		m["data"] = data
	}
	return pm(m)
}

// fakeEngine records the log messages a provider sends to the engine.
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

func (e *fakeEngine) messages() []*pulumirpc.LogRequest {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]*pulumirpc.LogRequest(nil), e.logs...)
}

// startEngine serves a fake engine on a unix socket (no network) and returns
// a host client connected to it.
func startEngine(t *testing.T) (*fakeEngine, *provider.HostClient) {
	t.Helper()
	dir, err := os.MkdirTemp("", "k8s-eng") // short path: unix socket names are limited
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
	return eng, host
}

func configured(t *testing.T, host *provider.HostClient) (*k8sProvider, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "rendered")
	p := &k8sProvider{host: host}
	if _, err := p.Configure(context.Background(), &pulumirpc.ConfigureRequest{
		Variables: map[string]string{"kubernetes:config:renderYamlToDirectory": dir},
	}); err != nil {
		t.Fatal(err)
	}
	return p, dir
}

func create(t *testing.T, p *k8sProvider, typ, name string, obj resource.PropertyMap) *pulumirpc.CreateResponse {
	t.Helper()
	resp, err := p.Create(context.Background(), &pulumirpc.CreateRequest{
		Urn: urnFor(typ, name), Type: typ, Properties: toStruct(t, obj),
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return resp
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// ---------------------------------------------------------------- pure logic

func TestGvkFromType(t *testing.T) {
	for _, tc := range []struct{ typ, apiVersion, kind string }{
		{"kubernetes:core/v1:ConfigMap", "v1", "ConfigMap"},
		{"kubernetes:core/v1:Namespace", "v1", "Namespace"},
		{"kubernetes:apps/v1:Deployment", "apps/v1", "Deployment"},
		{"kubernetes:networking.k8s.io/v1:Ingress", "networking.k8s.io/v1", "Ingress"},
		{"kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "apiextensions.k8s.io/v1", "CustomResourceDefinition"},
		{"kubernetes:example.com/v1alpha1:Widget", "example.com/v1alpha1", "Widget"},
	} {
		apiVersion, kind, err := gvkFromType(tc.typ)
		if err != nil || apiVersion != tc.apiVersion || kind != tc.kind {
			t.Errorf("gvkFromType(%q) = %q, %q, %v; want %q, %q", tc.typ, apiVersion, kind, err, tc.apiVersion, tc.kind)
		}
	}
	for _, bad := range []string{"", "aws:s3/bucket:Bucket", "kubernetes:ConfigMap", "kubernetes:a:b:c"} {
		if _, _, err := gvkFromType(bad); err == nil {
			t.Errorf("gvkFromType(%q): want an error", bad)
		}
	}
}

// The file layout is upstream's renderPathForResource: '/' and ':' in the
// apiVersion become '_', the kind is lower-cased, the namespace defaults to
// "default", CRDs go to 0-crd/ and everything else to 1-manifest/.
func TestRenderPath(t *testing.T) {
	crd := pm(map[string]any{
		"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
		"metadata": map[string]any{"name": "widgets.example.com"},
	})
	for _, tc := range []struct {
		name string
		obj  resource.PropertyMap
		want string
	}{
		{"core, no namespace", configMap("", "cfg", nil), "/r/1-manifest/v1-configmap-default-cfg.yaml"},
		{"core, namespace", configMap("prod", "cfg", nil), "/r/1-manifest/v1-configmap-prod-cfg.yaml"},
		{"grouped apiVersion", pm(map[string]any{
			"apiVersion": "apps/v1", "kind": "Deployment",
			"metadata": map[string]any{"name": "web", "namespace": "site"},
		}), "/r/1-manifest/apps_v1-deployment-site-web.yaml"},
		{"dotted group", pm(map[string]any{
			"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
			"metadata": map[string]any{"name": "deny"},
		}), "/r/1-manifest/networking.k8s.io_v1-networkpolicy-default-deny.yaml"},
		{"colon in apiVersion", pm(map[string]any{
			"apiVersion": "a:b/v1", "kind": "X", "metadata": map[string]any{"name": "n"},
		}), "/r/1-manifest/a_b_v1-x-default-n.yaml"},
		{"CRD", crd, "/r/0-crd/apiextensions.k8s.io_v1-customresourcedefinition-default-widgets.example.com.yaml"},
		{"custom resource", pm(map[string]any{
			"apiVersion": "example.com/v1alpha1", "kind": "Widget",
			"metadata": map[string]any{"name": "w1", "namespace": "ns"},
		}), "/r/1-manifest/example.com_v1alpha1-widget-ns-w1.yaml"},
		{"name with colon (RBAC)", pm(map[string]any{
			"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
			"metadata": map[string]any{"name": "system:viewer"},
		}), "/r/1-manifest/rbac.authorization.k8s.io_v1-clusterrole-default-system:viewer.yaml"},
		{"secret-wrapped metadata", resource.PropertyMap{
			"apiVersion": resource.NewProperty("v1"), "kind": resource.NewProperty("Secret"),
			"metadata": resource.MakeSecret(resource.NewProperty(pm(map[string]any{"name": "s", "namespace": "n"}))),
		}, "/r/1-manifest/v1-secret-n-s.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := renderPath("/r", tc.obj)
			if err != nil || got != tc.want {
				t.Errorf("renderPath = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestRenderPathRejectsBadNames(t *testing.T) {
	for _, tc := range []struct{ ns, name string }{
		{"", ""},
		{"", "a/b"},
		{"", "../../../../etc/evil"},
		{"../..", "x"},
		{"a/b", "x"},
	} {
		path, err := renderPath("/r", configMap(tc.ns, tc.name, nil))
		if err == nil {
			t.Errorf("renderPath(ns=%q, name=%q) = %q; want an error", tc.ns, tc.name, path)
		}
	}
}

func TestFqName(t *testing.T) {
	if got := fqName(configMap("", "cfg", nil)); got != "cfg" {
		t.Errorf("fqName = %q", got)
	}
	if got := fqName(configMap("prod", "cfg", nil)); got != "prod/cfg" {
		t.Errorf("fqName = %q", got)
	}
}

func TestToPlain(t *testing.T) {
	v := resource.NewProperty(resource.PropertyMap{
		"a": resource.NewProperty("x"),
		"n": resource.NewProperty(3.0),
		"b": resource.NewProperty(true),
		"l": resource.NewProperty([]resource.PropertyValue{resource.NewProperty("y"), resource.NewNullProperty()}),
	})
	got, secret, err := toPlain(v)
	want := map[string]any{"a": "x", "n": 3.0, "b": true, "l": []any{"y", nil}}
	if err != nil || secret || !reflect.DeepEqual(got, want) {
		t.Errorf("toPlain = %#v, %v, %v", got, secret, err)
	}

	nested := resource.NewProperty(resource.PropertyMap{
		"data": resource.NewProperty(resource.PropertyMap{"k": resource.MakeSecret(resource.NewProperty("s3cr3t"))}),
	})
	got, secret, err = toPlain(nested)
	if err != nil || !secret || !reflect.DeepEqual(got, map[string]any{"data": map[string]any{"k": "s3cr3t"}}) {
		t.Errorf("toPlain(nested secret) = %#v, %v, %v", got, secret, err)
	}

	known := resource.NewProperty(resource.Output{Element: resource.NewProperty("v"), Known: true, Secret: true})
	if got, secret, err := toPlain(known); err != nil || !secret || got != "v" {
		t.Errorf("toPlain(known secret output) = %#v, %v, %v", got, secret, err)
	}

	for _, unknown := range []resource.PropertyValue{
		resource.MakeComputed(resource.NewProperty("")),
		resource.NewProperty(resource.Output{Known: false}),
	} {
		obj := resource.NewProperty(resource.PropertyMap{"spec": resource.NewProperty(resource.PropertyMap{"x": unknown})})
		if _, _, err := toPlain(obj); err == nil || !strings.Contains(err.Error(), "spec: x: value is unknown") {
			t.Errorf("toPlain(unknown) error = %v", err)
		}
	}
}

// ---------------------------------------------------------------- config

func TestCheckConfig(t *testing.T) {
	p := &k8sProvider{}
	check := func(news resource.PropertyMap) []string {
		resp, err := p.CheckConfig(context.Background(), &pulumirpc.CheckRequest{News: toStruct(t, news)})
		if err != nil {
			t.Fatal(err)
		}
		var props []string
		for _, f := range resp.GetFailures() {
			props = append(props, f.GetProperty())
		}
		return props
	}
	if got := check(pm(map[string]any{"renderYamlToDirectory": "out"})); got != nil {
		t.Errorf("dir only: failures %v", got)
	}
	if got := check(pm(map[string]any{})); !reflect.DeepEqual(got, []string{"renderYamlToDirectory"}) {
		t.Errorf("no dir: failures %v", got)
	}
	if got := check(pm(map[string]any{"renderYamlToDirectory": ""})); !reflect.DeepEqual(got, []string{"renderYamlToDirectory"}) {
		t.Errorf("empty dir: failures %v", got)
	}
	if got := check(resource.PropertyMap{
		"renderYamlToDirectory": resource.MakeComputed(resource.NewProperty("")),
	}); got != nil {
		t.Errorf("unknown dir (preview): failures %v", got)
	}
	if got := check(pm(map[string]any{"renderYamlToDirectory": "out", "kubeconfig": "~/.kube/config", "context": "c"})); !reflect.DeepEqual(got, []string{"kubeconfig", "context"}) {
		t.Errorf("dir + cluster settings: failures %v", got)
	}
	if got := check(pm(map[string]any{"renderYamlToDirectory": "out", "cluster": ""})); got != nil {
		t.Errorf("empty cluster setting: failures %v", got)
	}
}

func TestDiffConfig(t *testing.T) {
	p := &k8sProvider{}
	diff := func(olds, news resource.PropertyMap) *pulumirpc.DiffResponse {
		resp, err := p.DiffConfig(context.Background(), &pulumirpc.DiffRequest{
			OldInputs: toStruct(t, olds), News: toStruct(t, news),
		})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	same := diff(pm(map[string]any{"renderYamlToDirectory": "a"}), pm(map[string]any{"renderYamlToDirectory": "a"}))
	if same.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("same dir: %v", same)
	}
	moved := diff(pm(map[string]any{"renderYamlToDirectory": "a"}), pm(map[string]any{"renderYamlToDirectory": "b"}))
	if moved.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME ||
		!reflect.DeepEqual(moved.GetReplaces(), []string{"renderYamlToDirectory"}) {
		t.Errorf("moved dir: %v", moved)
	}
}

func TestConfigure(t *testing.T) {
	ctx := context.Background()
	p := &k8sProvider{}
	resp, err := p.Configure(ctx, &pulumirpc.ConfigureRequest{
		Variables: map[string]string{"kubernetes:config:renderYamlToDirectory": "/from/vars"},
	})
	if err != nil || !resp.GetAcceptSecrets() || !resp.GetSupportsPreview() {
		t.Fatalf("Configure = %v, %v", resp, err)
	}
	if p.renderDir != "/from/vars" || p.configErr != nil {
		t.Errorf("from variables: dir %q, err %v", p.renderDir, p.configErr)
	}

	p = &k8sProvider{}
	_, err = p.Configure(ctx, &pulumirpc.ConfigureRequest{
		Variables: map[string]string{"kubernetes:config:renderYamlToDirectory": "/from/vars"},
		Args:      toStruct(t, resource.PropertyMap{"renderYamlToDirectory": resource.MakeSecret(resource.NewProperty("/from/args"))}),
	})
	if err != nil || p.renderDir != "/from/args" {
		t.Errorf("args win over variables: dir %q, err %v", p.renderDir, err)
	}

	// Without a directory every operation that touches files fails clearly.
	p = &k8sProvider{}
	if _, err := p.Configure(ctx, &pulumirpc.ConfigureRequest{}); err != nil {
		t.Fatal(err)
	}
	_, err = p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnFor("kubernetes:core/v1:ConfigMap", "c"),
		Properties: toStruct(t, configMap("", "c", nil))})
	if err == nil || !strings.Contains(err.Error(), "set renderYamlToDirectory") {
		t.Errorf("Create without dir: %v", err)
	}
	_, err = p.Delete(ctx, &pulumirpc.DeleteRequest{Urn: urnFor("kubernetes:core/v1:ConfigMap", "c"),
		Properties: toStruct(t, configMap("", "c", nil))})
	if err == nil || !strings.Contains(err.Error(), "set renderYamlToDirectory") {
		t.Errorf("Delete without dir: %v", err)
	}
}

// ---------------------------------------------------------------- Check

func check(t *testing.T, req *pulumirpc.CheckRequest) (resource.PropertyMap, []*pulumirpc.CheckFailure) {
	t.Helper()
	resp, err := (&k8sProvider{}).Check(context.Background(), req)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return fromStruct(t, resp.GetInputs()), resp.GetFailures()
}

func metaOf(m resource.PropertyMap) resource.PropertyMap { return objectField(m, "metadata") }

func TestCheckFillsApiVersionAndKind(t *testing.T) {
	const typ = "kubernetes:apps/v1:Deployment"
	news, failures := check(t, &pulumirpc.CheckRequest{
		Urn: urnFor(typ, "web"), Type: typ,
		News: toStruct(t, pm(map[string]any{"metadata": map[string]any{"name": "web"}})),
	})
	if failures != nil || stringField(news, "apiVersion") != "apps/v1" || stringField(news, "kind") != "Deployment" {
		t.Errorf("Check = %v, %v", news, failures)
	}
	// The type comes from the URN when the request has none; explicit values are kept.
	const cm = "kubernetes:core/v1:ConfigMap"
	news, _ = check(t, &pulumirpc.CheckRequest{
		Urn:  urnFor(cm, "c"),
		News: toStruct(t, pm(map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"name": "c"}})),
	})
	if stringField(news, "apiVersion") != "v1" || stringField(news, "kind") != "ConfigMap" {
		t.Errorf("Check (type from URN) = %v", news)
	}
	if _, err := (&k8sProvider{}).Check(context.Background(), &pulumirpc.CheckRequest{
		Urn: urnFor("random:index:Thing", "x"), News: toStruct(t, pm(map[string]any{})),
	}); err == nil {
		t.Error("Check of a non-kubernetes type: want an error")
	}
}

func TestCheckExplicitNameIsNotAutonamed(t *testing.T) {
	const typ = "kubernetes:core/v1:ConfigMap"
	news, failures := check(t, &pulumirpc.CheckRequest{
		Urn: urnFor(typ, "cfg"), Type: typ, RandomSeed: []byte("seed"),
		News: toStruct(t, configMap("prod", "explicit", map[string]any{"k": "v"})),
	})
	meta := metaOf(news)
	if failures != nil || stringField(meta, "name") != "explicit" || objectField(meta, "annotations") != nil {
		t.Errorf("Check = %v, %v", news, failures)
	}
}

func TestCheckAutonaming(t *testing.T) {
	const typ = "kubernetes:core/v1:ConfigMap"
	req := func(seed string) *pulumirpc.CheckRequest {
		return &pulumirpc.CheckRequest{
			Urn: urnFor(typ, "app-config"), Type: typ, RandomSeed: []byte(seed),
			News: toStruct(t, pm(map[string]any{
				"metadata": map[string]any{"namespace": "prod", "labels": map[string]any{"a": "b"}},
				"data":     map[string]any{"k": "v"},
			})),
		}
	}
	news, failures := check(t, req("seed-1"))
	meta := metaOf(news)
	name := stringField(meta, "name")
	if failures != nil || !regexp.MustCompile(`^app-config-[0-9a-f]{8}$`).MatchString(name) {
		t.Fatalf("autoname = %q, failures %v", name, failures)
	}
	if got := stringField(objectField(meta, "annotations"), autonamedAnnotation); got != "true" {
		t.Errorf("annotation %s = %q", autonamedAnnotation, got)
	}
	if stringField(meta, "namespace") != "prod" || stringField(objectField(meta, "labels"), "a") != "b" {
		t.Errorf("other metadata lost: %v", meta)
	}
	// The engine's random seed makes the name deterministic.
	again, _ := check(t, req("seed-1"))
	if got := stringField(metaOf(again), "name"); got != name {
		t.Errorf("same seed: %q != %q", got, name)
	}
	other, _ := check(t, req("seed-2"))
	if got := stringField(metaOf(other), "name"); got == name {
		t.Errorf("different seed gave the same name %q", got)
	}

	// On update the old autoname is kept, whatever the new seed.
	upd := req("seed-3")
	upd.Olds = toStruct(t, news)
	kept, _ := check(t, upd)
	if got := stringField(metaOf(kept), "name"); got != name {
		t.Errorf("update: name %q, want the old autoname %q", got, name)
	}
	// ...but a name the user set explicitly before is not adopted.
	upd.Olds = toStruct(t, configMap("prod", "was-explicit", nil))
	fresh, _ := check(t, upd)
	if got := stringField(metaOf(fresh), "name"); got == "was-explicit" || !strings.HasPrefix(got, "app-config-") {
		t.Errorf("update from explicit name: got %q", got)
	}

	// The engine's proposed name wins over our random one.
	prop := req("seed-1")
	prop.Autonaming = &pulumirpc.CheckRequest_AutonamingOptions{ProposedName: "proposed-name"}
	proposed, _ := check(t, prop)
	if got := stringField(metaOf(proposed), "name"); got != "proposed-name" {
		t.Errorf("proposed name: got %q", got)
	}

	// Autonaming disabled: a name is required.
	dis := req("seed-1")
	dis.Autonaming = &pulumirpc.CheckRequest_AutonamingOptions{Mode: pulumirpc.CheckRequest_AutonamingOptions_DISABLE}
	_, failures = check(t, dis)
	if len(failures) != 1 || failures[0].GetProperty() != "metadata.name" {
		t.Errorf("autonaming disabled: failures %v", failures)
	}
}

func TestCheckNoMetadataAtAll(t *testing.T) {
	const typ = "kubernetes:core/v1:Namespace"
	news, failures := check(t, &pulumirpc.CheckRequest{
		Urn: urnFor(typ, "ns"), Type: typ, News: toStruct(t, pm(map[string]any{})),
	})
	if failures != nil || !strings.HasPrefix(stringField(metaOf(news), "name"), "ns-") {
		t.Errorf("Check = %v, %v", news, failures)
	}
}

func TestCheckKeepsSecretMetadataSecret(t *testing.T) {
	const typ = "kubernetes:core/v1:ConfigMap"
	news, _ := check(t, &pulumirpc.CheckRequest{
		Urn: urnFor(typ, "c"), Type: typ,
		News: toStruct(t, resource.PropertyMap{
			"metadata": resource.MakeSecret(resource.NewProperty(pm(map[string]any{"namespace": "n"}))),
		}),
	})
	if !news["metadata"].IsSecret() || !strings.HasPrefix(stringField(metaOf(news), "name"), "c-") {
		t.Errorf("metadata = %v", news["metadata"])
	}
}

func TestCheckUnknownMetadataPassesThrough(t *testing.T) {
	const typ = "kubernetes:core/v1:ConfigMap"
	news, failures := check(t, &pulumirpc.CheckRequest{
		Urn: urnFor(typ, "c"), Type: typ,
		News: toStruct(t, resource.PropertyMap{"metadata": resource.MakeComputed(resource.NewProperty(""))}),
	})
	if failures != nil || !news["metadata"].IsComputed() || stringField(news, "kind") != "ConfigMap" {
		t.Errorf("Check = %v, %v", news, failures)
	}
}

func TestCheckRejectsGenerateName(t *testing.T) {
	const typ = "kubernetes:core/v1:ConfigMap"
	_, failures := check(t, &pulumirpc.CheckRequest{
		Urn: urnFor(typ, "c"), Type: typ,
		News: toStruct(t, pm(map[string]any{"metadata": map[string]any{"generateName": "c-"}})),
	})
	if len(failures) != 1 || failures[0].GetProperty() != "metadata.generateName" {
		t.Errorf("failures %v", failures)
	}
}

// ---------------------------------------------------------------- Diff

func TestDiff(t *testing.T) {
	immutable := func(m resource.PropertyMap) resource.PropertyMap {
		m = m.Copy()
		m["immutable"] = resource.NewProperty(true)
		return m
	}
	withLabels := configMap("", "cfg", map[string]any{"k": "v"})
	withLabels["metadata"] = resource.NewProperty(pm(map[string]any{"name": "cfg", "labels": map[string]any{"a": "b"}}))
	asSecretKind := configMap("", "cfg", map[string]any{"k": "v"})
	asSecretKind["kind"] = resource.NewProperty("Secret")
	unknownMeta := configMap("", "cfg", map[string]any{"k": "v"})
	unknownMeta["metadata"] = resource.MakeComputed(resource.NewProperty(""))

	base := configMap("", "cfg", map[string]any{"k": "v"})
	for _, tc := range []struct {
		name         string
		olds, news   resource.PropertyMap
		ignore       []string
		wantChanges  pulumirpc.DiffResponse_DiffChanges
		wantDiffs    []string
		wantReplaces []string
		wantDBR      bool
		useStateOnly bool // old state in Olds, no OldInputs
	}{
		{name: "no change", olds: base, news: base, wantChanges: pulumirpc.DiffResponse_DIFF_NONE},
		{name: "data change updates in place", olds: base, news: configMap("", "cfg", map[string]any{"k": "w"}),
			wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"data"}},
		{name: "label change updates in place", olds: base, news: withLabels,
			wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"metadata"}},
		{name: "name change replaces", olds: base, news: configMap("", "cfg2", map[string]any{"k": "v"}),
			wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"metadata"}, wantReplaces: []string{"metadata"}},
		{name: "namespace change replaces", olds: base, news: configMap("prod", "cfg", map[string]any{"k": "v"}),
			wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"metadata"}, wantReplaces: []string{"metadata"}},
		// Unset namespace and "default" render to the same file: delete first.
		{name: "namespace default made explicit replaces, delete first", olds: base,
			news:        configMap("default", "cfg", map[string]any{"k": "v"}),
			wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"metadata"}, wantReplaces: []string{"metadata"}, wantDBR: true},
		{name: "kind change replaces", olds: base, news: asSecretKind,
			wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"kind"}, wantReplaces: []string{"kind"}},
		{name: "immutable data change replaces, delete first (same file)", olds: immutable(base),
			news:        immutable(configMap("", "cfg", map[string]any{"k": "w"})),
			wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"data"}, wantReplaces: []string{"data"}, wantDBR: true},
		{name: "making immutable is an update", olds: base, news: immutable(base),
			wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"immutable"}},
		{name: "ignoreChanges", olds: base, news: configMap("", "cfg", map[string]any{"k": "w"}), ignore: []string{"data"},
			wantChanges: pulumirpc.DiffResponse_DIFF_NONE},
		{name: "unknown metadata replaces", olds: base, news: unknownMeta,
			wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"metadata"}, wantReplaces: []string{"metadata"}, wantDBR: true},
		{name: "old state when there are no old inputs", olds: base, news: configMap("", "cfg", map[string]any{"k": "w"}),
			useStateOnly: true, wantChanges: pulumirpc.DiffResponse_DIFF_SOME, wantDiffs: []string{"data"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := &pulumirpc.DiffRequest{
				Urn: urnFor("kubernetes:core/v1:ConfigMap", "cfg"), News: toStruct(t, tc.news), IgnoreChanges: tc.ignore,
			}
			if tc.useStateOnly {
				req.Olds = toStruct(t, tc.olds)
			} else {
				req.OldInputs = toStruct(t, tc.olds)
				req.Olds = toStruct(t, pm(map[string]any{"unrelated": "state"}))
			}
			resp, err := (&k8sProvider{}).Diff(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			diffs := append([]string(nil), resp.GetDiffs()...)
			sort.Strings(diffs)
			if resp.GetChanges() != tc.wantChanges || !reflect.DeepEqual(diffs, tc.wantDiffs) ||
				!reflect.DeepEqual(resp.GetReplaces(), tc.wantReplaces) || resp.GetDeleteBeforeReplace() != tc.wantDBR {
				t.Errorf("Diff = changes %v diffs %v replaces %v dbr %v; want %v %v %v %v",
					resp.GetChanges(), diffs, resp.GetReplaces(), resp.GetDeleteBeforeReplace(),
					tc.wantChanges, tc.wantDiffs, tc.wantReplaces, tc.wantDBR)
			}
			for _, k := range tc.wantDiffs {
				want := pulumirpc.PropertyDiff_UPDATE
				for _, r := range tc.wantReplaces {
					if r == k {
						want = pulumirpc.PropertyDiff_UPDATE_REPLACE
					}
				}
				if d := resp.GetDetailedDiff()[k]; d.GetKind() != want || !d.GetInputDiff() {
					t.Errorf("detailed diff %s = %v, want %v", k, d, want)
				}
			}
		})
	}
}

// ---------------------------------------------------------------- lifecycle

func TestCreateRendersFile(t *testing.T) {
	p, dir := configured(t, nil)
	obj := pm(map[string]any{
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]any{"name": "web", "namespace": "site", "labels": map[string]any{"app": "web"}},
		"spec":     map[string]any{"replicas": 3, "paused": false, "template": map[string]any{"spec": map[string]any{"containers": []any{map[string]any{"name": "c", "image": "nginx:1"}}}}},
	})
	resp := create(t, p, "kubernetes:apps/v1:Deployment", "web", obj)
	if resp.GetId() != "site/web" {
		t.Errorf("id = %q", resp.GetId())
	}
	if got := fromStruct(t, resp.GetProperties()); !got.DeepEquals(obj) {
		t.Errorf("outputs = %v, want the inputs", got)
	}
	if got := listFiles(t, dir); !reflect.DeepEqual(got, []string{"1-manifest/apps_v1-deployment-site-web.yaml"}) {
		t.Fatalf("files = %v", got)
	}
	path := filepath.Join(dir, "1-manifest", "apps_v1-deployment-site-web.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("rendered file is not YAML: %v\n%s", err, b)
	}
	want := map[string]any{
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]any{"name": "web", "namespace": "site", "labels": map[string]any{"app": "web"}},
		"spec": map[string]any{"replicas": 3.0, "paused": false, "template": map[string]any{"spec": map[string]any{
			"containers": []any{map[string]any{"name": "c", "image": "nginx:1"}}}}},
	}
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("rendered %#v\nwant %#v", doc, want)
	}
	if !strings.Contains(string(b), "replicas: 3\n") {
		t.Errorf("integral numbers should render without a fraction:\n%s", b)
	}
	// Files 0600, folders 0700 (both 0-crd and 1-manifest are created).
	for p, mode := range map[string]os.FileMode{
		path: 0o600, filepath.Join(dir, "1-manifest"): 0o700, filepath.Join(dir, "0-crd"): 0o700,
	} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, err %v; want %v", p, fi.Mode().Perm(), err, mode)
		}
	}
}

func TestCreateCRDGoesToCrdFolder(t *testing.T) {
	p, dir := configured(t, nil)
	create(t, p, "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "crd", pm(map[string]any{
		"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
		"metadata": map[string]any{"name": "widgets.example.com"},
	}))
	want := []string{"0-crd/apiextensions.k8s.io_v1-customresourcedefinition-default-widgets.example.com.yaml"}
	if got := listFiles(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("files = %v", got)
	}
}

func TestCreatePreviewWritesNothing(t *testing.T) {
	p, dir := configured(t, nil)
	obj := configMap("", "cfg", map[string]any{"k": "v"})
	resp, err := p.Create(context.Background(), &pulumirpc.CreateRequest{
		Urn: urnFor("kubernetes:core/v1:ConfigMap", "cfg"), Properties: toStruct(t, obj), Preview: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !fromStruct(t, resp.GetProperties()).DeepEquals(obj) {
		t.Errorf("preview outputs = %v", resp.GetProperties())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("preview created %s (err %v)", dir, err)
	}
}

func TestCreateWithUnknownFails(t *testing.T) {
	p, dir := configured(t, nil)
	obj := configMap("", "cfg", nil)
	obj["data"] = resource.NewProperty(resource.PropertyMap{"k": resource.MakeComputed(resource.NewProperty(""))})
	_, err := p.Create(context.Background(), &pulumirpc.CreateRequest{
		Urn: urnFor("kubernetes:core/v1:ConfigMap", "cfg"), Properties: toStruct(t, obj),
	})
	if err == nil || !strings.Contains(err.Error(), "data: k: value is unknown") {
		t.Errorf("err = %v", err)
	}
	if files := listFiles(t, dir); files != nil {
		t.Errorf("files written: %v", files)
	}
}

func TestCreateRejectsNameThatEscapesDirectory(t *testing.T) {
	base := t.TempDir()
	p := &k8sProvider{renderDir: filepath.Join(base, "a", "b")}
	_, err := p.Create(context.Background(), &pulumirpc.CreateRequest{
		Urn:        urnFor("kubernetes:core/v1:ConfigMap", "evil"),
		Properties: toStruct(t, configMap("", "x/../../../../escaped", nil)),
	})
	if err == nil {
		t.Error("Create: want an error for a name with '/'")
	}
	if files := listFiles(t, base); files != nil {
		t.Errorf("files written: %v", files)
	}
}

func TestUpdateRewritesAndMovesFile(t *testing.T) {
	ctx := context.Background()
	p, dir := configured(t, nil)
	const typ = "kubernetes:core/v1:ConfigMap"
	v1 := configMap("", "cfg", map[string]any{"k": "v1"})
	create(t, p, typ, "cfg", v1)

	// Same file: rewritten in place.
	v2 := configMap("", "cfg", map[string]any{"k": "v2"})
	resp, err := p.Update(ctx, &pulumirpc.UpdateRequest{
		Urn: urnFor(typ, "cfg"), Olds: toStruct(t, v1), News: toStruct(t, v2),
	})
	if err != nil || !fromStruct(t, resp.GetProperties()).DeepEquals(v2) {
		t.Fatalf("Update = %v, %v", resp, err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "1-manifest", "v1-configmap-default-cfg.yaml"))
	if !strings.Contains(string(b), "k: v2") {
		t.Errorf("file not rewritten:\n%s", b)
	}

	// Preview: nothing is written.
	v3 := configMap("", "cfg", map[string]any{"k": "v3"})
	if _, err := p.Update(ctx, &pulumirpc.UpdateRequest{
		Urn: urnFor(typ, "cfg"), Olds: toStruct(t, v2), News: toStruct(t, v3), Preview: true,
	}); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(dir, "1-manifest", "v1-configmap-default-cfg.yaml"))
	if !strings.Contains(string(b), "k: v2") {
		t.Errorf("preview rewrote the file:\n%s", b)
	}

	// A new apiVersion is an in-place update that moves the file.
	moved := v2.Copy()
	moved["apiVersion"] = resource.NewProperty("example.com/v2")
	if _, err := p.Update(ctx, &pulumirpc.UpdateRequest{
		Urn: urnFor(typ, "cfg"), Olds: toStruct(t, v2), News: toStruct(t, moved),
	}); err != nil {
		t.Fatal(err)
	}
	if got := listFiles(t, dir); !reflect.DeepEqual(got, []string{"1-manifest/example.com_v2-configmap-default-cfg.yaml"}) {
		t.Errorf("files after move = %v", got)
	}
}

func TestDeleteRemovesFile(t *testing.T) {
	ctx := context.Background()
	p, dir := configured(t, nil)
	const typ = "kubernetes:core/v1:ConfigMap"
	keep := configMap("other", "keep", nil)
	gone := configMap("", "gone", map[string]any{"k": "v"})
	create(t, p, typ, "keep", keep)
	resp := create(t, p, typ, "gone", gone)
	if _, err := p.Delete(ctx, &pulumirpc.DeleteRequest{
		Urn: urnFor(typ, "gone"), Id: resp.GetId(), Properties: resp.GetProperties(),
	}); err != nil {
		t.Fatal(err)
	}
	if got := listFiles(t, dir); !reflect.DeepEqual(got, []string{"1-manifest/v1-configmap-other-keep.yaml"}) {
		t.Errorf("files = %v", got)
	}
	// Deleting again (file already gone) is not an error.
	if _, err := p.Delete(ctx, &pulumirpc.DeleteRequest{
		Urn: urnFor(typ, "gone"), Properties: resp.GetProperties(),
	}); err != nil {
		t.Errorf("second Delete: %v", err)
	}
}

func TestReplaceSameFileDeleteFirst(t *testing.T) {
	// An immutable ConfigMap whose data changes: Diff asks for delete-before-replace,
	// so the engine deletes the old file, then creates the new one in the same place.
	ctx := context.Background()
	p, dir := configured(t, nil)
	const typ = "kubernetes:core/v1:ConfigMap"
	olds := configMap("", "cfg", map[string]any{"k": "v1"})
	olds["immutable"] = resource.NewProperty(true)
	news := olds.Copy()
	news["data"] = resource.NewProperty(pm(map[string]any{"k": "v2"}))
	created := create(t, p, typ, "cfg", olds)
	diff, err := p.Diff(ctx, &pulumirpc.DiffRequest{Urn: urnFor(typ, "cfg"), OldInputs: toStruct(t, olds), News: toStruct(t, news)})
	if err != nil || !diff.GetDeleteBeforeReplace() {
		t.Fatalf("Diff = %v, %v", diff, err)
	}
	if _, err := p.Delete(ctx, &pulumirpc.DeleteRequest{Urn: urnFor(typ, "cfg"), Properties: created.GetProperties()}); err != nil {
		t.Fatal(err)
	}
	create(t, p, typ, "cfg", news)
	b, _ := os.ReadFile(filepath.Join(dir, "1-manifest", "v1-configmap-default-cfg.yaml"))
	if !strings.Contains(string(b), "k: v2") {
		t.Errorf("file after replace:\n%s", b)
	}
}

func TestReadWithoutStateIsUnsupported(t *testing.T) {
	p := &k8sProvider{}
	if _, err := p.Read(context.Background(), &pulumirpc.ReadRequest{Id: "ns/x"}); err == nil {
		t.Error("import: want an error")
	}
	props := toStruct(t, configMap("", "x", nil))
	resp, err := p.Read(context.Background(), &pulumirpc.ReadRequest{Id: "x", Properties: props, Inputs: props})
	if err != nil || resp.GetId() != "x" || !fromStruct(t, resp.GetProperties()).DeepEquals(configMap("", "x", nil)) {
		t.Errorf("refresh: %v, %v", resp, err)
	}
}

func TestConstructIsUnsupported(t *testing.T) {
	if _, err := (&k8sProvider{}).Construct(context.Background(), &pulumirpc.ConstructRequest{}); err == nil {
		t.Error("Construct: want an error")
	}
}

// ---------------------------------------------------------------- secrets and logs

func TestSecretIsWarnedAboutAndNeverLogged(t *testing.T) {
	eng, host := startEngine(t)
	p, dir := configured(t, host)
	const (
		typ       = "kubernetes:core/v1:Secret"
		plaintext = "hunter2-plaintext"
		encoded   = "aHVudGVyMi1iYXNlNjQ=" // base64, as data values are
	)
	secret := resource.PropertyMap{
		"apiVersion": resource.NewProperty("v1"),
		"kind":       resource.NewProperty("Secret"),
		"metadata":   resource.NewProperty(pm(map[string]any{"name": "db", "namespace": "prod"})),
		"data":       resource.MakeSecret(resource.NewProperty(pm(map[string]any{"password": encoded}))),
		"stringData": resource.MakeSecret(resource.NewProperty(pm(map[string]any{"token": plaintext}))),
	}
	resp := create(t, p, typ, "db", secret)
	path := filepath.Join(dir, "1-manifest", "v1-secret-prod-db.yaml")

	// The state keeps the data secret.
	out := fromStruct(t, resp.GetProperties())
	if !out["data"].IsSecret() || !out["stringData"].IsSecret() {
		t.Errorf("outputs lost secretness: %v", out)
	}
	// The file is plaintext, as upstream's renderYamlToDirectory is.
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), encoded) || !strings.Contains(string(b), plaintext) {
		t.Errorf("rendered file:\n%s", b)
	}

	// Update and Delete log too.
	upd := secret.Copy()
	upd["stringData"] = resource.MakeSecret(resource.NewProperty(pm(map[string]any{"token": plaintext + "-2"})))
	if _, err := p.Update(context.Background(), &pulumirpc.UpdateRequest{
		Urn: urnFor(typ, "db"), Olds: resp.GetProperties(), News: toStruct(t, upd),
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Delete(context.Background(), &pulumirpc.DeleteRequest{
		Urn: urnFor(typ, "db"), Properties: toStruct(t, upd),
	}); err != nil {
		t.Fatal(err)
	}

	var warnings, statuses int
	for _, l := range eng.messages() {
		for _, leak := range []string{plaintext, encoded, "hunter2"} {
			if strings.Contains(l.GetMessage(), leak) {
				t.Errorf("log message leaks secret data: %q", l.GetMessage())
			}
		}
		if l.GetUrn() != urnFor(typ, "db") {
			t.Errorf("log for urn %q", l.GetUrn())
		}
		switch {
		case l.GetSeverity() == pulumirpc.LogSeverity_WARNING && !l.GetEphemeral():
			warnings++
			if l.GetMessage() != "rendered file "+path+" contains a secret value in plaintext" {
				t.Errorf("warning = %q", l.GetMessage())
			}
		case l.GetSeverity() == pulumirpc.LogSeverity_INFO && l.GetEphemeral():
			statuses++
		default:
			t.Errorf("unexpected log %v", l)
		}
	}
	if warnings != 2 || statuses != 3 { // create + update warn; rendered, rendered, deleted
		t.Errorf("warnings %d, statuses %d; logs %v", warnings, statuses, eng.messages())
	}
}

func TestNoWarningWithoutSecrets(t *testing.T) {
	eng, host := startEngine(t)
	p, dir := configured(t, host)
	create(t, p, "kubernetes:core/v1:ConfigMap", "cfg", configMap("", "cfg", map[string]any{"k": "v"}))
	logs := eng.messages()
	want := "rendered " + filepath.Join(dir, "1-manifest", "v1-configmap-default-cfg.yaml")
	if len(logs) != 1 || logs[0].GetSeverity() != pulumirpc.LogSeverity_INFO || !logs[0].GetEphemeral() ||
		logs[0].GetMessage() != want {
		t.Errorf("logs = %v", logs)
	}
}

// ---------------------------------------------------------------- kubernetes:yaml:decode

// Documents are converted as kubectl and upstream convert them (sigs.k8s.io/yaml,
// YAML 1.1): unquoted dates stay strings, numeric keys become string keys,
// yes/no are booleans; empty documents are skipped and kind: List is flattened.
func TestInvokeDecode(t *testing.T) {
	text := `
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  labels: &labels {app: a}
  annotations: *labels
data:
  date: 2024-01-02
  flag: yes
  quoted: "1"
  9000: default/svc:8080
---
# only a comment
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: b}
  spec: {ports: [{port: 80}]}
- apiVersion: v1
  kind: Namespace
  metadata: {name: c}
`
	resp, err := (&k8sProvider{}).Invoke(context.Background(), &pulumirpc.InvokeRequest{
		Tok: "kubernetes:yaml:decode", Args: toStruct(t, pm(map[string]any{"text": text})),
	})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(fromStruct(t, resp.GetReturn()).Mappable())
	want := `{"result":[` +
		`{"apiVersion":"v1","data":{"9000":"default/svc:8080","date":"2024-01-02","flag":true,"quoted":"1"},` +
		`"kind":"ConfigMap","metadata":{"annotations":{"app":"a"},"labels":{"app":"a"},"name":"a"}},` +
		`{"apiVersion":"v1","kind":"Service","metadata":{"name":"b"},"spec":{"ports":[{"port":80}]}},` +
		`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"c"}}]}`
	if string(b) != want {
		t.Errorf("decode =\n%s\nwant\n%s", b, want)
	}

	if _, err := (&k8sProvider{}).Invoke(context.Background(), &pulumirpc.InvokeRequest{
		Tok: "kubernetes:yaml:decode", Args: toStruct(t, pm(map[string]any{"text": "a: [unclosed"})),
	}); err == nil || !strings.Contains(err.Error(), "decoding YAML") {
		t.Errorf("bad YAML: %v", err)
	}
	if _, err := (&k8sProvider{}).Invoke(context.Background(), &pulumirpc.InvokeRequest{
		Tok: "kubernetes:helm:template", Args: toStruct(t, pm(map[string]any{})),
	}); err == nil || !strings.Contains(err.Error(), "not supported") {
		t.Errorf("other function: %v", err)
	}
}

func TestDecodeYAMLEmpty(t *testing.T) {
	for _, text := range []string{"", "---\n", "# nothing\n---\n---\n"} {
		docs, err := decodeYAML(text)
		if err != nil || len(docs) != 0 {
			t.Errorf("decodeYAML(%q) = %v, %v", text, docs, err)
		}
	}
}

// ---------------------------------------------------------------- plugin surface

func TestPluginInfoAndSchema(t *testing.T) {
	p := &k8sProvider{}
	info, err := p.GetPluginInfo(context.Background(), &emptypb.Empty{})
	if err != nil || info.GetVersion() != Version {
		t.Errorf("GetPluginInfo = %v, %v", info, err)
	}
	hs, err := p.Handshake(context.Background(), &pulumirpc.ProviderHandshakeRequest{})
	if err != nil || !hs.GetAcceptSecrets() || !hs.GetAcceptResources() {
		t.Errorf("Handshake = %v, %v", hs, err)
	}
	s, err := p.GetSchema(context.Background(), &pulumirpc.GetSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Name   string `json:"name"`
		Config struct {
			Variables map[string]any `json:"variables"`
		} `json:"config"`
	}
	if err := json.Unmarshal([]byte(s.GetSchema()), &schema); err != nil || schema.Name != "kubernetes" ||
		schema.Config.Variables["renderYamlToDirectory"] == nil {
		t.Errorf("schema = %s (%v)", s.GetSchema(), err)
	}
}
