'use client';

import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import {
  describeDeviceProblem,
  describeParticipation,
  listDevices,
  loadPreferences,
  openDevice,
  savePreferences,
  type DeviceChoices,
  type DeviceKind,
  type DeviceProblem,
  type MediaPreferences,
} from './local-media';

/** What the pre-join hands to the call: open devices and the person's choices. */
export interface PreJoinResult {
  mic?: MediaStreamTrack;
  camera?: MediaStreamTrack;
  micOn: boolean;
  camOn: boolean;
  preferences: MediaPreferences;
}

export interface PreJoinState {
  preferences: MediaPreferences;
  mic: MediaStreamTrack | undefined;
  camera: MediaStreamTrack | undefined;
  problems: Partial<Record<DeviceKind, DeviceProblem>>;
  devices: DeviceChoices;
  /** Both devices tried at least once. */
  ready: boolean;
}

export interface PreJoinControls {
  state: PreJoinState;
  setOn: (kind: DeviceKind, on: boolean) => void;
  choose: (kind: DeviceKind | 'speaker', deviceId: string) => void;
  /** The open devices, given up by the pre-join: the call owns (and stops) them from now on. */
  handOver: () => PreJoinResult;
  /**
   * Resolves once the first opening of the devices is done (or after `timeoutMs`): a "Join" clicked
   * while the browser is still opening the camera waits for it instead of joining without it.
   */
  whenOpened: (timeoutMs: number) => Promise<void>;
}

const NO_DEVICES: DeviceChoices = { mics: [], cameras: [], speakers: [] };

/**
 * The pre-join's devices: microphone and camera opened separately (so a missing camera keeps the
 * microphone), as soon as the page shows, so that "Join" does not wait for them. A device turned
 * off is not opened at all (the camera light stays off). Choices are remembered in this browser.
 */
export function usePreJoin(): PreJoinControls {
  const [state, setState] = useState<PreJoinState>(() => ({
    preferences: loadPreferences(),
    mic: undefined,
    camera: undefined,
    problems: {},
    devices: NO_DEVICES,
    ready: false,
  }));
  const live = useRef<{ mic?: MediaStreamTrack; camera?: MediaStreamTrack; handedOver: boolean }>({ handedOver: false });
  const generation = useRef<Record<DeviceKind, number>>({ mic: 0, camera: 0 });
  const opening = useRef<Promise<unknown>>(Promise.resolve());

  const open = useCallback(async (kind: DeviceKind, deviceId: string | undefined) => {
    const ticket = ++generation.current[kind];
    const opened = await openDevice(kind, deviceId);
    if (ticket !== generation.current[kind] || live.current.handedOver) {
      opened.track?.stop();
      return;
    }
    live.current[kind]?.stop();
    live.current[kind] = opened.track;
    setState((current) => ({ ...current, [kind]: opened.track, problems: { ...current.problems, [kind]: opened.problem } }));
  }, []);

  const close = useCallback((kind: DeviceKind) => {
    generation.current[kind] += 1;
    live.current[kind]?.stop();
    live.current[kind] = undefined;
    setState((current) => ({ ...current, [kind]: undefined, problems: { ...current.problems, [kind]: undefined } }));
  }, []);

  useEffect(() => {
    const preferences = loadPreferences();
    // The microphone is opened even when "off": unmuting in the call is then instant (the track is disabled).
    const mic = open('mic', preferences.micDeviceId);
    const camera = preferences.camOn ? open('camera', preferences.cameraDeviceId) : Promise.resolve();
    opening.current = Promise.all([mic, camera]);
    void opening.current.then(async () => {
      // Labels are only listed once a permission was granted.
      const devices = await listDevices();
      setState((current) => ({ ...current, devices, ready: true }));
    });
    const onDeviceChange = () => void listDevices().then((devices) => setState((current) => ({ ...current, devices })));
    navigator.mediaDevices?.addEventListener?.('devicechange', onDeviceChange);
    const held = live.current;
    return () => {
      navigator.mediaDevices?.removeEventListener?.('devicechange', onDeviceChange);
      generation.current.mic += 1;
      generation.current.camera += 1;
      if (!held.handedOver) {
        held.mic?.stop();
        held.camera?.stop();
      }
    };
  }, [open]);

  useEffect(() => {
    if (state.mic) state.mic.enabled = state.preferences.micOn;
  }, [state.mic, state.preferences.micOn]);

  const update = useCallback((patch: Partial<MediaPreferences>) => {
    setState((current) => {
      const preferences = { ...current.preferences, ...patch };
      savePreferences(preferences);
      return { ...current, preferences };
    });
  }, []);

  const setOn = useCallback(
    (kind: DeviceKind, on: boolean) => {
      if (kind === 'mic') return update({ micOn: on });
      update({ camOn: on });
      if (on) void open('camera', state.preferences.cameraDeviceId);
      else close('camera');
    },
    [update, open, close, state.preferences.cameraDeviceId],
  );

  const choose = useCallback(
    (kind: DeviceKind | 'speaker', deviceId: string) => {
      if (kind === 'speaker') return update({ speakerDeviceId: deviceId });
      update(kind === 'mic' ? { micDeviceId: deviceId } : { cameraDeviceId: deviceId });
      if (kind === 'mic' || state.preferences.camOn) void open(kind, deviceId);
    },
    [update, open, state.preferences.camOn],
  );

  const handOver = useCallback((): PreJoinResult => {
    live.current.handedOver = true;
    return {
      mic: live.current.mic,
      camera: live.current.camera,
      micOn: state.preferences.micOn,
      camOn: state.preferences.camOn,
      preferences: state.preferences,
    };
  }, [state.preferences]);

  const whenOpened = useCallback(async (timeoutMs: number) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([opening.current, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }, []);

  return { state, setOn, choose, handOver, whenOpened };
}

const styles = {
  root: { display: 'grid', gap: '0.6rem', maxWidth: 420 },
  preview: { position: 'relative', background: '#111', borderRadius: 8, overflow: 'hidden', aspectRatio: '16 / 9', display: 'grid', placeItems: 'center', color: '#bbb' },
  video: { width: '100%', height: '100%', objectFit: 'cover', transform: 'scaleX(-1)', position: 'absolute', inset: 0 },
  row: { display: 'flex', gap: '0.5rem', flexWrap: 'wrap', alignItems: 'center' },
  select: { font: 'inherit', padding: '0.3rem', borderRadius: 6, maxWidth: '100%' },
} satisfies Record<string, CSSProperties>;

function DeviceSelect({ label, devices, value, onChange, testId }: { label: string; devices: MediaDeviceInfo[]; value: string | undefined; onChange: (id: string) => void; testId: string }) {
  if (devices.length === 0) return null;
  return (
    <label style={{ display: 'grid', gap: 2, fontSize: '0.9rem' }}>
      {label}
      <select style={styles.select} value={value ?? ''} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {value === undefined && <option value="">Default</option>}
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Camera preview, microphone and camera switches, device choice, and what will happen at "Join". */
export function PreJoin({ controls }: { controls: PreJoinControls }) {
  const { state, setOn, choose } = controls;
  const { preferences, problems } = state;
  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = videoRef.current;
    if (!element) return;
    element.srcObject = state.camera ? new MediaStream([state.camera]) : null;
    if (state.camera) element.play().catch(() => undefined);
  }, [state.camera]);

  const messages = (['mic', 'camera'] as const)
    .map((kind) => problems[kind] && describeDeviceProblem(kind, problems[kind]))
    .filter((message): message is string => Boolean(message));
  const participation = state.ready
    ? describeParticipation(state.mic !== undefined && preferences.micOn, state.camera !== undefined && preferences.camOn)
    : undefined;

  return (
    <div style={styles.root} data-testid="prejoin">
      <div style={styles.preview}>
        {state.camera ? (
          <video ref={videoRef} autoPlay playsInline muted style={styles.video} data-testid="prejoin-preview" />
        ) : (
          <span>{preferences.camOn ? (state.ready ? 'No camera' : 'Opening the camera…') : 'Camera off'}</span>
        )}
      </div>
      <div style={styles.row}>
        <button type="button" className="secondary" aria-pressed={!preferences.micOn} onClick={() => setOn('mic', !preferences.micOn)} data-testid="prejoin-mic">
          {preferences.micOn ? 'Microphone on' : 'Microphone off'}
        </button>
        <button type="button" className="secondary" aria-pressed={!preferences.camOn} onClick={() => setOn('camera', !preferences.camOn)} data-testid="prejoin-camera">
          {preferences.camOn ? 'Camera on' : 'Camera off'}
        </button>
      </div>
      <div style={styles.row}>
        <DeviceSelect label="Microphone" devices={state.devices.mics} value={preferences.micDeviceId ?? state.mic?.getSettings().deviceId} onChange={(id) => choose('mic', id)} testId="prejoin-mic-device" />
        <DeviceSelect label="Camera" devices={state.devices.cameras} value={preferences.cameraDeviceId ?? state.camera?.getSettings().deviceId} onChange={(id) => choose('camera', id)} testId="prejoin-camera-device" />
        <DeviceSelect label="Speaker" devices={state.devices.speakers} value={preferences.speakerDeviceId} onChange={(id) => choose('speaker', id)} testId="prejoin-speaker-device" />
      </div>
      {messages.map((message) => (
        <p key={message} className="error" role="alert" data-testid="device-problem" style={{ margin: 0 }}>
          {message}
        </p>
      ))}
      {participation && (
        <p className="muted" data-testid="participation" style={{ margin: 0 }}>
          {participation}
        </p>
      )}
    </div>
  );
}
