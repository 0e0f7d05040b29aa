import type { EvaluatedChange, Evaluation } from "../policy/evaluation.js";
import type { Finding, FindingCode, Severity } from "../types.js";
import { describeVersions } from "./describe-change.js";
import { FINDING_HELP } from "./finding-help.js";
import { renderMarkdown } from "./render-markdown.js";
import { bySeverity, passPhrase, plural } from "./verdict.js";
import { clip, clipBytes } from "../text/clip.js";

export const CHECK_RUN_NAME = "SOUP records";

/** GitHub's limits for check runs (REST "Update a check run"). */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
const MAX_SUMMARY = 65_535;
/** Annotation titles are documented up to 255 characters; the check's own title is kept as short. */
const MAX_TITLE = 255;
const MAX_ANNOTATION_MESSAGE_BYTES = 64 * 1024;
/** Beyond this, annotations cost more requests than they help; the summary still lists every change. */
export const MAX_ANNOTATIONS = 1000;

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: Severity;
  title: string;
  message: string;
}

/** The body of one `PATCH /check-runs/{id}`. */
export interface CheckRunUpdate {
  status: "in_progress" | "completed";
  conclusion?: "success" | "failure";
  external_id?: string;
  output: { title: string; summary: string; text?: string; annotations?: Annotation[] };
}

export interface CheckRunOptions {
  /** Blob URL of a repository path at the head commit (records elsewhere link to their repository). */
  link: (path: string, line?: number) => string;
  /** Whether a path can carry an annotation: it exists in the head commit of this repository. */
  annotatable: (path: string) => boolean;
  externalId: string;
}

/**
 * The updates that complete the check run for one evaluation, in sending order: annotations go 50 per
 * request (GitHub appends them), and only the last update completes the run, so the check is never seen
 * completed with annotations still missing.
 */
export function renderCheckRun(evaluation: Evaluation, options: CheckRunOptions): CheckRunUpdate[] {
  const all = annotations(evaluation, options.annotatable);
  const kept = all.slice(0, MAX_ANNOTATIONS);
  const output = {
    title: checkRunTitle(evaluation),
    summary: renderMarkdown(evaluation, { maxLength: MAX_SUMMARY, link: options.link }),
    ...(kept.length < all.length ? { text: `Only the first ${MAX_ANNOTATIONS} of ${all.length} annotations are shown; the summary lists every change.` } : {}),
  };
  const batches: Annotation[][] = [];
  for (let i = 0; i < kept.length; i += MAX_ANNOTATIONS_PER_REQUEST) batches.push(kept.slice(i, i + MAX_ANNOTATIONS_PER_REQUEST));
  if (batches.length === 0) batches.push([]);
  return batches.map((batch, i) => {
    const withAnnotations = { ...output, ...(batch.length > 0 ? { annotations: batch } : {}) };
    if (i < batches.length - 1) return { status: "in_progress", output: withAnnotations };
    return { status: "completed", conclusion: evaluation.conclusion, external_id: options.externalId, output: withAnnotations };
  });
}

/** The check failed to run: it fails closed, says why in its title and what to do in its summary. */
export function renderCheckRunError(reason: string): CheckRunUpdate {
  const why = reason.split("\n")[0]!.trim() || "unexpected error";
  const summary = [
    "### ✗ SOUP check could not complete",
    "soup-gate could not finish evaluating this pull request, so this check fails rather than pass unchecked.",
    `**Why:** ${why}`,
    "**What to do:** re-run this check (**Re-run** in the Checks tab) or push a new commit. If it fails again, a repository administrator should check that soup-gate is installed on this repository — and on the repository named in `records.repository`, if any — with its permissions accepted, and look at the app's log for this delivery.",
  ].join("\n\n");
  return { status: "completed", conclusion: "failure", output: { title: clip(`SOUP check could not complete: ${why}`, MAX_TITLE), summary: clip(summary, MAX_SUMMARY) } };
}

/** One line: "3 problems to fix: 2 missing records, 1 version not recorded", "No dependency changes", … */
export function checkRunTitle(evaluation: Evaluation): string {
  const failures = bySeverity(evaluation, "failure");
  const warnings = bySeverity(evaluation, "warning");
  if (failures.length > 0) return `${plural(failures.length, "problem")} to fix: ${breakdown(failures)}`;
  const base = capitalise(passPhrase(evaluation));
  return warnings.length > 0 ? `${base}; ${plural(warnings.length, "warning")}: ${breakdown(warnings)}` : base;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function breakdown(findings: readonly Finding[]): string {
  const counts = new Map<FindingCode, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => `${n} ${FINDING_HELP[code].count[n === 1 ? 0 : 1]}`).join(", ");
}

/** Every finding with a place in this repository, then a notice on each checked change that passed. */
function annotations(evaluation: Evaluation, annotatable: (path: string) => boolean): Annotation[] {
  const out: Annotation[] = [];
  for (const f of evaluation.findings) {
    const title = `${FINDING_HELP[f.code].title}${f.name ? `: ${f.name}` : ""}${f.advisory ? ` (${f.advisory.id})` : ""}`;
    if (f.path && annotatable(f.path)) out.push(annotation(f.path, f.line, f.severity, title, f.message));
    // An unassessed advisory is shown on the record that must assess it too.
    if (f.related && annotatable(f.related.path)) out.push(annotation(f.related.path, f.related.line, f.severity, title, f.message));
  }
  for (const change of evaluation.changes) {
    if (!change.inScope || change.kind === "removed" || change.findings.length > 0 || !annotatable(change.lockfile)) continue;
    out.push(annotation(change.lockfile, change.line, "notice", `Covered: ${change.name} ${describeVersions(change)}`, covered(change)));
  }
  return out;
}

function covered(change: EvaluatedChange): string {
  const what = `${change.name} (${change.ecosystem}) ${describeVersions(change)}`;
  return change.record ? `${what} is covered by ${change.record}${change.recordLine ? ` (line ${change.recordLine})` : ""}.` : `${what} passes the SOUP policy.`;
}

function annotation(path: string, line: number | undefined, level: Severity, title: string, message: string): Annotation {
  const at = line !== undefined && line >= 1 ? line : 1;
  return { path, start_line: at, end_line: at, annotation_level: level, title: clip(title.replace(/\s+/g, " "), MAX_TITLE), message: clipBytes(message, MAX_ANNOTATION_MESSAGE_BYTES) };
}
