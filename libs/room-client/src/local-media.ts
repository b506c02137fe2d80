/**
 * The local side before and during a call: microphone and camera opened separately (a missing or
 * blocked camera does not cost the microphone), the person's choices remembered in this browser,
 * and what to tell them when a device is blocked or missing.
 */

export type DeviceKind = 'mic' | 'camera';

/** What the pre-join remembers in this browser. */
export interface MediaPreferences {
  micOn: boolean;
  camOn: boolean;
  micDeviceId?: string;
  cameraDeviceId?: string;
  speakerDeviceId?: string;
}

export const DEFAULT_PREFERENCES: MediaPreferences = { micOn: true, camOn: true };
const PREFERENCES_KEY = 'padmeet.media';

export function loadPreferences(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): MediaPreferences {
  try {
    const raw = storage?.getItem(PREFERENCES_KEY);
    if (!raw) return DEFAULT_PREFERENCES;
    const value = JSON.parse(raw) as Record<string, unknown>;
    const id = (key: string) => (typeof value[key] === 'string' && value[key] ? (value[key] as string) : undefined);
    return {
      micOn: typeof value['micOn'] === 'boolean' ? value['micOn'] : true,
      camOn: typeof value['camOn'] === 'boolean' ? value['camOn'] : true,
      micDeviceId: id('micDeviceId'),
      cameraDeviceId: id('cameraDeviceId'),
      speakerDeviceId: id('speakerDeviceId'),
    };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

export function savePreferences(preferences: MediaPreferences, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(PREFERENCES_KEY, JSON.stringify(preferences));
  } catch {
    // Private mode or a full storage: the choice holds for this page only.
  }
}

/** Capture constraints: the camera at 720p so the top simulcast layer has something to send. */
export function constraintsFor(kind: DeviceKind, deviceId: string | undefined): MediaStreamConstraints {
  const device = deviceId ? { deviceId: { exact: deviceId } } : {};
  return kind === 'mic'
    ? { audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, ...device } }
    : { video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30, max: 30 }, ...device } };
}

export type DeviceProblem = 'blocked' | 'missing' | 'busy' | 'failed';

export function deviceProblemOf(error: unknown): DeviceProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'blocked';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'failed';
}

const deviceWord: Record<DeviceKind, string> = { mic: 'microphone', camera: 'camera' };

/** One sentence per problem: what happened, what the person can do about it. */
export function describeDeviceProblem(kind: DeviceKind, problem: DeviceProblem): string {
  const word = deviceWord[kind];
  switch (problem) {
    case 'blocked':
      return `Your ${word} is blocked for this site: allow it in the browser (the icon at the left of the address bar), then reload.`;
    case 'missing':
      return `No ${word} found: plug one in, then choose it here.`;
    case 'busy':
      return `Your ${word} is in use by another application: close it, then choose the ${word} again.`;
    case 'failed':
      return `Your ${word} could not be opened.`;
  }
}

/** How the person will take part, given what opened: said once, above the Join button. */
export function describeParticipation(mic: boolean, camera: boolean): string | undefined {
  if (mic && camera) return undefined;
  if (mic) return 'You join with your microphone only; the others will not see you.';
  if (camera) return 'You join with your camera only; the others will not hear you.';
  return 'You join to listen and watch only: no microphone or camera is available.';
}

export interface OpenedDevice {
  track?: MediaStreamTrack;
  problem?: DeviceProblem;
}

/** Opens one device; a failure is a result, not an exception. */
export async function openDevice(
  kind: DeviceKind,
  deviceId: string | undefined,
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream> = (constraints) =>
    navigator.mediaDevices.getUserMedia(constraints),
): Promise<OpenedDevice> {
  try {
    const stream = await getUserMedia(constraintsFor(kind, deviceId));
    const track = kind === 'mic' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
    if (!track) return { problem: 'missing' };
    return { track };
  } catch (error) {
    // A remembered device that is gone: fall back to the default one.
    if (deviceId && deviceProblemOf(error) === 'missing') return openDevice(kind, undefined, getUserMedia);
    return { problem: deviceProblemOf(error) };
  }
}

export interface DeviceChoices {
  mics: MediaDeviceInfo[];
  cameras: MediaDeviceInfo[];
  /** Empty where the browser cannot choose the output (setSinkId). */
  speakers: MediaDeviceInfo[];
}

export async function listDevices(): Promise<DeviceChoices> {
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
  const canChooseSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  return {
    mics: devices.filter((device) => device.kind === 'audioinput' && device.deviceId),
    cameras: devices.filter((device) => device.kind === 'videoinput' && device.deviceId),
    speakers: canChooseSpeaker ? devices.filter((device) => device.kind === 'audiooutput' && device.deviceId) : [],
  };
}
