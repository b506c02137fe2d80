import { describe, expect, it } from 'vitest';
import { ConnectionLimits } from './connection-limits';
import { refusalOf } from './signaling/refusal';

function refusal(run: () => void) {
  try {
    run();
  } catch (error) {
    return { refusal: refusalOf(error), message: (error as Error).message };
  }
  return undefined;
}

describe('ConnectionLimits', () => {
  it('lets two connections share a token (a reconnect overlapping the old socket) and refuses the third', () => {
    const limits = new ConnectionLimits({ perToken: 2, perSubject: 5 });
    const [a, b, c] = [{}, {}, {}];
    limits.admit({ jti: 't1', sub: 'ada' }, a);
    limits.admit({ jti: 't1', sub: 'ada' }, b);
    limits.admit({ jti: 't1', sub: 'ada' }, b);
    expect(refusal(() => limits.admit({ jti: 't1', sub: 'ada' }, c))).toEqual({
      refusal: 'connection-limit',
      message: expect.stringMatching(/at most 2/),
    });
    limits.release(a);
    limits.admit({ jti: 't1', sub: 'ada' }, c);
    expect(limits.count()).toEqual({ tokens: 1, subjects: 1, holders: 2 });
  });

  it('counts a person over all their tokens', () => {
    const limits = new ConnectionLimits({ perToken: 2, perSubject: 3 });
    const holders = [{}, {}, {}, {}];
    holders.slice(0, 3).forEach((holder, index) => limits.admit({ jti: `t${index}`, sub: 'ada' }, holder));
    expect(refusal(() => limits.admit({ jti: 't9', sub: 'ada' }, holders[3] as object))?.message).toMatch(/already connected 3 times/);
    limits.admit({ jti: 't9', sub: 'bob' }, holders[3] as object);
    for (const holder of holders) limits.release(holder);
    expect(limits.count()).toEqual({ tokens: 0, subjects: 0, holders: 0 });
  });
});
