// The PNG bar chart of the store's ratios: for each scenario, store ÷ ceiling and store ÷ Restate, on a log
// scale centred on 1× (a bar to the right of the 1× line means the store is ahead). An SVG built by hand,
// rendered with @resvg/resvg-js.
import { Resvg } from '@resvg/resvg-js';
import { ratio, PEER_SCENARIOS, type ResultRow } from './results.ts';

const WIDTH = 900;
const ROW_HEIGHT = 64;
const TOP = 70;
const LEFT = 150;
const RIGHT = 60;
const MIN_LOG = -2; // 0.01×
const MAX_LOG = 2; // 100×
const SERIES = [
  { other: 'ceiling', label: 'store ÷ ceiling', color: '#4C78A8' },
  { other: 'restate', label: 'store ÷ Restate', color: '#F58518' },
] as const;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function ratioChartSvg(rows: readonly ResultRow[], title: string): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const height = TOP + PEER_SCENARIOS.length * ROW_HEIGHT + 60;
  const x = (value: number) => LEFT + ((Math.min(MAX_LOG, Math.max(MIN_LOG, Math.log10(value))) - MIN_LOG) / (MAX_LOG - MIN_LOG)) * plotWidth;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="28" font-size="18" text-anchor="middle" font-weight="bold">${escape(title)}</text>`,
  ];
  // grid: one line per power of ten, the 1× line darker
  for (let p = MIN_LOG; p <= MAX_LOG; p++) {
    const gx = x(10 ** p);
    parts.push(`<line x1="${gx}" y1="${TOP - 10}" x2="${gx}" y2="${height - 50}" stroke="${p === 0 ? '#333' : '#ddd'}" stroke-width="${p === 0 ? 2 : 1}"/>`);
    parts.push(`<text x="${gx}" y="${height - 32}" font-size="12" text-anchor="middle">${10 ** p}×</text>`);
  }
  // the add-to-cart target: 30% of the ceiling
  const target = x(0.3);
  parts.push(`<line x1="${target}" y1="${TOP - 10}" x2="${target}" y2="${height - 50}" stroke="#4C78A8" stroke-dasharray="4 4"/>`);
  parts.push(`<text x="${target + 4}" y="${TOP - 14}" font-size="11" fill="#4C78A8">30% of ceiling (add-to-cart target)</text>`);

  PEER_SCENARIOS.forEach((scenario, index) => {
    const rowTop = TOP + index * ROW_HEIGHT;
    parts.push(`<text x="${LEFT - 10}" y="${rowTop + ROW_HEIGHT / 2 + 4}" font-size="14" text-anchor="end">${scenario}</text>`);
    SERIES.forEach((series, s) => {
      const value = ratio(rows, scenario, series.other);
      const barTop = rowTop + 8 + s * 24;
      if (value === undefined) {
        parts.push(`<text x="${x(1) + 6}" y="${barTop + 15}" font-size="12" fill="#999">${series.label}: not measured</text>`);
        return;
      }
      const [from, to] = [Math.min(x(1), x(value)), Math.max(x(1), x(value))];
      parts.push(`<rect x="${from}" y="${barTop}" width="${Math.max(1, to - from)}" height="20" fill="${series.color}"/>`);
      // ceiling ratios read best as a share (1.3 %), peer ratios as a factor (0.68×, 2.5×)
      const label = series.other === 'ceiling' && value < 1 ? `${(value * 100).toFixed(1)}%` : `${value.toFixed(2)}×`;
      if (value >= 1) {
        parts.push(`<text x="${to + 5}" y="${barTop + 15}" font-size="12">${label}</text>`);
      } else if (to - from > 60) {
        // a long bar to the left: the label goes inside it, clear of the scenario names
        parts.push(`<text x="${from + 5}" y="${barTop + 15}" font-size="12" fill="white">${label}</text>`);
      } else {
        parts.push(`<text x="${from - 5}" y="${barTop + 15}" font-size="12" text-anchor="end">${label}</text>`);
      }
    });
  });
  // legend
  SERIES.forEach((series, s) => {
    const lx = LEFT + s * 280;
    parts.push(`<rect x="${lx}" y="${height - 20}" width="14" height="14" fill="${series.color}"/>`);
    parts.push(`<text x="${lx + 20}" y="${height - 8}" font-size="13">${series.label} (requests/s)</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function renderPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
