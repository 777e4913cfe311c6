/**
 * Parsers of option values for commander. A bad value throws commander's `InvalidArgumentError`,
 * which commander reports as `error: option '--format <format>' argument 'xml' is invalid. …` and
 * the entry point turns into exit 2.
 */
import { InvalidArgumentError } from "commander";

/** Parses a value that must be one of `choices`; `what` names it in the message (`format`). */
export function choiceOption<const C extends readonly string[]>(what: string, choices: C): (value: string) => C[number] {
  return (value: string): C[number] => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`${what} must be one of: ${choices.join(", ")} (got "${value}")`);
    return value as C[number];
  };
}

/** Parses a positive number of seconds (`--wait 30`, `--wait 0.5`). */
export function secondsOption(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new InvalidArgumentError(`must be a positive number of seconds (got "${value}")`);
  return n;
}

/** Parses a calendar year (`--year 2025`). */
export function yearOption(value: string): number {
  const n = Number(value);
  if (!/^\d{4}$/.test(value) || n < 2000 || n > 2100) throw new InvalidArgumentError(`must be a calendar year from 2000 to 2100 (got "${value}")`);
  return n;
}
