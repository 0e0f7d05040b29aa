import { locateByPlace } from "../../../src/lockfiles/common/locate-by-place.js";
import type { Dependency } from "../../../src/types.js";

const packages = (...places: number[]): Dependency[] => places.map((line, index) => ({ ecosystem: "npm", name: `p${index}`, version: "1.0.0", direct: false, dev: false, line }));

describe("lines found by place", () => {
  test("each package asked for gets the line of its place, asked in ascending order, and only once", () => {
    const list = packages(7, 2, 30);
    const asked: number[][] = [];
    const locate = locateByPlace(list, (places) => (asked.push([...places]), places.map((place) => place * 10)));
    expect(list.map((dep) => dep.line)).toEqual([0, 0, 0]);
    locate(new Uint8Array([1, 1, 0]));
    expect(list.map((dep) => dep.line)).toEqual([70, 20, 0]);
    locate(new Uint8Array([1, 1, 1]));
    expect(list.map((dep) => dep.line)).toEqual([70, 20, 300]);
    expect(asked).toEqual([[2, 7], [30]]);
  });

  test("a locator that throws puts the packages asked for at line 1, and the evaluation goes on", () => {
    const list = packages(4, 5);
    const locate = locateByPlace(list, () => {
      throw new RangeError("a case no test thought of");
    });
    expect(() => locate(new Uint8Array([0, 1]))).not.toThrow();
    expect(list.map((dep) => dep.line)).toEqual([0, 1]);
  });
});
