import { describe, expect, test } from "@jest/globals";
import { checkRequest } from "./openapi.js";

// The request checker must reject what GitHub would reject, or the end-to-end tests prove nothing.
describe("checkRequest", () => {
  const checkRuns = "/repos/acme/device/check-runs";
  test.each([
    ["a valid create", "POST", checkRuns, { name: "SOUP records", head_sha: "a".repeat(40), status: "in_progress" }, []],
    ["a create without head_sha", "POST", checkRuns, { name: "SOUP records" }, [expect.stringContaining("must have required property 'head_sha'")]],
    ["completed without a conclusion", "PATCH", `${checkRuns}/7`, { status: "completed", output: { title: "t", summary: "s" } }, [
      expect.stringContaining("must have required property 'conclusion'"),
      expect.stringContaining("body/status must be equal to one of the allowed values"),
      expect.stringContaining("body must match a schema in anyOf"),
    ]],
    ["51 annotations", "PATCH", `${checkRuns}/7`, { output: { title: "t", summary: "s", annotations: Array.from({ length: 51 }, () => ({ path: "a", start_line: 1, end_line: 1, annotation_level: "notice", message: "m" })) } }, [expect.stringContaining("must NOT have more than 50 items")]],
    ["an unknown annotation level", "PATCH", `${checkRuns}/7`, { output: { title: "t", summary: "s", annotations: [{ path: "a", start_line: 1, end_line: 1, annotation_level: "error", message: "m" }] } }, [expect.stringContaining("must be equal to one of the allowed values")]],
    ["a summary over 65,535 characters", "PATCH", `${checkRuns}/7`, { output: { title: "t", summary: "s".repeat(65_536) } }, [expect.stringContaining("must NOT have more than 65535 characters")]],
    ["an annotation title over 255 characters", "PATCH", `${checkRuns}/7`, { output: { title: "t", summary: "s", annotations: [{ path: "a", start_line: 1, end_line: 1, annotation_level: "notice", message: "m", title: "t".repeat(256) }] } }, [expect.stringContaining("annotation title longer than 255")]],
    ["a comment over 65,536 characters", "POST", "/repos/acme/device/issues/2/comments", { body: "b".repeat(65_537) }, [expect.stringContaining("exceeds 65,536")]],
  ])("%s", (_, method, path, body, problems) => {
    expect(checkRequest(method, path, JSON.stringify(body))).toEqual(problems);
  });

  test.each([
    ["per_page over the documented 100", "/repos/acme/device/pulls/2/files?per_page=101", [expect.stringContaining("exceeds the documented maximum 100")]],
    ["an unknown query parameter", "/repos/acme/device/pulls/2/files?per_page=100&sort=size", [expect.stringContaining("unknown query parameter sort")]],
    ["a state outside the enum", "/repos/acme/device/pulls?state=merged", [expect.stringContaining("query state=merged is not one of open, closed, all")]],
    ["a pull number that is not one", "/repos/acme/device/pulls/two", [expect.stringContaining("path parameter pull_number=two is not an integer")]],
    ["an endpoint the extract lacks", "/repos/acme/device/branches", [expect.stringContaining("not an operation of the OpenAPI extract")]],
    ["a valid tree request", "/repos/acme/device/git/trees/abc?recursive=1", []],
  ])("GET: %s", (_, path, problems) => {
    expect(checkRequest("GET", path, "")).toEqual(problems);
  });
});
