import { csvCell } from "../../src/report/render-audit-csv.js";

describe("csvCell", () => {
  it.each([
    ["timm", "timm"],
    ["", ""],
    ["Ross Wightman / Hugging Face", "Ross Wightman / Hugging Face"],
    ["Société Générale", "Société Générale"],
    ["Pallets, Inc.", '"Pallets, Inc."'],
    ['the "Pallets" team', '"the ""Pallets"" team"'],
    ["line one\nline two", '"line one\nline two"'],
    ["1.0.22–1.0.24", "1.0.22–1.0.24"],
    ["=1+1", "'=1+1"],
    ["+31 20 123", "'+31 20 123"],
    ["-2", "'-2"],
    ["@babel/core", "'@babel/core"],
    ['=HYPERLINK("https://example.com","x")', `"'=HYPERLINK(""https://example.com"",""x"")"`],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", `"'\r=1+1"`],
    ["a=b", "a=b"],
    ["1.0.0-rc.1", "1.0.0-rc.1"],
  ])("writes %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
