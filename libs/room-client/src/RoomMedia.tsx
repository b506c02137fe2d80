'use client';

import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { MediaSession, type MediaSessionState, type RemotePeerView } from './media-session';
import { formatVideoStats, inboundVideoSample, videoStatsView, type VideoStatsSample } from './video-stats';

export interface RoomMediaProps {
  /** The SFU's base URL, e.g. ws://127.0.0.1:3002 (http(s) is accepted and mapped to ws(s)). */
  sfuUrl: string;
  /** The join token (JWT) issued for this room. */
  token: string;
  /** Label of the local tile. */
  displayName: string;
}

const styles = {
  root: { display: 'flex', flexDirection: 'column', gap: '0.75rem' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: '0.75rem' },
  tile: { position: 'relative', background: '#111', borderRadius: 8, overflow: 'hidden', aspectRatio: '16 / 9' },
  video: { width: '100%', height: '100%', objectFit: 'cover', display: 'block' },
  label: { position: 'absolute', left: 8, bottom: 8, color: '#fff', background: 'rgba(0,0,0,0.55)', padding: '2px 6px', borderRadius: 4, fontSize: 13 },
  stats: { position: 'absolute', right: 8, top: 8, color: '#fff', background: 'rgba(0,0,0,0.55)', padding: '1px 5px', borderRadius: 4, fontSize: 11, fontFamily: 'monospace' },
  toolbar: { display: 'flex', gap: '0.5rem', alignItems: 'center', flexWrap: 'wrap' },
} satisfies Record<string, CSSProperties>;

function useStream(tracks: Array<MediaStreamTrack | undefined>): MediaStream | undefined {
  const [stream, setStream] = useState<MediaStream>();
  const key = tracks.map((track) => track?.id ?? '').join('|');
  useEffect(() => {
    const present = tracks.filter((track): track is MediaStreamTrack => track !== undefined);
    setStream(present.length ? new MediaStream(present) : undefined);
    // Keyed by track ids: a new array of the same tracks is the same stream.
  }, [key]);
  return stream;
}

function MediaElement({ kind, stream, muted, testId, frames }: { kind: 'video' | 'audio'; stream: MediaStream | undefined; muted: boolean; testId?: string; frames?: number }) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = stream ?? null;
    if (stream) element.play().catch(() => undefined);
  }, [stream]);
  if (kind === 'audio') return <audio ref={ref} autoPlay />;
  return <video ref={ref} autoPlay playsInline muted={muted} style={styles.video} data-testid={testId} data-frames-decoded={frames} />;
}

function RemoteTile({ remote }: { remote: RemotePeerView }) {
  const videoStream = useStream([remote.videoTrack]);
  const audioStream = useStream([remote.audioTrack]);
  const [framesDecoded, setFramesDecoded] = useState(0);
  const [statsLine, setStatsLine] = useState('waiting for video…');
  const getStats = remote.getVideoStats;

  useEffect(() => {
    if (!getStats) {
      setStatsLine(remote.videoTrack ? '…' : 'no video');
      return;
    }
    let previous: VideoStatsSample | undefined;
    let cancelled = false;
    const sample = async () => {
      const report = await getStats().catch(() => undefined);
      if (cancelled || !report) return;
      const current = inboundVideoSample(report.values());
      if (!current) return;
      const view = videoStatsView(current, previous);
      previous = current;
      setFramesDecoded(view.framesDecoded);
      setStatsLine(formatVideoStats(view));
    };
    void sample();
    const timer = setInterval(() => void sample(), 1000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [getStats, remote.videoTrack]);

  return (
    <figure style={{ ...styles.tile, margin: 0 }} data-testid="remote-tile" data-peer-id={remote.peerId} data-peer-name={remote.displayName}>
      {remote.videoTrack ? (
        <MediaElement kind="video" stream={videoStream} muted testId="remote-video" frames={framesDecoded} />
      ) : (
        <div style={{ ...styles.video, display: 'grid', placeItems: 'center', color: '#aaa' }} data-testid="remote-no-video">
          No video
        </div>
      )}
      <MediaElement kind="audio" stream={audioStream} muted={false} />
      <figcaption style={styles.label} data-testid="remote-name">
        {remote.displayName}
      </figcaption>
      <span style={styles.stats} data-testid="media-stats">
        {statsLine}
      </span>
    </figure>
  );
}

/**
 * The media part of a room page: local preview, one tile per remote peer, mic
 * and camera toggles, and a status line. Owns its MediaSession for its lifetime.
 */
export function RoomMedia({ sfuUrl, token, displayName }: RoomMediaProps) {
  const [state, setState] = useState<MediaSessionState>();
  const sessionRef = useRef<MediaSession | undefined>(undefined);

  useEffect(() => {
    const session = new MediaSession({ sfuUrl, token, onChange: setState });
    sessionRef.current = session;
    setState(session.state);
    session.start();
    return () => {
      session.stop();
      if (sessionRef.current === session) sessionRef.current = undefined;
    };
  }, [sfuUrl, token]);

  const status = state?.status ?? 'connecting';
  const remotes = state?.remotes ?? [];
  return (
    <section style={styles.root} aria-label="Video">
      <div style={styles.toolbar}>
        <p role="status" data-testid="media-status" data-state={status} style={{ margin: 0 }}>
          {state?.message ?? 'Connecting to the media server…'}
          {state?.notice ? ` ${state.notice}` : ''}
        </p>
        <button type="button" data-testid="toggle-mic" aria-pressed={!state?.micOn} onClick={() => void sessionRef.current?.setMic(!state?.micOn)}>
          {state?.micOn === false ? 'Unmute mic' : 'Mute mic'}
        </button>
        <button type="button" data-testid="toggle-camera" aria-pressed={!state?.camOn} onClick={() => void sessionRef.current?.setCam(!state?.camOn)}>
          {state?.camOn === false ? 'Start camera' : 'Stop camera'}
        </button>
      </div>
      <div style={styles.grid}>
        <figure style={{ ...styles.tile, margin: 0 }} data-testid="local-tile">
          <MediaElement kind="video" stream={state?.localStream} muted testId="local-video" />
          <figcaption style={styles.label}>{displayName} (you)</figcaption>
        </figure>
        {remotes.map((remote) => (
          <RemoteTile key={remote.peerId} remote={remote} />
        ))}
      </div>
      <p data-testid="media-peer-count" hidden>
        {remotes.length}
      </p>
    </section>
  );
}
