/**
 * Every command the project prints for a user to run: in the README (shell blocks and inline
 * code), in the lab's closing lines (tools/lab.sh), in `gigafactory --help` examples and in the
 * command line's own hints. The tests run each one, or at least check its command and flags.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./gigafactory";

/** A command as printed, and where. */
export interface PrintedCommand {
  readonly source: string;
  readonly text: string;
  /** The words, without leading `VAR=value` assignments. */
  readonly words: readonly string[];
}

/** Whether a command line is a synopsis with placeholders (`[--inventory DIR]`, `<on|off>`, `…`) rather than one to run. */
export function isSynopsis(text: string): boolean {
  return /[[\]<>|…]|\b[A-Z]{2,}\b/.test(text);
}

function command(source: string, text: string): PrintedCommand {
  const words = text.trim().split(/\s+/);
  while (words.length > 0 && /^[A-Z_]+=/.test(words[0]!)) words.shift();
  return { source, text: text.trim(), words };
}

const RUNS = /^(npx|npm) /;

/** The commands of a Markdown text: shell-block lines (comments dropped, `&&` split) and inline code spans. */
export function markdownCommands(source: string, markdown: string): PrintedCommand[] {
  const found: PrintedCommand[] = [];
  for (const block of markdown.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split("\n")) {
      for (const part of line.replace(/\s+#.*$/, "").split("&&")) if (RUNS.test(part.trim())) found.push(command(source, part));
    }
  }
  const prose = markdown.replace(/```[\s\S]*?```/g, "");
  for (const span of prose.matchAll(/`((?:npx|npm) [^`]+)`/g)) found.push(command(source, span[1]!.replace(/\\\|/g, "|")));
  return found;
}

/** The README's commands. */
export function readmeCommands(): PrintedCommand[] {
  return markdownCommands("README.md", readFileSync(join(ROOT, "README.md"), "utf8"));
}

/** The commands tools/lab.sh prints (`echo "… npm run …"`), with the lab stack's name filled in. */
export function labCommands(): PrintedCommand[] {
  const script = readFileSync(join(ROOT, "tools", "lab.sh"), "utf8");
  const stack = /^STACK=(\S+)$/m.exec(script)?.[1];
  if (stack === undefined) throw new Error("tools/lab.sh no longer sets STACK=");
  const found: PrintedCommand[] = [];
  for (const line of script.split("\n")) {
    const m = /^\s*echo "[^"]*?:\s+((?:npx|npm) [^"]*)"/.exec(line);
    if (m) found.push(command("tools/lab.sh", m[1]!.replace(/\$\{?STACK\}?/g, stack)));
  }
  return found;
}

/** The `$ …` example lines of a `--help` text. */
export function helpExamples(source: string, help: string): PrintedCommand[] {
  return [...help.matchAll(/^ {2}\$ (.+?)(?:\s+#.*)?$/gm)].map((m) => command(source, m[1]!));
}

/** Backquoted commands in a command's output (`run \`npx gigafactory stacks\` to regenerate`). */
export function outputHints(source: string, output: string): PrintedCommand[] {
  return [...output.matchAll(/`((?:npx|npm) [^`]+)`/g)].map((m) => command(source, m[1]!));
}
