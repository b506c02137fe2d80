import { describe, expect, it } from 'vitest';
import { canLowerHand, decideHandAction, HAND_REFUSALS, moderatesRoom, type HandAction, type HandActor, type QueuedHand } from './raised-hands';
import type { RoomRole } from './room-entry';

const same = (hand: QueuedHand) => hand;
const actor = (subject: string, role: RoomRole = 'guest'): HandActor => ({ subject, role });

/** Applies actions in turn, as the queue would see them; a refusal fails the test. */
function run(actions: Array<[HandActor, HandAction]>, start: QueuedHand[] = []): string[] {
  let queue = start;
  for (const [who, action] of actions) {
    const decision = decideHandAction(queue, action, who, same);
    if (!decision.allowed) throw new Error(decision.message);
    queue = decision.queue;
  }
  return queue.map((hand) => hand.subject);
}

describe('raised hands', () => {
  it('queues hands in the order they went up', () => {
    expect(run([[actor('a'), { kind: 'raise', name: 'A' }], [actor('b'), { kind: 'raise', name: 'B' }], [actor('c'), { kind: 'raise', name: 'C' }]])).toEqual(['a', 'b', 'c']);
  });

  it('keeps the place of a hand raised twice, and changes nothing', () => {
    const decision = decideHandAction([{ subject: 'a', name: 'A' }, { subject: 'b', name: 'B' }], { kind: 'raise', name: 'A' }, actor('a'), same);
    expect(decision).toEqual({ allowed: true, queue: [{ subject: 'a', name: 'A' }, { subject: 'b', name: 'B' }], change: null });
  });

  it('sends a hand lowered and raised again to the back', () => {
    const start = [{ subject: 'a', name: 'A' }, { subject: 'b', name: 'B' }, { subject: 'c', name: 'C' }];
    expect(run([[actor('a'), { kind: 'lower', subject: 'a' }], [actor('a'), { kind: 'raise', name: 'A' }]], start)).toEqual(['b', 'c', 'a']);
  });

  it('lets a person lower their own hand, and no one else', () => {
    const start = [{ subject: 'a', name: 'A' }, { subject: 'b', name: 'B' }];
    const own = decideHandAction(start, { kind: 'lower', subject: 'b' }, actor('b', 'participant'), same);
    expect(own).toEqual({ allowed: true, queue: [{ subject: 'a', name: 'A' }], change: { lower: ['b'] } });
    for (const role of ['guest', 'participant'] as const) {
      expect(decideHandAction(start, { kind: 'lower', subject: 'a' }, actor('b', role), same)).toEqual({ allowed: false, message: HAND_REFUSALS['not-yours'] });
    }
  });

  it("lets the chair, the event's organisers and admins lower anyone's hand", () => {
    const start = [{ subject: 'a', name: 'A' }, { subject: 'b', name: 'B' }, { subject: 'c', name: 'C' }];
    for (const role of ['chair', 'organiser', 'admin'] as const) {
      const decision = decideHandAction(start, { kind: 'lower', subject: 'b' }, actor('z', role), same);
      expect(decision).toEqual({ allowed: true, queue: [start[0], start[2]], change: { lower: ['b'] } });
    }
  });

  it('changes nothing when the hand to lower is not up', () => {
    expect(decideHandAction([{ subject: 'a', name: 'A' }], { kind: 'lower', subject: 'a' }, actor('a'), same)).toMatchObject({ change: { lower: ['a'] } });
    expect(decideHandAction([], { kind: 'lower', subject: 'a' }, actor('a'), same)).toEqual({ allowed: true, queue: [], change: null });
  });

  it('lets only moderators lower all hands', () => {
    const start = [{ subject: 'a', name: 'A' }, { subject: 'b', name: 'B' }];
    for (const role of ['chair', 'organiser', 'admin'] as const) {
      expect(decideHandAction(start, { kind: 'lower-all' }, actor('z', role), same)).toEqual({ allowed: true, queue: [], change: { lower: ['a', 'b'] } });
    }
    for (const role of ['guest', 'participant'] as const) {
      expect(decideHandAction(start, { kind: 'lower-all' }, actor('a', role), same)).toEqual({ allowed: false, message: HAND_REFUSALS['lower-all'] });
    }
    expect(decideHandAction([], { kind: 'lower-all' }, actor('z', 'chair'), same)).toEqual({ allowed: true, queue: [], change: null });
  });

  it('names who moderates a room', () => {
    expect((['admin', 'organiser', 'chair', 'participant', 'guest'] as const).filter(moderatesRoom)).toEqual(['admin', 'organiser', 'chair']);
    expect(canLowerHand(actor('a'), 'a')).toBe(true);
    expect(canLowerHand(actor('a', 'participant'), 'b')).toBe(false);
  });
});
