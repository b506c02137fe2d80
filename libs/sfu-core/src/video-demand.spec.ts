import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNWATCHED, VideoDemand } from './video-demand';

describe('VideoDemand', () => {
  let told: Array<[string, number]>;
  let demand: VideoDemand;
  beforeEach(() => {
    vi.useFakeTimers();
    told = [];
    demand = new VideoDemand((producerId, layer) => told.push([producerId, layer]), { idleMs: 3_000 });
  });
  afterEach(() => vi.useRealTimers());

  it('tells a sender alone in the room at once that no one watches, and the moment someone does', () => {
    demand.producerAdded('cam', true);
    expect(told).toEqual([['cam', UNWATCHED]]);
    demand.consumerRunning('cam', 'c1', 0);
    expect(told).toEqual([
      ['cam', UNWATCHED],
      ['cam', 0],
    ]);
  });

  it('says nothing while thumbnails watch (the lowest layer is what a sender starts with), and only after 3 s unwatched that no one does', () => {
    demand.producerAdded('cam', false);
    vi.advanceTimersByTime(1_000);
    demand.consumerRunning('cam', 'c1', 0);
    demand.consumerRunning('cam', 'c2', 0);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([]);
    demand.consumerRunning('cam', 'c1', undefined);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([]);
    demand.consumerRunning('cam', 'c2', undefined);
    vi.advanceTimersByTime(2_999);
    expect(told).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(told).toEqual([['cam', UNWATCHED]]);
  });

  it('asks for a higher layer at once and gives it up 3 s after the last viewer of it lowered', () => {
    demand.producerAdded('cam', false);
    demand.consumerRunning('cam', 'thumb', 0);
    demand.consumerRunning('cam', 'speaker', 2);
    expect(told).toEqual([['cam', 2]]);
    expect(demand.wanted('cam')).toBe(2);
    // The speaker's tile shrinks to a middle size, then to a thumbnail: the wait runs from the last change.
    demand.consumerRunning('cam', 'speaker', 1);
    vi.advanceTimersByTime(2_000);
    demand.consumerRunning('cam', 'speaker', 0);
    vi.advanceTimersByTime(2_999);
    expect(told).toEqual([['cam', 2]]);
    vi.advanceTimersByTime(1);
    expect(told).toEqual([
      ['cam', 2],
      ['cam', 0],
    ]);
    expect(demand.told('cam')).toBe(0);
  });

  it('keeps a layer through a tile shrunk and enlarged again within the wait', () => {
    demand.producerAdded('cam', false);
    demand.consumerRunning('cam', 'c1', 2);
    demand.consumerRunning('cam', 'c1', 0);
    vi.advanceTimersByTime(2_000);
    demand.consumerRunning('cam', 'c1', 2);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([['cam', 2]]);
  });

  it('keeps encoding through a tile hidden and shown again within the wait', () => {
    demand.producerAdded('cam', false);
    demand.consumerRunning('cam', 'c1', 0);
    demand.consumerRunning('cam', 'c1', undefined);
    vi.advanceTimersByTime(2_000);
    demand.consumerRunning('cam', 'c1', 0);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([]);
  });

  it('tells an unwatched new producer after the wait, and forgets a closed one', () => {
    demand.producerAdded('screen', false);
    vi.advanceTimersByTime(3_000);
    expect(told).toEqual([['screen', UNWATCHED]]);
    expect(demand.told('screen')).toBe(UNWATCHED);
    demand.producerRemoved('screen');
    demand.consumerRunning('screen', 'c1', 0);
    expect(told).toEqual([['screen', UNWATCHED]]);
    expect(demand.told('screen')).toBeUndefined();
  });

  it('ignores consumers of producers it does not track, and a pause of a consumer it never saw running', () => {
    demand.consumerRunning('mic', 'c1', 0);
    demand.producerAdded('cam', true);
    demand.consumerRunning('cam', 'c9', undefined);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([['cam', UNWATCHED]]);
  });
});
