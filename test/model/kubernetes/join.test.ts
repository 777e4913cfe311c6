import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { apiServerEndpoint, bootstrapTokenSecret, BOOTSTRAP_GROUP, caCertHash, joinFromKubeconfig, parseBootstrapToken } from "../../../model/kubernetes/join";

/** A throwaway CA (P-256) and its hash as kubeadm's documentation computes it: `openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum`. */
const CA = readFileSync(join(__dirname, "..", "..", "fixtures", "join", "ca.crt"), "utf8");
const CA_HASH = "sha256:ed54b88edb46530549933ba1a0a8a7b6bc969fd6d81a37091d242fb4e84dd493";
const TOKEN = "q7k2m9.x4c8v1b6n3p5r0t2";

function kubeconfig(server: string, ca: string | null = CA): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    "current-context": "admin@lab",
    contexts: [{ name: "admin@lab", context: { cluster: "lab", user: "admin" } }],
    clusters: [{ name: "lab", cluster: { server, ...(ca ? { "certificate-authority-data": Buffer.from(ca).toString("base64") } : {}) } }],
    users: [{ name: "admin", user: { token: "admin-secret-token" } }],
  });
}

describe("cluster join inputs", () => {
  it("hash the CA's public key as kubeadm does", () => {
    assert.equal(caCertHash(CA), CA_HASH);
  });

  it("take the endpoint and CA hash from the kubeconfig's current cluster", () => {
    assert.deepEqual(joinFromKubeconfig(kubeconfig("https://10.250.1.100:6443")), { apiServerEndpoint: "10.250.1.100:6443", caCertHash: CA_HASH });
    assert.equal(apiServerEndpoint("https://api.riga-1.example"), "api.riga-1.example:443");
  });

  it("refuse a kubeconfig without a CA or with a plain-HTTP server, quoting no credential", () => {
    assert.throws(() => joinFromKubeconfig(kubeconfig("https://10.250.1.100:6443", null)), {
      message: "the kubeconfig's cluster [lab] has no certificate-authority-data (the join needs the CA's hash)",
    });
    assert.throws(() => joinFromKubeconfig(kubeconfig("http://10.250.1.100:8080")), {
      message: 'the cluster\'s server should be an https:// URL; got "http://10.250.1.100:8080"',
    });
  });

  it("make the bootstrap-token Secret kubeadm's nodes authenticate with", () => {
    assert.deepEqual(bootstrapTokenSecret(TOKEN), {
      metadata: { name: "bootstrap-token-q7k2m9", namespace: "kube-system" },
      type: "bootstrap.kubernetes.io/token",
      stringData: {
        "token-id": "q7k2m9",
        "token-secret": "x4c8v1b6n3p5r0t2",
        "usage-bootstrap-authentication": "true",
        "usage-bootstrap-signing": "true",
        "auth-extra-groups": BOOTSTRAP_GROUP,
      },
    });
  });

  it("refuse a malformed token without quoting it", () => {
    assert.throws(
      () => parseBootstrapToken("Q7K2M9.secret-value-here"),
      (e: Error) => !e.message.includes("secret-value") && /^the bootstrap token should be <6 of \[a-z0-9\]>\.<16 of \[a-z0-9\]>/.test(e.message),
    );
  });
});
