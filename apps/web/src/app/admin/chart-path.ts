/** Pure geometry of the admin page's line charts (drawn as SVG by line-chart.tsx). */

/** The top of the y axis: a little above the largest value, at least `floor`, rounded to a readable step. */
export function chartTop(values: Iterable<number | null>, floor = 1): number {
  let max = 0;
  for (const value of values) if (value !== null && Number.isFinite(value) && value > max) max = value;
  const top = Math.max(floor, max * 1.1);
  const magnitude = 10 ** Math.floor(Math.log10(top));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= top) ?? 10;
  return step * magnitude;
}

/**
 * An SVG path through `values` (oldest first) spread over `slots` points across `width`, the
 * newest at the right edge; y is 0 at the bottom (`height`) and `top` at the top. Missing
 * values (null) break the line. Values are clamped into [0, top].
 */
export function linePath(values: readonly (number | null)[], options: { width: number; height: number; top: number; slots: number }): string {
  const { width, height, top, slots } = options;
  const step = slots > 1 ? width / (slots - 1) : 0;
  const offset = slots - values.length;
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) {
      drawing = false;
      return;
    }
    const x = (offset + index) * step;
    const y = height - (Math.min(Math.max(value, 0), top) / top) * height;
    path += `${drawing ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)} `;
    drawing = true;
  });
  return path.trim();
}
