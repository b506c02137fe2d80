import { chartTop, linePath } from './chart-path';

export interface ChartSeries {
  name: string;
  /** Oldest first; null where there is no figure. */
  values: readonly (number | null)[];
}

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
const WIDTH = 480;
const HEIGHT = 140;

/**
 * A small dependency-free SVG line chart: one path per series over the last `slots` samples, the
 * y axis from 0 to a rounded top, and a legend with each series' latest value. The SVG is an
 * image with a text alternative naming every series' latest value.
 */
export function LineChart(props: { id: string; title: string; series: readonly ChartSeries[]; format: (value: number) => string; slots: number; floor?: number }) {
  const { id, title, series, format, slots } = props;
  const top = chartTop(series.flatMap((s) => s.values), props.floor);
  const latest = (s: ChartSeries) => {
    const value = [...s.values].reverse().find((v) => v !== null);
    return value === undefined || value === null ? 'no figure yet' : format(value);
  };
  const summary = series.map((s) => `${s.name}: ${latest(s)}`).join('; ');
  return (
    <figure className="admin-chart" data-testid={`chart-${id}`} style={{ margin: '0 0 1.5rem' }}>
      <figcaption style={{ fontWeight: 600 }}>{title}</figcaption>
      <svg
        role="img"
        aria-label={`${title}. ${summary || 'No figures yet.'}`}
        viewBox={`-44 -8 ${WIDTH + 52} ${HEIGHT + 24}`}
        width="100%"
        style={{ maxWidth: `${WIDTH + 52}px`, display: 'block' }}
      >
        <title>{`${title}: ${summary}`}</title>
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} stroke="#9ca3af" />
        <line x1={0} y1={0} x2={0} y2={HEIGHT} stroke="#9ca3af" />
        <line x1={0} y1={HEIGHT / 2} x2={WIDTH} y2={HEIGHT / 2} stroke="#e5e7eb" />
        <text x={-6} y={4} fontSize={11} textAnchor="end">
          {format(top)}
        </text>
        <text x={-6} y={HEIGHT / 2 + 4} fontSize={11} textAnchor="end">
          {format(top / 2)}
        </text>
        <text x={-6} y={HEIGHT + 4} fontSize={11} textAnchor="end">
          0
        </text>
        {series.map((s, index) => (
          <path
            key={s.name}
            className="series"
            data-series={s.name}
            d={linePath(s.values, { width: WIDTH, height: HEIGHT, top, slots })}
            fill="none"
            stroke={COLOURS[index % COLOURS.length]}
            strokeWidth={2}
          />
        ))}
      </svg>
      <ul style={{ listStyle: 'none', padding: 0, margin: '0.25rem 0 0', display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem', fontSize: '0.875rem' }}>
        {series.map((s, index) => (
          <li key={s.name}>
            <span aria-hidden="true" style={{ color: COLOURS[index % COLOURS.length] }}>
              ■{' '}
            </span>
            {s.name}: <span data-testid={`latest-${id}-${s.name}`}>{latest(s)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
