import { describe, expect, test } from "@jest/globals";
import { redactLogLine } from "../../src/app/redact-log.js";

describe("redactLogLine", () => {
  test("takes the cookie, authorization and set-cookie headers and the OAuth code out of a request line, and leaves the rest", () => {
    const line = `${JSON.stringify({
      level: 30,
      req: { method: "GET", url: "/soup-gate/history/callback?code=abc123&state=s", headers: { Cookie: "soup_gate_session=secret", authorization: "token t", accept: "*/*" } },
      res: { statusCode: 302, headers: { "set-cookie": ["soup_gate_session=secret2; HttpOnly"], location: "/soup-gate/history" } },
      msg: "GET /soup-gate/history/callback?code=abc123&state=s 302 - 3ms",
    })}\n`;
    const redacted = redactLogLine(line);
    expect(redacted.endsWith("}\n")).toBe(true);
    expect(JSON.parse(redacted)).toEqual({
      level: 30,
      req: { method: "GET", url: "/soup-gate/history/callback?code=[redacted]&state=s", headers: { Cookie: "[redacted]", authorization: "[redacted]", accept: "*/*" } },
      res: { statusCode: 302, headers: { "set-cookie": "[redacted]", location: "/soup-gate/history" } },
      msg: "GET /soup-gate/history/callback?code=[redacted]&state=s 302 - 3ms",
    });
  });

  test("a line without secrets is passed on as it is, and a line that is not JSON still loses its code", () => {
    const plain = '{"level":30,"msg":"pull request #2 evaluated"}\n';
    expect(redactLogLine(plain)).toBe(plain);
    expect(redactLogLine("GET /soup-gate/history/callback?code=abc&state=s")).toBe("GET /soup-gate/history/callback?code=[redacted]&state=s");
  });
});
