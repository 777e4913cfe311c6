/**
 * A real S3-compatible object server for the tests: versitygw (tools/build-ci.sh) with its POSIX
 * back end in a temp folder, on a free loopback port, with throwaway keys. Pulumi's DIY backend
 * talks to it as it would to any S3 store, through `s3://<bucket>?endpoint=…`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT } from "./engine";

/** Where tools/build-ci.sh puts versitygw. */
export const VERSITYGW = join(ROOT, ".tools", "ci", "bin", "versitygw");

/** A running server: its backend URL for a bucket, the keys, and the folder behind it. */
export interface S3Server {
  /** The Pulumi backend URL of `bucket` on this server. */
  backendUrl(bucket: string): string;
  /** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for it. */
  readonly env: { readonly AWS_ACCESS_KEY_ID: string; readonly AWS_SECRET_ACCESS_KEY: string; readonly AWS_REGION: string };
  /** The folder holding the buckets (one sub-folder per bucket). */
  readonly root: string;
  /** Makes a bucket. */
  createBucket(bucket: string): void;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts versitygw on loopback and waits until it answers. */
export async function startS3Server(): Promise<S3Server> {
  if (!existsSync(VERSITYGW)) throw new Error(`${VERSITYGW} is missing: run bash tools/build-ci.sh`);
  const dir = mkdtempSync(join(tmpdir(), "gigafactory-s3-"));
  const root = join(dir, "buckets");
  mkdirSync(root);
  const port = await freePort();
  const env = {
    AWS_ACCESS_KEY_ID: `gf${randomBytes(6).toString("hex")}`,
    AWS_SECRET_ACCESS_KEY: randomBytes(18).toString("base64url"),
    AWS_REGION: "us-east-1",
  };
  const log = join(dir, "versitygw.log");
  const child: ChildProcess = spawn(
    "bash",
    [
      "-c",
      `exec "$0" --port "127.0.0.1:$1" --access "$AWS_ACCESS_KEY_ID" --secret "$AWS_SECRET_ACCESS_KEY" posix "$2" >"$3" 2>&1`,
      VERSITYGW,
      String(port),
      root,
      log,
    ],
    { env: { ...process.env, ...env }, stdio: "ignore" },
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`versitygw exited with ${child.exitCode}: ${readFileSync(log, "utf8")}`);
    const up = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (i > 200) {
      await stop();
      throw new Error("versitygw did not answer within 10 s");
    }
    await sleep(50);
  }
  return {
    backendUrl: (bucket) => `s3://${bucket}?endpoint=http://127.0.0.1:${port}&use_path_style=true&region=${env.AWS_REGION}`,
    env,
    root,
    createBucket: (bucket) => mkdirSync(join(root, bucket)),
    stop,
  };
}
