// The tests that report a cost per image time it one way: `n` runs one after another, after a first run the caller
// checks (so a warm cache and a correct answer are both in place), as a mean in milliseconds.
export async function msPerRun(n: number, run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await run();
  return Number(process.hrtime.bigint() - started) / 1e6 / n;
}
