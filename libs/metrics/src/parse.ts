/**
 * The value of one series in Prometheus' text format: the first sample of `name` that carries every
 * label of `labels` (other labels, such as `app`, may be there too); undefined when there is none.
 * For tests and tools reading a scrape.
 */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}
