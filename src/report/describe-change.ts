import type { EvaluatedChange } from "../policy/evaluation.js";

/** `1.0.22 → 1.0.24`, `added 1.2.0`, `removed 0.9.1`; an empty version reads "unpinned". */
export function describeVersions(change: Pick<EvaluatedChange, "kind" | "from" | "to">): string {
  const show = (v: string | null) => (v === "" ? "unpinned" : (v ?? ""));
  if (change.kind === "added") return `added ${show(change.to)}`;
  if (change.kind === "removed") return `removed ${show(change.from)}`;
  if (change.from === change.to) return `${show(change.to)}, now a direct runtime dependency`;
  return `${show(change.from)} → ${show(change.to)}`;
}

export type ChangeStatus = "failure" | "warning" | "ok" | "not-checked";

export function changeStatus(change: EvaluatedChange): ChangeStatus {
  if (!change.inScope) return "not-checked";
  if (change.findings.some((f) => f.severity === "failure")) return "failure";
  if (change.findings.some((f) => f.severity === "warning")) return "warning";
  return "ok";
}
