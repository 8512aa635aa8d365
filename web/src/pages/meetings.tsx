import { useState } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { api, qs } from '../api';
import { ActionForm, Due, Field, inputValue, Loaded, TableWrap } from '../components/ui';
import { formatDateTime } from '../format';
import { useInterval, useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { Meeting, MeetingSummary, Page } from '../types';
import { AgencyChoice, proposedFor } from './household-actions';
import { householdOf } from './inbox';

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
            <TableWrap label={t.meetings.title}>
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
                    <td>
                      <Link href={`/meetings/${m.meetingId}`}>{formatDateTime(m.openedAt, lang)}</Link>
                    </td>
                    <td>{nameOf(reference.districts, m.districtCode, lang)}</td>
                    <td>{label(t.meetings.statuses, m.status)}</td>
                    <td>{m.agendaSize}</td>
                    <td>{m.decisionCount}</td>
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
 * The meeting board: every case waiting for assignment, each problem with the agency the indicator
 * owner table proposes already chosen. The meeting assigns or escalates case by case, and the
 * answer says which cases took the decision.
 */
export function MeetingPage({ params }: { params: { id: string } }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  useTitle(t.meetings.title);
  const meeting = useResource(() => api.get<Meeting>(`/meetings/${encodeURIComponent(params.id)}`), [params.id]);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [results, setResults] = useState<Meeting['results'] | null>(null);
  // A meeting just opened reads its agenda from the read model: give it a moment.
  useInterval(meeting.reload, 1500, meeting.data?.status === 'open' && meeting.data.agenda.length === 0);

  const decisionOf = (item: Meeting['agenda'][number]): Decision =>
    decisions[item.caseId] ?? {
      mode: 'assign',
      reason: '',
      choices: Object.fromEntries(item.problems.map((p) => [p.problemId, { agency: p.proposedAgencies[0] ?? proposedFor(reference, p.indicator)[0] ?? reference.agencies[0].code, menuItem: '' }])),
    };
  const update = (caseId: string, decision: Decision) => setDecisions({ ...decisions, [caseId]: decision });

  const submit = (data: Meeting) =>
    api.post<{ results: Meeting['results'] }>(`/meetings/${encodeURIComponent(params.id)}/decisions`, {
      decisions: data.agenda
        .map((item) => ({ item, d: decisionOf(item) }))
        .filter(({ d }) => d.mode !== 'later')
        .map(({ item, d }) =>
          d.mode === 'escalate'
            ? { caseId: item.caseId, escalate: { reason: d.reason } }
            : { caseId: item.caseId, assignments: item.problems.map((p) => ({ problemId: p.problemId, agencyCode: d.choices[p.problemId].agency, ...(d.choices[p.problemId].menuItem ? { menuItem: d.choices[p.problemId].menuItem } : {}) })) },
        ),
    });

  return (
    <Loaded resource={meeting}>
      {(data) => (
        <>
          <h1>
            {t.meetings.title} · {nameOf(reference.districts, data.districtCode, lang)}
          </h1>
          <p>
            {formatDateTime(data.openedAt, lang)} · {label(t.meetings.statuses, data.status)}
          </p>
          <h2>{t.meetings.agenda}</h2>
          {data.agenda.length === 0 ? (
            <p>{t.meetings.emptyAgenda}</p>
          ) : (
            <ActionForm label={t.meetings.record} submit={() => submit(data)} onDone={(r) => (setResults(r.results), meeting.reload())}>
              {data.agenda.map((item) => {
                const d = decisionOf(item);
                const result = (results ?? data.results).find((r) => r.caseId === item.caseId);
                return (
                  <article key={item.caseId} class="agenda-item">
                    <header>
                      <Link href={`/households/${householdOf(item.caseId)}`}>{item.householdId}</Link> · {item.subdistrictCode} · <Due at={item.dueAt} overdue={item.overdueLevel > 0} />
                      {result && <span class={result.ok ? 'badge ok' : 'badge danger'}>{result.ok ? t.meetings.resultOk : result.error}</span>}
                    </header>
                    <fieldset>
                      <legend class="sr-only">{item.householdId}</legend>
                      {(['assign', 'escalate', 'later'] as const).map((mode) => (
                        <label key={mode}>
                          <input type="radio" name={`mode-${item.caseId}`} checked={d.mode === mode} onChange={() => update(item.caseId, { ...d, mode })} />
                          {mode === 'assign' ? t.meetings.assign : mode === 'escalate' ? t.meetings.escalate : t.cancel}
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
      )}
    </Loaded>
  );
}
