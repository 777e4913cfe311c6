/** What the BMC clients scrub from error text, and how a Retry-After is read. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { retryAfterMs } from "../../bmc/http";
import { REDACTED, Scrubber } from "../../bmc/scrub";

describe("Scrubber", () => {
  const scrubber = new Scrubber();
  scrubber.add("hunter2-secret");
  scrubber.add("dXNlcjpodW50ZXIy");

  const cases: [string, string, string][] = [
    ["a known secret anywhere", "password hunter2-secret was wrong", `password ${REDACTED} was wrong`],
    ["a known secret URL-encoded", "p=hunter2-secret%21", `p=${REDACTED}%21`],
    ["an echoed Authorization header, whatever its value", "you sent Authorization: Basic Zm9vOmJhcg== ok", `you sent Authorization: ${REDACTED} ok`],
    ["an echoed X-Auth-Token", "X-Auth-Token: 0123abcd, later", `X-Auth-Token: ${REDACTED}, later`],
    ["a password field in JSON", '{"UserName": "a", "Password": "pw1"}', `{"UserName": "a", "Password": "${REDACTED}"}`],
    ["an empty header, without eating the next one", "Authorization:  X-Auth-Token: tok", `Authorization:  X-Auth-Token: ${REDACTED}`],
  ];
  for (const [what, text, scrubbed] of cases) {
    it(`replaces ${what}`, () => assert.equal(scrubber.scrub(text), scrubbed));
  }

  it("leaves no added secret in any text", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), fc.string(), fc.string(), (secret, before, after) => {
        const s = new Scrubber();
        s.add(secret);
        return !s.scrub(`${before}${secret}${after}`).includes(secret) || `${before}${after}`.includes(secret) || REDACTED.includes(secret);
      }),
    );
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates, and nothing else", () => {
    const now = Date.parse("2026-12-02T09:00:00Z");
    assert.equal(retryAfterMs("3", now), 3000);
    assert.equal(retryAfterMs("Wed, 02 Dec 2026 09:00:05 GMT", now), 5000);
    assert.equal(retryAfterMs("Wed, 02 Dec 2026 08:00:00 GMT", now), 0);
    assert.equal(retryAfterMs("soon", now), undefined);
    assert.equal(retryAfterMs(undefined, now), undefined);
  });
});
