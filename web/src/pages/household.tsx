import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api } from '../api';
import { Due, ErrorMessage, Loaded, StageBadge, TableWrap } from '../components/ui';
import { formatDate, formatDateTime, formatYear } from '../format';
import { useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { CaseView, HouseholdDetail } from '../types';
import { CaseActions } from './household-actions';

/** The household page: who lives there, the problems, the work under way, and the logbook. */
export function HouseholdPage({ params }: { params: { id: string } }) {
  const { t } = useI18n();
  const detail = useResource(() => api.get<HouseholdDetail>(`/households/${encodeURIComponent(params.id)}`), [params.id]);
  const caseId = detail.data?.case?.caseId;
  const [caseView, setCaseView] = useState<CaseView | null>(null);
  const [caseError, setCaseError] = useState<unknown>(null);
  useEffect(() => {
    setCaseView(null);
    if (caseId) api.get<CaseView>(`/cases/${caseId}`).then(setCaseView, setCaseError);
  }, [caseId]);
  useTitle(detail.data?.household.headName ?? t.household.title);

  // The answer of an action is the case's new state; the read model catches up a moment later.
  const onChanged = (next: CaseView) => {
    setCaseView(next);
    setTimeout(detail.reload, 700);
  };

  return (
    <Loaded resource={detail}>
      {(data) => (
        <>
          <HouseholdHeader data={data} caseView={caseView} />
          <ErrorMessage error={caseError} />
          {caseView && <CaseActions caseView={caseView} onChanged={onChanged} />}
          <Members data={data} />
          <Problems data={data} caseView={caseView} />
          {caseView && <AnalysisAndPlan caseView={caseView} />}
          <Tasks data={data} />
          <Timeline data={data} />
        </>
      )}
    </Loaded>
  );
}

function HouseholdHeader({ data, caseView }: { data: HouseholdDetail; caseView: CaseView | null }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const h = data.household;
  const c = data.case;
  const stage = caseView?.stage ?? c?.stage ?? null;
  return (
    <header class="household-head">
      <h1>{h.headName ?? h.householdId}</h1>
      <p>
        <StageBadge stage={stage} /> {caseView?.status === 'paused' && <span class="badge warn">{t.household.paused}</span>} {caseView?.escalated && <span class="badge danger">{t.household.escalated}</span>}
      </p>
      <dl class="facts">
        <dt>{t.household.houseCode}</dt>
        <dd>{h.houseCode ?? '–'}</dd>
        <dt>{t.household.area}</dt>
        <dd>
          {h.villageNo && `${t.household.village} ${h.villageNo} · `}
          {nameOf(reference.districts, h.districtCode, lang)} ({h.subdistrictCode})
        </dd>
        {h.address && (
          <>
            <dt>{t.household.address}</dt>
            <dd>{h.address}</dd>
          </>
        )}
        {stage !== 'closed' && (
          <>
            <dt>{t.household.due}</dt>
            <dd>
              <Due at={caseView?.dueAt ?? c?.dueAt ?? null} overdue={(caseView?.overdueLevel ?? c?.overdueLevel ?? 0) > 0} />
            </dd>
          </>
        )}
        {c?.closureReason && (
          <>
            <dt>{t.household.status}</dt>
            <dd>
              {label(t.closeReasons, c.closureReason)} · {formatDate(c.closedAt, lang)}
            </dd>
          </>
        )}
      </dl>
    </header>
  );
}

function Members({ data }: { data: HouseholdDetail }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="members">
      <h2 id="members">{t.household.members}</h2>
      <TableWrap label={t.household.members}>
        <thead>
          <tr>
            <th scope="col">{t.household.name}</th>
            <th scope="col">{t.household.nationalId}</th>
            <th scope="col">{t.household.birthYear}</th>
          </tr>
        </thead>
        <tbody>
          {data.members.map((m) => (
            <tr key={m.ord}>
              <td>
                {m.name} {m.disabled && <span class="badge">{t.household.disabled}</span>}
              </td>
              <td>{m.nationalId ?? '–'}</td>
              <td>{formatYear(m.birthYear, lang)}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
    </section>
  );
}

function Problems({ data, caseView }: { data: HouseholdDetail; caseView: CaseView | null }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const problems = caseView?.problems.map((p) => ({ problemId: p.id, ...p })) ?? data.problems;
  if (problems.length === 0) return null;
  const byDimension = reference.dimensions.map((d) => ({ dimension: d, items: problems.filter((p) => p.dimension === d.code) })).filter((g) => g.items.length > 0);
  return (
    <section aria-labelledby="problems">
      <h2 id="problems">{t.household.problems}</h2>
      {byDimension.map((group) => (
        <article key={group.dimension.code} class="dimension">
          <h3>{label(t.dimensions, group.dimension.code)}</h3>
          <ul>
            {group.items.map((p) => (
              <li key={p.problemId}>
                <strong>{p.indicator}</strong> {nameOf(reference.indicators, p.indicator, lang) !== p.indicator && <small>({nameOf(reference.indicators, p.indicator, lang)})</small>} — {p.description}{' '}
                <span class={`badge problem-${p.status}`}>{label(t.problemStatus, p.status)}</span>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}

function AnalysisAndPlan({ caseView }: { caseView: CaseView }) {
  const { t, lang } = useI18n();
  const analysis = caseView.analysis as Record<string, string> | null;
  const plan = caseView.plan as { goal: string; items: Array<{ dimension: string; action: string; supportBy: string; targetDate?: string }> } | null;
  const followUp = caseView.followUp as { visits: Array<{ no: number; dueAt: string; doneAt: string | null }> } | null;
  if (!analysis && !plan) return null;
  return (
    <section aria-labelledby="analysis" class="grid-2">
      {analysis && (
        <article>
          <h2 id="analysis">{t.household.analysis}</h2>
          <dl>
            {(['attitude', 'skills', 'resources', 'wayOut'] as const).map((k) => (
              <Fragment key={k}>
                <dt>{t.form[k]}</dt>
                <dd>{analysis[k]}</dd>
              </Fragment>
            ))}
            <dt>{t.form.householdType}</dt>
            <dd>{label(t.householdTypes, analysis.householdType)}</dd>
          </dl>
        </article>
      )}
      {plan && (
        <article>
          <h2>{t.household.plan}</h2>
          <p>
            {t.form.goal}: <strong>{label(t.goals, plan.goal)}</strong>
          </p>
          <ol>
            {plan.items.map((item, i) => (
              <li key={i}>
                [{label(t.dimensions, item.dimension)}] {item.action} — {item.supportBy}
                {item.targetDate && ` (${formatDate(item.targetDate, lang)})`}
              </li>
            ))}
          </ol>
          {followUp && (
            <>
              <h3>{t.household.followUps}</h3>
              <ul>
                {followUp.visits.map((v) => (
                  <li key={v.no}>
                    {t.household.visit} {v.no}: {formatDate(v.dueAt, lang)} {v.doneAt ? `✓ ${formatDate(v.doneAt, lang)}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      )}
    </section>
  );
}

function Tasks({ data }: { data: HouseholdDetail }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  if (data.tasks.length === 0) return null;
  return (
    <section aria-labelledby="tasks">
      <h2 id="tasks">{t.household.tasks}</h2>
      <TableWrap label={t.household.tasks}>
        <thead>
          <tr>
            <th scope="col">{t.household.agency}</th>
            <th scope="col">{t.form.problem}</th>
            <th scope="col">{t.household.status}</th>
            <th scope="col">{t.household.due}</th>
          </tr>
        </thead>
        <tbody>
          {data.tasks.map((task) => (
            <tr key={task.taskId}>
              <td>
                <Link href={`/tasks/${task.taskId}`}>{nameOf(reference.agencies, task.agencyCode, lang)}</Link>
              </td>
              <td>{label(t.dimensions, task.dimension)}</td>
              <td>{label(t.taskStatus, task.status)}</td>
              <td>{task.status === 'open' ? <Due at={task.dueAt} overdue={task.overdueLevel > 0} /> : formatDate(task.endedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
    </section>
  );
}

function Timeline({ data }: { data: HouseholdDetail }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">{t.household.timeline}</h2>
      <ol class="timeline" reversed>
        {data.timeline.items.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> <strong>{label(t.events, e.type)}</strong> <small>{e.actor}</small>
            <EventNote detail={e.detail} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The human part of an event's detail: the outcome or coded reason in words, and what someone wrote. */
function EventNote({ detail }: { detail: Record<string, unknown> | undefined }) {
  const { t } = useI18n();
  if (!detail) return null;
  const text = (key: string) => (typeof detail[key] === 'string' ? (detail[key] as string) : undefined);
  const coded = text('outcome') ? label(t.verifyOutcomes, text('outcome')) : text('reason') && (t.closeReasons[text('reason')!] ?? t.pauseReasons[text('reason')!]);
  const parts = [coded, text('note') ?? text('instructions') ?? (coded ? undefined : text('reason'))].filter(Boolean);
  return parts.length ? <div class="note">{parts.join(' · ')}</div> : null;
}
