interface Waiting<I, V> {
  item: I;
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

/**
 * Turns many single reads into few batch reads: every item asked for before the event loop next turns
 * (the reads an evaluation starts together, such as every record at once) goes to `readMany` in one call,
 * which answers by key. The caller still reads one item at a time; only the work behind it is pooled — one
 * request to GitHub, or one git process, for a whole folder of records.
 */
export function batchReads<I, V>(keyOf: (item: I) => string, readMany: (items: I[]) => Promise<Map<string, V>>): (item: I) => Promise<V> {
  let waiting: Array<Waiting<I, V>> | undefined;
  const flush = async (batch: Array<Waiting<I, V>>) => {
    try {
      const found = await readMany(batch.map((w) => w.item));
      for (const w of batch) {
        const key = keyOf(w.item);
        if (found.has(key)) w.resolve(found.get(key)!);
        else w.reject(new Error(`${key} was asked for and not returned`));
      }
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  };
  return (item) =>
    new Promise<V>((resolve, reject) => {
      if (!waiting) {
        const batch: Array<Waiting<I, V>> = (waiting = []);
        // setImmediate runs after every pending promise continuation: all reads started together are in.
        setImmediate(() => {
          waiting = undefined;
          void flush(batch);
        });
      }
      waiting.push({ item, resolve, reject });
    });
}
