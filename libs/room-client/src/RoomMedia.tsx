'use client';

import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { MediaSource } from '@padmeet/contract';
import type { MediaPreferences } from './local-media';
import { MediaSession, type LocalChoice, type MediaSessionState, type RemoteMedia, type RemotePeer } from './media-session';
import { ModerationNotices, ModerationScope, TileModeration } from './ModerationControls';
import { RoomHealthWarning } from './RoomHealthWarning';
import { formatLinkStats, formatVideoStats, inboundVideoSample, videoStatsView, type VideoStatsSample } from './video-stats';

export interface RoomMediaProps {
  /** The SFU's base URL, e.g. ws://127.0.0.1:3002 (http(s) is accepted and mapped to ws(s)). */
  sfuUrl: string;
  /** The join token (JWT) issued for this room. */
  token: string;
  /** Label of the local tile. */
  displayName: string;
  /** Devices and choices from the pre-join. */
  local?: { mic?: MediaStreamTrack; camera?: MediaStreamTrack; micOn: boolean; camOn: boolean; preferences?: MediaPreferences };
  /** A fresh join token from the web app (room.refreshMedia). */
  refreshToken?: () => Promise<{ token: string; expiresAt: number }>;
  /** A session the page prepared before the click (`MediaSession.prepare`) with this token; else one is made here. */
  prepared?: MediaSession;
  /** "Leave": the call is closed first. */
  onLeave?: () => void;
  /** Where a refused or expired join sends people back to. */
  scheduleHref?: string;
  /**
   * Called once the join's media is settled: the first remote frame is on screen, or there is no
   * remote video to wait for, or the join was refused. The page starts heavier work (the pad) then,
   * so that it does not compete with the join for the main thread.
   */
  onMediaReady?: () => void;
  /**
   * What holds the page's main area: `video` (the call: a grid or a speaker view) or `pad` (the
   * page shows the pad there, and the call is a strip of tiles, speaker first, until a screen share
   * or a tile someone clicked takes the main area; `onMainChange` tells the page when that happens).
   */
  stage?: 'pad' | 'video';
  /** With `stage: 'pad'`: true while a video (a screen share, a clicked tile) holds the main area. */
  onMainChange?: (videoOnMain: boolean) => void;
  /** This person's colour (their tile's name band), as the others see it. */
  colour?: string;
}

/** Tiles with live video at once; more people are listed with their video paused. */
export const MAX_VISIBLE_TILES = 16;

type Layout = 'grid' | 'speaker';
const LAYOUT_KEY = 'padmeet.layout';

const styles = {
  // The call fills the area the page gives it: the main tile shrinks to fit, so the strip under it stays on screen (a tile off screen is paused).
  root: { display: 'flex', flexDirection: 'column', gap: '0.6rem', minHeight: 0, height: '100%' },
  toolbar: { display: 'flex', gap: '0.4rem', alignItems: 'center', flexWrap: 'wrap' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: '0.5rem' },
  stage: { display: 'flex', flexDirection: 'column', gap: '0.5rem', flex: '1 1 auto', minHeight: 0 },
  strip: { display: 'grid', gridAutoFlow: 'column', gridAutoColumns: '160px', gap: '0.5rem', overflowX: 'auto', flexShrink: 0 },
  tile: { position: 'relative', background: '#111', borderRadius: 8, overflow: 'hidden', aspectRatio: '16 / 9', margin: 0, cursor: 'pointer', outline: '3px solid transparent' },
  speaking: { outline: '3px solid #3ddc84' },
  video: { width: '100%', height: '100%', objectFit: 'contain', display: 'block' },
  label: { position: 'absolute', left: 6, bottom: 6, color: '#fff', background: 'rgba(0,0,0,0.6)', padding: '1px 6px', borderRadius: 4, fontSize: 13, display: 'flex', gap: 4, alignItems: 'center' },
  stats: { position: 'absolute', left: 6, top: 6, right: 6, color: '#fff', background: 'rgba(0,0,0,0.65)', padding: '2px 6px', borderRadius: 4, fontSize: 11, fontFamily: 'monospace', display: 'grid' },
  placeholder: { width: '100%', height: '100%', display: 'grid', placeItems: 'center', color: '#fff', fontSize: 28 },
  refusal: { border: '1px solid #b3261e', borderRadius: 8, padding: '0.8rem 1rem' },
} satisfies Record<string, CSSProperties>;

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

/** Reports how a remote video is shown (on screen or not, its size in device pixels) to the session. */
function useTileView(session: MediaSession | undefined, producerId: string | undefined, element: HTMLElement | null): void {
  useEffect(() => {
    if (!session || !producerId || !element) return;
    let intersecting = false;
    const report = () => {
      const visible = intersecting && document.visibilityState === 'visible';
      const ratio = window.devicePixelRatio || 1;
      session.setView(producerId, {
        visible,
        width: Math.min(7680, Math.round(element.clientWidth * ratio)),
        height: Math.min(4320, Math.round(element.clientHeight * ratio)),
      });
    };
    const intersection = new IntersectionObserver((entries) => {
      intersecting = entries.some((entry) => entry.isIntersecting);
      report();
    });
    const resize = new ResizeObserver(() => report());
    intersection.observe(element);
    resize.observe(element);
    document.addEventListener('visibilitychange', report);
    return () => {
      intersection.disconnect();
      resize.disconnect();
      document.removeEventListener('visibilitychange', report);
      session.setView(producerId, { visible: false, width: 0, height: 0 });
    };
  }, [session, producerId, element]);
}

/** A remote video that nobody is shown (listed beyond the visible tiles): paused on the SFU. */
function PausedView({ session, producerId }: { session: MediaSession | undefined; producerId: string }) {
  useEffect(() => {
    session?.setView(producerId, { visible: false, width: 0, height: 0 });
  }, [session, producerId]);
  return null;
}

interface TileStats {
  line: string;
  link: string;
  framesDecoded: number;
  frameHeight: number;
  /** How many stats samples were taken (one a second): lets a test wait for the next one. */
  samples: number;
}

function useStatsOf(media: RemoteMedia | undefined): TileStats {
  const [view, setView] = useState<TileStats>({ line: 'waiting for video…', link: '', framesDecoded: 0, frameHeight: 0, samples: 0 });
  const getStats = media?.getStats;
  const layer = media?.spatialLayer;
  useEffect(() => {
    if (!getStats) return;
    let previous: VideoStatsSample | undefined;
    let cancelled = false;
    const sample = async () => {
      const report = await getStats().catch(() => undefined);
      if (cancelled || !report) return;
      const current = inboundVideoSample(report.values());
      if (!current) return;
      const stats = videoStatsView(current, previous);
      previous = current;
      setView((before) => ({
        line: formatVideoStats(stats),
        link: formatLinkStats(stats, layer),
        framesDecoded: stats.framesDecoded,
        frameHeight: stats.height ?? 0,
        samples: before.samples + 1,
      }));
    };
    void sample();
    const timer = setInterval(() => void sample(), 1000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [getStats, layer]);
  return view;
}

function VideoElement({ track, mirrored, testId, stats, onFirstFrame }: { track: MediaStreamTrack | undefined; mirrored?: boolean; testId: string; stats?: TileStats; onFirstFrame?: () => void }) {
  const firstFrame = useRef(onFirstFrame);
  firstFrame.current = onFirstFrame;
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (!track) return;
    element.play().catch(() => undefined);
    // The first frame on screen (the join benchmark reads this mark).
    if (testId === 'remote-video' && 'requestVideoFrameCallback' in element) {
      element.requestVideoFrameCallback(() => {
        if (performance.getEntriesByName('padmeet:first-remote-frame').length === 0) performance.mark('padmeet:first-remote-frame');
        firstFrame.current?.();
      });
    }
  }, [track, testId]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      style={{ ...styles.video, ...(mirrored ? { transform: 'scaleX(-1)' } : {}) }}
      data-testid={testId}
      data-frames-decoded={stats?.framesDecoded}
      data-frame-height={stats?.frameHeight}
      data-stats-samples={stats?.samples}
    />
  );
}

/** Every remote voice plays, whatever tile is shown (audio is always consumed). */
function RemoteAudio({ track, speakerDeviceId }: { track: MediaStreamTrack | undefined; speakerDeviceId: string | undefined }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track) element.play().catch(() => undefined);
  }, [track]);
  useEffect(() => {
    const element = ref.current as (HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (element?.setSinkId && speakerDeviceId) element.setSinkId(speakerDeviceId).catch(() => undefined);
  }, [speakerDeviceId]);
  return <audio ref={ref} autoPlay />;
}

interface TileProps {
  onFirstFrame?: () => void;
  session: MediaSession | undefined;
  peer: RemotePeer;
  source: Extract<MediaSource, 'camera' | 'screen'>;
  speaking: boolean;
  onSelect: () => void;
  size: 'main' | 'grid' | 'thumb';
}

function RemoteTile({ session, peer, source, speaking, onSelect, size, onFirstFrame }: TileProps) {
  const media = peer.media[source];
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [hover, setHover] = useState(false);
  useTileView(session, media?.producerId, element);
  const stats = useStatsOf(media);
  const micMuted = !peer.media.mic || peer.media.mic.muted;
  const hasVideo = media?.track !== undefined && !media.muted;
  return (
    <figure
      ref={setElement}
      style={{ ...styles.tile, ...(speaking ? styles.speaking : {}), ...(size === 'main' ? { aspectRatio: 'auto', minHeight: 160, flex: '1 1 auto' } : {}) }}
      data-testid={source === 'screen' ? 'screen-tile' : 'remote-tile'}
      data-peer-id={peer.peerId}
      data-peer-name={peer.displayName}
      data-speaking={speaking}
      data-mic-muted={micMuted}
      data-size={size}
      data-colour={peer.colour}
      data-layer={media?.spatialLayer === null ? 'paused' : (media?.spatialLayer ?? '')}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      onFocus={() => setHover(true)}
      onBlur={() => setHover(false)}
      onClick={onSelect}
      tabIndex={0}
      aria-label={`${peer.displayName}${source === 'screen' ? ' (screen)' : ''}${micMuted ? ', microphone muted' : ''}${speaking ? ', speaking' : ''}`}
    >
      {hasVideo ? (
        <VideoElement track={media.track} testId={source === 'screen' ? 'screen-video' : 'remote-video'} stats={stats} onFirstFrame={onFirstFrame} />
      ) : (
        <div style={{ ...styles.placeholder, background: peer.colour }} data-testid="remote-no-video">
          {initials(peer.displayName)}
        </div>
      )}
      <figcaption style={{ ...styles.label, background: peer.colour }} data-testid="remote-name">
        {source === 'camera' && micMuted && (
          <span role="img" aria-label="microphone muted" data-testid="muted-mark">
            🔇
          </span>
        )}
        {peer.displayName}
        {source === 'screen' ? ' — screen' : ''}
      </figcaption>
      <span style={{ ...styles.stats, visibility: hover && hasVideo ? 'visible' : 'hidden' }} data-testid="media-stats">
        <span>{stats.line}</span>
        <span>{stats.link}</span>
      </span>
      <TileModeration peer={peer} />
    </figure>
  );
}

function LocalTile({ state, displayName, size, colour }: { state: MediaSessionState; displayName: string; size: 'main' | 'grid' | 'thumb'; colour?: string }) {
  const camera = state.camOn ? state.local.camera : undefined;
  return (
    <figure style={{ ...styles.tile, cursor: 'default', ...(size === 'main' ? { aspectRatio: 'auto', minHeight: 240 } : {}) }} data-testid="local-tile" data-mic-muted={!state.micOn} data-colour={colour} data-camera-sent={state.cameraSent === false ? 'no' : 'yes'} data-camera-layer={state.cameraLayer}>
      {camera ? <VideoElement track={camera} mirrored testId="local-video" /> : <div style={{ ...styles.placeholder, background: colour }}>{initials(displayName)}</div>}
      <figcaption style={{ ...styles.label, ...(colour ? { background: colour } : {}) }}>
        {!state.micOn && (
          <span role="img" aria-label="microphone muted">
            🔇
          </span>
        )}
        {displayName} (you)
      </figcaption>
    </figure>
  );
}

function readLayout(): Layout {
  try {
    return globalThis.localStorage?.getItem(LAYOUT_KEY) === 'speaker' ? 'speaker' : 'grid';
  } catch {
    return 'grid';
  }
}

/**
 * The call: tiles (a grid of up to 16, or a speaker view with a strip of thumbnails), screen
 * shares on the main stage, remote audio, and the controls (microphone, camera, devices, screen
 * share, layout, leave). Owns its MediaSession for its lifetime.
 */
/** The pre-join's devices and choices as the media session takes them. */
export function localChoiceOf(handed: RoomMediaProps['local']): LocalChoice {
  return {
    mic: handed?.mic,
    camera: handed?.camera,
    micOn: handed?.micOn ?? true,
    camOn: handed?.camOn ?? true,
    devices: { mic: handed?.preferences?.micDeviceId, camera: handed?.preferences?.cameraDeviceId },
  };
}

export function RoomMedia({ sfuUrl, token, displayName, local, refreshToken, onLeave, scheduleHref, onMediaReady, prepared, stage = 'video', onMainChange, colour }: RoomMediaProps) {
  // A session prepared on the pre-join draws the call in the first render (no extra pass for its state).
  const [state, setState] = useState<MediaSessionState | undefined>(() => prepared?.state);
  const [session, setSession] = useState<MediaSession | undefined>(prepared);
  const [layout, setLayout] = useState<Layout>('grid');
  const [pinned, setPinned] = useState<{ peerId: string; source: 'camera' | 'screen' } | undefined>();
  const [stripHidden, setStripHidden] = useState(false);
  const refreshRef = useRef(refreshToken);
  refreshRef.current = refreshToken;
  const localRef = useRef(local);

  useEffect(() => setLayout(readLayout()), []);

  const ready = useRef({ fired: false, callback: onMediaReady });
  ready.current.callback = onMediaReady;
  const sessionRef = useRef<MediaSession | undefined>(undefined);
  sessionRef.current = session;
  const mediaReady = useRef(() => {
    sessionRef.current?.noteRemoteFrame();
    if (ready.current.fired) return;
    ready.current.fired = true;
    ready.current.callback?.();
  }).current;
  const settledWithoutVideo =
    state !== undefined &&
    (state.status === 'refused' || state.status === 'failed' || (state.status === 'live' && !state.remotes.some((peer) => peer.media.camera || peer.media.screen)));
  useEffect(() => {
    if (settledWithoutVideo) mediaReady();
  }, [settledWithoutVideo, mediaReady]);

  const pendingStop = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    const local = localChoiceOf(localRef.current);
    const refresh = refreshRef.current ? () => refreshRef.current!() : undefined;
    // A session the page prepared ahead (socket open, device loaded) or a new one.
    const current = prepared ?? new MediaSession({ sfuUrl, token, refreshToken: refresh });
    clearTimeout(pendingStop.current);
    current.setListener(setState);
    setSession(current);
    current.start(local);
    setState(current.state);
    return () => {
      current.setListener(undefined);
      // On the next tick: a remount of the same session (React strict mode) keeps it.
      pendingStop.current = setTimeout(() => current.stop(), 0);
    };
  }, [sfuUrl, token, prepared]);

  const chooseLayout = (next: Layout) => {
    setLayout(next);
    try {
      globalThis.localStorage?.setItem(LAYOUT_KEY, next);
    } catch {
      // Not remembered; the choice holds on this page.
    }
  };

  const remotes = useMemo(() => state?.remotes ?? [], [state?.remotes]);
  const speakerId = state?.activeSpeakerPeerId ?? null;
  const share = remotes.find((peer) => peer.media.screen?.track);
  // A screen share takes the main stage; otherwise the pinned tile, then the active speaker.
  const main: { peer: RemotePeer; source: 'camera' | 'screen' } | undefined = (() => {
    if (share) return { peer: share, source: 'screen' };
    const pinnedPeer = pinned && remotes.find((peer) => peer.peerId === pinned.peerId);
    if (pinnedPeer) return { peer: pinnedPeer, source: pinned.source };
    if (layout !== 'speaker' || stage === 'pad') return undefined;
    const speaker = remotes.find((peer) => peer.peerId === speakerId) ?? remotes[0];
    return speaker ? { peer: speaker, source: 'camera' } : undefined;
  })();
  const effectiveLayout: Layout = main ? 'speaker' : 'grid';
  // With the pad on the main area, the call is a strip of tiles unless a video takes the main area.
  const stripOnly = stage === 'pad' && !main;
  const videoOnMain = stage === 'pad' && !!main;
  const mainChange = useRef(onMainChange);
  mainChange.current = onMainChange;
  useEffect(() => mainChange.current?.(videoOnMain), [videoOnMain]);

  // The speaker first among the tiles, then everyone in the order they came.
  const ordered = [...remotes].sort((a, b) => Number(b.peerId === speakerId) - Number(a.peerId === speakerId));
  const tilePeers = ordered.filter((peer) => !(main?.source === 'camera' && main.peer.peerId === peer.peerId));
  const visibleCount = MAX_VISIBLE_TILES - 1;
  const shown = tilePeers.slice(0, visibleCount);
  const listed = tilePeers.slice(visibleCount);
  const speaker = local?.preferences?.speakerDeviceId;

  if (!state) return null;
  if (state.status === 'refused' || state.status === 'failed') {
    return (
      <section style={styles.refusal} role="alert" data-testid="media-refusal" data-refusal={state.refusal ?? 'failed'}>
        <p style={{ marginTop: 0 }}>{state.message}</p>
        {scheduleHref && <a href={scheduleHref}>Back to the schedule</a>}
      </section>
    );
  }

  const select = (peer: RemotePeer, source: 'camera' | 'screen') =>
    setPinned((current) => (current?.peerId === peer.peerId && current.source === source ? undefined : { peerId: peer.peerId, source }));
  const tile = (peer: RemotePeer, size: 'grid' | 'thumb') => (
    <RemoteTile key={peer.peerId} session={session} peer={peer} source="camera" speaking={peer.peerId === speakerId} onSelect={() => select(peer, 'camera')} size={size} onFirstFrame={mediaReady} />
  );

  return (
    <section style={styles.root} className="room-call" aria-label="Video" data-arrangement={stripOnly ? 'strip' : effectiveLayout}>
      <div style={styles.toolbar} className="call-controls" role="toolbar" aria-label="Call controls">
        <button type="button" data-testid="toggle-mic" aria-pressed={!state.micOn} onClick={() => void session?.setMic(!state.micOn)}>
          {state.micOn ? 'Mute' : 'Unmute'}
        </button>
        <button type="button" data-testid="toggle-camera" aria-pressed={!state.camOn} onClick={() => void session?.setCam(!state.camOn)}>
          {state.camOn ? 'Stop camera' : 'Start camera'}
        </button>
        {state.canPublish && typeof navigator !== 'undefined' && navigator.mediaDevices && 'getDisplayMedia' in navigator.mediaDevices && (
          <button type="button" data-testid="toggle-screen" aria-pressed={state.sharing} onClick={() => void (state.sharing ? session?.stopScreenShare() : session?.startScreenShare())}>
            {state.sharing ? 'Stop sharing' : 'Share screen'}
          </button>
        )}
        {stage === 'video' && (
          <button type="button" className="secondary" data-testid="toggle-layout" onClick={() => chooseLayout(layout === 'grid' ? 'speaker' : 'grid')}>
            {layout === 'grid' ? 'Speaker view' : 'Grid view'}
          </button>
        )}
        {effectiveLayout === 'speaker' && !stripOnly && (
          <button type="button" className="secondary" data-testid="toggle-strip" aria-pressed={stripHidden} onClick={() => setStripHidden((hidden) => !hidden)}>
            {stripHidden ? 'Show thumbnails' : 'Hide thumbnails'}
          </button>
        )}
        {videoOnMain && !share && pinned && (
          <button type="button" className="secondary" data-testid="unpin" onClick={() => setPinned(undefined)}>
            Back to the notes
          </button>
        )}
        <DeviceSwitcher session={session} state={state} />
        <button
          type="button"
          className="secondary"
          data-testid="leave"
          onClick={() => {
            session?.stop();
            onLeave?.();
          }}
        >
          Leave
        </button>
        <span role="status" data-testid="media-status" data-state={state.status} className="muted">
          {state.message}
        </span>
      </div>
      {/* The chair's controls (ModerationControls.tsx): per-tile controls for moderators, notices for everyone. */}
      <ModerationScope session={session} state={state}>
      <ModerationNotices />
      <RoomHealthWarning health={state.roomHealth} />
      {state.notices.map((notice) => (
        <p key={notice} className="muted" data-testid="media-notice" style={{ margin: 0 }}>
          {notice}
        </p>
      ))}
      {stripOnly ? (
        // The pad holds the main area: everyone on a strip of thumbnails, the speaker first.
        <div style={styles.strip} className="tile-strip" data-testid="tile-strip">
          <LocalTile state={state} displayName={displayName} size="thumb" colour={colour} />
          {shown.map((peer) => tile(peer, 'thumb'))}
        </div>
      ) : effectiveLayout === 'speaker' && main ? (
        <div style={styles.stage}>
          <RemoteTile
            key={`${main.peer.peerId}-${main.source}`}
            session={session}
            peer={main.peer}
            source={main.source}
            speaking={main.source === 'camera' && main.peer.peerId === speakerId}
            onSelect={() => select(main.peer, main.source)}
            size="main"
            onFirstFrame={mediaReady}
          />
          {/* Hidden thumbnails stay mounted: their tiles report "not visible" and the SFU pauses them. */}
          <div style={{ ...styles.strip, ...(stripHidden ? { display: 'none' } : {}) }} className="tile-strip" data-testid="tile-strip">
            <LocalTile state={state} displayName={displayName} size="thumb" colour={colour} />
            {shown.map((peer) => tile(peer, 'thumb'))}
          </div>
        </div>
      ) : (
        <div style={styles.grid} className="tile-grid" data-testid="tile-grid">
          <LocalTile state={state} displayName={displayName} size="grid" colour={colour} />
          {shown.map((peer) => tile(peer, 'grid'))}
        </div>
      )}
      {listed.length > 0 && (
        <p className="muted" data-testid="listed-peers" style={{ margin: 0 }}>
          Also here (video paused): {listed.map((peer) => peer.displayName).join(', ')}
        </p>
      )}
      {listed.map((peer) => peer.media.camera && <PausedView key={peer.peerId} session={session} producerId={peer.media.camera.producerId} />)}
      </ModerationScope>
      {remotes.map((peer) =>
        (['mic', 'screen-audio'] as const).map(
          (source) => peer.media[source] && <RemoteAudio key={`${peer.peerId}-${source}`} track={peer.media[source]?.track} speakerDeviceId={speaker} />,
        ),
      )}
      <p data-testid="media-peer-count" hidden>
        {remotes.length}
      </p>
    </section>
  );
}

/** Microphone and camera choice during the call, without leaving. */
function DeviceSwitcher({ session, state }: { session: MediaSession | undefined; state: MediaSessionState }) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const load = () => void navigator.mediaDevices?.enumerateDevices().then(setDevices, () => undefined);
    load();
    navigator.mediaDevices?.addEventListener?.('devicechange', load);
    return () => navigator.mediaDevices?.removeEventListener?.('devicechange', load);
  }, []);
  const mics = devices.filter((device) => device.kind === 'audioinput' && device.deviceId);
  const cameras = devices.filter((device) => device.kind === 'videoinput' && device.deviceId);
  const current = (track: MediaStreamTrack | undefined) => track?.getSettings().deviceId ?? '';
  return (
    <>
      {mics.length > 1 && (
        <select aria-label="Microphone" data-testid="switch-mic" value={current(state.local.mic)} onChange={(event) => void session?.switchDevice('mic', event.target.value)}>
          {mics.map((device, index) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label || `Microphone ${index + 1}`}
            </option>
          ))}
        </select>
      )}
      {cameras.length > 1 && (
        <select aria-label="Camera" data-testid="switch-camera" value={current(state.local.camera)} onChange={(event) => void session?.switchDevice('camera', event.target.value)}>
          {cameras.map((device, index) => (
            <option key={device.deviceId} value={device.deviceId}>
              {device.label || `Camera ${index + 1}`}
            </option>
          ))}
        </select>
      )}
    </>
  );
}
