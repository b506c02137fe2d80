import { describe, expect, it } from 'vitest';
import { slugFrom } from './slug-suggestion';

describe('slugFrom', () => {
  it('turns a name into a URL name the server accepts', () => {
    expect(slugFrom('OpenInfra PTG 2026')).toBe('openinfra-ptg-2026');
    expect(slugFrom('  Zürich — Café  Summit!! ')).toBe('zurich-cafe-summit');
  });

  it('stays within 50 characters without a trailing dash', () => {
    const slug = slugFrom(`${'a'.repeat(49)} b`);
    expect(slug).toBe('a'.repeat(49));
  });

  it('suggests nothing when nothing usable is left', () => {
    expect(slugFrom('日本')).toBe('');
    expect(slugFrom('x')).toBe('');
  });
});
