import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = 'Sarabun, system-ui, sans-serif';
Chart.defaults.color = '#373c44';

/** Colours with enough contrast on white, one per series, in the same order on every chart. */
export const SERIES_COLOURS = ['#0f5db5', '#b4380b', '#1d7a35', '#7a3db8', '#8a6d00', '#a3195b'];

export interface Series {
  label: string;
  values: number[];
}

/**
 * A Chart.js chart in a figure. The canvas is an image to assistive technology, named by `title`;
 * the same numbers are in a table beside it for those who cannot see the chart.
 */
export function ChartFigure({ title, type, labels, series, stacked }: { title: string; type: 'bar' | 'line'; labels: string[]; series: Series[]; stacked?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar' | 'line'> = {
      type,
      data: {
        labels,
        datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length], borderColor: SERIES_COLOURS[i % SERIES_COLOURS.length] })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: series.length > 1, position: 'bottom' } },
        scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [type, JSON.stringify(labels), JSON.stringify(series), stacked]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{title}</summary>
        <div class="table-wrap" role="region" aria-label={title} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col" />
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((l, i) => (
                <tr key={l}>
                  <th scope="row">{l}</th>
                  {series.map((s) => (
                    <td key={s.label} class="num">
                      {s.values[i]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
