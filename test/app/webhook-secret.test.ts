import { afterEach, describe, expect, test } from "@jest/globals";
import { assertWebhookSecret } from "../../src/app/assert-webhook-secret.js";
import { loadApp } from "./github.js";

const saved = { NODE_ENV: process.env.NODE_ENV, WEBHOOK_SECRET: process.env.WEBHOOK_SECRET };

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("the production webhook secret guard", () => {
  test.each([
    [{ NODE_ENV: "production" }, /^soup-gate will not start in production with no webhook secret: set WEBHOOK_SECRET/],
    [{ NODE_ENV: "production", WEBHOOK_SECRET: "" }, /with no webhook secret/],
    [{ NODE_ENV: "production", WEBHOOK_SECRET: "development" }, /with the default webhook secret "development"/],
  ])("%j: refused", (env, message) => {
    expect(() => assertWebhookSecret(env)).toThrow(message);
  });

  test.each([[{ NODE_ENV: "production", WEBHOOK_SECRET: "s3cr3t-from-the-app-settings" }], [{ NODE_ENV: "development" }], [{}]])("%j: accepted", (env) => {
    expect(() => assertWebhookSecret(env)).not.toThrow();
  });

  test("the App itself refuses to load in production with Probot's default secret, and loads with a real one", async () => {
    process.env.NODE_ENV = "production";
    process.env.WEBHOOK_SECRET = "development";
    await expect(loadApp()).rejects.toThrow(/will not start in production/);
    process.env.WEBHOOK_SECRET = "s3cr3t-from-the-app-settings";
    await expect(loadApp()).resolves.toBeDefined();
  });
});
