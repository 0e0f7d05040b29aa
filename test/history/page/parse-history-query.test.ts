import { describe, expect, test } from "@jest/globals";
import { parseHistoryQuery, queryString } from "../../../src/history/page/parse-history-query.js";

const parse = (query: string) => parseHistoryQuery(new URLSearchParams(query));

describe("parseHistoryQuery", () => {
  test("the form's fields become the store's filter", () => {
    expect(parse("repo=acme/device&package=timm&approver=@quinn&since=2025-01-01&until=2025-03-31")).toEqual({
      values: { repository: "acme/device", package: "timm", approver: "quinn", since: "2025-01-01", until: "2025-03-31" },
      filter: { repository: "acme/device", package: "timm", approver: "quinn", since: "2025-01-01", until: "2025-03-31" },
      problems: [],
    });
    expect(parse("repo=&package=+&format=csv")).toMatchObject({ filter: {}, problems: [] });
  });

  test("each unusable filter is named", () => {
    expect(parse("repo=acme&approver=not a login&since=2025-02-30&until=31.03.2025").problems).toEqual([
      'Repository "acme" is not of the form owner/name.',
      'Approver "not a login" is not a GitHub login.',
      'From date "2025-02-30" is not a date of the form YYYY-MM-DD.',
      'To date "31.03.2025" is not a date of the form YYYY-MM-DD.',
    ]);
    expect(parse("since=2025-04-01&until=2025-03-01").problems).toEqual(["The From date 2025-04-01 is after the To date 2025-03-01."]);
  });

  test("queryString keeps the set filters only", () => {
    expect(queryString({ repository: "acme/device", package: "timm", approver: "" })).toBe("?repo=acme%2Fdevice&package=timm");
    expect(queryString({})).toBe("");
  });
});
