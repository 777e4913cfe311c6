/**
 * Keeps secrets out of error text. A BMC may echo what it was sent (the `Authorization` header, a
 * session token) in an error body that we quote; every message a BMC client builds goes through a
 * {@link Scrubber} that knows that client's secrets.
 */

/** What replaces a secret in text. */
export const REDACTED = "***";

/** Header-shaped secrets whatever their value: `Authorization: Basic …`, `X-Auth-Token: …`, `"Password": "…"`. */
const SHAPES: readonly RegExp[] = [
  /(authorization["']?\s*[:=][ \t]*["']?)(?![A-Za-z-]+:)(?:(?:basic|bearer|digest|negotiate) +)?[^\s"',;)]+/gi,
  /(x-auth-token["']?\s*[:=][ \t]*["']?)(?![A-Za-z-]+:)[^\s"',;)]+/gi,
  /(["']?password["']?\s*[:=][ \t]*["']?)[^\s"',;)}]+/gi,
];

/** Replaces known secrets, and anything shaped like a credential header, by {@link REDACTED}. */
export class Scrubber {
  private readonly secrets = new Set<string>();

  /** Adds a secret (and its base64 and URL-encoded forms) to what is scrubbed; empty values are ignored. */
  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < 3) return;
    this.secrets.add(secret);
    this.secrets.add(encodeURIComponent(secret));
    this.secrets.add(JSON.stringify(secret).slice(1, -1));
  }

  /** `text` with every secret replaced. */
  scrub(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is replaced whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    for (const shape of SHAPES) out = out.replace(shape, (_m, head: string) => `${head}${REDACTED}`);
    return out;
  }
}
