import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VideoDemand } from './video-demand';

describe('VideoDemand', () => {
  let told: Array<[string, boolean]>;
  let demand: VideoDemand;
  beforeEach(() => {
    vi.useFakeTimers();
    told = [];
    demand = new VideoDemand((producerId, wanted) => told.push([producerId, wanted]), { idleMs: 3_000 });
  });
  afterEach(() => vi.useRealTimers());

  it('tells a sender alone in the room at once that no one watches, and the moment someone does', () => {
    demand.producerAdded('cam', true);
    expect(told).toEqual([['cam', false]]);
    demand.consumerRunning('cam', 'c1', true);
    expect(told).toEqual([
      ['cam', false],
      ['cam', true],
    ]);
  });

  it('says nothing while someone watches, and only after 3 s unwatched that no one does', () => {
    demand.producerAdded('cam', false);
    vi.advanceTimersByTime(1_000);
    demand.consumerRunning('cam', 'c1', true);
    demand.consumerRunning('cam', 'c2', true);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([]);
    demand.consumerRunning('cam', 'c1', false);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([]);
    demand.consumerRunning('cam', 'c2', false);
    vi.advanceTimersByTime(2_999);
    expect(told).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(told).toEqual([['cam', false]]);
  });

  it('keeps encoding through a tile hidden and shown again within the wait', () => {
    demand.producerAdded('cam', false);
    demand.consumerRunning('cam', 'c1', true);
    demand.consumerRunning('cam', 'c1', false);
    vi.advanceTimersByTime(2_000);
    demand.consumerRunning('cam', 'c1', true);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([]);
  });

  it('tells an unwatched new producer after the wait, and forgets a closed one', () => {
    demand.producerAdded('screen', false);
    vi.advanceTimersByTime(3_000);
    expect(told).toEqual([['screen', false]]);
    expect(demand.told('screen')).toBe(false);
    demand.producerRemoved('screen');
    demand.consumerRunning('screen', 'c1', true);
    expect(told).toEqual([['screen', false]]);
    expect(demand.told('screen')).toBeUndefined();
  });

  it('ignores consumers of producers it does not track, and a pause of a consumer it never saw running', () => {
    demand.consumerRunning('mic', 'c1', true);
    demand.producerAdded('cam', true);
    demand.consumerRunning('cam', 'c9', false);
    vi.advanceTimersByTime(10_000);
    expect(told).toEqual([['cam', false]]);
  });
});
