#!/usr/bin/env node
// npm run bench:reports: how the evaluation and every report grow with the number of changes. Each step
// runs on 12,500, 25,000, 50,000 and 100,000 packages (half of them bumped, as many added); the table shows the time and the ratio to the half
// size — about 2 when the work is linear, 4 when it is quadratic. Ratios, not absolute times: those say
// more about the machine than about the code. A step that takes longer than SOUP_BENCH_CAP_MS (20 s)
// is not run on a bigger size. SOUP_BENCH_LIB names another build to measure (an older commit's lib/).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const lib = resolve(process.env.SOUP_BENCH_LIB ?? join(dirname(fileURLToPath(import.meta.url)), "..", "lib"));
const load = (path) => import(join(lib, path));
const { evaluate } = await load("policy/evaluate.js");
const { defaultConfig } = await load("policy/config.js");
const { groupAuditItems } = await load("policy/group-audit-items.js");
const { diffDependencies } = await load("core/diff-dependencies.js");
const { checkChanges } = await load("core/check-changes.js");
const { auditCommit } = await load("core/audit-commit.js");
const { renderText } = await load("report/render-text.js");
const { renderJson } = await load("report/render-json.js");
const { renderMarkdown } = await load("report/render-markdown.js");
const { renderCheckRun } = await load("report/render-check-run.js");
const { renderAuditText } = await load("report/render-audit-text.js");
const { renderAuditMarkdown } = await load("report/render-audit-markdown.js");
const { renderAuditCsv } = await load("report/render-audit-csv.js");
const { renderAuditJson } = await load("report/render-audit-json.js");

const SIZES = [12_500, 25_000, 50_000, 100_000];
const CAP_MS = Number(process.env.SOUP_BENCH_CAP_MS ?? 20_000);
const TODAY = "2026-11-26";
const CONTEXT = { repository: "acme/device", ref: "HEAD", commit: "0123456789abcdef0123", date: TODAY, policy: null };

/** `n` pinned PyPI packages spread over four requirements files; a record for every third package. */
function device(n, bump) {
  const files = new Map();
  for (let f = 0; f < 4; f++) {
    const lines = [];
    for (let i = f; i < n; i += 4) lines.push(`pkg-${i}==1.0.${bump && i % 2 === 0 ? 1 : 0}`);
    files.set(`services/s${f}/requirements.txt`, `${lines.join("\n")}\n`);
  }
  for (let i = 0; i < n; i += 3) files.set(`docs/soup/pkg-${i}.yml`, `package: pkg-${i}\nversions: ["1.0.0"]\nlast_review_date: 2026-01-26\n`);
  return files;
}

function snapshot(files) {
  const encoder = new TextEncoder();
  const entries = [...files.keys()].map((path, i) => ({ path, sha: `${i}-${files.get(path).length}` }));
  return { files: async () => entries, read: async (path) => (files.has(path) ? encoder.encode(files.get(path)) : undefined) };
}

function dependencies(n, version) {
  return Array.from({ length: n }, (_, i) => ({ ecosystem: "pypi", name: `pkg-${i}`, version: version(i), direct: i % 5 !== 0, dev: false, line: i + 1 }));
}

async function setUp(n) {
  const config = defaultConfig();
  const base = dependencies(n, () => "1.0.0");
  const head = dependencies(n, (i) => (i % 2 === 0 ? "1.0.1" : "1.0.0")).concat(dependencies(n, () => "2.0.0").map((d, i) => ({ ...d, name: `new-${i}` })));
  const changes = diffDependencies("requirements.txt", base, head);
  const records = Array.from({ length: Math.ceil(n / 3) }, (_, k) => ({
    path: `docs/soup/pkg-${3 * k}.yml`, form: "yaml", packages: [`pkg-${3 * k}`], aliases: [], versions: ["1.0.0"], spans: [], versionRanges: [],
    lastReviewDate: "2026-01-26", lines: { package: 1 }, problems: [],
  }));
  const evaluation = evaluate({ changes, records, config, today: TODAY });
  const audit = await auditCommit({ commit: snapshot(device(n, false)), records: snapshot(device(n, false)), recordsInRepository: true, config, today: TODAY });
  return { n, config, base, head, changes, records, evaluation, audit };
}

const STEPS = [
  ["diffDependencies", (s) => diffDependencies("requirements.txt", s.base, s.head)],
  ["evaluate", (s) => evaluate({ changes: s.changes, records: s.records, config: s.config, today: TODAY })],
  ["groupAuditItems", (s) => groupAuditItems(s.evaluation.changes, s.records)],
  ["checkChanges (4 files)", (s) => checkChanges({ base: snapshot(device(s.n, false)), head: snapshot(device(s.n, true)), records: snapshot(device(s.n, true)), recordsInHead: true, changedPaths: [...device(s.n, true).keys()].filter((p) => p.endsWith(".txt")), config: s.config, today: TODAY })],
  ["auditCommit (4 files)", (s) => auditCommit({ commit: snapshot(device(s.n, false)), records: snapshot(device(s.n, false)), recordsInRepository: true, config: s.config, today: TODAY })],
  ["renderText", (s) => renderText(s.evaluation)],
  ["renderJson", (s) => renderJson(s.evaluation)],
  ["renderMarkdown", (s) => renderMarkdown(s.evaluation)],
  ["renderCheckRun", (s) => renderCheckRun(s.evaluation, { link: (p) => p, annotatable: () => true, externalId: "x" })],
  ["renderAuditText", (s) => renderAuditText(s.audit, CONTEXT)],
  ["renderAuditMarkdown", (s) => renderAuditMarkdown(s.audit, CONTEXT)],
  ["renderAuditCsv", (s) => renderAuditCsv(s.audit)],
  ["renderAuditJson", (s) => renderAuditJson(s.audit, CONTEXT)],
];

const results = new Map(STEPS.map(([name]) => [name, []]));
const capped = new Set();
for (const n of SIZES) {
  const setup = await setUp(n);
  for (const [name, step] of STEPS) {
    if (capped.has(name)) continue;
    const start = performance.now();
    await step(setup);
    const ms = performance.now() - start;
    results.get(name).push(ms);
    if (ms > CAP_MS) capped.add(name);
  }
}

const cell = (ms, previous) => `${ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`}${previous ? ` (×${(ms / previous).toFixed(1)})` : ""}`.padEnd(20);
console.log(`build: ${lib}\n${"step".padEnd(26)}${SIZES.map((n) => `${n.toLocaleString("en")} packages`.padEnd(20)).join("")}`);
for (const [name, times] of results) {
  console.log(`${name.padEnd(26)}${times.map((ms, i) => cell(ms, times[i - 1])).join("")}${times.length < SIZES.length ? `stopped: over ${CAP_MS / 1000} s` : ""}`);
}
