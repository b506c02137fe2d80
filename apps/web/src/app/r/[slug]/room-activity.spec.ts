import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@padmeet/contract';
import { mergeMessages } from './room-activity';

const message = (id: string, text = `m${id}`): ChatMessage => ({ id, subject: 'guest:a', name: 'A', text, sentAt: '2030-01-01T00:00:00.000Z' });

describe('chat messages in the page', () => {
  it('keeps each message once, in id order (a reconnect re-sends the latest 100; one’s own arrives twice)', () => {
    const merged = mergeMessages([message('9'), message('10')], [message('10'), message('2'), message('11')]);
    expect(merged.map((m) => m.id)).toEqual(['2', '9', '10', '11']);
  });

  it('orders ids as numbers, not text', () => {
    expect(mergeMessages([], [message('100'), message('99')]).map((m) => m.id)).toEqual(['99', '100']);
  });

  it('keeps the latest 500', () => {
    const many = Array.from({ length: 510 }, (_, i) => message(String(i + 1)));
    const merged = mergeMessages([], many);
    expect(merged).toHaveLength(500);
    expect(merged[0]!.id).toBe('11');
  });
});
