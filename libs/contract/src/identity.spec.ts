import { describe, expect, it } from 'vitest';
import { PERSON_COLOURS, personColour } from './identity';

describe('personColour', () => {
  it('gives the same colour for the same subject, every time', () => {
    expect(personColour('user:42')).toBe(personColour('user:42'));
  });

  it('spreads subjects over the whole palette', () => {
    const seen = new Set(Array.from({ length: 500 }, (_, i) => personColour(`guest:${i}`)));
    expect(seen.size).toBe(PERSON_COLOURS.length);
  });

  it('gives different colours to subjects that differ in one character (mostly)', () => {
    const pairs = Array.from({ length: 100 }, (_, i) => [personColour(`a${i}`), personColour(`b${i}`)]);
    expect(pairs.filter(([a, b]) => a !== b).length).toBeGreaterThan(80);
  });

  it('uses hex colours Etherpad accepts as userColor', () => {
    for (const colour of PERSON_COLOURS) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });
});
