import { packageKey } from "../names.js";
import { CONFIG_PATH, type Config } from "../policy/config.js";
import { evaluate } from "../policy/evaluate.js";
import type { Evaluation } from "../policy/evaluation.js";
import type { AdvisorySource } from "../anomalies/advisory.js";
import { askAnomalies } from "../anomalies/ask-anomalies.js";
import { selectAnomalyQueries } from "../policy/select-anomaly-queries.js";
import { isRecordPath } from "../records/is-record-path.js";
import type { Change, Dependency, Ecosystem, ParseError } from "../types.js";
import { compareChanges, diffDependencies } from "./diff-dependencies.js";
import { LOCKFILE_FORMATS, type ListedFormat } from "../lockfiles/index.js";
import { loadLockfile, type LoadedLockfile } from "./load-lockfile.js";
import { dirName, joinPath } from "../paths.js";
import { loadRecords } from "./load-records.js";
import { selectFormat } from "./select-lockfiles.js";
import type { Snapshot } from "./snapshot.js";
import { compareText } from "../text/compare-text.js";

export interface CheckInput {
  base: Snapshot;
  head: Snapshot;
  /** Where the records live: the head commit, or the default branch of `records.repository`. */
  records: Snapshot;
  /** Whether `records` is the head commit of this repository (so changed record files are this PR's). */
  recordsInHead: boolean;
  /** Paths added, modified, removed or renamed between base and head (renames: both names). */
  changedPaths: readonly string[];
  config: Config;
  configErrors?: readonly string[];
  configPath?: string;
  /** `YYYY-MM-DD`. */
  today: string;
  /**
   * Where published advisories come from (the OSV API, or the CLI's `--advisories` folder), asked once per
   * evaluation unless the policy says `anomalies.source: off`. Absent: no advisories are checked.
   */
  advisories?: AdvisorySource;
  /** Refuse beyond this many changes (MAX_CHANGES); tests set a small one. */
  maxChanges?: number;
}

/**
 * The most dependency changes one evaluation takes on. Beyond it the evaluation is refused with a clear
 * error (the check fails closed) instead of running for many minutes into the memory limit: nobody
 * reviews a quarter of a million packages in one pull request, so such a lockfile is generated or damaged.
 */
export const MAX_CHANGES = 250_000;

export function tooManyChanges(count: number, max: number, what: string, lockfiles: readonly string[]): Error {
  const named = lockfiles.slice(0, 3).join(", ") + (lockfiles.length > 3 ? ` and ${lockfiles.length - 3} more` : "");
  return new Error(`${count.toLocaleString("en")} ${what}, more than the ${max.toLocaleString("en")} soup-gate checks at once: no review covers that many packages, so look for a generated or damaged lockfile (${named})`);
}

const MANIFEST_NAMES = new Set(LOCKFILE_FORMATS.flatMap((format) => (format.manifest ? [format.manifest] : [])));

/**
 * One evaluation of base..head, the recipe both the CLI and the App follow:
 * 1. pick the changed lockfiles, 2. parse them at base and head, 3. diff, 4. read the records,
 * 5. evaluate the policy.
 */
export async function checkChanges(input: CheckInput): Promise<Evaluation> {
  const { config } = input;
  const changed = new Set(input.changedPaths);
  const load = onceEach();

  // 1. Lockfiles: every changed one, and every pip requirements file that includes a changed file.
  const roots = new Map([...changed].flatMap((path) => {
    const format = selectFormat(path, config);
    return format ? [[path, format] as const] : [];
  }));
  // A manifest edit alone (a dev dependency made a runtime one) can change what a lockfile means: re-read
  // the lockfiles beside it that take their direct and dev flags from it.
  const manifests = new Set([...changed].filter((p) => MANIFEST_NAMES.has(p.slice(p.lastIndexOf("/") + 1))));
  if (manifests.size > 0) {
    for (const entry of await input.head.files()) {
      const format = selectFormat(entry.path, config);
      if (format?.manifest && manifests.has(joinPath(dirName(entry.path), format.manifest))) roots.set(entry.path, format);
    }
  }
  if ([...changed].some((p) => p.endsWith(".txt") && !roots.has(p))) {
    for (const entry of await input.head.files()) {
      const format = selectFormat(entry.path, config);
      if (format?.id !== "requirements.txt" || roots.has(entry.path)) continue;
      const loaded = await load(input.head, entry.path, format);
      // An include that cannot be read counts too: its error must reach the check, never vanish.
      const reached = [...loaded.byFile.keys(), ...loaded.errors.map((e) => e.path), ...loaded.unreadable];
      if (reached.some((file) => file !== entry.path && changed.has(file))) roots.set(entry.path, format);
    }
  }

  // 2–3. Parse at both ends and diff, per declaring file; an include shared by two roots counts once.
  const changes = new Map<string, Change>();
  const lockfileErrors = new Map<string, { path: string; error: ParseError }>();
  const sortedRoots = [...roots].sort(([a], [b]) => compareText(a, b));
  // Every lockfile is asked for at once, so that a snapshot that pools its reads (the App's) fetches them together.
  const loads = sortedRoots.map(([path, format]) => Promise.all([load(input.base, path, format), load(input.head, path, format)]));
  for (const [i, [path]] of sortedRoots.entries()) {
    const [before, after] = await loads[i]!;
    // Only the head matters for errors: a base that could not be read is fixed by this very pull request.
    for (const e of after.errors) lockfileErrors.set(`${e.path}\0${e.error.line}`, e);
    if (after.errors.some((e) => e.path === path)) continue;
    for (const file of new Set([...before.byFile.keys(), ...after.byFile.keys()])) {
      if (after.errors.some((e) => e.path === file)) continue;
      const lines = { base: before.locate.get(file), head: after.locate.get(file) };
      for (const change of diffDependencies(file, before.byFile.get(file) ?? [], after.byFile.get(file) ?? [], lines)) {
        changes.set(`${change.lockfile}\0${change.ecosystem}\0${change.name}\0${change.from}\0${change.to}`, change);
      }
    }
  }
  // Lines are found by the diff alone: the lockfile texts the locators hold (a 100 MB lockfile, twice) go now.
  for (const loading of loads) for (const loaded of await loading) loaded.locate.clear();

  const maxChanges = input.maxChanges ?? MAX_CHANGES;
  if (changes.size > maxChanges) throw tooManyChanges(changes.size, maxChanges, "dependency changes between base and head", [...roots.keys()].sort());

  // 4. Records, read only when a change or a changed record needs them.
  const changedRecordPaths = input.recordsInHead ? [...changed].filter((p) => isRecordPath(p, config.records.path)) : [];
  const headFiles = changedRecordPaths.length > 0 ? new Map((await input.head.files()).map((f) => [f.path, f.sha])) : new Map<string, string>();
  const changedRecords = changedRecordPaths.map((path) => ({ path, blob: headFiles.get(path) ?? "" }));
  const records = changes.size > 0 || changedRecords.length > 0 ? await loadRecords(input.records, config.records.path) : [];

  // 5. Evaluate; a removed package's record is an orphan only if nothing at head still locks the package.
  const sorted = [...changes.values()].sort(compareChanges);
  const stillLocked = sorted.some((c) => c.kind === "removed") ? await lockedAtHead(input.head, config, load) : undefined;
  // 6. Published advisories, after everything cheap: one question for every new version in scope.
  const queries = input.advisories ? selectAnomalyQueries(sorted, config) : [];
  const anomalies = input.advisories && queries.length > 0 ? await askAnomalies(input.advisories, queries) : undefined;
  return evaluate({
    ...(anomalies ? { anomalies } : {}),
    changes: sorted,
    records,
    changedRecords,
    lockfiles: [...roots.keys()].sort(),
    lockfileErrors: [...lockfileErrors.values()],
    configErrors: input.configErrors ?? [],
    configPath: input.configPath ?? CONFIG_PATH,
    configChanged: changed.has(CONFIG_PATH),
    ...(stillLocked ? { stillLocked } : {}),
    config,
    today: input.today,
  });
}

type Load = (snapshot: Snapshot, path: string, format: ListedFormat) => Promise<LoadedLockfile>;

/** Reads each lockfile of each commit once per evaluation, however many steps ask for it. */
function onceEach(): Load {
  const loads = new Map<Snapshot, Map<string, Promise<LoadedLockfile>>>();
  return (snapshot, path, format) => {
    let byPath = loads.get(snapshot);
    if (!byPath) loads.set(snapshot, (byPath = new Map()));
    let loading = byPath.get(path);
    if (!loading) byPath.set(path, (loading = loadLockfile(snapshot, path, format)));
    return loading;
  };
}

async function lockedAtHead(head: Snapshot, config: Config, load: Load): Promise<(ecosystem: Ecosystem, name: string) => boolean> {
  const locked = new Set<string>();
  let complete = true;
  for (const entry of await head.files()) {
    const format = selectFormat(entry.path, config);
    if (!format) continue;
    const loaded = await load(head, entry.path, format);
    if (loaded.errors.length > 0) complete = false;
    for (const deps of loaded.byFile.values()) for (const dep of deps) locked.add(packageKey(dep.ecosystem, dep.name));
    // Only names are read here: no line will be asked for, and the texts the locators hold can go.
    loaded.locate.clear();
  }
  // When some lockfile could not be read, nobody can say a package is gone: no orphan notices then.
  return (ecosystem, name) => !complete || locked.has(packageKey(ecosystem, name));
}
