import { ReconciliationReport } from '../components/reconciliation';
import { useState } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { api, qs } from '../api';
import { ColumnGuide, TemplateLinks } from '../components/import-guide';
import { HouseholdLine } from '../components/names';
import { ActionForm, Field, Loaded, optionsOf, Select, TableWrap } from '../components/ui';
import { formatDateTime, formatNumber } from '../format';
import { useInterval, useResource, useTitle } from '../hooks';
import { COLUMNS } from '../../../domain/imports/columns';
import { label, useI18n, type Lang } from '../i18n';
import type { AcceptedHousehold, ImportView, Page, RejectedRow } from '../types';

/** What a workbook is called when a phone's file picker sends it: .xlsx by name or by type. */
const ACCEPTED_FILES = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHOWN_HOUSEHOLDS = 200;

const running = (i: ImportView) => i.status === 'staging' || i.status === 'queued' || i.status === 'running';

function Progress({ job }: { job: ImportView }) {
  const { t, lang } = useI18n();
  return (
    <div class="progress">
      <progress value={job.processedRows} max={Math.max(job.totalRows, 1)} aria-label={`${t.imports.progress} ${job.filename ?? ''}`} />
      <small>
        {label(t.imports.statuses, job.status)} · {formatNumber(job.processedRows, lang)}/{formatNumber(job.totalRows, lang)} {t.imports.rows} ({formatNumber(job.percent, lang, 1)}%) · {t.imports.accepted}{' '}
        {formatNumber(job.acceptedRows, lang)} · {t.imports.rejected} {formatNumber(job.rejectedRows, lang)}
      </small>
    </div>
  );
}

/** Upload a TPMAP list or survey results, and watch the imports of my area progress. */
export function ImportsPage() {
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  useTitle(t.imports.title);
  const [kind, setKind] = useState<'targets' | 'survey'>('targets');
  const [file, setFile] = useState<File | null>(null);
  const imports = useResource(() => api.get<Page<ImportView>>(`/imports${qs({ limit: 20, offset: 0 })}`), []);
  useInterval(imports.reload, 1500, !!imports.data?.items.some(running));

  const upload = () => {
    const form = new FormData();
    form.append('file', file!);
    return api.post<{ importId: string }>(`/imports/${kind}`, form);
  };
  return (
    <>
      <h1>{t.imports.title}</h1>
      <article>
        <h2>{t.imports.upload}</h2>
        <ActionForm label={t.imports.start} submit={upload} onDone={(r) => navigate(`/imports/${r.importId}`)}>
          <Field name={t.imports.kind}>{(id) => <Select id={id} value={kind} onChange={(v) => setKind(v as 'targets' | 'survey')} options={optionsOf({ targets: t.imports.targets, survey: t.imports.survey })} />}</Field>
          <Field name={t.imports.file} hint={t.imports.fileHint}>
            {(id) => <input id={id} name="file" type="file" accept={ACCEPTED_FILES} required onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />}
          </Field>
        </ActionForm>
        <TemplateLinks kind={kind} />
        <ColumnGuide kind={kind} />
      </article>
      <h2>{t.imports.history}</h2>
      <Loaded resource={imports}>
        {(data) =>
          data.items.length === 0 ? (
            <p class="empty">{t.shell.noImports}</p>
          ) : (
          <ul class="cards">
            {data.items.map((job) => (
              <li key={job.importId} class="card">
                <Link href={`/imports/${job.importId}`}>
                  {job.filename ?? t.imports.untitled} · {job.kind === 'targets' ? t.imports.targets : t.imports.survey}
                </Link>{' '}
                <small>{formatDateTime(job.createdAt, lang)}</small>
                <Progress job={job} />
              </li>
            ))}
          </ul>
          )
        }
      </Loaded>
    </>
  );
}

/** One import: its progress bar while it runs, then the rejected rows with a CSV of them all. */
export function ImportPage({ params }: { params: { id: string } }) {
  const { t, lang } = useI18n();
  useTitle(t.imports.title);
  const job = useResource(() => api.get<ImportView>(`/imports/${encodeURIComponent(params.id)}`), [params.id]);
  useInterval(job.reload, 1000, !!job.data && running(job.data));
  const done = !!job.data && !running(job.data);
  const rejects = useResource(() => (done ? api.get<{ total: number; items: RejectedRow[] }>(`/imports/${encodeURIComponent(params.id)}/rejects${qs({ limit: 200 })}`) : Promise.resolve(null)), [params.id, done]);
  return (
    <Loaded resource={job}>
      {(data) => (
        <>
          <h1>
            {t.imports.title}: {data.filename ?? t.imports.untitled}
          </h1>
          <Progress job={data} />
          {data.error && <p role="alert">{data.error}</p>}
          {done && data.acceptedRows > 0 && <AcceptedHouseholds importId={params.id} kind={data.kind} />}
          {done && data.kind === 'targets' && data.status === 'completed' && <ReconciliationReport importId={params.id} />}
          {done && data.rejectedRows > 0 && (
            <section aria-labelledby="rejects">
              <h2 id="rejects">{t.imports.rejects}</h2>
              <p>
                <a href={`/imports/${encodeURIComponent(params.id)}/rejects?format=csv`} download>
                  {t.downloadCsv}
                </a>
              </p>
              <Loaded resource={rejects}>
                {(page) =>
                  page && (
                    <TableWrap label={t.imports.rejects}>
                      <thead>
                        <tr>
                          <th scope="col">{t.imports.rowNo}</th>
                          <th scope="col">{t.imports.column}</th>
                          <th scope="col">{t.imports.reason}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {page.items.map((r) => (
                          <tr key={r.rowNo}>
                            <td class="num">{r.rowNo}</td>
                            <td>{columnHeader(data.kind, r.field, lang)}</td>
                            <td>{lang === 'th' ? (r.reasonTh ?? r.reason) : r.reason}</td>
                          </tr>
                        ))}
                      </tbody>
                    </TableWrap>
                  )
                }
              </Loaded>
            </section>
          )}
        </>
      )}
    </Loaded>
  );
}

/** A column by the header the official filled in (Thai on the Thai interface). */
function columnHeader(kind: ImportView['kind'], field: string | null, lang: Lang): string {
  const column = COLUMNS[kind].find((c) => c.name === field);
  if (!column) return field ?? '–';
  return lang === 'th' ? column.th : column.name;
}

/** The households the import took, each a link to its page, named by head and village, not by code. */
function AcceptedHouseholds({ importId, kind }: { importId: string; kind: ImportView['kind'] }) {
  const { t } = useI18n();
  const accepted = useResource(() => api.get<Page<AcceptedHousehold>>(`/imports/${encodeURIComponent(importId)}/accepted${qs({ limit: SHOWN_HOUSEHOLDS })}`), [importId]);
  return (
    <section aria-labelledby="accepted">
      <h2 id="accepted">{kind === 'targets' ? t.imports.acceptedTargets : t.imports.acceptedSurvey}</h2>
      <Loaded resource={accepted}>
        {(page) => (
          <>
            <ul class="cards">
              {page.items.map((h) => (
                <li key={h.rowNo} class="card">
                  <Link href={`/households/${encodeURIComponent(h.householdId)}`}>
                    <HouseholdLine household={h} areaNames={h.areaNames} withDistrict={false} />
                  </Link>
                </li>
              ))}
            </ul>
            {page.total > page.items.length && <p>{t.imports.moreHouseholds(page.total - page.items.length)}</p>}
          </>
        )}
      </Loaded>
    </section>
  );
}
