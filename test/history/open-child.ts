// Opens the history the environment names, as another user might, appends one entry, and prints what
// happened as one line of JSON.
import { openHistoryStore } from "../../src/history/open-history-store.js";
import { approval } from "./entries.js";

try {
  const store = await openHistoryStore(process.env);
  const head = await store.append(approval());
  await store.close();
  process.stdout.write(`${JSON.stringify({ head })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
}
