import { isIP } from 'node:net';
import { clientAddressOf } from '@padmeet/util';

/**
 * The address of the client behind a request, for rate limits and logs.
 *
 * X-Forwarded-For is a list anyone can write into; only the entries appended by
 * proxies we run are true. With `trustedProxies` = N reverse proxies in front of
 * this server, the chain is X-Forwarded-For's entries followed by the socket's
 * peer. The client is the entry N places from the right: N = 0 means the socket
 * peer itself (whatever the request claims), N = 1 means the address our one
 * proxy saw. A chain shorter than that, or an entry that is not an IP address, gives the
 * leftmost usable entry we can vouch for: at worst the socket peer.
 */
export function resolveClientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedProxies: number): string | null {
  const peer = normalise(socketAddress);
  if (trustedProxies <= 0 || !forwardedFor) return peer;
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chain = [...listed.map(normalise), peer];
  // Walk left from the peer through the trusted proxies; stop at the first entry that is not an address.
  let client = peer;
  for (let hop = 1; hop <= trustedProxies && hop < chain.length; hop++) {
    const candidate = chain[chain.length - 1 - hop];
    if (!candidate) break;
    client = candidate;
  }
  return client;
}

/** An IP address in canonical text (IPv4-mapped IPv6 as IPv4), or null if it is none. */
function normalise(address: string | undefined): string | null {
  if (!address) return null;
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  const candidate = v4 ?? bare;
  return isIP(candidate) ? candidate.toLowerCase() : null;
}

/**
 * The headers of a server-side API call for a page every visitor shares (the schedule, kept by
 * the response cache): the client address this server vouched for (src/main.ts resolved it into
 * X-Forwarded-For) and nothing else, so per-address limits apply to the page's reads while no
 * cookie or other personal header can shape what is rendered (and kept for everyone).
 */
export function clientAddressHeaders(requestHeaders: Headers): Headers {
  const address = clientAddressOf(requestHeaders);
  return new Headers(address ? { 'x-forwarded-for': address } : {});
}
