import { describe, expect, it } from 'vitest';
import { sfuEnvSchema } from './env';

const PEM = '-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----';

describe('sfu environment', () => {
  it('applies local defaults and turns literal \\n into newlines', () => {
    const env = sfuEnvSchema.parse({ JOIN_TOKEN_PUBLIC_KEY: PEM });
    expect(env).toMatchObject({
      SFU_PORT: 3002,
      SFU_HOST: '127.0.0.1',
      SFU_LISTEN_IP: '127.0.0.1',
      SFU_RTC_PORT: 30000,
      SFU_ALLOWED_ORIGINS: ['http://localhost:3000', 'http://127.0.0.1:3000'],
      LOG_LEVEL: 'info',
    });
    expect(env.SFU_WORKERS).toBeGreaterThanOrEqual(1);
    expect(env.SFU_ANNOUNCED_IP).toBeUndefined();
    expect(env.JOIN_TOKEN_PUBLIC_KEY).toContain('\n');
  });

  it('parses an origin list and refuses origins with paths or wildcards', () => {
    const env = sfuEnvSchema.parse({ JOIN_TOKEN_PUBLIC_KEY: PEM, SFU_ALLOWED_ORIGINS: 'https://meet.example.org, http://localhost:3000' });
    expect(env.SFU_ALLOWED_ORIGINS).toEqual(['https://meet.example.org', 'http://localhost:3000']);
    expect(sfuEnvSchema.safeParse({ JOIN_TOKEN_PUBLIC_KEY: PEM, SFU_ALLOWED_ORIGINS: '*' }).success).toBe(false);
    expect(sfuEnvSchema.safeParse({ JOIN_TOKEN_PUBLIC_KEY: PEM, SFU_ALLOWED_ORIGINS: 'http://x.org/room' }).success).toBe(false);
  });

  it('names each bad variable', () => {
    const result = sfuEnvSchema.safeParse({
      SFU_LISTEN_IP: 'localhost',
      SFU_RTC_PORT: '70000',
      MEDIASOUP_WORKER_BIN: '/nonexistent/mediasoup-worker',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['SFU_LISTEN_IP', 'SFU_RTC_PORT', 'MEDIASOUP_WORKER_BIN', 'JOIN_TOKEN_PUBLIC_KEY']));
  });

  it('checks that every worker’s RTC port (SFU_RTC_PORT + i) is a port', () => {
    expect(sfuEnvSchema.parse({ JOIN_TOKEN_PUBLIC_KEY: PEM, SFU_RTC_PORT: '65534', SFU_WORKERS: '2' }).SFU_RTC_PORT).toBe(65534);
    const result = sfuEnvSchema.safeParse({ JOIN_TOKEN_PUBLIC_KEY: PEM, SFU_RTC_PORT: '65535', SFU_WORKERS: '2' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['SFU_RTC_PORT'], message: expect.stringMatching(/SFU_WORKERS/) });
  });
});

describe('sfu environment: load testing and rooms over several workers (issue 13)', () => {
  it('keeps load testing off and rooms on one router unless set', () => {
    const env = sfuEnvSchema.parse({ JOIN_TOKEN_PUBLIC_KEY: PEM });
    expect(env.SFU_LOAD_TEST).toBe('off');
    expect(env.SFU_PEERS_PER_ROUTER).toBeUndefined();
    const set = sfuEnvSchema.parse({ JOIN_TOKEN_PUBLIC_KEY: PEM, SFU_LOAD_TEST: 'on', SFU_PEERS_PER_ROUTER: '60' });
    expect(set).toMatchObject({ SFU_LOAD_TEST: 'on', SFU_PEERS_PER_ROUTER: 60 });
  });

  it('refuses a bad switch or peer count', () => {
    const result = sfuEnvSchema.safeParse({ JOIN_TOKEN_PUBLIC_KEY: PEM, SFU_LOAD_TEST: 'yes', SFU_PEERS_PER_ROUTER: '1' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['SFU_LOAD_TEST', 'SFU_PEERS_PER_ROUTER']));
  });
  it('takes the web URL and service secret for attendance reports together, or neither', () => {
    const secret = 'x'.repeat(32);
    expect(sfuEnvSchema.parse({ JOIN_TOKEN_PUBLIC_KEY: PEM }).WEB_INTERNAL_URL).toBeUndefined();
    expect(sfuEnvSchema.parse({ JOIN_TOKEN_PUBLIC_KEY: PEM, WEB_INTERNAL_URL: 'http://127.0.0.1:3000', AUTH_SERVICE_SECRET: secret })).toMatchObject({ AUTH_SERVICE_SECRET: secret });
    const missing = sfuEnvSchema.safeParse({ JOIN_TOKEN_PUBLIC_KEY: PEM, WEB_INTERNAL_URL: 'http://127.0.0.1:3000' });
    expect(missing.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['AUTH_SERVICE_SECRET']);
    expect(sfuEnvSchema.safeParse({ JOIN_TOKEN_PUBLIC_KEY: PEM, WEB_INTERNAL_URL: 'ftp://x', AUTH_SERVICE_SECRET: secret }).success).toBe(false);
  });
});
