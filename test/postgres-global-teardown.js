import { stopServer } from "./postgres-global-setup.js";

export default async function stopPostgres() {
  const server = globalThis.__soupGatePostgres;
  if (server) stopServer(server);
}
