import { AppError } from '@padmeet/util';
import { describe, expect, it } from 'vitest';
import { createPadService } from './pad-service';
import { padProcessIndex } from './pad-process';
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

const config = { apiUrls: ['http://127.0.0.1:9001'], apiKey: 'k'.repeat(64), timeoutMs: 2000 };
const twoProcesses = { ...config, apiUrls: ['http://127.0.0.1:9001', 'http://127.0.0.1:9002'] };
const group = 'g.AbCdEfGh12345678';
const room = { groupId: group, roomSlug: 'zuul-planning' };
const padId = `${group}$zuul-planning`;
const ok = { code: 0, message: 'ok', data: null };

/** Etherpad's answers for a room whose plain pad does not exist. */
function etherpad(extra: (call: Call) => unknown = () => ok) {
  return (call: Call) => {
    if (call.fn === 'createGroupIfNotExistsFor') return { groupID: group };
    if (call.fn === 'getRevisionsCount' && call.args.padID === 'zuul-planning') throw new EtherpadCallError({ kind: 'api', code: 1, message: 'padID does not exist' });
    return extra(call);
  };
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('ensureRoomPad', () => {
  it("asks for the event's group by a mapper of the event", async () => {
    const wire = fakeTransport(etherpad());
    await expect(createPadService(config, [wire]).createEventGroup('ev-1')).resolves.toBe(group);
    expect(wire.calls).toEqual([{ version: '1.2.15', fn: 'createGroupIfNotExistsFor', args: { groupMapper: 'padmeet-event:ev-1' } }]);
  });

  it("creates the room's group pad in its event's group, with its text", async () => {
    const wire = fakeTransport(etherpad(), () => '1.3.0');
    const pads = createPadService(config, [wire]);
    await expect(pads.ensureRoomPad(room, 'Notes\n')).resolves.toEqual({ padId, created: true, movedFromPlainPad: false });
    expect(wire.calls).toEqual([
      { version: '1.2.15', fn: 'getRevisionsCount', args: { padID: 'zuul-planning' } },
      { version: '1.2.15', fn: 'createGroupPad', args: { groupID: group, padName: 'zuul-planning', text: 'Notes\n' } },
    ]);
  });

  it('counts "padName does already exist" as success', async () => {
    const pads = createPadService(config, [fakeTransport(etherpad(failWith({ kind: 'api', code: 1, message: 'padName does already exist' })))]);
    await expect(pads.ensureRoomPad(room)).resolves.toEqual({ padId, created: false, movedFromPlainPad: false });
  });

  it('moves an old plain pad named after the room into the group pad, history and all, instead of creating one', async () => {
    const wire = fakeTransport((call) => (call.fn === 'getRevisionsCount' ? { revisions: 12 } : ok));
    const pads = createPadService(config, [wire]);
    await expect(pads.ensureRoomPad(room, 'unused')).resolves.toEqual({ padId, created: false, movedFromPlainPad: true });
    expect(wire.calls.at(-1)).toMatchObject({ fn: 'movePad', args: { sourceID: 'zuul-planning', destinationID: padId, force: 'false' } });
    expect(wire.calls.some((call) => call.fn === 'createGroupPad')).toBe(false);
  });

  it('shares one request between concurrent calls for the same room and remembers success', async () => {
    const wire = fakeTransport(etherpad());
    const pads = createPadService(config, [wire]);
    const results = await Promise.all([1, 2, 3].map(() => pads.ensureRoomPad(room, 'x')));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(wire.calls.filter((call) => call.fn === 'createGroupPad')).toHaveLength(1);
    await pads.ensureRoomPad(room, 'x');
    expect(wire.calls.filter((call) => call.fn === 'createGroupPad')).toHaveLength(1);
    expect(wire.probes).toBe(1);
  });

  it('tries again after a failure', async () => {
    let down = true;
    const wire = fakeTransport(etherpad(() => {
      if (down) throw new EtherpadCallError({ kind: 'unreachable', detail: 'ECONNREFUSED' });
      return ok;
    }));
    const pads = createPadService(config, [wire]);
    expect((await appError(pads.ensureRoomPad(room))).code).toBe('UNAVAILABLE');
    down = false;
    await expect(pads.ensureRoomPad(room)).resolves.toMatchObject({ created: true });
  });

  it('rejects an invalid room slug or group without calling Etherpad', async () => {
    const wire = fakeTransport(() => ({}));
    const pads = createPadService(config, [wire]);
    const error = await appError(pads.ensureRoomPad({ groupId: group, roomSlug: '../admin' }));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.field).toBe('padId');
    expect((await appError(pads.ensureRoomPad({ groupId: 'g.x', roomSlug: 'zuul' }))).field).toBe('groupId');
    expect(wire.calls).toHaveLength(0);
  });
});

describe('several Etherpad processes', () => {
  it("sends a pad's calls to the process that serves it, and groups, authors and sessions to the first", async () => {
    const wires = [fakeTransport(etherpad(() => ({ authorID: 'a.AAAAAAAAAAAAAAAA', sessionID: 's.0123456789abcdef0123456789abcdef', revisions: 1 }))), fakeTransport(etherpad(() => ({ revisions: 1 })))];
    const pads = createPadService(twoProcesses, wires);
    const { padId: id } = await pads.ensureRoomPad(room);
    const owner = padProcessIndex(id, 2);
    await pads.appendText(id, 'x');
    const author = await pads.ensureAuthor('user:1', 'Ada');
    await pads.createEventGroup('ev-1');
    await pads.createSession(group, author, new Date(60_000));
    const padCalls = (index: number) => wires[index]!.calls.filter((call) => ['createGroupPad', 'appendText'].includes(call.fn) || (call.fn === 'getRevisionsCount' && call.args.padID === id)).map((call) => call.fn);
    expect(padCalls(owner)).toEqual(['createGroupPad', 'appendText', 'getRevisionsCount']);
    expect(padCalls(1 - owner)).toEqual([]);
    expect(wires[0]!.calls.map((call) => call.fn)).toEqual(expect.arrayContaining(['createGroupIfNotExistsFor', 'createAuthorIfNotExistsFor', 'createSession']));
    expect(wires[1]!.calls.map((call) => call.fn)).not.toContain('createSession');
    expect(wires[0]!.calls.find((call) => call.fn === 'createSession')?.args).toEqual({ groupID: group, authorID: 'a.AAAAAAAAAAAAAAAA', validUntil: '60' });
  });
});

describe('sessionsGrant', () => {
  const info = (groupID: string, validUntil: number) => ({ groupID, authorID: 'a.AAAAAAAAAAAAAAAA', validUntil });
  const future = Math.floor(Date.now() / 1000) + 600;
  function service(sessions: Record<string, unknown>) {
    return createPadService(config, [
      fakeTransport(({ fn, args }) => {
        if (fn !== 'getSessionInfo') return ok;
        if (!(args.sessionID! in sessions)) throw new EtherpadCallError({ kind: 'api', code: 1, message: 'sessionID does not exist' });
        return sessions[args.sessionID!];
      }),
    ]);
  }
  it('grants a live session of the pad\'s group, and nothing else', async () => {
    const pads = service({ 's.live': info(group, future), 's.old': info(group, 1000), 's.other': info('g.ZZZZZZZZZZZZZZZZ', future) });
    await expect(pads.sessionsGrant(['s.live'], padId)).resolves.toBe(true);
    await expect(pads.sessionsGrant(['s.unknown', 's.old', 's.other', 's.live'], padId)).resolves.toBe(true);
    await expect(pads.sessionsGrant(['s.old'], padId)).resolves.toBe(false);
    await expect(pads.sessionsGrant(['s.other'], padId)).resolves.toBe(false);
    await expect(pads.sessionsGrant(['s.unknown'], padId)).resolves.toBe(false);
    await expect(pads.sessionsGrant(['s.live'], 'zuul-planning')).resolves.toBe(false);
  });
});

describe('reads', () => {
  it('returns text, HTML and revision count', async () => {
    const pads = createPadService(
      config,
      [fakeTransport(({ fn }) => (fn === 'getText' ? { text: 'hi\n' } : fn === 'getHTML' ? { html: '<p>hi</p>' } : { revisions: 3 }))],
    );
    await expect(pads.getText('a-room')).resolves.toBe('hi\n');
    await expect(pads.getHtml('a-room')).resolves.toBe('<p>hi</p>');
    await expect(pads.getRevisionsCount('a-room')).resolves.toBe(3);
  });

  it('maps a missing pad to NOT_FOUND', async () => {
    const pads = createPadService(config, [fakeTransport(failWith({ kind: 'api', code: 1, message: 'padID does not exist' }))]);
    const error = await appError(pads.getText('no-such-room'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.userMessage).toContain('no-such-room');
  });

  it('treats an answer of the wrong shape as UNAVAILABLE', async () => {
    const pads = createPadService(config, [fakeTransport(() => ({ text: 42 }))]);
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
    [{ kind: 'api', code: 3, message: 'no such function' }, /does not offer the API function createGroupIfNotExistsFor/],
    [{ kind: 'bad-response', detail: 'html' }, /check ETHERPAD_URL/],
  ])('%j becomes UNAVAILABLE with a clear message', async (failure, message) => {
    const pads = createPadService(config, [fakeTransport(failWith(failure))]);
    const error = await appError(pads.createEventGroup('ev'));
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
    const pads = createPadService(config, [wire]);
    expect((await appError(pads.getText('a-room'))).code).toBe('UNAVAILABLE');
    up = true;
    await expect(pads.getText('a-room')).resolves.toBe('');
    expect(wire.probes).toBe(2);
  });
});

describe('padUrl and checkHealth', () => {
  it('builds the browser address on padmeet\'s origin, keeping the $ of group pads', () => {
    const pads = createPadService(config, [fakeTransport(() => ({}))]);
    expect(pads.padUrl(padId)).toBe(`/pad/p/${padId}`);
    expect(createPadService({ ...config, browserPath: '/notes/' }, [fakeTransport(() => ({}))]).padUrl(padId)).toBe(`/notes/p/${padId}`);
    expect(() => pads.padUrl('Zuul Planning')).toThrow(AppError);
  });

  it('reports the server version after checking the key', async () => {
    const wires = [fakeTransport(() => ok, () => '1.3.0'), fakeTransport(() => ok, () => '1.3.0')];
    await expect(createPadService(twoProcesses, wires).checkHealth()).resolves.toEqual({
      apiVersion: '1.3.0',
      callApiVersion: '1.2.15',
      processes: 2,
    });
    expect(wires.map((wire) => wire.calls.map((call) => call.fn))).toEqual([['checkToken'], ['checkToken']]);
  });

  it('refuses bad configuration at creation', () => {
    expect(() => createPadService({ ...config, apiUrls: ['localhost:9001'] })).toThrow(/not valid/);
    expect(() => createPadService({ ...config, apiUrls: [] })).toThrow(/at least one/);
    expect(() => createPadService({ ...config, apiKey: ' ' })).toThrow(/apiKey/);
    expect(() => createPadService({ ...config, timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
