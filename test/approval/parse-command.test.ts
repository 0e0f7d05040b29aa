import { parseCommand } from "../../src/approval/parse-command.js";
import { hostileRun } from "../fuzz/hostile-line.js";

describe("parseCommand", () => {
  it.each([
    ["/soup approve", { command: "approve" }],
    ["/soup approve reviewed against the anomaly list", { command: "approve", reason: "reviewed against the anomaly list" }],
    ["Looks good.\n/soup approve  records checked  \nthanks", { command: "approve", reason: "records checked" }],
    ["/SOUP Approve", { command: "approve" }],
    ["/soup revoke wrong version", { command: "revoke", reason: "wrong version" }],
    ["/soup approved", undefined],
    ["please /soup approve", undefined],
    ["> /soup approve", undefined],
    ["```\n/soup approve\n```", undefined],
    ["`/soup approve`", undefined],
    ["```\n/soup approve", undefined],
    ["", undefined],
  ])("%j → %j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });
});

describe("parseCommand on a 1 MB comment", () => {
  const run = hostileRun;
  it.each([
    ["a million code fences, the last one left open, before a command", `\`\`\`\n${run("```\n```\n")}/soup approve`, undefined],
    ["a million closed code fences before a command", `${run("```\n```\n")}/soup approve`, { command: "approve" }],
    ["a line of a million backticks, a fence that never closes, before a command", `${run("`")}\n/soup approve`, undefined],
    ["a million inline code spans before a command", `${run("`a` ")}\n/soup approve`, { command: "approve" }],
    ["a command followed by a million spaces and a reason", `/soup approve${run(" ")}ok`, { command: "approve", reason: "ok" }],
    ["a million spaces between /soup and approve", `/soup${run(" \t")}revoke`, { command: "revoke" }],
    ["a million blank lines after a command", `/soup approve\n${run("\n")}`, { command: "approve" }],
    ["a million almost-commands", run("/soup approv\n"), undefined],
  ])("%s", (_, body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });
});
