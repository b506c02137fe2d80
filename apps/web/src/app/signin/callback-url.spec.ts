import { describe, expect, it } from 'vitest';
import { sameOriginCallback } from './callback-url';

const origin = 'https://meet.example.org';
const home = 'https://meet.example.org/';

describe('sameOriginCallback', () => {
  it('keeps paths of the page origin, with their query and fragment', () => {
    expect(sameOriginCallback('/invites', origin)).toBe('https://meet.example.org/invites');
    expect(sameOriginCallback('/e/pcg?tz=Europe%2FBerlin#day-2', origin)).toBe('https://meet.example.org/e/pcg?tz=Europe%2FBerlin#day-2');
    expect(sameOriginCallback('https://meet.example.org/account', origin)).toBe('https://meet.example.org/account');
    expect(sameOriginCallback('account', origin)).toBe('https://meet.example.org/account');
  });

  it.each([
    ['/\\evil.example'],
    ['/%5Cevil.example'.replace('%5C', '\\')],
    ['\\\\evil.example'],
    ['//evil.example'],
    ['///evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    [' //evil.example'],
    ['https://evil.example'],
    ['https://meet.example.org.evil.example/'],
    ['https://meet.example.org@evil.example/'],
    ['http://meet.example.org/'],
    ['https://meet.example.org:8443/'],
    ['javascript:alert(document.domain)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['http:evil.example'],
    ['https:\\\\evil.example'],
  ])('refuses %j: home page instead', (callbackUrl) => {
    expect(sameOriginCallback(callbackUrl, origin)).toBe(home);
  });

  it('an encoded backslash that stays encoded is a path on this origin', () => {
    expect(sameOriginCallback('/%5Cevil.example', origin)).toBe('https://meet.example.org/%5Cevil.example');
  });

  it('a path that normalises to `//host` stays an absolute URL of this origin', () => {
    const target = sameOriginCallback('/.//evil.example/x', origin);
    expect(new URL(target).origin).toBe(origin);
  });

  it('missing or unparsable: the home page', () => {
    expect(sameOriginCallback(undefined, origin)).toBe(home);
    expect(sameOriginCallback('', origin)).toBe(home);
    expect(sameOriginCallback('http://[::1', origin)).toBe(home);
  });
});
