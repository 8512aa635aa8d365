import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration, type Plugin } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';

/**
 * Every bar and point carries its number, so a reader never estimates a height against the axis
 * (chartjs-plugin-datalabels does more, and is not a dependency; this is all the dashboard needs).
 * Stacked bars leave out the zeros, which would pile up on one another.
 */
const valueLabels: Plugin<'bar' | 'line'> = {
  id: 'kaejonValueLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.font = `600 12px ${Chart.defaults.font.family ?? 'sans-serif'}`;
    ctx.fillStyle = '#1f2933';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    const horizontal = chart.options.indexAxis === 'y';
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden) return;
      meta.data.forEach((element, j) => {
        const value = Number(dataset.data[j] ?? 0);
        if (!value && chart.data.datasets.length > 1) return;
        const text = value.toLocaleString(document.documentElement.lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 0 });
        if (horizontal) {
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText(text, element.x + 4, element.y);
        } else ctx.fillText(text, element.x, element.y - 2);
      });
    });
    ctx.restore();
  },
};

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
 * A Chart.js chart in a figure, with the number on every bar. The canvas is an image to assistive
 * technology, named by `title`; the same numbers are in a table beside it for those who cannot see
 * the chart. With `links` (one per label), a tap on a bar opens the list behind it, and the
 * table's row names are those links.
 */
export function ChartFigure({
  title,
  type,
  labels,
  series,
  stacked,
  links,
  horizontal,
}: {
  title: string;
  type: 'bar' | 'line';
  labels: string[];
  series: Series[];
  stacked?: boolean;
  links?: string[];
  /** Bars across, one per row: long Thai names read on a phone without turning the axis. */
  horizontal?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [, navigate] = useLocation();
  const boxHeight = horizontal ? `${Math.max(8, labels.length * 2.2 + 3)}rem` : undefined;
  useEffect(() => {
    if (!canvas.current) return;
    // Set here, not as a style attribute: the server's HTML of the first screen (server-render.tsx)
    // would carry that attribute, which the Content-Security-Policy refuses (no inline styles).
    if (canvas.current.parentElement) canvas.current.parentElement.style.height = boxHeight ?? '';
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
        indexAxis: horizontal ? 'y' : 'x',
        // Room for the numbers above the highest bar (or beside the longest one).
        layout: { padding: horizontal ? { right: 48 } : { top: 18 } },
        plugins: { legend: { display: series.length > 1, position: 'bottom' } },
        scales: horizontal
          ? { y: { stacked }, x: { stacked, beginAtZero: true, ticks: { precision: 0 } } }
          : { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (_event, elements) => {
          const href = links?.[elements[0]?.index ?? -1];
          if (href) navigate(href);
        },
        onHover: (event, elements) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) target.style.cursor = links && elements.length ? 'pointer' : 'default';
        },
      },
      plugins: [valueLabels],
    };
    const chart = new Chart(canvas.current, config);
    // Drawn: what the UI bench waits for (the canvas itself is in the server's HTML before it).
    canvas.current.dataset.drawn = '';
    // A canvas keeps the font it was drawn in: drawn before Sarabun arrived (the first screen's
    // page loads the fonts after its HTML), the labels would stay in a fallback font, or as blanks
    // where the phone has no Thai font. Drawn again whenever a font has loaded.
    const redraw = () => chart.update('none');
    document.fonts.addEventListener('loadingdone', redraw);
    return () => (document.fonts.removeEventListener('loadingdone', redraw), chart.destroy());
  }, [boxHeight, type, JSON.stringify(labels), JSON.stringify(series), stacked, horizontal, JSON.stringify(links)]);
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
                  <th scope="row">{links?.[i] ? <Link href={links[i]}>{l}</Link> : l}</th>
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
