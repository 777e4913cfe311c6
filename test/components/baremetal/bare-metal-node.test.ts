/** The power command line of a bare-metal node, pure: quoting that a POSIX shell reads back word for word. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { powerCommand, shellQuote } from "../../../components/baremetal/bare-metal-node";

/**
 * Runs every line through one `sh` and returns the words each line amounts to: `set -- LINE`
 * makes the shell split, unquote and expand the line as it would a command's arguments, and the
 * words come back NUL-separated (the one byte argv cannot hold), each line's preceded by its count.
 */
function wordsAfterShell(lines: readonly string[]): string[][] {
  const script = lines.map((line) => `set -- ${line}\nprintf '%s\\0' "$#" "$@"`).join("\n");
  const r = spawnSync("sh", ["-c", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.split("\0");
  const words: string[][] = [];
  for (let i = 0; words.length < lines.length;) {
    const count = Number(out[i]);
    words.push(out.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  return words;
}

/** Words a shell treats specially, mixed with anything else a string can hold (argv cannot carry NUL). */
const shellWord = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom("'", '"', "\\", "$", "`", " ", "\t", "\n", "*", "?", "[", "]", "!", ";", "&", "|", "<", ">", "(", ")", "{", "}", "~", "#", "=", "%", "-"),
      fc.constantFrom("ā", "ö", "€", "日", "🖥"),
      fc.string({ minLength: 1, maxLength: 1, unit: "grapheme-ascii" }),
    ),
    maxLength: 24,
  })
  .filter((w) => !w.includes("\0"));

describe("bare-metal node power command", () => {
  describe("shellQuote", () => {
    it("leaves a word of safe characters bare and single-quotes anything else", () => {
      assert.equal(shellQuote("redfish://10.0.0.1/redfish/v1/Systems/1"), "redfish://10.0.0.1/redfish/v1/Systems/1");
      assert.equal(shellQuote("--fallback"), "--fallback");
      assert.equal(shellQuote(""), "''");
      assert.equal(shellQuote("/opt/my checkout/bin"), "'/opt/my checkout/bin'");
      assert.equal(shellQuote("it's"), `'it'\\''s'`);
      assert.equal(shellQuote("$(reboot)"), "'$(reboot)'");
    });

    it("gives back, through sh, exactly the words it was given", () => {
      // One shell a run, 40 lines a shell: the property stays cheap enough for the edit-test loop.
      fc.assert(
        fc.property(fc.array(fc.array(shellWord, { maxLength: 6 }), { minLength: 40, maxLength: 40 }), (lines) => {
          assert.deepEqual(wordsAfterShell(lines.map((words) => words.map(shellQuote).join(" "))), lines);
        }),
        { numRuns: 10 },
      );
    });
  });

  describe("powerCommand", () => {
    it("runs `bmc power <state>` with the BMC and, when there is one, the fallback", () => {
      const cli = ["/usr/bin/node", "/srv/giga factory/bin/gigafactory.js"];
      const bmc = "redfish://10.0.0.34/redfish/v1/Systems/1";
      const fallback = "ipmi://10.0.0.34:623";
      assert.equal(
        powerCommand(cli, "on", bmc, fallback),
        `/usr/bin/node '/srv/giga factory/bin/gigafactory.js' bmc power on --bmc ${bmc} --fallback ${fallback}`,
      );
      assert.equal(powerCommand(cli, "off", bmc), `/usr/bin/node '/srv/giga factory/bin/gigafactory.js' bmc power off --bmc ${bmc}`);
      assert.equal(powerCommand(cli, "off", bmc, ""), powerCommand(cli, "off", bmc));
    });

    it("reaches the command line word for word, whatever the checkout path and URLs hold", () => {
      const node = fc.record({
        cli: fc.array(shellWord, { maxLength: 3 }),
        state: fc.constantFrom("on" as const, "off" as const),
        bmc: shellWord,
        fallback: fc.option(
          shellWord.filter((w) => w.length > 0),
          { nil: undefined },
        ),
      });
      fc.assert(
        fc.property(fc.array(node, { minLength: 40, maxLength: 40 }), (nodes) => {
          const expected = nodes.map(({ cli, state, bmc, fallback }) => [
            ...cli,
            "bmc",
            "power",
            state,
            "--bmc",
            bmc,
            ...(fallback !== undefined ? ["--fallback", fallback] : []),
          ]);
          assert.deepEqual(wordsAfterShell(nodes.map(({ cli, state, bmc, fallback }) => powerCommand(cli, state, bmc, fallback))), expected);
        }),
        { numRuns: 10 },
      );
    });
  });
});
