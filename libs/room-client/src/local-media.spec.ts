import { describe, expect, it } from 'vitest';
import {
  constraintsFor,
  DEFAULT_PREFERENCES,
  describeDeviceProblem,
  describeParticipation,
  deviceProblemOf,
  loadPreferences,
  openDevice,
  savePreferences,
} from './local-media';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
};

describe('media preferences', () => {
  it('round-trips the choices and falls back to defaults on garbage', () => {
    const storage = memoryStorage();
    expect(loadPreferences(storage)).toEqual(DEFAULT_PREFERENCES);
    savePreferences({ micOn: false, camOn: true, cameraDeviceId: 'cam-2' }, storage);
    expect(loadPreferences(storage)).toMatchObject({ micOn: false, camOn: true, cameraDeviceId: 'cam-2' });
    storage.setItem('padmeet.media', '{not json');
    expect(loadPreferences(storage)).toEqual(DEFAULT_PREFERENCES);
    storage.setItem('padmeet.media', JSON.stringify({ micOn: 'yes', cameraDeviceId: 7 }));
    expect(loadPreferences(storage)).toEqual({ micOn: true, camOn: true, micDeviceId: undefined, cameraDeviceId: undefined, speakerDeviceId: undefined });
  });
});

describe('device problems', () => {
  it('names each browser error and says what to do', () => {
    expect(deviceProblemOf(new DOMException('x', 'NotAllowedError'))).toBe('blocked');
    expect(deviceProblemOf(new DOMException('x', 'NotFoundError'))).toBe('missing');
    expect(deviceProblemOf(new DOMException('x', 'NotReadableError'))).toBe('busy');
    expect(deviceProblemOf(new Error('x'))).toBe('failed');
    expect(describeDeviceProblem('camera', 'blocked')).toMatch(/camera is blocked.*allow it/i);
    expect(describeDeviceProblem('mic', 'missing')).toMatch(/No microphone found/);
  });

  it('says how the person takes part with what opened', () => {
    expect(describeParticipation(true, true)).toBeUndefined();
    expect(describeParticipation(true, false)).toMatch(/microphone only/);
    expect(describeParticipation(false, true)).toMatch(/camera only/);
    expect(describeParticipation(false, false)).toMatch(/listen and watch only/);
  });
});

describe('openDevice', () => {
  const track = (kind: string) => ({ kind }) as MediaStreamTrack;
  const stream = (tracks: MediaStreamTrack[]) =>
    ({ getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'), getVideoTracks: () => tracks.filter((t) => t.kind === 'video') }) as MediaStream;

  it('asks for one device only, at 720p for the camera', async () => {
    const asked: MediaStreamConstraints[] = [];
    const opened = await openDevice('camera', undefined, async (constraints) => {
      asked.push(constraints);
      return stream([track('video')]);
    });
    expect(opened.track?.kind).toBe('video');
    expect(asked).toEqual([constraintsFor('camera', undefined)]);
    expect(asked[0]?.audio).toBeUndefined();
  });

  it('reports a blocked device as a result, and falls back to the default when a remembered one is gone', async () => {
    const blocked = await openDevice('mic', undefined, async () => {
      throw new DOMException('denied', 'NotAllowedError');
    });
    expect(blocked).toEqual({ problem: 'blocked' });
    const asked: MediaStreamConstraints[] = [];
    const fallback = await openDevice('mic', 'gone', async (constraints) => {
      asked.push(constraints);
      if (asked.length === 1) throw new DOMException('gone', 'OverconstrainedError');
      return stream([track('audio')]);
    });
    expect(fallback.track?.kind).toBe('audio');
    expect(asked[1]).toEqual(constraintsFor('mic', undefined));
  });
});
