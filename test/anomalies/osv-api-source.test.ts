import nock from "nock";
import { createOsvApiSource } from "../../src/anomalies/osv-api-source.js";
import { advisoryText, PY_REDOS_GHSA, PY_REDOS_PYSEC, TORCH_JIT_EVAL, TORCH_LOAD_RCE } from "./fixtures.js";
import yaml from "js-yaml";

const OSV = "https://api.osv.dev";

/** A record as OSV's `GET /v1/vulns/{id}` serves it: JSON (PyPA's YAML records converted). */
function served(path: string): Record<string, unknown> {
  const text = advisoryText(path);
  return (path.endsWith(".json") ? JSON.parse(text) : yaml.load(text, { schema: yaml.JSON_SCHEMA })) as Record<string, unknown>;
}

const torch = { ecosystem: "pypi" as const, name: "torch", version: "1.13.0+cu117" };
const py = { ecosystem: "pypi" as const, name: "py", version: "1.11.0" };
const express = { ecosystem: "npm" as const, name: "express", version: "4.21.2" };

describe("the OSV API as its documentation describes it", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it("asks one querybatch for every package version, then each record's details once", async () => {
    const batches: unknown[] = [];
    nock(OSV)
      .post("/v1/querybatch", (body) => (batches.push(body), true))
      .reply(200, {
        results: [
          { vulns: [{ id: "GHSA-53q9-r3pm-6pq6", modified: "2025-08-29T19:45:46Z" }, { id: "PYSEC-2022-43015", modified: "2023-05-04T03:49:48.383740Z" }] },
          { vulns: [{ id: "GHSA-w596-4wvx-j9j6", modified: "2022-10-26T19:32:15Z" }, { id: "PYSEC-2022-42969", modified: "2022-11-04T11:00:00Z" }] },
          {},
        ],
      })
      .get("/v1/vulns/GHSA-53q9-r3pm-6pq6").reply(200, served(TORCH_LOAD_RCE))
      .get("/v1/vulns/PYSEC-2022-43015").reply(200, served(TORCH_JIT_EVAL))
      .get("/v1/vulns/GHSA-w596-4wvx-j9j6").reply(200, served(PY_REDOS_GHSA))
      .get("/v1/vulns/PYSEC-2022-42969").reply(200, served(PY_REDOS_PYSEC));

    const answer = await createOsvApiSource().find([torch, py, express, { ...torch }]);

    // The local label is dropped: OSV knows the public release only.
    expect(batches).toEqual([{ queries: [
      { package: { name: "torch", ecosystem: "PyPI" }, version: "1.13.0" },
      { package: { name: "py", ecosystem: "PyPI" }, version: "1.11.0" },
      { package: { name: "express", ecosystem: "npm" }, version: "4.21.2" },
    ] }]);
    if (!answer.ok) throw new Error(answer.reason);
    expect(answer.advisories.map((list) => list.map((a) => a.id))).toEqual([
      ["GHSA-53q9-r3pm-6pq6", "PYSEC-2022-43015"],
      ["GHSA-w596-4wvx-j9j6", "PYSEC-2022-42969"],
      [],
      ["GHSA-53q9-r3pm-6pq6", "PYSEC-2022-43015"],
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("keeps records by id and modified time: an unchanged record is not fetched again, a modified one is", async () => {
    const source = createOsvApiSource();
    const batch = (modified: string) => nock(OSV).post("/v1/querybatch").reply(200, { results: [{ vulns: [{ id: "GHSA-53q9-r3pm-6pq6", modified }] }] });
    batch("2025-08-29T19:45:46Z");
    nock(OSV).get("/v1/vulns/GHSA-53q9-r3pm-6pq6").reply(200, served(TORCH_LOAD_RCE));
    expect((await source.find([torch])).ok).toBe(true);

    batch("2025-08-29T19:45:46Z");
    const again = await source.find([torch]);
    expect(again.ok && again.advisories[0]![0]!.id).toBe("GHSA-53q9-r3pm-6pq6");
    expect(nock.pendingMocks()).toEqual([]);

    batch("2026-02-01T00:00:00Z");
    const changed = { ...served(TORCH_LOAD_RCE), modified: "2026-02-01T00:00:00Z", summary: "updated" };
    nock(OSV).get("/v1/vulns/GHSA-53q9-r3pm-6pq6").reply(200, changed);
    const updated = await source.find([torch]);
    expect(updated.ok && updated.advisories[0]![0]!.summary).toBe("updated");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("follows each query's next_page_token with a querybatch of only the unfinished queries", async () => {
    const batches: unknown[] = [];
    nock(OSV)
      .post("/v1/querybatch", (body) => (batches.push(body), true))
      .reply(200, { results: [{ vulns: [{ id: "GHSA-53q9-r3pm-6pq6", modified: "2025-08-29T19:45:46Z" }], next_page_token: "page-2" }, { vulns: [] }] })
      .post("/v1/querybatch", (body) => (batches.push(body), true))
      .reply(200, { results: [{ vulns: [{ id: "PYSEC-2022-43015", modified: "2023-05-04T03:49:48.383740Z" }] }] })
      .get("/v1/vulns/GHSA-53q9-r3pm-6pq6").reply(200, served(TORCH_LOAD_RCE))
      .get("/v1/vulns/PYSEC-2022-43015").reply(200, served(TORCH_JIT_EVAL));
    const answer = await createOsvApiSource().find([torch, express]);
    expect(batches[1]).toEqual({ queries: [{ package: { name: "torch", ecosystem: "PyPI" }, version: "1.13.0", page_token: "page-2" }] });
    expect(answer.ok && answer.advisories.map((l) => l.map((a) => a.id))).toEqual([["GHSA-53q9-r3pm-6pq6", "PYSEC-2022-43015"], []]);
  });

  it("asks a mirror at OSV_API_URL, the base address without /v1", async () => {
    nock("http://osv.mirror.internal:8080").post("/osv/v1/querybatch").reply(200, { results: [{}] });
    const source = createOsvApiSource({ baseUrl: "http://osv.mirror.internal:8080/osv/" });
    expect(source.name).toBe("OSV (http://osv.mirror.internal:8080/osv)");
    expect(await source.find([express])).toEqual({ ok: true, advisories: [[]] });
  });

  it("asks nothing for nothing", async () => {
    expect(await createOsvApiSource().find([])).toEqual({ ok: true, advisories: [] });
  });

  describe("a failure is an answer that says what failed, never an empty list", () => {
    it.each([
      ["an HTTP error", () => nock(OSV).post("/v1/querybatch").reply(503, "Service Unavailable"), "POST https://api.osv.dev/v1/querybatch answered 503"],
      ["a refused connection", () => nock(OSV).post("/v1/querybatch").replyWithError("connect ECONNREFUSED 127.0.0.1:443"), "POST https://api.osv.dev/v1/querybatch failed: "],
      ["an answer that is not JSON", () => nock(OSV).post("/v1/querybatch").reply(200, "<html>proxy login</html>"), "POST https://api.osv.dev/v1/querybatch answered something that is not JSON"],
      ["too few results", () => nock(OSV).post("/v1/querybatch").reply(200, { results: [] }), "POST https://api.osv.dev/v1/querybatch answered 0 results for 1 queries"],
      ["a vulnerability without an id", () => nock(OSV).post("/v1/querybatch").reply(200, { results: [{ vulns: [{ modified: "x" }] }] }), "POST https://api.osv.dev/v1/querybatch answered a vulnerability without an id"],
      ["details of another record", () => nock(OSV).post("/v1/querybatch").reply(200, { results: [{ vulns: [{ id: "GHSA-53q9-r3pm-6pq6", modified: "m" }] }] }).get("/v1/vulns/GHSA-53q9-r3pm-6pq6").reply(200, served(TORCH_JIT_EVAL)), "GET https://api.osv.dev/v1/vulns/GHSA-53q9-r3pm-6pq6 answered the record PYSEC-2022-43015"],
      ["details that break the schema", () => nock(OSV).post("/v1/querybatch").reply(200, { results: [{ vulns: [{ id: "GHSA-53q9-r3pm-6pq6", modified: "m" }] }] }).get("/v1/vulns/GHSA-53q9-r3pm-6pq6").reply(200, { id: "GHSA-53q9-r3pm-6pq6" }), `GET https://api.osv.dev/v1/vulns/GHSA-53q9-r3pm-6pq6 answered a record soup-gate cannot read: GHSA-53q9-r3pm-6pq6: "modified" is missing`],
      ["a missing record", () => nock(OSV).post("/v1/querybatch").reply(200, { results: [{ vulns: [{ id: "GHSA-53q9-r3pm-6pq6", modified: "m" }] }] }).get("/v1/vulns/GHSA-53q9-r3pm-6pq6").reply(404, { code: 5, message: "Bug not found." }), "GET https://api.osv.dev/v1/vulns/GHSA-53q9-r3pm-6pq6 answered 404"],
    ])("%s", async (_, stand, reason) => {
      stand();
      const answer = await createOsvApiSource().find([torch]);
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.reason).toContain(reason);
    });

    it("a request that gets no answer within the timeout", async () => {
      nock(OSV).post("/v1/querybatch").delay(2_000).reply(200, { results: [{}] });
      const answer = await createOsvApiSource({ timeoutMs: 50 }).find([torch]);
      expect(answer).toEqual({ ok: false, reason: "POST https://api.osv.dev/v1/querybatch got no answer within 0.1 s" });
    });
  });
});
