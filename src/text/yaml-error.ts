/** What a YAML parser's error says: js-yaml names the line 0-based in `mark.line` and the cause in `reason`. */
export interface YamlError {
  /** 1-based line of the parsed text, when the parser named one. */
  line?: number;
  reason: string;
}

/** Reads any error a YAML parser threw (js-yaml, or a stack overflow on hostile input) the same way. */
export function describeYamlError(error: unknown): YamlError {
  const { mark, reason } = (error ?? {}) as { mark?: { line?: unknown }; reason?: unknown };
  const text = typeof reason === "string" ? reason : (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
  return typeof mark?.line === "number" ? { line: mark.line + 1, reason: text } : { reason: text };
}
