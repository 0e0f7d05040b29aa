import fc from "fast-check";
import { decodeText } from "../../../src/lockfiles/common/decode-text.js";
import { FUZZ_OPTIONS } from "../../fuzz/runs.js";

describe("decodeText", () => {
  test("any text written as UTF-8 reads back as itself, ASCII or not, whatever the bytes' place in their buffer", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom("a", "\n", "~", "\u007f"), fc.constantFrom("é", "\u0080", "\u00ff", "€", "😀")), maxLength: 40 }), fc.nat(8), (text, offset) => {
        const bytes = Buffer.from(text, "utf8");
        // A view into a larger buffer, as git's output is.
        const larger = new Uint8Array(offset + bytes.length + 3);
        larger.set(bytes, offset);
        expect(decodeText(larger.subarray(offset, offset + bytes.length))).toBe(text.replace(/^\uFEFF/, ""));
      }),
      FUZZ_OPTIONS,
    );
  });

  test("byte-order marks: UTF-8's is dropped, UTF-16's decide the encoding", () => {
    expect(decodeText(Buffer.from("\uFEFFa==1\n", "utf8"))).toBe("a==1\n");
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a==1\n", "utf16le")]))).toBe("a==1\n");
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("a==1\n", "utf16le").swap16()]))).toBe("a==1\n");
  });

  test("bytes that are no UTF-8 become replacement characters, as before", () => {
    expect(decodeText(new Uint8Array([0x61, 0xff, 0x62]))).toBe("a\uFFFDb");
  });
});
