// Waiting in the real VS Code: UI and processes settle at their own pace, so tests poll
// with a deadline instead of sleeping a fixed time.

/** Calls f every 100 ms until it gives a value (not undefined or false), or fails after ms. */
export async function poll<T>(what: string, ms: number, f: () => Promise<T | undefined | false> | T | undefined | false): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
