import type { EvaluatedChange, Evaluation } from "../policy/evaluation.js";
import type { Finding } from "../types.js";
import { describeAnomalies } from "./describe-anomalies.js";
import { changeStatus, describeVersions } from "./describe-change.js";
import { joinLines } from "./join-lines.js";
import { verdict } from "./verdict.js";

const MARK = { failure: "✗", warning: "!", ok: "✓", "not-checked": "·" } as const;

/** What a developer reads in a terminal: the verdict, then each lockfile's changes with what to do. */
export function renderText(evaluation: Evaluation): string {
  return [...renderTextChunks(evaluation)].join("");
}

/** The same report in pieces, for the command line to write as it goes (see `joinLines`). */
export function renderTextChunks(evaluation: Evaluation): Generator<string> {
  return joinLines(textLines(evaluation));
}

function* textLines(evaluation: Evaluation): Generator<string> {
  yield verdict(evaluation);
  yield "";
  const byLockfile = new Map<string, EvaluatedChange[]>();
  for (const change of evaluation.changes) {
    const list = byLockfile.get(change.lockfile);
    if (list) list.push(change);
    else byLockfile.set(change.lockfile, [change]);
  }

  // Keys, not a scan of what was shown for each finding: a report of 100,000 changes stays linear.
  const shown = new Set<string>();
  for (const [lockfile, changes] of byLockfile) {
    yield lockfile;
    // What the policy checks comes first; what it does not check follows, so the to-do list is on top.
    for (const change of [...changes.filter((c) => c.inScope), ...changes.filter((c) => !c.inScope)]) {
      const status = changeStatus(change);
      const scope = change.inScope ? "" : `  (not checked: ${change.outOfScopeReason})`;
      const record = change.record ? `  record ${change.record}${change.recordLine ? `:${change.recordLine}` : ""}` : "";
      const anomalies = change.anomalies ? `  anomalies: ${describeAnomalies(change)}` : "";
      yield `  ${MARK[status]} ${change.name} ${describeVersions(change)}  line ${change.line}${record}${anomalies}${scope}`;
      for (const finding of change.findings) {
        shown.add(findingKey(finding));
        yield `      ${finding.severity} ${finding.code}: ${indent(finding.message)}`;
      }
    }
    yield "";
  }
  const rest = evaluation.findings.filter((f) => !shown.has(findingKey(f)));
  if (rest.length > 0) {
    yield "Other findings";
    for (const f of rest) yield `  ${f.severity} ${f.code}${f.path ? ` ${f.path}${f.line ? `:${f.line}` : ""}` : ""}: ${indent(f.message)}`;
    yield "";
  }
  if (evaluation.configChanged) {
    yield "Note: this change edits .github/soup.yml; the new policy applies once it is merged.";
    yield "";
  }
}

function findingKey(f: Finding): string {
  return `${f.code}\0${f.path ?? ""}\0${f.message}`;
}

function indent(message: string): string {
  return message.replace(/\n/g, "\n        ");
}
