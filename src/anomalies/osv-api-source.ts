import { nameKey } from "../names.js";
import type { Advisory, AdvisoryAnswer, AdvisorySource, PackageVersion } from "./advisory.js";
import { OSV_ECOSYSTEM } from "./affects.js";
import { readOsv } from "./read-osv.js";
import { withoutLocal } from "../versions/versioning.js";

export const DEFAULT_OSV_API_URL = "https://api.osv.dev";
export const DEFAULT_OSV_TIMEOUT_MS = 30_000;
/** OSV answers at most this many queries per `querybatch`. */
const MAX_BATCH = 1000;
/** Past this many pages for one evaluation the answer is treated as broken rather than followed for ever. */
const MAX_PAGES = 50;
/** Details fetched at once. */
const PARALLEL = 8;
/** Records kept in memory between evaluations; the oldest go first. */
const MAX_CACHED = 10_000;

export interface OsvApiOptions {
  /** The base address without `/v1` (`OSV_API_URL`): a mirror for an air-gapped site. */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Thrown inside the source and turned into an "unavailable" answer that says what failed. */
class Unavailable extends Error {}

/**
 * The OSV API (https://google.github.io/osv.dev/api/): one `POST /v1/querybatch` per evaluation for every
 * package version (following each query's `next_page_token`), then `GET /v1/vulns/{id}` for each record
 * not already held at the `modified` time the batch reports. Records are cached by id and modified time
 * for the life of the source, which the App creates once per process. Each request has a timeout; any
 * failure answers "unavailable" with what failed, never an empty list.
 */
export function createOsvApiSource(options: OsvApiOptions = {}): AdvisorySource {
  const base = (options.baseUrl ?? DEFAULT_OSV_API_URL).replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_OSV_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch;
  const cache = new Map<string, Advisory>();
  const name = `OSV (${base})`;

  const request = async (method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> => {
    const where = `${method} ${base}${path}`;
    let response: Response;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
    } catch (error) {
      const timedOut = signal.aborted;
      throw new Unavailable(timedOut ? `${where} got no answer within ${Math.round(timeoutMs / 100) / 10} s` : `${where} failed: ${describe(error)}`);
    }
    if (!response.ok) throw new Unavailable(`${where} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    try {
      return await response.json();
    } catch (error) {
      if (signal.aborted) throw new Unavailable(`${where} got no complete answer within ${Math.round(timeoutMs / 100) / 10} s`);
      throw new Unavailable(`${where} answered something that is not JSON (${describe(error)})`);
    }
  };

  const queryBatch = async (queries: PackageVersion[]): Promise<Array<Map<string, string>>> => {
    const found = queries.map(() => new Map<string, string>());
    const asOsv = (q: PackageVersion) => ({ package: { name: q.name, ecosystem: OSV_ECOSYSTEM[q.ecosystem] }, version: q.ecosystem === "pypi" ? withoutLocal(q.version) : q.version });
    for (let start = 0; start < queries.length; start += MAX_BATCH) {
      let pending = queries.slice(start, start + MAX_BATCH).map((q, i) => ({ index: start + i, query: asOsv(q) as Record<string, unknown> }));
      for (let page = 0; pending.length > 0; page++) {
        if (page >= MAX_PAGES) throw new Unavailable(`POST ${base}/v1/querybatch kept answering more pages after ${MAX_PAGES}`);
        const answer = await request("POST", "/v1/querybatch", { queries: pending.map((p) => p.query) });
        const results = isObject(answer) ? answer.results : undefined;
        if (!Array.isArray(results) || results.length !== pending.length) {
          throw new Unavailable(`POST ${base}/v1/querybatch answered ${Array.isArray(results) ? `${results.length} results for ${pending.length} queries` : "without a results list"}`);
        }
        const next: typeof pending = [];
        results.forEach((result: unknown, i) => {
          const item = pending[i]!;
          if (!isObject(result)) throw new Unavailable(`POST ${base}/v1/querybatch answered a result that is not an object`);
          const vulns = result.vulns ?? [];
          if (!Array.isArray(vulns)) throw new Unavailable(`POST ${base}/v1/querybatch answered "vulns" that is not a list`);
          for (const vuln of vulns) {
            if (!isObject(vuln) || typeof vuln.id !== "string" || vuln.id === "") throw new Unavailable(`POST ${base}/v1/querybatch answered a vulnerability without an id`);
            found[item.index]!.set(vuln.id, typeof vuln.modified === "string" ? vuln.modified : "");
          }
          const token = result.next_page_token;
          if (typeof token === "string" && token !== "") next.push({ index: item.index, query: { ...item.query, page_token: token } });
        });
        pending = next;
      }
    }
    return found;
  };

  const details = async (id: string, modified: string): Promise<Advisory> => {
    const cached = cache.get(id);
    if (cached && modified !== "" && cached.modified === modified) return cached;
    const answer = await request("GET", `/v1/vulns/${encodeURIComponent(id)}`);
    const read = readOsv(answer);
    if (!read.ok) throw new Unavailable(`GET ${base}/v1/vulns/${id} answered a record soup-gate cannot read: ${read.reason}`);
    if (read.advisory.id !== id) throw new Unavailable(`GET ${base}/v1/vulns/${id} answered the record ${read.advisory.id}`);
    cache.delete(id);
    cache.set(id, read.advisory);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    return read.advisory;
  };

  return {
    name,
    async find(queries): Promise<AdvisoryAnswer> {
      try {
        // One query per distinct package version; answers are spread back to every caller's index.
        const keyOf = (q: PackageVersion) => `${q.ecosystem}\0${nameKey(q.ecosystem, q.name)}\0${q.version}`;
        const distinct = [...new Map(queries.map((q) => [keyOf(q), q])).values()];
        const found = distinct.length > 0 ? await queryBatch(distinct) : [];
        const wanted = new Map<string, string>();
        for (const ids of found) for (const [id, modified] of ids) wanted.set(id, modified);
        const records = new Map<string, Advisory>();
        const ids = [...wanted.keys()];
        for (let i = 0; i < ids.length; i += PARALLEL) {
          const batch = ids.slice(i, i + PARALLEL);
          const read = await Promise.all(batch.map((id) => details(id, wanted.get(id)!)));
          batch.forEach((id, j) => records.set(id, read[j]!));
        }
        const byKey = new Map(distinct.map((q, i) => [keyOf(q), [...found[i]!.keys()].map((id) => records.get(id)!)]));
        return { ok: true, advisories: queries.map((q) => byKey.get(keyOf(q)) ?? []) };
      } catch (error) {
        if (error instanceof Unavailable) return { ok: false, reason: error.message };
        return { ok: false, reason: `asking ${name} failed: ${describe(error)}` };
      }
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message ? `${error.message} (${cause.message})` : error.message;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
