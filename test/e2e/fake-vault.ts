/**
 * A stand-in for HashiCorp Vault's transit secrets engine on loopback, enough for Pulumi's
 * `hashivault://<key>` secrets provider (gocloud.dev/secrets/hashivault): `PUT
 * /v1/transit/encrypt/<key>` with `{ plaintext: base64 }` answers `{ data: { ciphertext } }`,
 * `PUT /v1/transit/decrypt/<key>` the reverse, both only with the right `X-Vault-Token`. The data
 * is encrypted (AES-256-GCM, a key per process), so a stack's secrets need this server and token.
 *
 * Run as a process of its own (the tests run the CLI synchronously): it prints
 * `http://127.0.0.1:<port>` once listening, and stops when its standard input closes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { createServer } from "node:http";

const token = process.env.FAKE_VAULT_TOKEN ?? "";
const key = randomBytes(32);

function encrypt(plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `vault:v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

function decrypt(ciphertext: string): Buffer {
  const raw = Buffer.from(ciphertext.replace(/^vault:v1:/, ""), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (d: Buffer) => (body += d.toString()));
  req.on("end", () => {
    const answer = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    if (!token || req.headers["x-vault-token"] !== token) return answer(403, { errors: ["permission denied"] });
    const m = /^\/v1\/transit\/(encrypt|decrypt)\/[\w-]+$/.exec(req.url ?? "");
    if (!m || (req.method !== "PUT" && req.method !== "POST")) return answer(404, { errors: [`no handler for ${req.method} ${req.url}`] });
    try {
      const input = JSON.parse(body) as { plaintext?: string; ciphertext?: string };
      if (m[1] === "encrypt") return answer(200, { data: { ciphertext: encrypt(Buffer.from(input.plaintext ?? "", "base64")) } });
      return answer(200, { data: { plaintext: decrypt(input.ciphertext ?? "").toString("base64") } });
    } catch (e) {
      return answer(400, { errors: [(e as Error).message] });
    }
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => server.close(() => process.exit(0)));
