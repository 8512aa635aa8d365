import { Link, useLocation, useSearch } from 'wouter-preact';
import { api, qs } from '../api';
import { AreaFilter, type AreaFilterValue } from '../components/area-filter';
import { ChartFigure } from '../components/chart';
import { Loaded } from '../components/ui';
import { formatBaht, formatDateTime, formatNumber } from '../format';
import { useResource, useTitle } from '../hooks';
import { dashboardPath } from '../landing-data';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { Dashboard } from '../types';

/** Area filters as the dashboard's own query (`#/dashboard?provinceCode=54`), so a drill-down is a link. */
function areaFromSearch(search: string): AreaFilterValue {
  const params = new URLSearchParams(search);
  const code = (key: keyof AreaFilterValue) => params.get(key) || undefined;
  return { provinceCode: code('provinceCode'), districtCode: code('districtCode'), subdistrictCode: code('subdistrictCode') };
}

/**
 * The program at a glance for district, province and supervisor: headline numbers, households by
 * stage, baht by dimension, the months of this fiscal year so far and the areas one level down.
 * Every number is a link to the households behind it.
 */
export function DashboardPage() {
  const { t, lang } = useI18n();
  const { user, reference } = useSession();
  useTitle(t.dashboard.title);
  const search = useSearch();
  const [, navigate] = useLocation();
  const area = areaFromSearch(search);
  const path = dashboardPath(area);
  const data = useResource(() => api.get<Dashboard>(path), [path], path);
  const pickArea = (next: AreaFilterValue) => navigate(`/dashboard${qs({ ...next })}`);
  // The narrowest area in view: the one picked, or else the reader's own.
  const districtCode = area.districtCode ?? user.districtCode;
  const provinceCode = area.provinceCode ?? user.provinceCode;
  const areaName = districtCode ? nameOf(reference.districts, districtCode, lang) : provinceCode ? nameOf(reference.provinces, provinceCode, lang) : null;

  return (
    <>
      <h1>{t.dashboard.title}</h1>
      <details class="area-choice">
        <summary>
          {t.dashboard.chooseArea}: {areaName ?? t.dashboard.wholeCountry}
        </summary>
        <AreaFilter value={area} onChange={pickArea} />
      </details>
      <Loaded resource={data}>
        {(d) => {
          const where = { provinceCode: d.meta.area.provinceCode, districtCode: d.meta.area.districtCode, subdistrictCode: d.meta.area.subdistrictCode };
          const list = (filter: Record<string, string | number | boolean>) => `/households${qs({ ...where, ...filter })}`;
          const year = d.meta.fiscalYear?.year ?? 0;
          const bahtTotal = d.bahtByDimension.reduce((n, r) => n + r.baht, 0);
          const months = d.trend;
          const areaLabel = (r: Dashboard['areas'][number]) => (lang === 'en' && r.nameEn ? r.nameEn : r.nameTh);
          return (
            <>
              <p>
                {t.dashboard.fiscalYear(year)}
                {d.asOf && (
                  <small>
                    {' '}
                    · {t.dashboard.asOf} {formatDateTime(d.asOf, lang)}
                  </small>
                )}
              </p>
              <ul class="figures">
                <Figure href={list({ open: true })} value={formatNumber(d.headline.inProgram, lang)} name={t.dashboard.inProgram} />
                <Figure href={list({ overdue: true })} value={formatNumber(d.headline.overdue, lang)} name={t.dashboard.overdue} tone="danger" />
                <Figure href={list({ escalated: true })} value={formatNumber(d.headline.escalated, lang)} name={t.dashboard.escalated} tone="warn" />
                <Figure href={list({ graduatedInFiscalYear: year })} value={formatNumber(d.headline.graduatedThisYear, lang)} name={t.dashboard.graduated} tone="ok" />
              </ul>
              <div class="charts">
                <ChartFigure
                  title={t.dashboard.byStage}
                  type="bar"
                  horizontal
                  labels={d.stages.map((s) => label(t.stages, s.stage))}
                  series={[{ label: t.dashboard.open, values: d.stages.map((s) => s.cases) }]}
                  links={d.stages.map((s) => list({ stage: s.stage, open: true }))}
                />
                <ChartFigure
                  title={`${t.dashboard.bahtByDimension} · ${t.dashboard.totalBaht} ${formatBaht(bahtTotal, lang)} ${t.dashboard.baht}`}
                  type="bar"
                  horizontal
                  labels={d.bahtByDimension.map((r) => (r.dimension === 'relief' ? t.dashboard.relief : label(t.dimensions, r.dimension)))}
                  series={[{ label: t.dashboard.baht, values: d.bahtByDimension.map((r) => r.baht) }]}
                  links={d.bahtByDimension.map((r) => list({ helpedIn: r.dimension, helpedInFiscalYear: year }))}
                />
                <ChartFigure
                  title={`${t.dashboard.trend} · ${t.dashboard.fiscalYear(year)}`}
                  type="line"
                  labels={months.map((m) => (lang === 'th' ? m.monthTh : m.month))}
                  series={[
                    { label: t.supervisor.opened, values: months.map((m) => m.opened) },
                    { label: t.supervisor.closed, values: months.map((m) => m.closed) },
                    { label: t.supervisor.graduated, values: months.map((m) => m.graduated) },
                  ]}
                />
                {d.areas.length > 0 && (
                  <ChartFigure
                    title={t.dashboard.compare[d.compareBy]}
                    type="bar"
                    horizontal
                    labels={d.areas.map(areaLabel)}
                    series={[
                      { label: t.dashboard.open, values: d.areas.map((r) => r.inProgram) },
                      { label: t.dashboard.overdue, values: d.areas.map((r) => r.overdue) },
                    ]}
                    links={d.areas.map((r) => `/households${qs({ ...areaCodes(r.code), open: true })}`)}
                  />
                )}
              </div>
            </>
          );
        }}
      </Loaded>
    </>
  );
}

/** The area filters a province, district or subdistrict code stands for. */
function areaCodes(code: string): AreaFilterValue {
  return code.length === 2 ? { provinceCode: code } : code.length === 4 ? { districtCode: code } : { subdistrictCode: code };
}

function Figure({ href, value, name, tone }: { href: string; value: string; name: string; tone?: 'danger' | 'warn' | 'ok' }) {
  return (
    <li>
      <Link href={href} class={`figure ${tone ?? ''}`}>
        <strong>{value}</strong>
        <span>{name}</span>
      </Link>
    </li>
  );
}
