import { parseCommand } from "../../src/approval/parse-command.js";

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
    ["", undefined],
  ])("%j → %j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });
});
