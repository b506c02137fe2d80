'use client';

import { useEffect, useState } from 'react';
import { LineChart, type ChartSeries } from './line-chart';
import type { AdminStats } from './stats-schema';

/** Samples kept on screen (at one every POLL_MS: the last three minutes). */
const SLOTS = 90;
const POLL_MS = 2000;
/** Rooms drawn as their own lines (the largest); the table lists them all. */
const ROOM_LINES = 8;

const percent = (value: number) => `${Math.round(value * 100)} %`;
const mbits = (value: number) => `${(value / 1e6).toFixed(value >= 1e7 ? 0 : 2)} Mbit/s`;
const count = (value: number) => String(Math.round(value * 10) / 10);

/** The admin page's live part: polls /admin/stats and draws the figures of the last few minutes. */
export function AdminDashboard() {
  const [history, setHistory] = useState<AdminStats[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch('/admin/stats', { cache: 'no-store' });
        const body = (await response.json()) as AdminStats | { error: { message: string } };
        if (stopped) return;
        if ('error' in body) setProblem(body.error.message);
        else {
          setProblem(null);
          setHistory((before) => [...before, body].slice(-SLOTS));
        }
      } catch {
        if (!stopped) setProblem('The server did not answer; trying again.');
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const last = history.at(-1);
  const sfu = (pick: (stats: NonNullable<AdminStats['sfu']>) => number | null) => history.map((h) => (h.sfu ? pick(h.sfu) : null));
  const rooms = [...(last?.sfu?.rooms ?? [])].sort((a, b) => b.peers - a.peers || a.room.localeCompare(b.room));
  const drawn = rooms.slice(0, ROOM_LINES).map((room) => room.room);
  const perRoom = (pick: (room: NonNullable<AdminStats['sfu']>['rooms'][number]) => number): ChartSeries[] =>
    drawn.map((name) => ({ name, values: history.map((h) => { const room = h.sfu?.rooms.find((r) => r.room === name); return room ? pick(room) : null; }) }));
  const workers = last?.sfu?.workers ?? [];

  return (
    <section aria-labelledby="admin-live" data-testid="admin-dashboard" data-samples={history.length}>
      <h2 id="admin-live">Live figures</h2>
      <p aria-live="polite" data-testid="admin-updated">
        {last ? `Updated ${new Date(last.at).toLocaleTimeString()} (${history.length} samples, every ${POLL_MS / 1000} s).` : 'Loading…'}
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {last?.sfuError && (
        <p className="error" role="alert">
          {last.sfuError}
        </p>
      )}
      {last?.sfu && (
        <p>
          Media server: {last.sfu.totals.rooms} rooms, {last.sfu.totals.peers} people, {last.sfu.machine.cores} cores, {workers.length} workers,{' '}
          {last.sfu.workerRestarts} worker restarts since start.
        </p>
      )}
      <LineChart
        id="load"
        title="Load (1-minute average)"
        slots={SLOTS}
        format={count}
        series={[
          { name: 'media server', values: sfu((s) => s.machine.load1) },
          { name: 'web server', values: history.map((h) => h.web.load1) },
        ]}
      />
      <LineChart
        id="cpu"
        title="CPU"
        slots={SLOTS}
        format={percent}
        floor={1}
        series={[
          { name: 'media server machine', values: sfu((s) => s.machine.cpu) },
          { name: 'web server machine', values: history.map((h) => h.web.cpu) },
          ...workers.map((worker) => ({ name: `worker ${worker.slot}`, values: sfu((s) => s.workers.find((w) => w.slot === worker.slot)?.cpu ?? null) })),
        ]}
      />
      <LineChart
        id="bandwidth-in"
        title="Bandwidth in (to the media server)"
        slots={SLOTS}
        format={mbits}
        floor={1e6}
        series={[{ name: 'all rooms', values: sfu((s) => s.totals.bitrateIn) }, ...perRoom((room) => room.bitrateIn)]}
      />
      <LineChart
        id="bandwidth-out"
        title="Bandwidth out (from the media server)"
        slots={SLOTS}
        format={mbits}
        floor={1e6}
        series={[{ name: 'all rooms', values: sfu((s) => s.totals.bitrateOut) }, ...perRoom((room) => room.bitrateOut)]}
      />
      <LineChart
        id="people"
        title="People per room"
        slots={SLOTS}
        format={count}
        floor={5}
        series={[{ name: 'all rooms', values: sfu((s) => s.totals.peers) }, ...perRoom((room) => room.peers)]}
      />
      <LineChart id="loss" title="Packet loss per room" slots={SLOTS} format={percent} floor={0.05} series={perRoom((room) => room.loss)} />
      <table data-testid="admin-rooms">
        <caption>Rooms now</caption>
        <thead>
          <tr>
            <th scope="col">Room</th>
            <th scope="col">People</th>
            <th scope="col">In</th>
            <th scope="col">Out</th>
            <th scope="col">Loss</th>
            <th scope="col">RTT</th>
            <th scope="col">Health</th>
          </tr>
        </thead>
        <tbody>
          {rooms.length === 0 ? (
            <tr>
              <td colSpan={7}>No open rooms.</td>
            </tr>
          ) : (
            rooms.map((room) => (
              <tr key={room.room}>
                <th scope="row">{room.room}</th>
                <td>{room.peers}</td>
                <td>{mbits(room.bitrateIn)}</td>
                <td>{mbits(room.bitrateOut)}</td>
                <td>{percent(room.loss)}</td>
                <td>{room.rttMs === null ? '—' : `${Math.round(room.rttMs)} ms`}</td>
                <td>{room.health === 'warning' ? 'warning' : 'ok'}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
