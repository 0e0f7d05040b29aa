/** The page's addresses on the App's server. The callback is registered in app.yml (`callback_urls`). */
export const HISTORY_PATH = "/soup-gate/history";
export const EXPORT_PATH = `${HISTORY_PATH}/export`;
export const LOGIN_PATH = `${HISTORY_PATH}/login`;
export const CALLBACK_PATH = `${HISTORY_PATH}/callback`;
export const LOGOUT_PATH = `${HISTORY_PATH}/logout`;

/**
 * Where a browser may be sent back after signing in: the page or its export, with their query. Anything
 * else (another host, `//evil`, the sign-in routes themselves) falls back to the page, so the `return`
 * parameter can never be used as an open redirect.
 */
export function safeReturnPath(candidate: string | null | undefined): string {
  if (!candidate) return HISTORY_PATH;
  const match = /^(\/soup-gate\/history(?:\/export)?)(\?[^#]*)?$/.exec(candidate);
  return match ? candidate : HISTORY_PATH;
}
