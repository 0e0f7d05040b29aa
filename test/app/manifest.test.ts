import { readFileSync } from "node:fs";
import { describe, expect, test } from "@jest/globals";
import yaml from "js-yaml";

const manifest = yaml.load(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as { default_permissions: Record<string, string>; default_events: string[] };

// The App asks for the least it needs; a wider permission is a decision, not an accident.
describe("app.yml", () => {
  test("permissions: checks write, contents read, metadata read, pull requests write, issues read, members read, merge queues read", () => {
    expect(manifest.default_permissions).toEqual({ checks: "write", contents: "read", metadata: "read", pull_requests: "write", issues: "read", members: "read", merge_queues: "read" });
  });

  test("events: pull_request, pull_request_review, issue_comment, check_run, check_suite, merge_group", () => {
    expect(manifest.default_events).toEqual(["pull_request", "pull_request_review", "issue_comment", "check_run", "check_suite", "merge_group"]);
  });
});
