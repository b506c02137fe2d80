/**
 * Waits until the web server has its pad proxy's static files in memory (it lists them at
 * `/pad/padmeet-files.json` once its warm-up is done): a freshly started Etherpad minifies its
 * bundles on first request, which made the first pad opened after a start take seconds. The
 * stack declares itself ready only after this, so the first person (or test) to open a pad does
 * not pay for it. Gives up quietly after `timeoutMs` (the pad then warms on first use).
 */
export async function waitForPadWarmUp(webUrl: string, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${webUrl}/pad/padmeet-files.json`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok && ((await res.json()) as { files?: unknown[] }).files?.length) return true;
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
