import { describe, expect, it } from 'vitest';
import { padListenPort, servedOverHttps, webEnvSchema } from './env-schema';

const good = {
  DATABASE_URL: 'postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet',
  ETHERPAD_URL: 'http://127.0.0.1:9001/',
  ETHERPAD_API_KEY: 'k'.repeat(64),
  AUTH_URL: 'http://127.0.0.1:3001',
  AUTH_SERVICE_SECRET: 's'.repeat(43),
  SFU_PUBLIC_URL: 'ws://127.0.0.1:3002/ws',
  NEXTAUTH_URL: 'http://localhost:3000',
  NEXTAUTH_SECRET: 'n'.repeat(43),
};

describe('web environment', () => {
  it('accepts a complete environment and normalises URLs', () => {
    const env = webEnvSchema.parse(good);
    expect(env.ETHERPAD_URL).toEqual(['http://127.0.0.1:9001']);
    expect(env.LOG_LEVEL).toBe('info');
  });

  it('takes several Etherpad processes, comma-separated, in order, and refuses a bad one by name', () => {
    expect(webEnvSchema.parse({ ...good, ETHERPAD_URL: 'http://127.0.0.1:9001, http://127.0.0.1:9002/' }).ETHERPAD_URL).toEqual(['http://127.0.0.1:9001', 'http://127.0.0.1:9002']);
    const result = webEnvSchema.safeParse({ ...good, ETHERPAD_URL: 'http://127.0.0.1:9001,ftp://x' });
    expect(result.error?.issues[0]?.path[0]).toBe('ETHERPAD_URL');
    expect(webEnvSchema.safeParse({ ...good, ETHERPAD_URL: ' , ' }).success).toBe(false);
  });

  it("puts the pad on an origin of its own only on the app's host and scheme, on another port, and listens on its port unless told otherwise", () => {
    const env = webEnvSchema.parse({ ...good, PADMEET_PAD_ORIGIN: 'http://localhost:3003/' });
    expect(env.PADMEET_PAD_ORIGIN).toBe('http://localhost:3003');
    expect(padListenPort(env)).toBe(3003);
    expect(padListenPort(webEnvSchema.parse({ ...good, PADMEET_PAD_ORIGIN: 'http://localhost:3003', PADMEET_PAD_PORT: '4003' }))).toBe(4003);
    expect(padListenPort(webEnvSchema.parse({ ...good, NEXTAUTH_URL: 'https://meet.example.org', PADMEET_PAD_ORIGIN: 'https://meet.example.org:8443', PADMEET_PAD_PORT: '3003' }))).toBe(3003);
    expect(padListenPort(webEnvSchema.parse(good))).toBeUndefined();
    // Cookies belong to a host: another host (a subdomain too), another scheme or the app's own origin is refused by name.
    for (const origin of ['http://127.0.0.1:3003', 'http://pad.localhost:3003', 'https://localhost:3003', 'http://localhost:3000']) {
      const result = webEnvSchema.safeParse({ ...good, PADMEET_PAD_ORIGIN: origin });
      expect(result.error?.issues[0]?.path[0], origin).toBe('PADMEET_PAD_ORIGIN');
      expect(result.error?.issues[0]?.message, origin).toMatch(/host name and another port/);
    }
    expect(webEnvSchema.safeParse({ ...good, PADMEET_PAD_PORT: '3003' }).error?.issues[0]?.path[0]).toBe('PADMEET_PAD_PORT');
  });

  it('says whether padmeet is served over https (Secure cookies, HSTS) from NEXTAUTH_URL', () => {
    expect(servedOverHttps(webEnvSchema.parse(good))).toBe(false);
    expect(servedOverHttps(webEnvSchema.parse({ ...good, NEXTAUTH_URL: 'https://meet.example.org' }))).toBe(true);
  });

  it('names each bad variable with what is expected', () => {
    const result = webEnvSchema.safeParse({ ...good, SFU_PUBLIC_URL: 'http://127.0.0.1:3002', DATABASE_URL: 'mysql://x', AUTH_SERVICE_SECRET: undefined });
    expect(result.success).toBe(false);
    const byVar = Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
    expect(byVar['SFU_PUBLIC_URL']).toMatch(/ws:\/\//);
    expect(byVar['DATABASE_URL']).toMatch(/postgresql:\/\//);
    expect(byVar['AUTH_SERVICE_SECRET']).toMatch(/required/);
  });

  it('requires the next-auth URL and a long enough session secret', () => {
    const result = webEnvSchema.safeParse({ ...good, NEXTAUTH_URL: undefined, NEXTAUTH_SECRET: 'short' });
    const vars = (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
    expect(vars).toEqual(expect.arrayContaining(['NEXTAUTH_URL', 'NEXTAUTH_SECRET']));
  });

  it("holds the server's own settings, with their defaults, and names a bad one", () => {
    expect(webEnvSchema.parse(good)).toMatchObject({ HOSTNAME: '127.0.0.1', PORT: 3000, PADMEET_RESPONSE_CACHE: 'on', PADMEET_TRUSTED_PROXIES: 0, LOG_LEVEL: 'info' });
    expect(webEnvSchema.parse({ ...good, PORT: '3100', PADMEET_RESPONSE_CACHE: 'off', PADMEET_TRUSTED_PROXIES: '2', LOG_LEVEL: 'debug' })).toMatchObject({
      PORT: 3100,
      PADMEET_RESPONSE_CACHE: 'off',
      PADMEET_TRUSTED_PROXIES: 2,
      LOG_LEVEL: 'debug',
    });
    const result = webEnvSchema.safeParse({ ...good, PORT: '70000', PADMEET_RESPONSE_CACHE: 'yes', PADMEET_TRUSTED_PROXIES: '11', LOG_LEVEL: 'loud' });
    expect((result.error?.issues ?? []).map((issue) => issue.path.join('.')).sort()).toEqual(['LOG_LEVEL', 'PADMEET_RESPONSE_CACHE', 'PADMEET_TRUSTED_PROXIES', 'PORT']);
    expect(webEnvSchema.safeParse({ ...good, PADMEET_TRUSTED_PROXIES: '-1' }).success).toBe(false);
  });
});
