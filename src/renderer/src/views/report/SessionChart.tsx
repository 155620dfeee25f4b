/**
 * Calls and successes by session, as grouped bars (Chart.js on a canvas: no eval, no injected styles, so it
 * runs under the console's strict Content-Security-Policy). The canvas is an image to assistive technology,
 * labelled with the same figures in words; the session table beside it is the data itself.
 */
import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartData,
} from 'chart.js';
import type { SessionSummary } from '../../../../shared/desk-types';
import { countOf } from '../../format/numbers';
import { formatTime } from '../../format/time';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

function cssColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** A pair of bars this wide (px) per session, however few sessions share the width. */
const PAIR_WIDTH = 96;

/**
 * Keeps each session's two bars side by side: with one or two sessions Chart.js would spread a pair across
 * the whole width, each bar alone in its half.
 */
function fitBars(chart: Chart<'bar'>, width: number): void {
  const sessions = Math.max(1, chart.data.labels?.length ?? 1);
  const share = Math.min(0.8, PAIR_WIDTH / Math.max(1, width / sessions));
  for (const dataset of chart.data.datasets) {
    dataset.categoryPercentage = share;
    dataset.barPercentage = 0.9;
  }
}

function chartData(sessions: readonly SessionSummary[], timezone: string): ChartData<'bar'> {
  return {
    labels: sessions.map((s) => formatTime(s.startedAt, timezone)),
    datasets: [
      {
        label: 'Calls',
        data: sessions.map((s) => s.calls),
        backgroundColor: cssColour('--accent', '#0f6e6e'),
        borderRadius: 3,
      },
      {
        label: 'Successful',
        data: sessions.map((s) => s.successful),
        backgroundColor: cssColour('--good', '#1d7a46'),
        borderRadius: 3,
      },
    ],
  };
}

/** The chart in words, for screen readers: "10:00 am: 3 calls, 2 successful; …". */
export function chartSummary(sessions: readonly SessionSummary[], timezone: string): string {
  return `Calls and successes by session. ${sessions
    .map(
      (s) => `${formatTime(s.startedAt, timezone)}: ${countOf(s.calls, 'call')}, ${s.successful} successful`,
    )
    .join('; ')}.`;
}

export function SessionChart({ sessions, timezone }: { sessions: SessionSummary[]; timezone: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);

  useEffect(() => {
    const ink = cssColour('--ink-2', '#52606d');
    const line = cssColour('--line', '#e1e5ea');
    const font = { family: getComputedStyle(document.body).fontFamily, size: 13 };
    chart.current = new Chart(canvas.current!, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        // Chart.js updates the chart itself right after this.
        onResize: (resized, size) => fitBars(resized as Chart<'bar'>, size.width),
        maintainAspectRatio: false,
        plugins: {
          legend: { position: 'top', align: 'end', labels: { color: ink, font, boxWidth: 14 } },
          tooltip: { titleFont: font, bodyFont: font },
        },
        scales: {
          x: { grid: { display: false }, ticks: { color: ink, font } },
          y: {
            beginAtZero: true,
            grid: { color: line },
            border: { display: false },
            ticks: { color: ink, font, precision: 0 },
          },
        },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!chart.current) return;
    chart.current.data = chartData(sessions, timezone);
    fitBars(chart.current, chart.current.width);
    chart.current.update('none');
  }, [sessions, timezone]);

  return (
    <div className="report-chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label={chartSummary(sessions, timezone)}
        data-testid="report-chart"
        data-sessions={sessions.length}
      />
    </div>
  );
}
