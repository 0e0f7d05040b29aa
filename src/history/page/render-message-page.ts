import { type HtmlValue, html } from "./html.js";
import { renderLayout } from "./render-layout.js";

export interface Message {
  title: string;
  text: HtmlValue;
  /** Items to fix or to know, one line each. */
  items?: readonly string[];
  /** The one thing to do next. */
  action?: { href: string; label: string };
  login?: string;
}

/** A page that says one thing: not configured, signed out, sign-in refused, not found, failed. */
export function renderMessagePage(message: Message): string {
  return renderLayout({
    title: `${message.title} · soup-gate`,
    ...(message.login ? { login: message.login } : {}),
    body: html`<div class="message panel">
<h1>${message.title}</h1>
<p>${message.text}</p>
${message.items && message.items.length > 0 ? html`<ul>${message.items.map((item) => html`<li>${item}</li>`)}</ul>` : ""}
${message.action ? html`<p><a class="button primary" href="${message.action.href}">${message.action.label}</a></p>` : ""}
</div>`,
  });
}
