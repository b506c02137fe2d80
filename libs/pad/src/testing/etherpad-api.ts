/** Etherpad's HTTP API version the tests and benchmarks call (what Etherpad 1.8.14 offers). */
export const TEST_API_VERSION = '1.2.15';

/** Etherpad's answer to an HTTP API call, as is (`code` 0: ok). */
export interface EtherpadApiReply<T = unknown> {
  code: number;
  message: string;
  data: T;
}

/**
 * One raw call to Etherpad's HTTP API on one process, for tests and benchmarks that need what
 * PadService deliberately does not offer (or want to check Etherpad itself): the reply as is.
 */
export async function etherpadApiReply<T = unknown>(base: string, apiKey: string, fn: string, args: Record<string, string> = {}, version = TEST_API_VERSION): Promise<EtherpadApiReply<T>> {
  const response = await fetch(`${base.replace(/\/+$/, '')}/api/${version}/${fn}`, { method: 'POST', body: new URLSearchParams({ apikey: apiKey, ...args }) });
  return (await response.json()) as EtherpadApiReply<T>;
}

/** The same call's data, or an error naming the call and Etherpad's message. */
export async function etherpadApi<T = unknown>(base: string, apiKey: string, fn: string, args: Record<string, string> = {}, version = TEST_API_VERSION): Promise<T> {
  const reply = await etherpadApiReply<T>(base, apiKey, fn, args, version);
  if (reply.code !== 0) throw new Error(`Etherpad ${fn} on ${base}: ${reply.message}`);
  return reply.data;
}
