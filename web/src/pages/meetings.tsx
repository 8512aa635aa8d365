import { useState } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { api, ApiError, qs } from '../api';
import { Actor, HouseholdLine, nameIn } from '../components/names';
import { ActionForm, Due, Field, inputValue, Loaded, TableWrap } from '../components/ui';
import { errorText } from '../error-text';
import { formatDateTime } from '../format';
import { useInterval, useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { MeetingTally } from '../flow-th';
import type { AgendaItem, Meeting, MeetingSummary, Page } from '../types';
import { AgencyChoice, proposedFor } from './household-actions';

/** The district's meetings, newest first, and "hold a meeting now" for the district secretariat. */
export function MeetingsPage() {
  const { t, lang } = useI18n();
  const { user, reference } = useSession();
  const [, navigate] = useLocation();
  useTitle(t.meetings.title);
  const meetings = useResource(() => api.get<Page<MeetingSummary>>(`/meetings${qs({ limit: 50 })}`), []);
  return (
    <>
      <h1>{t.meetings.title}</h1>
      {user.role === 'district' && (
        <ActionForm label={t.meetings.holdNow} submit={() => api.post<{ meetingId: string }>('/meetings', {})} onDone={(r) => navigate(`/meetings/${r.meetingId}`)} />
      )}
      <Loaded resource={meetings}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t.meetings.empty}</p>
          ) : (
            <TableWrap label={t.meetings.title} cards>
              <thead>
                <tr>
                  <th scope="col">{t.meetings.opened}</th>
                  <th scope="col">{t.reports.district}</th>
                  <th scope="col">{t.meetings.status}</th>
                  <th scope="col">{t.meetings.agendaSize}</th>
                  <th scope="col">{t.meetings.decisions}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((m) => (
                  <tr key={m.meetingId}>
                    <td class="title">
                      <Link href={`/meetings/${m.meetingId}`}>{formatDateTime(m.openedAt, lang)}</Link>
                    </td>
                    <td data-label={t.reports.district}>{nameOf(reference.districts, m.districtCode, lang)}</td>
                    <td data-label={t.meetings.status}>{label(t.meetings.statuses, m.status)}</td>
                    <td data-label={t.meetings.agendaSize}>{m.agendaSize}</td>
                    <td data-label={t.meetings.decisions}>{m.decisionCount}</td>
                  </tr>
                ))}
              </tbody>
            </TableWrap>
          )
        }
      </Loaded>
    </>
  );
}

interface Decision {
  mode: 'assign' | 'escalate' | 'later';
  reason: string;
  choices: Record<string, { agency: string; menuItem: string }>;
}

/**
 * A meeting: while open, the board (every case waiting for assignment, each problem with the
 * agency the indicator owner table proposes already chosen; the meeting assigns, escalates or
 * leaves a case for later); once decided or lapsed, its minutes.
 */
export function MeetingPage({ params }: { params: { id: string } }) {
  const { t } = useI18n();
  useTitle(t.meetings.title);
  const meeting = useResource(() => api.get<Meeting>(`/meetings/${encodeURIComponent(params.id)}`), [params.id]);
  // The answer of the decisions: the meeting is over from that moment, whatever the read model says yet.
  const [results, setResults] = useState<Meeting['results'] | null>(null);
  // Decided meanwhile from another phone or tab: the board gives way to the minutes, saying why.
  const [decidedElsewhere, setDecidedElsewhere] = useState(false);
  // A meeting just opened reads its agenda from the read model: give it a moment. A decided one
  // is written to the read model just after the answer: reload until the minutes are there.
  useInterval(meeting.reload, 1500, (meeting.data?.status === 'open' && meeting.data.agenda.length === 0 && !results) || (!!results && meeting.data?.source !== 'readModel'));
  return (
    <Loaded resource={meeting}>
      {(data) =>
        data.status === 'open' && !results ? (
          <MeetingBoard data={data} onDecided={(r) => (setResults(r), meeting.reload())} onClosed={() => (setDecidedElsewhere(true), meeting.reload())} />
        ) : (
          <Minutes data={data} results={results} decidedElsewhere={decidedElsewhere} />
        )
      }
    </Loaded>
  );
}

function MeetingHeading({ data, status }: { data: Meeting; status: string }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  return (
    <>
      <h1>
        {t.meetings.title} · {nameOf(reference.districts, data.districtCode, lang)}
      </h1>
      <p>
        {t.meetings.opened} {formatDateTime(data.openedAt, lang)} · <span class={status === 'open' ? 'badge warn' : 'badge ok'}>{label(t.meetings.statuses, status)}</span>
        {data.closedAt && ` · ${t.meetings.closedAt} ${formatDateTime(data.closedAt, lang)}`}
      </p>
    </>
  );
}

function MeetingBoard({ data, onDecided, onClosed }: { data: Meeting; onDecided(results: Meeting['results']): void; onClosed(): void }) {
  const { t } = useI18n();
  const { reference } = useSession();
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});

  const decisionOf = (item: AgendaItem): Decision =>
    decisions[item.caseId] ?? {
      mode: 'assign',
      reason: '',
      choices: Object.fromEntries(item.problems.map((p) => [p.problemId, { agency: p.proposedAgencies[0] ?? proposedFor(reference, p.indicator)[0] ?? reference.agencies[0].code, menuItem: '' }])),
    };
  const update = (caseId: string, decision: Decision) => setDecisions({ ...decisions, [caseId]: decision });

  // Every case left for later is no decision at all: said at once in Thai, without asking first
  // or sending what the API would refuse (its body needs one decision at least).
  const nothingDecided = data.agenda.every((item) => decisionOf(item).mode === 'later');
  const submit = () =>
    (nothingDecided ? Promise.reject(new ApiError(422, 'no decision', 'body.decisions', 'EMPTY_DECISION')) : record()).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'MEETING_CLOSED') onClosed();
      throw error;
    });
  const record = () =>
    api.post<{ results: Meeting['results'] }>(`/meetings/${encodeURIComponent(data.meetingId)}/decisions`, {
      decisions: data.agenda
        .map((item) => ({ item, d: decisionOf(item) }))
        .filter(({ d }) => d.mode !== 'later')
        .map(({ item, d }) =>
          d.mode === 'escalate'
            ? { caseId: item.caseId, escalate: { reason: d.reason } }
            : { caseId: item.caseId, assignments: item.problems.map((p) => ({ problemId: p.problemId, agencyCode: d.choices[p.problemId].agency, ...(d.choices[p.problemId].menuItem ? { menuItem: d.choices[p.problemId].menuItem } : {}) })) },
        ),
    });

  // The question before recording says what happens to each case, the escalated ones by name.
  const tally = (): MeetingTally => {
    const modes = data.agenda.map((item) => ({ item, mode: decisionOf(item).mode }));
    return {
      assign: modes.filter((m) => m.mode === 'assign').length,
      escalate: modes.filter((m) => m.mode === 'escalate').map((m) => m.item.household.headName ?? m.item.household.houseCode ?? t.household.unnamed),
      later: modes.filter((m) => m.mode === 'later').length,
    };
  };

  return (
    <>
      <MeetingHeading data={data} status={data.status} />
      <h2>{t.meetings.agenda}</h2>
      {data.agenda.length === 0 ? (
        <p>{t.meetings.emptyAgenda}</p>
      ) : (
        <ActionForm label={t.meetings.record} confirm={nothingDecided ? undefined : t.flow.ask.meetingDecisions(tally())} submit={submit} onDone={(r) => onDecided(r.results)}>
          {data.agenda.map((item) => {
            const d = decisionOf(item);
            return (
              <article key={item.caseId} class="agenda-item">
                <header>
                  <Link href={`/households/${item.householdId}`}>
                    <HouseholdLine household={item.household} areaNames={item.areaNames} withDistrict={false} />
                  </Link>{' '}
                  · <Due at={item.dueAt} overdue={item.overdueLevel > 0} />
                </header>
                <fieldset>
                  <legend class="sr-only">{item.household.headName ?? item.household.houseCode ?? ''}</legend>
                  {(['assign', 'escalate', 'later'] as const).map((mode) => (
                    <label key={mode}>
                      <input type="radio" name={`mode-${item.caseId}`} checked={d.mode === mode} onChange={() => update(item.caseId, { ...d, mode })} />
                      {mode === 'assign' ? t.meetings.assign : mode === 'escalate' ? t.meetings.escalate : t.meetings.decideLater}
                    </label>
                  ))}
                </fieldset>
                {d.mode === 'assign' &&
                  item.problems.map((p) => (
                    <fieldset key={p.problemId}>
                      <legend>
                        [{label(t.dimensions, p.dimension)}] {p.indicator} {p.description}
                      </legend>
                      <AgencyChoice
                        dimension={p.dimension}
                        proposed={p.proposedAgencies}
                        agency={d.choices[p.problemId].agency}
                        menuItem={d.choices[p.problemId].menuItem}
                        onChange={(agency, menuItem) => update(item.caseId, { ...d, choices: { ...d.choices, [p.problemId]: { agency, menuItem } } })}
                      />
                    </fieldset>
                  ))}
                {d.mode === 'escalate' && (
                  <Field name={t.form.reason}>{(id) => <textarea id={id} required rows={2} value={d.reason} onInput={(e) => update(item.caseId, { ...d, reason: inputValue(e) })} />}</Field>
                )}
              </article>
            );
          })}
        </ActionForm>
      )}
    </>
  );
}

/** A finished meeting as minutes: who recorded the decisions and when, and each case with its decision. */
function Minutes({ data, results, decidedElsewhere }: { data: Meeting; results: Meeting['results'] | null; decidedElsewhere: boolean }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const status = results && data.status === 'open' ? 'decided' : data.status;
  const outcome = (caseId: string) => (results ?? data.results).find((r) => r.caseId === caseId);
  return (
    <>
      <MeetingHeading data={data} status={status} />
      {(results || decidedElsewhere) && (
        <p role="status" class="notice">
          {results ? t.meetings.saved : t.meetings.decidedElsewhere}
        </p>
      )}
      {data.decidedBy && (
        <p>
          {t.meetings.decidedBy} <Actor actor={data.decidedBy} /> · {formatDateTime(data.decidedBy.at, lang)}
        </p>
      )}
      <h2>{t.meetings.minutes}</h2>
      {data.agenda.length === 0 ? (
        <p>{t.meetings.emptyAgenda}</p>
      ) : (
        <ol class="minutes">
          {data.agenda.map((item) => {
            const result = outcome(item.caseId);
            const kind = item.decision?.kind ?? (result ? (result.ok ? null : 'later') : 'later');
            return (
              <li key={item.caseId} class="agenda-item">
                <Link href={`/households/${item.householdId}`}>
                  <HouseholdLine household={item.household} areaNames={item.areaNames} withDistrict={false} />
                </Link>
                <div>
                  {kind && <span class={kind === 'later' ? 'badge' : kind === 'escalate' ? 'badge danger' : 'badge ok'}>{label(t.meetings.decisionKinds, kind)}</span>}{' '}
                  {result && !result.ok && <span class="badge danger">{errorText({ status: 422, code: result.code }, t.errors).text}</span>}
                  {result?.ok && !item.decision && <span class="badge ok">{t.meetings.resultOk}</span>}
                </div>
                {item.decision && item.decision.assignments.length > 0 && (
                  <ul>
                    {item.decision.assignments.map((a) => (
                      <li key={a.problemId}>
                        {a.dimension && `[${label(t.dimensions, a.dimension)}] `}
                        {a.indicator} {a.description} →{' '}
                        {a.taskId ? <Link href={`/tasks/${a.taskId}`}>{a.agencyName ? nameIn(a.agencyName, lang) : nameOf(reference.agencies, a.agencyCode, lang)}</Link> : nameOf(reference.agencies, a.agencyCode, lang)}
                      </li>
                    ))}
                  </ul>
                )}
                {item.decision?.escalationReason && (
                  <p>
                    {t.form.reason}: {item.decision.escalationReason}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
