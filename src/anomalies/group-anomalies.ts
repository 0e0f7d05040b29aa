import { clip } from "../text/clip.js";
import type { Advisory, Anomaly } from "./advisory.js";
import { describeSeverity, worseSeverity } from "./describe-severity.js";
import { compareText } from "../text/compare-text.js";

/**
 * Folds advisories into anomalies: records that name each other, by id or by alias, directly or through
 * a third, describe one vulnerability (OSV: aliases are symmetric and transitive) and are assessed once.
 * Withdrawn records are dropped first: they no longer describe anything. Sorted by id.
 */
export function groupAnomalies(advisories: readonly Advisory[]): Anomaly[] {
  const live = dedupe(advisories.filter((a) => a.withdrawn === undefined));
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let next = parent.get(root); next !== undefined && next !== root; next = parent.get(root)) root = next;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const advisory of live) {
    for (const id of idsOf(advisory)) if (!parent.has(id)) parent.set(id, id);
    for (const alias of idsOf(advisory).slice(1)) union(alias, advisory.id.toUpperCase());
  }

  const groups = new Map<string, Advisory[]>();
  for (const advisory of live) {
    const root = find(advisory.id.toUpperCase());
    groups.set(root, [...(groups.get(root) ?? []), advisory]);
  }
  return [...groups.values()].map(toAnomaly).sort((a, b) => compareText(a.id, b.id));
}

/** Every id an anomaly answers to, upper-cased for comparison with a record's list. */
export function anomalyIds(anomaly: Anomaly): string[] {
  return [anomaly.id, ...anomaly.aliases].map((id) => id.toUpperCase());
}

function idsOf(advisory: Advisory): string[] {
  return [advisory.id, ...advisory.aliases].map((id) => id.trim().toUpperCase()).filter((id) => id !== "");
}

/** The same record reached through two queries (two versions of one package) counts once. */
function dedupe(advisories: Advisory[]): Advisory[] {
  const byId = new Map<string, Advisory>();
  for (const a of advisories) if (!byId.has(a.id)) byId.set(a.id, a);
  return [...byId.values()];
}

function toAnomaly(advisories: Advisory[]): Anomaly {
  // The GitHub advisory leads when there is one: it carries a reviewed severity and summary.
  const ordered = [...advisories].sort((a, b) => Number(b.id.startsWith("GHSA-")) - Number(a.id.startsWith("GHSA-")) || compareText(a.id, b.id));
  const lead = ordered[0]!;
  const all = new Set<string>();
  for (const advisory of ordered) for (const id of [advisory.id, ...advisory.aliases]) if (id.trim() !== "") all.add(id.trim());
  all.delete(lead.id);
  const aliases = [...all].sort((a, b) => Number(b.startsWith("CVE-")) - Number(a.startsWith("CVE-")) || compareText(a, b));
  let severity: string | undefined;
  for (const advisory of ordered) severity = worseSeverity(severity, describeSeverity(advisory));
  const summary = ordered.map((a) => a.summary ?? firstLine(a.details)).find((s) => s !== undefined);
  return {
    id: lead.id,
    aliases,
    ...(severity ? { severity } : {}),
    ...(summary ? { summary: clip(summary, 200) } : {}),
    url: `https://osv.dev/vulnerability/${encodeURIComponent(lead.id)}`,
  };
}

function firstLine(details: string | undefined): string | undefined {
  const line = details?.split("\n").map((l) => l.replace(/^#+\s*/, "").trim()).find((l) => l !== "");
  return line || undefined;
}
