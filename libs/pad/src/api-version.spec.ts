import { describe, expect, it } from 'vitest';
import { compareVersions, NEWEST_KNOWN_API_VERSION, pickApiVersion } from './api-version';

describe('API version', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('1.2.15', '1.2.9')).toBe(1);
    expect(compareVersions('1.2', '1.2.0')).toBe(0);
    expect(compareVersions('1.2.14', '1.3.0')).toBe(-1);
  });

  it('uses the server version when older, else the newest known', () => {
    expect(pickApiVersion('1.2.13')).toBe('1.2.13');
    expect(pickApiVersion('1.2.15')).toBe(NEWEST_KNOWN_API_VERSION);
    expect(pickApiVersion('1.3.0')).toBe(NEWEST_KNOWN_API_VERSION);
  });
});
