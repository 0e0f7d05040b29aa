import type { EvaluatedChange, Evaluation } from "../policy/evaluation.js";
import type { Finding } from "../types.js";
import { JsonList, jsonPieces } from "./json-pieces.js";

/** `anomaly-not-assessed` names its advisory: `advisory: { id, aliases, severity, url }`. */
function advisoryOf(finding: Finding): { advisory?: Finding["advisory"] } {
  return finding.advisory ? { advisory: { id: finding.advisory.id, aliases: finding.advisory.aliases, severity: finding.advisory.severity, url: finding.advisory.url } } : {};
}

/**
 * The stable JSON form of `soup-gate check --format json`. Keys are fixed and documented in the README; `in_scope` and
 * `out_of_scope_reason` say why a change carries no findings.
 */
export function renderJson(evaluation: Evaluation): string {
  return [...renderJsonChunks(evaluation)].join("");
}

/** The same JSON in pieces, for the command line to write as it goes. */
export function renderJsonChunks(evaluation: Evaluation): Generator<string> {
  return jsonPieces({
    conclusion: evaluation.conclusion,
    changes: new JsonList(evaluation.changes, changeJson),
    findings: new JsonList(evaluation.findings, (f: Finding) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      path: f.path ?? null,
      line: f.line ?? null,
      ...advisoryOf(f),
    })),
    digest: evaluation.digest,
  });
}

function changeJson(c: EvaluatedChange) {
  return {
    ecosystem: c.ecosystem,
    name: c.name,
    from: c.from,
    to: c.to,
    change: c.kind,
    lockfile: c.lockfile,
    line: c.line,
    direct: c.direct,
    dev: c.dev,
    in_scope: c.inScope,
    ...(c.outOfScopeReason ? { out_of_scope_reason: c.outOfScopeReason } : {}),
    record: c.record ?? null,
    // A record that is one row of a SOUP list is named by its file and the row's line.
    record_line: c.recordLine ?? null,
    findings: c.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, ...advisoryOf(f) })),
  };
}
