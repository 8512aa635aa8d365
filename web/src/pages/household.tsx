import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { Due, ErrorMessage, Loaded, StageBadge, TableWrap } from '../components/ui';
import { Actor, HouseholdPlaceFacts, nameIn } from '../components/names';
import { ReliefCorrections } from '../components/corrections';
import { CorrectionHistory } from '../components/correction-history';
import { AnalysisCorrection } from '../components/analysis-correction';
import { MemberCorrections } from '../components/member-correction';
import { PlanCorrection } from '../components/plan-correction';
import { ProblemCorrections } from '../components/problem-corrections';
import { formatBaht, formatDate, formatDateTime, formatNumber, formatYear } from '../format';
import { useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { CaseView, HouseholdDetail, TimelineEventView } from '../types';
import { CaseActions } from './household-actions';
import { Form3Link } from './household-form';
import { OutboxList } from '../components/outbox-list';
import { loadCase, loadHousehold } from '../offline/caseload';
import { waitingFor } from '../offline/db';
import { useLive } from '../offline/hooks';

/** The household page: who lives there, the problems, the work under way, and the logbook. */
export function HouseholdPage({ params }: { params: { id: string } }) {
  const { t } = useI18n();
  const detail = useResource(() => loadHousehold(params.id), [params.id]);
  const caseId = detail.data?.case?.caseId;
  const [caseView, setCaseView] = useState<CaseView | null>(null);
  const [caseError, setCaseError] = useState<unknown>(null);
  // Once what was recorded here offline has been sent, the case is read again (as the server has it now).
  const sent = useLive(() => (caseId ? waitingFor('caseId', caseId).count() : Promise.resolve(0)), 0, [caseId]) === 0;
  useEffect(() => {
    if (caseId) loadCase(caseId).then(setCaseView, setCaseError);
  }, [caseId, sent]);
  useEffect(() => setCaseView(null), [caseId]);
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
          <OutboxList householdId={data.household.householdId} />
          {caseView && <CaseActions caseView={caseView} onChanged={onChanged} />}
          <Members data={data} caseView={caseView} onChanged={onChanged} />
          <Problems data={data} caseView={caseView} onChanged={onChanged} />
          {caseView && <AnalysisAndPlan caseView={caseView} timeline={data.timeline.items} onChanged={onChanged} />}
          {data.case && <Form3Link householdId={data.household.householdId} />}
          <Tasks data={data} />
          <Logbook data={data} />
          {caseView && <ReliefCorrections caseView={caseView} timeline={data.timeline.items} onChanged={onChanged} />}
          <Timeline data={data} />
        </>
      )}
    </Loaded>
  );
}

function HouseholdHeader({ data, caseView }: { data: HouseholdDetail; caseView: CaseView | null }) {
  const { t, lang } = useI18n();
  const h = data.household;
  const c = data.case;
  const stage = caseView?.stage ?? c?.stage ?? null;
  const assignmentLevel = caseView?.assignmentLevel ?? c?.assignmentLevel ?? null;
  return (
    <header class="household-head">
      <h1>{h.headName ?? t.household.unnamed}</h1>
      <p>
        <StageBadge stage={stage} assignmentLevel={assignmentLevel} /> {caseView?.status === 'paused' && <span class="badge warn">{t.household.paused}</span>}{' '}
        {caseView?.escalated && !(stage === 'districtAssignment' && assignmentLevel === 'province') && <span class="badge danger">{t.household.escalated}</span>}
      </p>
      <HandOver caseView={caseView} />
      <dl class="facts">
        <dt>{t.household.houseCode}</dt>
        <dd>{h.houseCode ?? '–'}</dd>
        <HouseholdPlaceFacts household={h} />
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
        {data.earlierCase && (
          <>
            <dt>{t.household.earlierCase}</dt>
            <dd>
              {label(t.closeReasons, data.earlierCase.closureReason ?? '')} · {formatDate(data.earlierCase.closedAt, lang)}
            </dd>
          </>
        )}
      </dl>
    </header>
  );
}

/**
 * The last hand-over between district and province, above the actions of whoever holds the case
 * now: the province reads why the district escalated it, the district the province's instructions.
 */
function HandOver({ caseView }: { caseView: CaseView | null }) {
  const { t, lang } = useI18n();
  const last = caseView?.recentEvents.filter((e) => (e.type === 'escalated' && e.detail?.byHand === true) || e.type === 'returnedToDistrict').at(-1);
  if (!caseView || !last || caseView.stage === 'closed') return null;
  const escalated = last.type === 'escalated';
  // An escalation is news while the province holds the case; the instructions stay until the case moves on.
  if (escalated && caseView.assignmentLevel !== 'province') return null;
  const words = escalated ? last.detail?.reason : last.detail?.instructions;
  return (
    <p class="notice" role="note">
      <strong>
        {escalated ? t.caseAt.escalatedByDistrict : t.caseAt.returnedByProvince} {formatDate(last.at, lang)}
      </strong>
      {typeof words === 'string' && words && (
        <>
          <br />
          {escalated ? t.caseAt.reason : t.caseAt.instructions}: {words}
        </>
      )}
    </p>
  );
}

/** A section that corrects its records hands the case's new state on (the page shows it and reloads). */
type Corrects = { onChanged(next: CaseView): void };

function Members({ data, caseView, onChanged }: { data: HouseholdDetail; caseView: CaseView | null } & Corrects) {
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
      {caseView && <MemberCorrections caseView={caseView} timeline={data.timeline.items} onChanged={onChanged} />}
    </section>
  );
}

function Problems({ data, caseView, onChanged }: { data: HouseholdDetail; caseView: CaseView | null } & Corrects) {
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
      {caseView && <ProblemCorrections caseView={caseView} onChanged={onChanged} />}
      <CorrectionHistory events={data.timeline.items} match={(c) => c.item === 'problems'} />
    </section>
  );
}

function AnalysisAndPlan({ caseView, timeline, onChanged }: { caseView: CaseView; timeline: TimelineEventView[] } & Corrects) {
  const { t, lang } = useI18n();
  const { analysis, plan, followUp } = caseView;
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
          <AnalysisCorrection caseView={caseView} onChanged={onChanged} />
          <CorrectionHistory events={timeline} match={(c) => c.item === 'analysis'} />
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
          <PlanCorrection caseView={caseView} onChanged={onChanged} />
          <CorrectionHistory events={timeline} match={(c) => c.item === 'plan'} />
          {followUp && (
            <>
              <h3>{t.household.followUps}</h3>
              <ul>
                {followUp.visits.map((v) => (
                  <li key={v.no}>
                    {t.household.visit} {v.no}: {formatDate(v.dueAt, lang)} {v.doneAt ? `✓ ${formatDate(v.doneAt, lang)}` : ''}
                    {/* A visit recorded offline: the phone's time, and when the server received it. */}
                    {v.doneAt && v.receivedAt && (
                      <small>
                        {' '}
                        ({t.offline.recordedOnDevice} {formatDateTime(v.doneAt, lang)} · {t.offline.receivedAt} {formatDateTime(v.receivedAt, lang)})
                      </small>
                    )}
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
            <th scope="col">{t.household.endedAt}</th>
            <th scope="col">{t.form.baht}</th>
          </tr>
        </thead>
        <tbody>
          {data.tasks.map((task) => (
            <tr key={task.taskId}>
              <td>
                <Link href={`/tasks/${task.taskId}`}>{task.agencyName ? nameIn(task.agencyName, lang) : nameOf(reference.agencies, task.agencyCode, lang)}</Link>
              </td>
              <td>{label(t.dimensions, task.dimension)}</td>
              <td>{label(t.taskStatus, task.status)}</td>
              <td>{task.status === 'open' ? <Due at={task.dueAt} overdue={task.overdueLevel > 0} /> : formatDate(task.dueAt, lang)}</td>
              <td>{task.endedAt ? formatDate(task.endedAt, lang) : '–'}</td>
              <td class="num">{formatBaht(task.bahtTotal, lang)}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
    </section>
  );
}

/** Every relief and agency activity with its baht and items, and the totals per dimension. */
function Logbook({ data }: { data: HouseholdDetail }) {
  const { t, lang } = useI18n();
  const { logbook } = data;
  if (!data.case) return null;
  const dimensionOf = (d: string | null) => (d ? label(t.dimensions, d) : t.logbook.relief);
  return (
    <section aria-labelledby="logbook">
      <h2 id="logbook">{t.logbook.title}</h2>
      {logbook.entries.length === 0 ? (
        <p>{t.logbook.empty}</p>
      ) : (
        <>
          <TableWrap label={t.logbook.totals}>
            <caption>{t.logbook.totals}</caption>
            <thead>
              <tr>
                <th scope="col">{t.form.dimension}</th>
                <th scope="col">{t.logbook.entries}</th>
                <th scope="col">{t.form.baht}</th>
                <th scope="col">{t.form.items}</th>
              </tr>
            </thead>
            <tbody>
              {logbook.totals.map((row) => (
                <tr key={row.dimension ?? 'relief'}>
                  <th scope="row">{dimensionOf(row.dimension)}</th>
                  <td class="num">{formatNumber(row.entries, lang)}</td>
                  <td class="num">{formatBaht(row.baht, lang)}</td>
                  <td class="num">{formatNumber(row.items, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t.logbook.total}</th>
                <td class="num">{formatNumber(logbook.total.entries, lang)}</td>
                <td class="num">{formatBaht(logbook.total.baht, lang)}</td>
                <td class="num">{formatNumber(logbook.total.items, lang)}</td>
              </tr>
            </tfoot>
          </TableWrap>
          <TableWrap label={t.logbook.title}>
            <thead>
              <tr>
                <th scope="col">{t.form.date}</th>
                <th scope="col">{t.form.dimension}</th>
                <th scope="col">{t.household.description}</th>
                <th scope="col">{t.form.baht}</th>
                <th scope="col">{t.form.items}</th>
              </tr>
            </thead>
            <tbody>
              {logbook.entries.map((e, i) => (
                <tr key={i}>
                  <td>{formatDate(e.date, lang)}</td>
                  <td>{dimensionOf(e.dimension)}</td>
                  <td>
                    {e.kind}: {e.description}
                    <br />
                    <small>
                      {e.agencyName ? `${nameIn(e.agencyName, lang)} · ` : ''}
                      <Actor actor={e.by} />
                    </small>
                  </td>
                  <td class="num">{formatBaht(e.baht, lang)}</td>
                  <td class="num">{formatNumber(e.items, lang)}</td>
                </tr>
              ))}
            </tbody>
          </TableWrap>
        </>
      )}
    </section>
  );
}

/** The events the engine records when a deadline passes, not right after someone's action. */
const TIMER_EVENTS = new Set(['reminderSent', 'escalated', 'reopenWindowEnded', 'taskOverdue']);

function Timeline({ data }: { data: HouseholdDetail }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">{t.household.timeline}</h2>
      <ol class="timeline" reversed>
        {data.timeline.items.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> <strong>{label(t.events, e.type)}</strong>{' '}
            <small>
              {t.people.by} <Actor actor={e.by} timer={TIMER_EVENTS.has(e.type)} />
            </small>
            <EventChange event={e} />
            <EventNote detail={e.detail} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What an event changed, in words: the stages from → to, baht and items, the agency. */
function EventChange({ event }: { event: TimelineEventView }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const d = event.detail ?? {};
  const str = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  const num = (key: string) => (typeof d[key] === 'number' ? (d[key] as number) : undefined);
  const parts: string[] = [];
  if (event.type === 'stageChanged' && str('stage')) parts.push(`${label(t.stages, event.fromStage ?? '')} → ${label(t.stages, str('stage'))}`.replace(/^ → /, ''));
  if (event.type === 'escalated' || event.type === 'returnedToDistrict') {
    const from = str('from');
    const to = str('to');
    if (from && to) parts.push(`${label(t.roles, from)} → ${label(t.roles, to)}`);
  }
  if (event.type === 'reliefGiven') {
    if (str('kind')) parts.push(str('kind')!);
    parts.push(`${formatBaht(num('baht') ?? 0, lang)} ${lang === 'th' ? 'บาท' : 'baht'}`);
    if (num('items')) parts.push(`${formatNumber(num('items')!, lang)} ${lang === 'th' ? 'ชิ้น' : 'items'}`);
  }
  if (str('agencyCode')) parts.push(nameOf(reference.agencies, str('agencyCode'), lang));
  if (event.type === 'transferred' && d.to && typeof d.to === 'object') {
    const to = d.to as { districtCode?: string };
    if (to.districtCode) parts.push(`→ ${nameOf(reference.districts, to.districtCode, lang)}`);
  }
  if (event.type === 'planRecorded' && str('goal')) parts.push(label(t.goals, str('goal')));
  if (event.type === 'analysisRecorded' && str('householdType')) parts.push(label(t.householdTypes, str('householdType')));
  if (event.type === 'reminderSent' && str('to')) parts.push(`→ ${label(t.roles, str('to') === 'team' ? 'operationsTeam' : str('to'))}`);
  if (event.type === 'caseOpened' && str('previousCaseId')) parts.push(t.household.followsEarlierCase);
  if (event.type === 'surveyResult') parts.push(d.passed ? t.closeReasons.graduated : `${t.household.problems}: ${Array.isArray(d.failedIndicators) ? (d.failedIndicators as string[]).join(', ') : ''}`);
  return parts.length ? <div class="change">{parts.join(' · ')}</div> : null;
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
