/**
 * A test CA for the simulated BMCs, made with openssl: one CA per lab directory, one certificate
 * per BMC address (subjectAltName IP), so a client trusts the lab's BMCs through their CA bundle
 * alone, per BMC, and never turns verification off. Lab-only keys, mode 600, under DIR/bmc/ca/.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The CA of one lab directory. */
export interface LabCa {
  readonly dir: string;
  /** PEM file of the CA certificate: the bundle a client of these BMCs trusts. */
  readonly caFile: string;
  /** The same, as text. */
  readonly caBundle: string;
}

/** A certificate and key issued for one address. */
export interface IssuedCertificate {
  readonly certFile: string;
  readonly keyFile: string;
}

/** Makes the CA under `dir` unless it exists already (a restart keeps the bundle clients hold). */
export function labCa(dir: string): LabCa {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caFile = join(dir, "ca.pem");
  const keyFile = join(dir, "ca.key");
  if (!existsSync(caFile) || !existsSync(keyFile)) {
    openssl([
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      keyFile,
      "-out",
      caFile,
      "-days",
      "30",
      "-subj",
      "/CN=gigafactory lab BMC CA (test only)",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    chmodSync(keyFile, 0o600);
  }
  return { dir, caFile, caBundle: readFileSync(caFile, "utf8") };
}

/** Issues (or keeps) a server certificate for the IP address `ip`, signed by `ca`. */
export function issueCertificate(ca: LabCa, ip: string): IssuedCertificate {
  const certFile = join(ca.dir, `${ip}.pem`);
  const keyFile = join(ca.dir, `${ip}.key`);
  if (existsSync(certFile) && existsSync(keyFile)) return { certFile, keyFile };
  const csr = join(ca.dir, `${ip}.csr`);
  const ext = join(ca.dir, `${ip}.ext`);
  openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", keyFile, "-out", csr, "-subj", `/CN=${ip}`]);
  writeFileSync(ext, `subjectAltName=IP:${ip}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n`);
  const caKey = join(ca.dir, "ca.key");
  openssl(["x509", "-req", "-in", csr, "-CA", ca.caFile, "-CAkey", caKey, "-CAcreateserial", "-out", certFile, "-days", "30", "-extfile", ext]);
  chmodSync(keyFile, 0o600);
  return { certFile, keyFile };
}

function openssl(args: readonly string[]): void {
  const r = spawnSync("openssl", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.error?.message ?? r.stderr.trim()}`);
}
