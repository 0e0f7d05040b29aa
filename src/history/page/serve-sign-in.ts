import { describeError } from "../../github/describe-error.js";
import { CALLBACK_PATH, HISTORY_PATH, LOGIN_PATH } from "./history-paths.js";
import { listReadableRepositories } from "./list-readable-repositories.js";
import { type PageContext, type PageRequest, callbackUrl } from "./page-context.js";
import { SIGN_IN_COOKIE, clearSessionCookies, clearSignInCookie, setSessionCookies, setSignInCookie } from "./page-cookies.js";
import { renderMessagePage } from "./render-message-page.js";
import { type Response, redirectTo } from "./send-response.js";
import { SESSION_TTL_SECONDS, encodeSession } from "./session.js";
import { SIGN_IN_TTL_SECONDS, checkSignInState, createSignInState, encodeSignInState } from "./sign-in-state.js";

const SIGN_IN_AGAIN = { href: LOGIN_PATH, label: "Sign in with GitHub" };

/** `GET /soup-gate/history/login`: a fresh state in this browser's sign-in cookie, then GitHub's authorize page. */
export function serveLogin(context: PageContext, request: PageRequest): Response {
  const signIn = createSignInState(request.url.searchParams.get("return"), context.now().getTime());
  const cookie = setSignInCookie(encodeSignInState(context.config.cookieKey, signIn), SIGN_IN_TTL_SECONDS, request);
  return redirectTo(context.signIn.authorizeUrl(signIn.state, callbackUrl(context.config, CALLBACK_PATH)), [cookie]);
}

/**
 * `GET /soup-gate/history/callback?code&state`: the state checked against this browser's cookie, the code
 * exchanged for the user's token, the repositories they may see read with it, the token revoked, and the
 * session cookie set. The sign-in cookie is spent whatever happens.
 */
export async function serveCallback(context: PageContext, request: PageRequest): Promise<Response> {
  const spent = clearSignInCookie(request);
  const params = request.url.searchParams;
  const error = params.get("error");
  if (error) {
    const text = params.get("error_description") ?? error;
    return { status: 400, cookies: [spent], body: renderMessagePage({ title: "Sign-in did not complete", text: `GitHub answered: ${text}`, action: SIGN_IN_AGAIN }) };
  }
  const check = checkSignInState(context.config.cookieKey, request.cookies[SIGN_IN_COOKIE], params.get("state"), context.now().getTime());
  if (!check.ok) {
    context.log.warn(`history sign-in refused: ${check.reason}`);
    return { status: 400, cookies: [spent], body: renderMessagePage({ title: "Sign-in refused", text: `${check.reason} Start again from this browser.`, action: SIGN_IN_AGAIN }) };
  }
  const code = params.get("code");
  if (!code) return { status: 400, cookies: [spent], body: renderMessagePage({ title: "Sign-in did not complete", text: "GitHub sent no authorisation code.", action: SIGN_IN_AGAIN }) };

  let token: string;
  try {
    token = await context.signIn.exchangeCode(code, callbackUrl(context.config, CALLBACK_PATH));
  } catch (e) {
    context.log.warn(`history sign-in: GitHub refused the authorisation code: ${describeError(e)}`);
    return { status: 502, cookies: [spent], body: renderMessagePage({ title: "Sign-in did not complete", text: `GitHub did not accept the sign-in: ${describeError(e)}`, action: SIGN_IN_AGAIN }) };
  }
  let reader;
  try {
    reader = await listReadableRepositories({ token, apiUrl: context.config.apiUrl, appId: context.config.appId, fetch: context.fetch });
  } catch (e) {
    context.log.warn(`history sign-in: could not list the user's repositories: ${describeError(e)}`);
    return { status: 502, cookies: [spent], body: renderMessagePage({ title: "Sign-in did not complete", text: `GitHub did not say which repositories you can read: ${describeError(e)}`, action: SIGN_IN_AGAIN }) };
  } finally {
    await context.signIn.revokeToken(token).catch((e: unknown) => context.log.warn(`history sign-in: the user's token could not be revoked (it expires by itself): ${describeError(e)}`));
  }

  const expiresAt = context.now().getTime() + SESSION_TTL_SECONDS * 1000;
  const cookies = setSessionCookies(encodeSession(context.config.cookieKey, { ...reader, expiresAt }), SESSION_TTL_SECONDS, request);
  if (!cookies) {
    context.log.warn(`history sign-in: @${reader.login} reaches ${reader.repositories.length} repositories, more than a session cookie holds`);
    return {
      status: 413,
      cookies: [spent],
      body: renderMessagePage({
        title: "Too many repositories for one session",
        text: `Your GitHub account reaches ${reader.repositories.length} repositories through soup-gate, more than the page can remember for one browser. Use soup-gate history export on the server instead, or ask the administrator to install the App on fewer repositories.`,
      }),
    };
  }
  context.log.info(`history sign-in: @${reader.login}, ${reader.repositories.length} readable repositories`);
  return redirectTo(check.returnTo, [spent, ...cookies]);
}

/** `POST /soup-gate/history/logout`: the session cookies cleared; nothing is kept on the server. */
export function serveLogout(_context: PageContext, request: PageRequest): Response {
  return {
    status: 200,
    cookies: clearSessionCookies(request),
    body: renderMessagePage({ title: "Signed out", text: "You are signed out of the SOUP history. Your GitHub session is not affected.", action: { href: LOGIN_PATH + `?return=${encodeURIComponent(HISTORY_PATH)}`, label: "Sign in with GitHub" } }),
  };
}
