import { Html, html } from "./html.js";
import { LOGOUT_PATH } from "./history-paths.js";
import { PAGE_STYLE } from "./page-style.js";

export interface Layout {
  title: string;
  /** The signed-in user, shown with a Sign out button; absent on sign-in and error pages. */
  login?: string;
  repositoryCount?: number;
  body: Html;
}

/** The stylesheet is constant text of this module, admitted by the page's CSP through its hash. */
const STYLE = new Html(PAGE_STYLE);

/** The HTML document around every page. */
export function renderLayout(layout: Layout): string {
  const who = layout.login
    ? html`<div class="who">
        <span>Signed in as <strong>@${layout.login}</strong>${layout.repositoryCount !== undefined ? html` · ${layout.repositoryCount} ${layout.repositoryCount === 1 ? "repository" : "repositories"}` : ""}</span>
        <form method="post" action="${LOGOUT_PATH}"><button class="button small" type="submit">Sign out</button></form>
      </div>`
    : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${layout.title}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><div class="bar"><div class="brand">soup-gate <span>· SOUP history</span></div>${who}</div></header>
<main>
${layout.body}
</main>
</body>
</html>
`.text;
}

