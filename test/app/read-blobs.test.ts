import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { readBlobs } from "../../src/github/read-blobs.js";
import { blobSha, FakeRepo } from "./fake-repo.js";
import { answerGraphql, GRAPHQL_TEXT_LIMIT } from "./fake-graphql.js";
import { checkGraphqlRequest } from "./graphql-schema.js";
import { requestProblems, resetRequestProblems, watchRequests } from "./openapi.js";

const API = "https://api.github.com";
const octokit = () => new ProbotOctokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false } });
const REPO = { owner: "acme", repo: "device" };

let repo: FakeRepo;
/** The shas each GraphQL query asked for, query by query. */
let queries: string[][];

beforeEach(() => {
  nock.disableNetConnect();
  resetRequestProblems();
  repo = new FakeRepo();
  queries = [];
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** `POST /graphql`, `times` times, answered from the repository; `change` may alter an answer before it is sent. */
function graphql(times: number, change: (answer: any, shas: string[]) => [number, unknown] | void = () => undefined): void {
  watchRequests(nock(API))
    .post("/graphql")
    .times(times)
    .reply((_uri, body) => {
      const { parsed } = checkGraphqlRequest(JSON.stringify(body));
      const shas = Object.entries(parsed!.variables).filter(([name]) => /^b\d+$/.test(name)).map(([, sha]) => sha as string);
      queries.push(shas);
      const answer = answerGraphql(parsed!, () => repo, () => undefined);
      return change(answer, shas) ?? [200, answer];
    });
}

/** The raw-blob REST request for each of these contents. */
function rest(contents: ReadonlyArray<string | Buffer>): void {
  const scope = watchRequests(nock(API));
  for (const content of contents) {
    const sha = typeof content === "string" ? blobSha(content) : createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
    scope.get(`/repos/acme/device/git/blobs/${sha}`).matchHeader("accept", "application/vnd.github.raw+json").reply(200, content, { "content-type": "application/vnd.github.raw+json; charset=utf-8" });
  }
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString("utf8");

describe("readBlobs", () => {
  test("300 record files cost two GraphQL queries, and each comes back byte for byte", async () => {
    const files = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`docs/soup/p${i}.md`, `---\ntitle: Package ${i} — reviewé\n---\n`]));
    repo.commit(files);
    graphql(2);

    const read = await readBlobs(octokit(), REPO, Object.values(files).map((content) => ({ sha: blobSha(content), size: Buffer.byteLength(content) })));

    expect(queries.map((q) => q.length)).toEqual([250, 50]);
    expect(Object.values(files).every((content) => text(read.get(blobSha(content))) === content)).toBe(true);
    expect(requestProblems).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  test("what GraphQL cannot give exactly is read through REST: binary, cut short, too big to try, or text that does not hash to its blob", async () => {
    const plain = "numpy==2.1.0\n";
    const binary = "\0\0n\0u\0m\0p\0y\0";
    const long = "x".repeat(GRAPHQL_TEXT_LIMIT + 10);
    const huge = "y".repeat(GRAPHQL_TEXT_LIMIT + 20);
    const latin1 = Buffer.from("caf\xe9\n", "latin1");
    const latin1Sha = createHash("sha1").update(`blob ${latin1.length}\0`).update(latin1).digest("hex");
    repo.commit({ a: plain, b: binary, c: long, d: huge });
    // GitHub returns text as UTF-8: a Latin-1 byte becomes U+FFFD, and the text no longer hashes to the blob.
    graphql(1, (answer, shas) => {
      const alias = `b${shas.indexOf(latin1Sha)}`;
      answer.data.repository[alias] = { oid: latin1Sha, byteSize: latin1.length, isBinary: false, isTruncated: false, text: "caf\uFFFD\n" };
    });
    rest([binary, long, latin1, huge]);

    const read = await readBlobs(octokit(), REPO, [
      { sha: blobSha(plain) },
      { sha: blobSha(binary) },
      { sha: blobSha(long) },
      { sha: blobSha(huge), size: Buffer.byteLength(huge) },
      { sha: latin1Sha, size: latin1.length },
    ]);

    // The blob the tree says is too big is never put in a query.
    expect(queries).toEqual([[blobSha(plain), blobSha(binary), blobSha(long), latin1Sha]]);
    expect(text(read.get(blobSha(plain)))).toBe(plain);
    expect(text(read.get(blobSha(binary)))).toBe(binary);
    expect(text(read.get(blobSha(long)))).toBe(long);
    expect(text(read.get(blobSha(huge)))).toBe(huge);
    expect(Buffer.from(read.get(latin1Sha)!)).toEqual(latin1);
    expect(requestProblems).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  test("a partial answer: what GitHub left out is asked again in two halves, and what is still missing goes to REST", async () => {
    const contents = Array.from({ length: 6 }, (_, i) => `record ${i}\n`);
    repo.commit(Object.fromEntries(contents.map((c, i) => [`r${i}`, c])));
    let round = 0;
    graphql(3, (answer, shas) => {
      round += 1;
      // First: GitHub's resource limits stop it after two blobs. Then one half comes back whole, and the
      // other half still lacks its last blob.
      const drop = round === 1 ? shas.slice(2) : round === 3 ? shas.slice(-1) : [];
      for (const sha of drop) answer.data.repository[`b${shas.indexOf(sha)}`] = null;
      if (drop.length > 0) return [200, { data: answer.data, errors: drop.map((sha) => ({ type: "RESOURCE_LIMITS_EXCEEDED", message: "resource limits exceeded", path: ["repository", `b${shas.indexOf(sha)}`] })) }];
    });
    rest([contents[5]!]);

    const read = await readBlobs(octokit(), REPO, contents.map((c) => ({ sha: blobSha(c) })));

    expect(queries.map((q) => q.length)).toEqual([6, 2, 2]);
    expect(contents.every((c) => text(read.get(blobSha(c))) === c)).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  test("a query that times out is asked again in two halves", async () => {
    const contents = ["a\n", "b\n", "c\n"];
    repo.commit({ a: contents[0]!, b: contents[1]!, c: contents[2]! });
    let round = 0;
    graphql(3, () => ((round += 1) === 1 ? [502, { message: "We couldn't respond to your request in time." }] : undefined));

    const read = await readBlobs(octokit(), REPO, contents.map((c) => ({ sha: blobSha(c) })));

    expect(queries.map((q) => q.length)).toEqual([3, 2, 1]);
    expect(contents.every((c) => text(read.get(blobSha(c))) === c)).toBe(true);
  });

  test("a query GitHub refuses outright fails the read with what GitHub said", async () => {
    repo.commit({ a: "a\n" });
    graphql(1, () => [200, { errors: [{ message: "Field 'text' doesn't exist on type 'Blob'" }] }]);

    await expect(readBlobs(octokit(), REPO, [{ sha: blobSha("a\n") }])).rejects.toThrow("Field 'text' doesn't exist on type 'Blob'");
  });

  test("a repository GraphQL cannot see fails the read", async () => {
    repo.commit({ a: "a\n" });
    graphql(1, () => [200, { data: { repository: null }, errors: [{ type: "NOT_FOUND", message: "Could not resolve to a Repository with the name 'acme/device'." }] }]);

    await expect(readBlobs(octokit(), REPO, [{ sha: blobSha("a\n") }])).rejects.toThrow("Could not resolve to a Repository");
  });

  test("on GitHub Enterprise Server the query goes to /api/graphql", async () => {
    repo.commit({ a: "a\n" });
    const ghes = new ProbotOctokit({ auth: { token: "test" }, baseUrl: "https://ghe.example.com/api/v3", retry: { enabled: false }, throttle: { enabled: false } });
    watchRequests(nock("https://ghe.example.com"))
      .post("/api/graphql")
      .reply(200, (_uri, body) => answerGraphql(checkGraphqlRequest(JSON.stringify(body)).parsed!, () => repo, () => undefined));

    const read = await readBlobs(ghes, REPO, [{ sha: blobSha("a\n") }]);

    expect(text(read.get(blobSha("a\n")))).toBe("a\n");
    expect(requestProblems).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
