/**
 * A YAML file read with its positions, so that any field path (from ajv or a semantic check) can be
 * turned into the line and column where a reviewer should look.
 */
import { readFileSync } from "node:fs";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { formatPath, type FieldPath, type Problem } from "./problem";

export class SourceFile {
  /** Parsed plain data (undefined when the file could not be parsed). */
  readonly data: unknown;
  /** YAML syntax problems; when non-empty, `data` is not to be trusted. */
  readonly syntaxProblems: readonly Problem[];

  private constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {
    this.syntaxProblems = [...doc.errors, ...doc.warnings].map((e) => {
      const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
      return { file, line: pos.line, column: pos.col, path: "", message: `YAML: ${firstLine(e.message)}` };
    });
    this.data = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  }

  /** Parses `text` as the contents of `file`. */
  static parse(file: string, text: string): SourceFile {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    return new SourceFile(file, doc, lines);
  }

  /** Reads and parses `file`. */
  static read(file: string): SourceFile {
    return SourceFile.parse(file, readFileSync(file, "utf8"));
  }

  /**
   * A problem at `path`. When the path leads past what the document holds (a missing key), the
   * deepest existing ancestor is reported, which is where the key belongs. `at` chooses, for a
   * field of a mapping, between its key (unknown or missing fields) and its value (wrong values).
   */
  problem(path: FieldPath, message: string, at: "key" | "value" = "value"): Problem {
    const { line, col } = this.position(path, at);
    return { file: this.file, line, column: col, path: formatPath(path), message };
  }

  private position(path: FieldPath, at: "key" | "value"): { line: number; col: number } {
    let node: Node | null | undefined = this.doc.contents;
    let offset = node?.range?.[0] ?? 0;
    for (const [i, key] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) break;
        node = pair.value as Node | null;
        const keyOffset = (pair.key as Node).range?.[0] ?? offset;
        offset = at === "key" && i === path.length - 1 ? keyOffset : (node?.range?.[0] ?? keyOffset);
      } else if (isSeq(node) && typeof key === "number" && key < node.items.length) {
        node = node.items[key] as Node | null;
        offset = node?.range?.[0] ?? offset;
      } else {
        break;
      }
    }
    return this.lines.linePos(offset);
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
