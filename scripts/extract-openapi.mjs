#!/usr/bin/env node
// Writes test/fixtures/openapi/api.github.com-<version>.json: the few operations soup-gate calls, cut from
// GitHub's REST OpenAPI description in @octokit/openapi. The package unpacks to ~400 MB, so only its
// tarball is fetched (npm pack) and only the dereferenced description is streamed out of it (tar -O).
// Run: npm run openapi:extract   (re-run and commit the result when the app calls a new endpoint)
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const VERSION = "23.0.2";
const MEMBER = "package/generated/api.github.com.deref.json";
const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "openapi", `api.github.com-${VERSION}.json`);

/** Every operation the App sends, by method and path template. Add one here before calling it. */
const OPERATIONS = [
  ["post", "/app/installations/{installation_id}/access_tokens"],
  ["get", "/repos/{owner}/{repo}"],
  ["get", "/repos/{owner}/{repo}/contents/{path}"],
  ["get", "/repos/{owner}/{repo}/pulls"],
  ["get", "/repos/{owner}/{repo}/pulls/{pull_number}"],
  ["get", "/repos/{owner}/{repo}/pulls/{pull_number}/files"],
  ["get", "/repos/{owner}/{repo}/compare/{basehead}"],
  ["get", "/repos/{owner}/{repo}/git/trees/{tree_sha}"],
  ["get", "/repos/{owner}/{repo}/git/blobs/{file_sha}"],
  ["post", "/repos/{owner}/{repo}/check-runs"],
  ["patch", "/repos/{owner}/{repo}/check-runs/{check_run_id}"],
  ["get", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["patch", "/repos/{owner}/{repo}/issues/comments/{comment_id}"],
  ["delete", "/repos/{owner}/{repo}/issues/comments/{comment_id}"],
  // The SOUP approval check: earlier approval runs, the pull request's commits and their authors, who may
  // approve, and the reaction that acknowledges a slash command.
  ["get", "/repos/{owner}/{repo}/commits/{ref}/check-runs"],
  ["get", "/repos/{owner}/{repo}/pulls/{pull_number}/commits"],
  ["get", "/orgs/{org}/teams/{team_slug}/memberships/{username}"],
  ["get", "/repos/{owner}/{repo}/collaborators/{username}/permission"],
  ["post", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"],
  // The merge queue: the queue's branches, to tell which pull requests a merge group holds.
  ["get", "/repos/{owner}/{repo}/git/matching-refs/{ref}"],
  // The history page, with the signed-in user's token: who they are, which of this App's installations
  // they reach and which repositories there they can read; the token is revoked once those are known.
  ["get", "/user"],
  ["get", "/user/installations"],
  ["get", "/user/installations/{installation_id}/repositories"],
  ["delete", "/applications/{client_id}/token"],
];

/** Prose and examples make up most of the description; the schemas' constraints are what tests check. */
function stripProse(schema) {
  return JSON.parse(JSON.stringify(schema, (key, value) => (key === "description" || key === "examples" || key === "example" ? undefined : value)));
}

function readMember(tarball) {
  return new Promise((resolve, reject) => {
    const tar = spawn("tar", ["-xzOf", tarball, MEMBER], { stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    let stderr = "";
    tar.stdout.on("data", (chunk) => chunks.push(chunk));
    tar.stderr.on("data", (chunk) => (stderr += chunk));
    tar.on("error", reject);
    tar.on("close", (code) => (code === 0 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`tar exited with ${code}: ${stderr.trim()}`))));
  });
}

const dir = mkdtempSync(join(tmpdir(), "soup-gate-openapi-"));
try {
  const file = execFileSync("npm", ["pack", `@octokit/openapi@${VERSION}`, "--silent", "--pack-destination", dir], { encoding: "utf8" }).trim().split("\n").pop();
  const description = JSON.parse(await readMember(join(dir, file)));
  const operations = {};
  for (const [method, path] of OPERATIONS) {
    const operation = description.paths[path]?.[method];
    if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in @octokit/openapi@${VERSION}`);
    const body = operation.requestBody?.content?.["application/json"];
    operations[`${method.toUpperCase()} ${path}`] = {
      operationId: operation.operationId,
      // Parameter descriptions stay: some limits are written only there ("max 100").
      parameters: (operation.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: p.required === true, schema: stripProse(p.schema), ...(p.in === "query" && p.description ? { description: p.description.split("\n")[0] } : {}) })),
      ...(body ? { requestBody: { required: operation.requestBody.required === true, schema: stripProse(body.schema) } } : {}),
      responses: Object.keys(operation.responses),
    };
  }
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify({ source: `@octokit/openapi@${VERSION} ${MEMBER.replace(/^package\//, "")}`, openapi: description.openapi, info: { version: description.info.version }, operations }, null, 1)}\n`);
  console.log(`wrote ${OUT} (${Object.keys(operations).length} operations)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
