/** Polls until `check` returns a truthy value; for code running on real timers (engines, workers). */
export async function until<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 8_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
