import { AppError } from '@padmeet/util';
import { describe, expect, it } from 'vitest';
import { createPadService } from './pad-service';
import { EtherpadCallError, type EtherpadFailure, type EtherpadTransport } from './transport';

type Call = { version: string; fn: string; args: Record<string, string> };

/** A hand-written transport: answers from a handler, records calls. */
function fakeTransport(
  handler: (call: Call) => unknown,
  serverVersion: () => string = () => '1.2.15',
): EtherpadTransport & { calls: Call[]; probes: number } {
  const transport = {
    calls: [] as Call[],
    probes: 0,
    async getApiVersion() {
      transport.probes++;
      return serverVersion();
    },
    async call(version: string, fn: string, args: Record<string, string>) {
      const call = { version, fn, args };
      transport.calls.push(call);
      await Promise.resolve();
      return handler(call);
    },
  };
  return transport;
}

const failWith = (failure: EtherpadFailure) => () => {
  throw new EtherpadCallError(failure);
};

const config = { apiUrl: 'http://127.0.0.1:9001', apiKey: 'k'.repeat(64), timeoutMs: 2000 };

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('ensurePad', () => {
  it('creates the pad with its text using the negotiated API version', async () => {
    const wire = fakeTransport(() => ({ code: 0, message: 'ok', data: null }), () => '1.3.0');
    const pads = createPadService(config, wire);
    await expect(pads.ensurePad('zuul-planning', 'Notes\n')).resolves.toEqual({ created: true });
    expect(wire.calls).toEqual([
      { version: '1.2.15', fn: 'createPad', args: { padID: 'zuul-planning', text: 'Notes\n' } },
    ]);
  });

  it('counts "padID does already exist" as success', async () => {
    const pads = createPadService(config, fakeTransport(failWith({ kind: 'api', code: 1, message: 'padID does already exist' })));
    await expect(pads.ensurePad('zuul-planning')).resolves.toEqual({ created: false });
  });

  it('shares one request between concurrent calls for the same pad', async () => {
    const wire = fakeTransport(() => ({}));
    const pads = createPadService(config, wire);
    const results = await Promise.all([1, 2, 3].map(() => pads.ensurePad('same-room', 'x')));
    expect(results).toEqual([{ created: true }, { created: true }, { created: true }]);
    expect(wire.calls).toHaveLength(1);
    expect(wire.probes).toBe(1);
    await pads.ensurePad('same-room', 'x');
    expect(wire.calls).toHaveLength(2);
  });

  it('rejects an invalid pad ID without calling Etherpad', async () => {
    const wire = fakeTransport(() => ({}));
    const pads = createPadService(config, wire);
    const error = await appError(pads.ensurePad('../admin'));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.field).toBe('padId');
    expect(wire.calls).toHaveLength(0);
  });
});

describe('reads', () => {
  it('returns text, HTML and revision count', async () => {
    const pads = createPadService(
      config,
      fakeTransport(({ fn }) => (fn === 'getText' ? { text: 'hi\n' } : fn === 'getHTML' ? { html: '<p>hi</p>' } : { revisions: 3 })),
    );
    await expect(pads.getText('a-room')).resolves.toBe('hi\n');
    await expect(pads.getHtml('a-room')).resolves.toBe('<p>hi</p>');
    await expect(pads.getRevisionsCount('a-room')).resolves.toBe(3);
  });

  it('maps a missing pad to NOT_FOUND', async () => {
    const pads = createPadService(config, fakeTransport(failWith({ kind: 'api', code: 1, message: 'padID does not exist' })));
    const error = await appError(pads.getText('no-such-room'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.userMessage).toContain('no-such-room');
  });

  it('treats an answer of the wrong shape as UNAVAILABLE', async () => {
    const pads = createPadService(config, fakeTransport(() => ({ text: 42 })));
    const error = await appError(pads.getText('a-room'));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.userMessage).toMatch(/did not answer like an Etherpad/);
  });
});

describe('failures', () => {
  it.each<[EtherpadFailure, RegExp]>([
    [{ kind: 'unreachable', detail: 'ECONNREFUSED' }, /not reachable at http:\/\/127\.0\.0\.1:9001; the video room still works/],
    [{ kind: 'timeout' }, /did not answer within 2 s/],
    [{ kind: 'api', code: 4, message: 'no or wrong API Key' }, /refused padmeet's API key \(check ETHERPAD_API_KEY\)/],
    [{ kind: 'api', code: 2, message: 'internal error' }, /internal error/],
    [{ kind: 'api', code: 3, message: 'no such function' }, /does not offer the API function createPad/],
    [{ kind: 'bad-response', detail: 'html' }, /check ETHERPAD_URL/],
  ])('%j becomes UNAVAILABLE with a clear message', async (failure, message) => {
    const pads = createPadService(config, fakeTransport(failWith(failure)));
    const error = await appError(pads.ensurePad('a-room'));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.userMessage).toMatch(message);
    expect(error.cause).toBeInstanceOf(EtherpadCallError);
  });

  it('asks for the API version again after the probe failed', async () => {
    let up = false;
    const wire = fakeTransport(
      () => ({ text: '' }),
      () => {
        if (!up) throw new EtherpadCallError({ kind: 'unreachable', detail: 'ECONNREFUSED' });
        return '1.2.15';
      },
    );
    const pads = createPadService(config, wire);
    expect((await appError(pads.getText('a-room'))).code).toBe('UNAVAILABLE');
    up = true;
    await expect(pads.getText('a-room')).resolves.toBe('');
    expect(wire.probes).toBe(2);
  });
});

describe('padUrl and checkHealth', () => {
  it('builds the browser URL from publicUrl when given', () => {
    expect(createPadService(config, fakeTransport(() => ({}))).padUrl('zuul-planning')).toBe(
      'http://127.0.0.1:9001/p/zuul-planning',
    );
    const pads = createPadService({ ...config, publicUrl: 'https://example.org/notes/' }, fakeTransport(() => ({})));
    expect(pads.padUrl('zuul-planning')).toBe('https://example.org/notes/p/zuul-planning');
    expect(() => pads.padUrl('Zuul Planning')).toThrow(AppError);
  });

  it('reports the server version after checking the key', async () => {
    const wire = fakeTransport(() => ({ code: 0, message: 'ok', data: null }), () => '1.3.0');
    await expect(createPadService(config, wire).checkHealth()).resolves.toEqual({
      apiVersion: '1.3.0',
      callApiVersion: '1.2.15',
    });
    expect(wire.calls.map((call) => call.fn)).toEqual(['checkToken']);
  });

  it('refuses bad configuration at creation', () => {
    expect(() => createPadService({ ...config, apiUrl: 'localhost:9001' })).toThrow(/not valid/);
    expect(() => createPadService({ ...config, apiKey: ' ' })).toThrow(/apiKey/);
    expect(() => createPadService({ ...config, timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
