import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, qs } from '../api';
import { AreaFilter, type AreaFilterValue } from '../components/area-filter';
import { ChartFigure } from '../components/chart';
import { ActionForm, Due, Field, inputValue, Loaded, optionsOf, Select, StageBadge, TableWrap } from '../components/ui';
import { currentFiscalYear, formatDate, formatNumber, todayIso } from '../format';
import { useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { CaseListItem, CasesByArea, CasesByDimension, CasesByStage, DistrictGradesReport, MonthlyTrendReport, Page, StuckPage } from '../types';

type ListKind = 'overdue' | 'escalated' | 'stuck';

/** Overdue, escalated and stuck cases with filters, the charts, and the district grades. */
export function SupervisorPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  useTitle(t.supervisor.title);
  const [list, setList] = useState<ListKind>('overdue');
  const [area, setArea] = useState<AreaFilterValue>({});
  const [stage, setStage] = useState('');
  const [days, setDays] = useState('30');
  const areaKey = `${area.provinceCode ?? ''}/${area.districtCode ?? ''}/${area.subdistrictCode ?? ''}`;
  const filters = { ...area, stage: stage || undefined, limit: 50, ...(list === 'stuck' ? { days } : {}) };
  const cases = useResource(() => api.get<Page<CaseListItem> | StuckPage>(`/supervisor/${list}${qs(filters)}`), [list, areaKey, stage, days]);
  const oversee = user.role === 'supervisor' || user.role === 'admin';

  return (
    <>
      <h1>{t.supervisor.title}</h1>
      <AreaFilter value={area} onChange={setArea} />
      <div class="filters grid">
        <Field name={t.household.stage}>{(id) => <Select id={id} value={stage} onChange={setStage} options={[['', t.all], ...optionsOf(t.stages).filter(([s]) => s !== 'closed')]} />}</Field>
        {list === 'stuck' && <Field name={t.supervisor.stuckDays}>{(id) => <input id={id} type="number" min="1" max="3650" value={days} onChange={(e) => setDays(inputValue(e))} />}</Field>}
      </div>
      <div role="tablist" class="tabs" aria-label={t.supervisor.title}>
        {(['overdue', 'escalated', 'stuck'] as const).map((kind) => (
          <button key={kind} type="button" role="tab" aria-selected={list === kind} class={list === kind ? '' : 'secondary outline'} onClick={() => setList(kind)}>
            {t.supervisor[kind]}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={t.supervisor[list]}>
        <Loaded resource={cases}>
          {(data) => (
            <>
              <CaseTable items={data.items} total={data.totalExact ? `${data.total}` : `${data.total.toLocaleString(lang)}+`} oversee={oversee} onChanged={cases.reload} />
              {'incidents' in data && <Incidents page={data} oversee={oversee} onChanged={cases.reload} />}
            </>
          )}
        </Loaded>
      </div>
      <Charts area={area} areaKey={areaKey} />
      <Grades area={area} areaKey={areaKey} />
    </>
  );
}

/** `total` as shown: counted exactly, or a floor followed by + (see TOTAL_COUNT_CAP in the API). */
function CaseTable({ items, total, oversee, onChanged }: { items: CaseListItem[]; total: string; oversee: boolean; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  if (items.length === 0) return <p>{t.supervisor.noRows}</p>;
  return (
    <TableWrap label={total}>
      <thead>
        <tr>
          <th scope="col">{t.household.head}</th>
          <th scope="col">{t.supervisor.district}</th>
          <th scope="col">{t.household.stage}</th>
          <th scope="col">{t.household.due}</th>
          <th scope="col">{t.supervisor.lastProgress}</th>
          {oversee && <th scope="col">{t.household.actions}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.caseId}>
            <td>
              <Link href={`/households/${c.householdId}`}>{c.headName ?? c.householdId}</Link>
              {c.escalated && <span class="badge danger">{t.supervisor.escalated}</span>}
            </td>
            <td>{nameOf(reference.districts, c.districtCode, lang)}</td>
            <td>
              <StageBadge stage={c.stage} />
            </td>
            <td>
              <Due at={c.dueAt} overdue={c.overdueLevel > 0} />
            </td>
            <td>{formatDate(c.lastProgressAt, lang)}</td>
            {oversee && <td>{!c.escalated && <EscalateButton caseId={c.caseId} onDone={onChanged} />}</td>}
          </tr>
        ))}
      </tbody>
    </TableWrap>
  );
}

function EscalateButton({ caseId, onDone }: { caseId: string; onDone(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <details>
      <summary>{t.supervisor.escalate}</summary>
      <ActionForm label={t.supervisor.escalate} submit={() => api.post(`/supervisor/cases/${caseId}/escalate`, { reason })} onDone={onDone}>
        <Field name={t.form.reason}>{(id) => <input id={id} required value={reason} onInput={(e) => setReason(inputValue(e))} />}</Field>
      </ActionForm>
    </details>
  );
}

function Incidents({ page, oversee, onChanged }: { page: StuckPage; oversee: boolean; onChanged(): void }) {
  const { t, lang } = useI18n();
  if (page.incidents.items.length === 0) return null;
  return (
    <section aria-labelledby="incidents">
      <h2 id="incidents">{t.supervisor.incidents}</h2>
      <TableWrap label={t.supervisor.incidents}>
        <tbody>
          {page.incidents.items.map((i) => (
            <tr key={i.incidentId}>
              <td>{i.householdId ? <Link href={`/households/${i.householdId}`}>{i.activityType}</Link> : i.activityType}</td>
              <td>{i.detail ?? t.supervisor.incidentPlain}</td>
              <td>
                #{i.attempt} · {formatDate(i.lastSeenAt, lang)}
              </td>
              {oversee && (
                <td>
                  <ActionForm label={t.supervisor.retry} tone="secondary" submit={() => api.post(`/supervisor/incidents/${encodeURIComponent(i.incidentId)}/retry`, {})} onDone={onChanged} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </TableWrap>
    </section>
  );
}

function Charts({ area: areaFilter, areaKey }: { area: AreaFilterValue; areaKey: string }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const area = qs({ ...areaFilter });
  const data = useResource(
    () =>
      Promise.all([
        api.get<CasesByStage>(`/reports/cases-by-stage${area}`),
        api.get<CasesByDimension>(`/reports/cases-by-dimension${area}`),
        api.get<CasesByArea>(`/reports/cases-by-district${area}`),
        api.get<MonthlyTrendReport>(`/reports/monthly-trend${qs({ ...areaFilter, fiscalYear: currentFiscalYear() })}`),
      ]),
    [areaKey],
  );
  // A month that has not begun has nothing to count: the line stops at this month, not at zero.
  const thisMonth = todayIso().slice(0, 7);
  return (
    <section aria-labelledby="charts">
      <h2 id="charts">{t.supervisor.charts}</h2>
      <Loaded resource={data}>
        {([stages, dims, byArea, trend]) => (
          <div class="charts">
            <ChartFigure title={t.supervisor.byStage} type="bar" labels={stages.stages.map((s) => label(t.stages, s.stage))} series={[{ label: t.supervisor.cases, values: stages.stages.map((s) => s.cases) }]} />
            <ChartFigure
              title={t.supervisor.byDimension}
              type="bar"
              labels={dims.dimensions.map((d) => label(t.dimensions, d.dimension))}
              series={[
                { label: t.supervisor.problems, values: dims.dimensions.map((d) => d.problems) },
                { label: t.supervisor.solved, values: dims.dimensions.map((d) => d.solvedProblems) },
              ]}
            />
            <ChartFigure
              title={t.supervisor.byDistrict}
              type="bar"
              stacked
              labels={byArea.rows.map((r) => (byArea.groupBy === 'district' ? nameOf(reference.districts, r.code, lang) : (r.nameTh ?? r.code)))}
              series={(['verification', 'analysis', 'districtAssignment', 'assistance', 'followUp', 'closed'] as const).map((s) => ({ label: label(t.stages, s), values: byArea.rows.map((r) => r.stages[s]) }))}
            />
            <ChartFigure
              title={`${t.supervisor.trend} (${t.reports.fiscalYear} ${trend.meta.fiscalYear?.year ?? ''})`}
              type="line"
              labels={pastMonths(trend.months, thisMonth).map((m) => (lang === 'th' ? m.monthTh : m.month))}
              series={[
                { label: t.supervisor.opened, values: pastMonths(trend.months, thisMonth).map((m) => m.opened) },
                { label: t.supervisor.closed, values: pastMonths(trend.months, thisMonth).map((m) => m.closed) },
                { label: t.supervisor.graduated, values: pastMonths(trend.months, thisMonth).map((m) => m.graduated) },
              ]}
            />
          </div>
        )}
      </Loaded>
    </section>
  );
}

const pastMonths = <M extends { month: string }>(months: M[], thisMonth: string): M[] => months.filter((m) => m.month <= thisMonth);

const GRADES_PER_PAGE = 20;
type GradeSort = 'name' | 'helped' | '-helped' | 'passRate' | '-passRate' | 'grade';

/** District grades: searchable by name, filtered by grade, sorted, twenty to a page. */
function Grades({ area, areaKey }: { area: AreaFilterValue; areaKey: string }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const grades = useResource(() => api.get<DistrictGradesReport>(`/reports/district-grades${qs({ ...area })}`), [areaKey]);
  const [search, setSearch] = useState('');
  const [grade, setGrade] = useState('');
  const [sort, setSort] = useState<GradeSort>('-helped');
  const [page, setPage] = useState(0);
  const nameOfDistrict = (code: string) => nameOf(reference.districts, code, lang);
  const provinceOf = (code: string) => nameOf(reference.provinces, code.slice(0, 2), lang);
  return (
    <section aria-labelledby="grades">
      <Loaded resource={grades}>
        {(data) => {
          const needle = search.trim();
          const rows = data.districts
            .filter((d) => !grade || (d.grade ?? '-') === grade)
            .filter((d) => !needle || nameOfDistrict(d.districtCode).includes(needle) || provinceOf(d.districtCode).includes(needle))
            .sort(gradeOrder(sort, nameOfDistrict));
          const pages = Math.max(1, Math.ceil(rows.length / GRADES_PER_PAGE));
          const current = Math.min(page, pages - 1);
          const shown = rows.slice(current * GRADES_PER_PAGE, (current + 1) * GRADES_PER_PAGE);
          const manyProvinces = new Set(data.districts.map((d) => d.districtCode.slice(0, 2))).size > 1;
          return (
            <>
              <h2 id="grades">
                {t.supervisor.grades} ({t.reports.fiscalYear} {data.meta.fiscalYear?.year})
              </h2>
              <div class="filters grid">
                <Field name={t.paging.searchDistrict}>{(id) => <input id={id} type="search" value={search} onInput={(e) => (setSearch(inputValue(e)), setPage(0))} />}</Field>
                <Field name={t.supervisor.grade}>
                  {(id) => <Select id={id} value={grade} onChange={(g) => (setGrade(g), setPage(0))} options={[['', t.all], ['A', 'A'], ['B', 'B'], ['C', 'C'], ['D', 'D'], ['-', '–']]} />}
                </Field>
                <Field name={t.paging.sortBy}>
                  {(id) => (
                    <Select
                      id={id}
                      value={sort}
                      onChange={(v) => setSort(v as GradeSort)}
                      options={[
                        ['name', t.supervisor.district],
                        ['grade', t.supervisor.grade],
                        ['-passRate', `${t.supervisor.passRate} ↓`],
                        ['passRate', `${t.supervisor.passRate} ↑`],
                        ['-helped', `${t.supervisor.helped} ↓`],
                        ['helped', `${t.supervisor.helped} ↑`],
                      ]}
                    />
                  )}
                </Field>
              </div>
              {rows.length === 0 ? (
                <p>{t.supervisor.noRows}</p>
              ) : (
                <>
                  <TableWrap label={t.supervisor.grades}>
                    <thead>
                      <tr>
                        <th scope="col">{t.supervisor.district}</th>
                        <th scope="col">{t.supervisor.helped}</th>
                        <th scope="col">{t.supervisor.passRate}</th>
                        <th scope="col">{t.supervisor.grade}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((d) => (
                        <tr key={d.districtCode}>
                          <td>
                            {nameOfDistrict(d.districtCode)}
                            {manyProvinces && <small> · {provinceOf(d.districtCode)}</small>}
                          </td>
                          <td class="num">{formatNumber(d.helped, lang)}</td>
                          <td class="num">{d.passRate === null ? '–' : `${formatNumber(d.passRate * 100, lang, 1)}%`}</td>
                          <td>
                            <strong>{d.grade ?? '–'}</strong> {d.provisional && <small>*</small>}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </TableWrap>
                  <Pager page={current} pages={pages} from={current * GRADES_PER_PAGE + 1} to={current * GRADES_PER_PAGE + shown.length} total={rows.length} onPage={setPage} />
                </>
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

type GradeRow = DistrictGradesReport['districts'][number];
function gradeOrder(sort: GradeSort, nameOfDistrict: (code: string) => string): (a: GradeRow, b: GradeRow) => number {
  const byName = (a: GradeRow, b: GradeRow) => nameOfDistrict(a.districtCode).localeCompare(nameOfDistrict(b.districtCode), 'th');
  const nullsLast = (x: number | null, y: number | null, desc: boolean) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : desc ? y - x : x - y);
  switch (sort) {
    case 'helped':
    case '-helped':
      return (a, b) => nullsLast(a.helped, b.helped, sort === '-helped') || byName(a, b);
    case 'passRate':
    case '-passRate':
      return (a, b) => nullsLast(a.passRate, b.passRate, sort === '-passRate') || byName(a, b);
    case 'grade':
      return (a, b) => (a.grade ?? 'Z').localeCompare(b.grade ?? 'Z') || byName(a, b);
    default:
      return byName;
  }
}

function Pager({ page, pages, from, to, total, onPage }: { page: number; pages: number; from: number; to: number; total: number; onPage(page: number): void }) {
  const { t } = useI18n();
  return (
    <nav class="pager" aria-label={t.paging.page(page + 1, pages)}>
      <button type="button" class="secondary outline" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t.paging.previous}
      </button>
      <span>
        {t.paging.page(page + 1, pages)} · {t.paging.rows(from, to, total)}
      </span>
      <button type="button" class="secondary outline" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t.paging.next}
      </button>
    </nav>
  );
}
