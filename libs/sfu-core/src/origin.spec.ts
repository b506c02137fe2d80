import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './origin';

describe('isOriginAllowed', () => {
  const allowed = ['http://localhost:3000', 'https://meet.example.org/'];
  it('accepts listed origins regardless of case and trailing slash', () => {
    expect(isOriginAllowed('http://localhost:3000', allowed)).toBe(true);
    expect(isOriginAllowed('https://MEET.example.org', allowed)).toBe(true);
  });
  it('refuses other origins, including other ports and schemes', () => {
    expect(isOriginAllowed('http://localhost:3001', allowed)).toBe(false);
    expect(isOriginAllowed('http://meet.example.org', allowed)).toBe(false);
    expect(isOriginAllowed('null', allowed)).toBe(false);
  });
  it('lets clients without an Origin header through to token checks', () => {
    expect(isOriginAllowed(undefined, allowed)).toBe(true);
  });
});
