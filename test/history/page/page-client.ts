import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseSetCookie } from "cookie";
import type { NodeHandler } from "../../../src/history/page/create-history-handler.js";

/** The handler on a real HTTP server on the loopback address, with 404 for what it leaves alone. */
export async function serve(handler: NodeHandler): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end("not the history page");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  setCookies: string[];
}

/** A browser as far as the page cares: it keeps cookies (honouring Max-Age=0) and does not follow redirects. */
export class Browser {
  readonly jar = new Map<string, string>();

  constructor(private readonly base: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send("GET", path, headers);
  }

  async post(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send("POST", path, headers);
  }

  private async send(method: string, path: string, headers: Record<string, string>): Promise<Answer> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(new URL(path, this.base), { method, redirect: "manual", headers: { ...(cookie ? { cookie } : {}), ...headers } });
    const setCookies = response.headers.getSetCookie();
    for (const header of setCookies) {
      const c = parseSetCookie(header);
      if (c.maxAge === 0) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value ?? "");
    }
    return { status: response.status, headers: response.headers, body: await response.text(), setCookies };
  }
}
