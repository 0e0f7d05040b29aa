/** Probot's webhook secret when WEBHOOK_SECRET is unset: public knowledge, so anyone could sign events. */
const PROBOT_DEFAULT_SECRET = "development";

/**
 * In production the app refuses to start without a real webhook secret: with Probot's default, anyone could
 * send forged pull-request events and have the gate report on commits of their choosing.
 */
export function assertWebhookSecret(env: Record<string, string | undefined>): void {
  if (env.NODE_ENV !== "production") return;
  const secret = env.WEBHOOK_SECRET?.trim();
  if (!secret || secret === PROBOT_DEFAULT_SECRET) {
    throw new Error(
      `soup-gate will not start in production with ${secret ? `the default webhook secret "${PROBOT_DEFAULT_SECRET}"` : "no webhook secret"}: ` +
        "set WEBHOOK_SECRET to the secret entered in the GitHub App's settings, so that only GitHub can send it events.",
    );
  }
}
