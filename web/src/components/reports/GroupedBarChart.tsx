/**
 * A grouped bar chart drawn by Chart.js (a maintained charting library) on a canvas: one
 * group per row, one bar per series, the series told apart by the legend and by colour and
 * pattern of border. The canvas is an image named by its title; every chart is followed by a
 * table of the same figures, which is what a screen reader or a keyboard reads.
 */
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { currentLanguage } from '../../i18n/locale';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ChartSeries<Row> {
  label: string;
  colour: string;
  value: (r: Row) => number | null;
}

export function GroupedBarChart<Row>({
  title,
  rows,
  label,
  series,
  whole = false,
}: {
  title: string;
  rows: Row[];
  label: (r: Row) => string;
  series: ChartSeries<Row>[];
  /** Counts: the axis marks whole numbers only. */
  whole?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map(label),
        datasets: series.map((s, i) => ({
          label: s.label,
          data: rows.map(s.value),
          backgroundColor: s.colour,
          borderColor: '#1b1b1b',
          borderWidth: i % 2 ? 2 : 0,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        locale: currentLanguage(),
        plugins: { legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true, ticks: whole ? { precision: 0 } : {} } },
      },
    });
    return () => chart.destroy();
  }, [rows, label, series, whole]);
  return (
    <div className="mf-chartjs">
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
