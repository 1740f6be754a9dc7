// Waiting in tests: real processes and the VS Code UI settle at their own pace, so tests
// poll with a deadline instead of sleeping a fixed time. Shared by the unit tests on node
// and the integration suite inside VS Code (no imports, so it bundles anywhere).

/** Polls cond every everyMs until it returns a value other than undefined/false, at most timeoutMs. */
export async function waitFor<T>(cond: () => T | undefined | false | Promise<T | undefined | false>, what: string,
  timeoutMs = 5000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
