import { describe, expect, it } from 'vitest';
import { roleSchema } from '@padmeet/contract';
import { assessRoomHealth, DEFAULT_ROOM_HEALTH_THRESHOLDS as T, seesRoomHealth } from './room-health';

describe('assessRoomHealth', () => {
  it('is ok below both thresholds', () => {
    expect(assessRoomHealth({ loss: 0, cpu: 0 }, T)).toEqual({ level: 'ok', reasons: [] });
    expect(assessRoomHealth({ loss: 0.049, cpu: 0.84 }, T)).toEqual({ level: 'ok', reasons: [] });
  });

  it('warns for each figure at or past its threshold', () => {
    expect(assessRoomHealth({ loss: 0.05, cpu: 0.1 }, T)).toEqual({ level: 'warning', reasons: ['loss'] });
    expect(assessRoomHealth({ loss: 0.0, cpu: 0.9 }, T)).toEqual({ level: 'warning', reasons: ['cpu'] });
    expect(assessRoomHealth({ loss: 0.2, cpu: 1 }, T)).toEqual({ level: 'warning', reasons: ['loss', 'cpu'] });
  });

  it('keeps a warning until its figure drops below 80 % of the threshold (no flicker)', () => {
    expect(assessRoomHealth({ loss: 0.045, cpu: 0 }, T, ['loss'])).toEqual({ level: 'warning', reasons: ['loss'] });
    expect(assessRoomHealth({ loss: 0.041, cpu: 0 }, T, ['loss'])).toEqual({ level: 'warning', reasons: ['loss'] });
    expect(assessRoomHealth({ loss: 0.039, cpu: 0 }, T, ['loss'])).toEqual({ level: 'ok', reasons: [] });
    // The other figure's hysteresis is its own: a cpu just under its threshold does not start a warning.
    expect(assessRoomHealth({ loss: 0.045, cpu: 0.8 }, T, ['loss'])).toEqual({ level: 'warning', reasons: ['loss'] });
  });

  it('follows configured thresholds', () => {
    expect(assessRoomHealth({ loss: 0.02, cpu: 0.5 }, { loss: 0.01, cpu: 0.4 })).toEqual({ level: 'warning', reasons: ['loss', 'cpu'] });
  });

  it('treats a figure that is not a number as fine', () => {
    expect(assessRoomHealth({ loss: Number.NaN, cpu: Number.POSITIVE_INFINITY }, T)).toEqual({ level: 'ok', reasons: [] });
  });
});

describe('seesRoomHealth', () => {
  it('is the chair, organisers and admins, and nobody else', () => {
    const seen = roleSchema.options.filter(seesRoomHealth);
    expect(seen).toEqual(['admin', 'organiser', 'chair']);
  });
});
