import { readFileSync } from "node:fs";
import { describe, expect, test } from "@jest/globals";
import yaml from "js-yaml";
import { CALLBACK_PATH } from "../../../src/history/page/history-paths.js";

const manifest = yaml.load(readFileSync(new URL("../../../app.yml", import.meta.url), "utf8")) as { callback_urls?: string[] };

describe("app.yml", () => {
  test("registers the history page's sign-in callback, at the address setup mode serves", () => {
    expect(manifest.callback_urls).toEqual([`http://localhost:3000${CALLBACK_PATH}`]);
  });
});
