import { createHash } from "node:crypto";

/**
 * The page's one stylesheet, inline so the page is a single response with no build step and no other
 * route to serve. The Content-Security-Policy admits exactly this text by its hash and no script at all.
 */
export const PAGE_STYLE = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b57d0;
  --ok-bg: #dafbe1; --ok: #116329; --bad-bg: #ffebe9; --bad: #a40e26; --warn-bg: #fff8c5; --warn: #7d4e00;
  --info-bg: #ddf4ff; --info: #0a3069; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; color: var(--ink); background: var(--soft); line-height: 1.45;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
header.top { background: #fff; border-bottom: 1px solid var(--line); }
header.top .bar { max-width: 1320px; margin: 0 auto; padding: 0.7rem 1.5rem; display: flex; align-items: center; gap: 1rem; }
.brand { font-weight: 700; font-size: 1.1rem; letter-spacing: -0.01em; }
.brand span { font-weight: 400; color: var(--muted); }
.who { margin-left: auto; color: var(--muted); display: flex; align-items: center; gap: 0.75rem; }
.who strong { color: var(--ink); }
main { max-width: 1320px; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; }
h1 { font-size: 1.45rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 0.6rem; break-after: avoid; }
.lead { color: var(--muted); margin: 0 0 1rem; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.1rem; }
form.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 0.75rem 1rem; align-items: end; }
form.filters label { display: block; font-weight: 600; font-size: 0.85rem; margin-bottom: 0.2rem; }
form.filters input, form.filters select { width: 100%; height: 2.3rem; padding: 0.3rem 0.5rem; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.button { display: inline-block; padding: 0.42rem 0.9rem; border-radius: 6px; border: 1px solid var(--line); background: var(--soft);
  color: var(--ink); font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; white-space: nowrap; }
.button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
.button.small { padding: 0.2rem 0.6rem; font-size: 0.85rem; }
.downloads { display: flex; gap: 0.5rem; justify-content: flex-end; margin-top: 0.75rem; flex-wrap: wrap; align-items: center; }
.downloads .note { color: var(--muted); font-size: 0.85rem; margin-right: auto; }
.summary { margin: 1.1rem 0 0.4rem; color: var(--muted); }
.summary strong { color: var(--ink); }
.problem { background: var(--bad-bg); color: var(--bad); border: 1px solid #ffcecb; border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.75rem 0; }
.notice { background: var(--info-bg); color: var(--info); border: 1px solid #b6e3ff; border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.75rem 0; }
.badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.8rem; font-weight: 600; white-space: nowrap;
  background: var(--soft); color: var(--muted); border: 1px solid var(--line); }
.badge.ok { background: var(--ok-bg); color: var(--ok); border-color: #aceebb; }
.badge.bad { background: var(--bad-bg); color: var(--bad); border-color: #ffcecb; }
.badge.warn { background: var(--warn-bg); color: var(--warn); border-color: #f5e0a0; }
.badge.info { background: var(--info-bg); color: var(--info); border-color: #b6e3ff; }
table.entries { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
table.entries caption { text-align: left; font-weight: 600; padding: 0 0 0.4rem; }
table.entries th, table.entries td { text-align: left; vertical-align: top; padding: 0.5rem 0.6rem; border-bottom: 1px solid var(--line); }
table.entries thead th { background: var(--soft); font-size: 0.82rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
table.entries tbody tr:nth-child(even) { background: #fbfcfd; }
td.seq { color: var(--muted); font-variant-numeric: tabular-nums; }
td.by, .nowrap { white-space: nowrap; }
td.pr { min-width: 15rem; }
td.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.links a { display: block; white-space: nowrap; }
.pr-title { display: block; color: var(--ink); }
.sub { color: var(--muted); font-size: 0.85rem; }
.line { display: block; }
ul.plain { list-style: none; margin: 0.25rem 0 0; padding: 0; }
ul.plain li { margin: 0.15rem 0; }
.findings li { font-size: 0.88rem; }
.findings .sev-failure { color: var(--bad); font-weight: 600; }
.findings .sev-warning { color: var(--warn); font-weight: 600; }
.findings .sev-notice { color: var(--muted); font-weight: 600; }
.change { white-space: nowrap; }
.arrow { color: var(--muted); padding: 0 0.2rem; }
section.timeline { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem 0.4rem; margin: 0 0 1.1rem; }
section.timeline h3 { margin: 0; font-size: 1.1rem; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
.path .label { color: var(--muted); font-size: 0.85rem; margin-right: 0.2rem; }
.path { margin: 0.45rem 0 0.9rem; display: flex; flex-wrap: wrap; gap: 0.35rem; align-items: center; }
.path .version { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); border: 1px solid var(--line);
  border-radius: 6px; padding: 0.1rem 0.45rem; font-size: 0.9rem; }
.path .version.current { background: var(--info-bg); border-color: #b6e3ff; color: var(--info); font-weight: 600; }
ol.steps { list-style: none; margin: 0; padding: 0 0 0 1.4rem; border-left: 2px solid var(--line); }
ol.steps > li { position: relative; margin: 0 0 1.1rem; padding-left: 0.6rem; }
ol.steps > li::before { content: ""; position: absolute; left: -1.95rem; top: 0.35rem; width: 0.9rem; height: 0.9rem; border-radius: 50%;
  background: #fff; border: 3px solid #8c959f; }
ol.steps > li.approved::before { border-color: #1a7f37; background: var(--ok-bg); }
ol.steps > li.failing::before { border-color: #cf222e; background: var(--bad-bg); }
ol.steps > li.attention::before { border-color: #bf8700; background: var(--warn-bg); }
.step-head { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: baseline; }
.step-head .versions { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 700; font-size: 1rem; }
.step-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.2rem 1.5rem; margin-top: 0.35rem; }
.step-grid h4 { margin: 0.3rem 0 0.1rem; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.empty { background: #fff; border: 1px dashed var(--line); border-radius: 8px; padding: 1.2rem; color: var(--muted); text-align: center; }
.message { max-width: 640px; margin: 3rem auto; }
.message h1 { margin-bottom: 0.6rem; }
.message ul { padding-left: 1.2rem; }
.print-only { display: none; }
@media (max-width: 860px) { .step-grid { grid-template-columns: 1fr; } td.links a { white-space: normal; } }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  html { font-size: 10pt; }
  body { background: #fff; }
  header.top, form.filters, .downloads, .no-print { display: none !important; }
  .print-only { display: block; }
  main { max-width: none; padding: 0; }
  .panel { border: none; padding: 0; }
  a { color: var(--ink); text-decoration: none; }
  a.ref::after { content: " <" attr(href) ">"; font-size: 7.5pt; color: var(--muted); word-break: break-all; }
  section.timeline, ol.steps > li, table.entries tr { break-inside: avoid; }
  table.entries thead { display: table-header-group; }
  table.entries tbody tr:nth-child(even) { background: #fff; }
  .badge { border-color: currentColor; }
}
`;

export const PAGE_STYLE_HASH = `sha256-${createHash("sha256").update(PAGE_STYLE).digest("base64")}`;
