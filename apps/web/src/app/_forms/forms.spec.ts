import { describe, expect, it } from 'vitest';
import { messageFor } from './field-error';
import { timeZoneOptions } from './time-zones';

describe('messageFor', () => {
  it('gives the message to the field the refusal names, and zod issues to their own fields', () => {
    const named = { message: 'There is no account named "x".', data: { field: 'username' } };
    expect(messageFor(named, 'username')).toBe('There is no account named "x".');
    expect(messageFor(named, 'trackId')).toBeUndefined();
    const zod = { message: 'Use a date like 2026-12-01', data: { field: 'startsOn', fieldErrors: { startsOn: 'Use a date like 2026-12-01', slug: 'Use lower-case letters' } } };
    expect(messageFor(zod, 'slug')).toBe('Use lower-case letters');
    expect(messageFor(null, 'slug')).toBeUndefined();
  });
});

describe('timeZoneOptions', () => {
  it('offers UTC first, every supported zone, and the zones asked for even when not in the list', () => {
    const zones = timeZoneOptions('Etc/UTC');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('Etc/UTC');
    expect(new Set(zones).size).toBe(zones.length);
  });
});
