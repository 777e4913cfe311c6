/**
 * Throwaway certificates for a loopback control plane, made with the `openssl` command line
 * (Node can sign nothing itself). Every key and certificate lives in the cluster's own directory,
 * mode 600, and dies with it. Valid one year: Kueue's certificate rotator renews anything that
 * expires within 90 days.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A key pair on disk. */
export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

/** The files of a cluster's PKI. */
export interface ClusterPki {
  /** Signs the serving certificates of the control plane and the admin's client certificate. */
  readonly ca: KeyPair;
  /** Serving certificate for 127.0.0.1 and localhost: kube-apiserver, controller-manager, scheduler. */
  readonly serving: KeyPair;
  /** Client certificate of the admin (group system:masters) every component and test uses. */
  readonly admin: KeyPair;
  /** Service-account token signing key (private) and its public half. */
  readonly serviceAccount: { readonly key: string; readonly pub: string };
  /** Kueue's webhook CA: its certificate rotator wants the name `kueue-ca` and PKCS#1 RSA keys. */
  readonly kueueCa: KeyPair;
  /** Kueue's webhook serving certificate: its service's DNS name (the rotator checks it) and 127.0.0.1. */
  readonly kueueServing: KeyPair;
}

const DAYS = "365";

function openssl(dir: string, args: readonly string[]): void {
  try {
    execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer };
    if (err.code === "ENOENT") throw new Error("openssl not found on PATH; install it (Debian: apt-get install -y openssl)", { cause: e });
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString().trim() ?? String(e)}`, { cause: e });
  }
}

function privateFiles(...files: string[]): void {
  for (const f of files) chmodSync(f, 0o600);
}

/** A self-signed CA. `rsa` makes a PKCS#1 RSA key (Kueue's rotator parses only those), else P-256. */
function makeCa(dir: string, name: string, subject: string, extra: readonly string[], rsa: boolean): KeyPair {
  const pair = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  if (rsa) openssl(dir, ["genrsa", "-traditional", "-out", pair.key, "2048"]);
  else openssl(dir, ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", pair.key]);
  openssl(dir, [
    "req",
    "-x509",
    "-new",
    "-key",
    pair.key,
    "-out",
    pair.cert,
    "-days",
    DAYS,
    "-subj",
    subject,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
    ...extra,
  ]);
  privateFiles(pair.key, pair.cert);
  return pair;
}

/** A leaf certificate signed by `ca` with the given extensions (an openssl extfile's lines). */
function makeLeaf(dir: string, name: string, ca: KeyPair, subject: string, extensions: readonly string[], rsa: boolean): KeyPair {
  const pair = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  if (rsa) openssl(dir, ["genrsa", "-traditional", "-out", pair.key, "2048"]);
  else openssl(dir, ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", pair.key]);
  openssl(dir, ["req", "-new", "-key", pair.key, "-out", csr, "-subj", subject]);
  writeFileSync(ext, `${extensions.join("\n")}\n`);
  openssl(dir, ["x509", "-req", "-in", csr, "-CA", ca.cert, "-CAkey", ca.key, "-CAcreateserial", "-days", DAYS, "-out", pair.cert, "-extfile", ext]);
  privateFiles(pair.key, pair.cert);
  return pair;
}

/** The DNS name Kueue's rotator checks its serving certificate against: `<service>.<namespace>.svc`. */
export function kueueServiceDnsName(service: string, namespace: string): string {
  return `${service}.${namespace}.svc`;
}

/** Makes every key and certificate of a cluster under `dir` (which must exist). */
export function makePki(dir: string, kueueDnsName: string): ClusterPki {
  const ca = makeCa(dir, "ca", "/CN=gigafactory-lab-ca", [], false);
  const serving = makeLeaf(
    dir,
    "serving",
    ca,
    "/CN=127.0.0.1",
    [
      "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
    ],
    false,
  );
  const admin = makeLeaf(
    dir,
    "admin",
    ca,
    "/O=system:masters/CN=gigafactory-admin",
    ["keyUsage=critical,digitalSignature,keyEncipherment", "extendedKeyUsage=clientAuth"],
    false,
  );
  const serviceAccount = { key: join(dir, "service-account.key"), pub: join(dir, "service-account.pub") };
  openssl(dir, ["genrsa", "-out", serviceAccount.key, "2048"]);
  openssl(dir, ["rsa", "-in", serviceAccount.key, "-pubout", "-out", serviceAccount.pub]);
  privateFiles(serviceAccount.key, serviceAccount.pub);
  const kueueCa = makeCa(dir, "kueue-ca", "/O=kueue/CN=kueue-ca", ["-addext", "subjectAltName=DNS:kueue-ca"], true);
  const kueueServing = makeLeaf(
    dir,
    "kueue-webhook",
    kueueCa,
    `/CN=${kueueDnsName}`,
    [`subjectAltName=DNS:${kueueDnsName},IP:127.0.0.1`, "keyUsage=critical,digitalSignature,keyEncipherment", "extendedKeyUsage=serverAuth"],
    true,
  );
  return { ca, serving, admin, serviceAccount, kueueCa, kueueServing };
}
