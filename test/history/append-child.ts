// One process of the concurrent-append test: loaded, it says "ready" and waits for "go" on stdin; then it
// opens the history named by the environment (racing the other processes to set the schema up) and
// appends COUNT entries (racing them again).
import { createInterface } from "node:readline";
import { openHistoryStore } from "../../src/history/open-history-store.js";
import { approval } from "./entries.js";

const [name = "child", count = "1"] = process.argv.slice(2);
process.stdout.write("ready\n");
for await (const line of createInterface({ input: process.stdin })) if (line === "go") break;
const store = await openHistoryStore(process.env);
for (let i = 0; i < Number(count); i++) {
  await store.append(approval({ delivery: `${name}-${i}`, actor: name }));
}
await store.close();
process.stdout.write("done\n");
