import { csvCell, renderCsv } from "../../src/report/csv.js";

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

describe("renderCsv", () => {
  it("writes a byte-order mark, CRLF after every row, and guarded cells", () => {
    expect(renderCsv([["Package", "Approver"], ["@babel/core", "qa, lead"]])).toBe("\uFEFFPackage,Approver\r\n'@babel/core,\"qa, lead\"\r\n");
  });
});
