interface RequestFailure {
  status?: unknown;
  message?: string;
  request?: { method?: string; url?: string };
}

/** One line a developer can act on: which GitHub request failed and how, or the error's own message. */
export function describeError(error: unknown): string {
  const failure = (error ?? {}) as RequestFailure;
  const firstLine = (text: string) => text.split("\n")[0]!.trim().slice(0, 160);
  if (typeof failure.status === "number" && failure.request?.url) {
    const path = new URL(failure.request.url, "https://api.github.com").pathname;
    const said = failure.message ? ` (${firstLine(failure.message)})` : "";
    return `GitHub answered ${failure.status} to ${failure.request.method ?? "a request for"} ${path}${said}`;
  }
  return error instanceof Error ? firstLine(error.message) || error.name : firstLine(String(error));
}
