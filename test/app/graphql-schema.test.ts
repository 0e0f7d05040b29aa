import { describe, expect, test } from "@jest/globals";
import { blobQuery } from "../../src/github/read-blobs.js";
import { checkGraphqlRequest } from "./graphql-schema.js";

// The GraphQL checker must reject what GitHub would reject, or the end-to-end tests prove nothing.
describe("checkGraphqlRequest", () => {
  const body = (query: string, variables: object = {}) => JSON.stringify({ query, variables });
  const sha = "a".repeat(40);

  test("the App's blob query is valid for GitHub's schema", () => {
    expect(checkGraphqlRequest(body(blobQuery(2), { owner: "acme", name: "device", b0: sha, b1: sha })).problems).toEqual([]);
  });

  test.each([
    ["an unknown field", `query { repository(owner: "a", name: "b") { object(oid: "${sha}") { ... on Blob { text contents } } } }`, [expect.stringContaining('Cannot query field "contents" on type "Blob"')]],
    ["an unknown argument", `query { repository(owner: "a", name: "b") { object(sha: "${sha}") { id } } }`, [expect.stringContaining('Unknown argument "sha"')]],
    ["a fragment on a type GitHub does not have", `query { repository(owner: "a", name: "b") { object(oid: "${sha}") { ... on File { text } } } }`, [expect.stringContaining('Unknown type "File"')]],
    ["a Blob field without its fragment", `query { repository(owner: "a", name: "b") { object(oid: "${sha}") { text } } }`, [expect.stringContaining('Cannot query field "text" on type "GitObject"')]],
    ["a missing required argument", `query { repository(owner: "a") { id } }`, [expect.stringContaining('argument "name" of type "String!" is required')]],
    ["a connection without first or last", `query { repository(owner: "a", name: "b") { refs(refPrefix: "refs/heads/") { totalCount } } }`, ["POST /graphql: the connection refs needs a first or last argument"]],
    ["first over 100", `query { repository(owner: "a", name: "b") { refs(refPrefix: "refs/heads/", first: 101) { totalCount } } }`, ["POST /graphql: refs: first/last must be from 1 to 100, not 101"]],
    ["a syntax error", `query { repository(owner: "a", name: "b") {`, [expect.stringContaining("Syntax Error")]],
  ])("%s", (_, query, problems) => {
    expect(checkGraphqlRequest(body(query)).problems).toEqual(problems);
  });

  test("a variable that is missing or of the wrong type", () => {
    expect(checkGraphqlRequest(body(blobQuery(1), { owner: "acme", name: "device" })).problems).toEqual([expect.stringContaining('Variable "$b0" of required type "GitObjectID!" was not provided')]);
    expect(checkGraphqlRequest(body(blobQuery(1), { owner: "acme", name: 7, b0: sha })).problems).toEqual([expect.stringContaining('Variable "$name" got invalid value 7')]);
  });
});
