/** A problem found in the inventory, located at a file, line and column, with the path of the field. */
export interface Problem {
  /** File the problem is in, relative to the working directory when it was loaded. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** Dotted path of the field, e.g. `halls[0].racks[1].count`; empty for the document itself. */
  readonly path: string;
  /** What is wrong, in words a reviewer can act on. */
  readonly message: string;
}

/** A path into a document: keys and array indices. */
export type FieldPath = readonly (string | number)[];

/** `halls[0].racks[1].count` for `["halls", 0, "racks", 1, "count"]`. */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}

/** `FILE:LINE:COL: <path>: message`, the form editors and CI annotations understand. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path === "" ? "(document)" : p.path}: ${p.message}`;
}

/** What ordering needs of a problem or a policy violation. */
type Located = Pick<Problem, "file" | "line" | "column" | "message">;

/** Orders problems (and anything located like them) by file, then line, then column, then message, so output is stable. */
export function compareProblems(a: Located, b: Located): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
