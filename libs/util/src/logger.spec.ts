import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger';

/** The JSON lines a logger built like createLogger's writes, captured. */
function capture(): { lines: () => Array<Record<string, unknown>>; text: () => string; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join(''), lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

function loggerTo(stream: Writable) {
  const logger = createLogger({ name: 'test', level: 'debug' });
  // The same options, written to the capture instead of stdout.
  const symbols = Object.getOwnPropertySymbols(logger);
  const streamSym = symbols.find((s) => String(s) === 'Symbol(pino.stream)')!;
  (logger as unknown as Record<symbol, unknown>)[streamSym] = stream;
  return logger;
}

describe('logger redaction', () => {
  it('never writes the invite token of a /register URL, in any field holding a URL or in a request', () => {
    const out = capture();
    const logger = loggerTo(out.stream);
    logger.error({ url: '/register?token=inv_S3CR3T1&x=1' }, 'request failed');
    logger.warn({ key: 'k', fillPath: '/register?token=inv_S3CR3T2' }, 'fill');
    logger.info({ req: { method: 'GET', url: '/register?token=inv_S3CR3T3', headers: { cookie: 'next-auth.session-token=S3CR3T4' } } }, 'request');
    logger.child({ path: '/pad/p/x?sessionID=s.S3CR3T5' }).info('child');
    expect(out.text()).not.toMatch(/S3CR3T/);
    expect(out.lines()[0]?.['url']).toBe('/register?token=[redacted]&x=[redacted]');
    expect(out.lines()[2]?.['req']).toEqual({ method: 'GET', url: '/register?token=[redacted]' });
  });

  it('censors the password fields of every form and cookie headers, at any depth', () => {
    const out = capture();
    const logger = loggerTo(out.stream);
    logger.info({ input: { username: 'ann', password: 'S3CR3T-a', currentPassword: 'S3CR3T-b', newPassword: 'S3CR3T-c' } }, 'sign-in / change password');
    logger.info({ body: { json: { password: 'S3CR3T-d' } }, headers: { Cookie: 'sid=S3CR3T-e', 'set-cookie': ['sid=S3CR3T-f'], authorization: 'Bearer S3CR3T-g', 'x-api-key': 'S3CR3T-h' } }, 'nested');
    logger.info({ joinToken: 'S3CR3T-i', inviteToken: 'S3CR3T-j', NEXTAUTH_SECRET: 'S3CR3T-k', apiKey: 'S3CR3T-l' }, 'keys');
    expect(out.text()).not.toMatch(/S3CR3T/);
    expect(out.lines()[0]?.['input']).toEqual({ username: 'ann', password: '[redacted]', currentPassword: '[redacted]', newPassword: '[redacted]' });
  });

  it('keeps what one needs to follow a request: path, parameter names, ids, errors', () => {
    const out = capture();
    const logger = loggerTo(out.stream);
    logger.error({ err: new Error('boom'), roomId: 'r1', url: '/e/ptg' }, 'failed');
    const [line] = out.lines();
    expect(line).toMatchObject({ roomId: 'r1', url: '/e/ptg', err: { message: 'boom', type: 'Error' } });
    expect(redactUrl('/x?a=1&b#frag')).toBe('/x?a=[redacted]&b=[redacted]');
  });
});
