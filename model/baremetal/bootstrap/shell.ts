/** Quoting for POSIX shell words, for the commands the bootstrap renders. */

/** Quotes a word for a POSIX shell (bare when it holds only safe characters). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line of quoted words. */
export function shellLine(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
