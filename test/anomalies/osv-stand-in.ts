import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import nock from "nock";
import { ADVISORIES } from "./fixtures.js";

interface OsvQuery {
  package: { name: string; ecosystem: string };
  version: string;
  page_token?: string;
}

/** Every real record under test/fixtures/advisories, by id, as OSV's `GET /v1/vulns/{id}` serves it (JSON). */
function recordsById(): Map<string, Record<string, unknown>> {
  const byId = new Map<string, Record<string, unknown>>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(json|ya?ml)$/.test(entry.name)) {
        const text = readFileSync(path, "utf8");
        const value = (entry.name.endsWith(".json") ? JSON.parse(text) : yaml.load(text, { schema: yaml.JSON_SCHEMA })) as Record<string, unknown>;
        byId.set(String(value.id), value);
      }
    }
  };
  walk(ADVISORIES);
  return byId;
}

/**
 * The OSV API stood in by nock with its documented shapes, for as long as the test runs: `POST
 * /v1/querybatch` answers each query with the ids `known` gives for "Ecosystem/name@version" (none for
 * the rest), and `GET /v1/vulns/{id}` serves the real record. `asked` collects every query sent.
 */
export function standInOsv(known: Record<string, string[]> = {}, base = "https://api.osv.dev"): { asked: OsvQuery[]; scope: nock.Scope } {
  const records = recordsById();
  const asked: OsvQuery[] = [];
  const scope = nock(base)
    .persist()
    .post("/v1/querybatch")
    .reply(200, (_uri, body) => {
      const queries = (body as { queries: OsvQuery[] }).queries;
      asked.push(...queries);
      return {
        results: queries.map((q) => {
          const ids = known[`${q.package.ecosystem}/${q.package.name}@${q.version}`] ?? [];
          return ids.length > 0 ? { vulns: ids.map((id) => ({ id, modified: String(records.get(id)?.modified ?? "") })) } : {};
        }),
      };
    })
    .get(/^\/v1\/vulns\/[^/]+$/)
    .reply((uri) => {
      const id = decodeURIComponent(uri.slice(uri.lastIndexOf("/") + 1));
      const record = records.get(id);
      return record ? [200, record] : [404, { code: 5, message: "Bug not found." }];
    });
  return { asked, scope };
}
