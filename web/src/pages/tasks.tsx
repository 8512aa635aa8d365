import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api } from '../api';
import { HouseholdLine, HouseholdPlaceFacts, nameIn } from '../components/names';
import { ActivityCorrections } from '../components/corrections';
import { ThaiDateInput } from '../components/thai-date';
import { ActionForm, AmountInput, Counter, Due, Field, inputValue, Loaded, MoreButton, SavedNotice, Select, TableWrap } from '../components/ui';
import { OutboxList } from '../components/outbox-list';
import { formatBaht, formatDate, formatDateTime, todayIso } from '../format';
import { useMore, useResource, useTitle } from '../hooks';
import { inboxPath } from '../landing-data';
import { label, useI18n } from '../i18n';
import { loadHousehold, loadTask, taskInbox } from '../offline/caseload';
import { waitingFor } from '../offline/db';
import { useLive, useOnline } from '../offline/hooks';
import { isWaitingEntry } from '../offline/local-apply';
import { submitTaskActivity } from '../offline/outbox';
import { nameOf, useSession } from '../session';
import type { HouseholdDetail, Inbox, Task } from '../types';

/** An agency's open tasks, overdue first (without signal: the list the phone kept last). */
export function TasksPage() {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  useTitle(t.tasks.title);
  const inbox = useResource(taskInbox, [], inboxPath({ kind: 'task' }));
  const more = useMore(inbox.data, (offset) => api.get<Inbox>(inboxPath({ kind: 'task', offset })));
  return (
    <>
      <h1>{t.tasks.title}</h1>
      <Loaded resource={inbox}>
        {(data) => (
          <>
            <div class="counters">
              <Counter value={data.counters.total} name={t.inbox.total} />
              <Counter value={data.counters.overdue} name={t.inbox.overdue} tone="danger" />
              <Counter value={data.counters.dueSoon} name={t.inbox.dueSoon} tone="warn" />
            </div>
            {data.items.length === 0 ? (
              <p>{t.tasks.empty}</p>
            ) : (
              <ul class="cards">
                {more.items.map((item) => (
                  <li key={item.id} class={item.overdue ? 'card late' : 'card'}>
                    <Link href={`/tasks/${item.taskId}`}>{item.title}</Link>
                    <div>
                      <HouseholdLine household={item.household} areaNames={item.areaNames} />
                    </div>
                    <div class="meta">
                      {item.agencyName ? nameIn(item.agencyName, lang) : nameOf(reference.agencies, item.agencyCode, lang)} · {t.inbox.due} <Due at={item.dueAt} overdue={item.overdue} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <MoreButton list={more} />
          </>
        )}
      </Loaded>
    </>
  );
}


/** One assistance task: its logbook, and the agency's actions on it (or the supervisor's reassign). */
/** Who is offered corrections of a task's activities; the task workflow re-checks agency, level and window. */
const CORRECTORS: string[] = ['agency', 'district', 'province', 'supervisor', 'admin'];

export function TaskPage({ params }: { params: { id: string } }) {
  const { t, lang } = useI18n();
  const { user, reference } = useSession();
  useTitle(t.tasks.task);
  // Activities recorded offline wait in the outbox: once they are sent, the task is read again.
  const waiting = useLive(() => waitingFor('taskId', params.id).count(), 0, [params.id]);
  const task = useResource(() => loadTask(params.id), [params.id, waiting === 0]);
  // The household this task serves: who to visit, where, and the task that took over a moved one.
  const householdId = task.data?.householdId;
  const household = useResource(() => (householdId ? loadHousehold(householdId) : Promise.resolve(undefined)), [householdId, task.data?.status]);
  const successor = task.data && household.data ? successorOf(task.data, household.data) : undefined;
  const [saved, setSaved] = useState<string | null>(null);
  const onSaved = (text: string) => (setSaved(text), task.reload());
  return (
    <Loaded resource={task}>
      {(data) => (
        <>
          <h1>
            {t.tasks.task}: {label(t.dimensions, data.problem.dimension)} {data.problem.indicator}
          </h1>
          <p>{data.problem.description}</p>
          {successor && (
            <p class="notice" role="note">
              {t.tasks.movedTo}: {successor.agencyName ? nameIn(successor.agencyName, lang) : nameOf(reference.agencies, successor.agencyCode, lang)} ·{' '}
              <Link href={`/tasks/${successor.taskId}`}>{t.tasks.openNewTask}</Link>
            </p>
          )}
          {household.data && <VisitCard data={household.data} />}
          <dl class="facts">
            <dt>{t.household.agency}</dt>
            <dd>{nameOf(reference.agencies, data.agencyCode, lang)}</dd>
            {data.menuItem && (
              <>
                <dt>{t.form.menuItem}</dt>
                <dd>{nameOf(reference.menu, data.menuItem, lang)}</dd>
              </>
            )}
            <dt>{t.household.status}</dt>
            <dd>{label(t.taskStatus, data.status)}</dd>
            <dt>{t.tasks.assigned}</dt>
            <dd>{formatDate(data.assignedAt, lang)}</dd>
            <dt>{t.household.due}</dt>
            <dd>
              <Due at={data.dueAt} overdue={data.overdueLevel > 0} />
            </dd>
          </dl>
          {saved && <TaskSaved text={saved} ended={data.status !== 'open'} />}
          {data.status === 'open' && user.role === 'agency' && <AgencyActions task={data} onDone={onSaved} />}
          {data.status === 'open' && (user.role === 'supervisor' || user.role === 'admin') && <Reassign task={data} onDone={onSaved} />}
          <OutboxList householdId={data.householdId} taskId={data.taskId} />
          <h2>{t.tasks.log}</h2>
          <TableWrap label={t.tasks.log}>
            <thead>
              <tr>
                <th scope="col">{t.form.date}</th>
                <th scope="col">{t.form.kind}</th>
                <th scope="col">{t.household.description}</th>
                <th scope="col">{t.form.baht}</th>
                <th scope="col">{t.form.items}</th>
              </tr>
            </thead>
            <tbody>
              {data.log.map((entry) => (
                <tr key={entry.seq} class={entry.voided ? 'voided' : undefined}>
                  <td>{entry.voided ? <s>{formatDate(entry.date, lang)}</s> : formatDate(entry.date, lang)}</td>
                  <td>{entry.voided ? <s>{entry.kind}</s> : entry.kind}</td>
                  <td>
                    {entry.voided ? <s>{entry.description}</s> : entry.description}
                    <RecordedWhen entry={entry} />
                    {!isWaitingEntry(entry) && (
                      <ActivityCorrections task={data} entry={entry} timeline={household.data?.timeline.items ?? []} mayCorrect={data.status !== 'cancelled' && CORRECTORS.includes(user.role)} onChanged={task.reload} />
                    )}
                  </td>
                  <td class="num">{formatBaht(entry.baht, lang)}</td>
                  <td class="num">{entry.items}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t.tasks.totals} ({data.totals.activities} {t.tasks.activities})
                </th>
                <td class="num">{formatBaht(data.totals.baht, lang)}</td>
                <td class="num">{data.totals.items}</td>
              </tr>
            </tfoot>
          </TableWrap>
          {data.outcome && (
            <p class="outcome">
              {/* How and when it ended, then the agency's words if any: never a date left hanging on a colon. */}
              <strong>
                {label(t.taskStatus, data.status)} {formatDate(data.outcome.at, lang)}
              </strong>{' '}
              {data.outcome.withoutCost && <span class="badge">{t.flow.doneWithoutCost}</span>}
              {data.outcome.note && ` · ${data.outcome.note}`}
            </p>
          )}
        </>
      )}
    </Loaded>
  );
}

/**
 * An activity recorded offline shows when it was recorded on the phone and when the server
 * received it; one still on the phone says it waits to be sent.
 */
function RecordedWhen({ entry }: { entry: Task['log'][number] }) {
  const { t, lang } = useI18n();
  if (isWaitingEntry(entry)) return <small class="recorded-when"> · {t.offline.waitingHere}</small>;
  if (!entry.recordedOnDevice) return null;
  return (
    <small class="recorded-when">
      <br />
      {t.offline.recordedOnDevice} {formatDateTime(entry.recordedOnDevice, lang)} · {t.offline.receivedAt} {formatDateTime(entry.recordedAt, lang)}
    </small>
  );
}

/** The newer task of the same problem, once this one was moved to another agency. */
function successorOf(task: Task, household: HouseholdDetail): HouseholdDetail['tasks'][number] | undefined {
  if (task.status === 'open') return undefined;
  return household.tasks.filter((other) => other.problemId === task.problem.id && other.taskId !== task.taskId && other.assignedAt >= task.assignedAt).at(-1);
}

/** Who to visit and where: the head of household, the members, the village and the address. */
function VisitCard({ data }: { data: HouseholdDetail }) {
  const { t } = useI18n();
  const h = data.household;
  return (
    <article class="visit-card" aria-label={t.tasks.visit}>
      <header>
        <small>{t.tasks.visit}</small>
        <br />
        <Link href={`/households/${h.householdId}`}>
          <strong>{h.headName ?? t.household.unnamed}</strong>
        </Link>
      </header>
      <dl class="facts">
        <HouseholdPlaceFacts household={h} />
        <dt>{t.household.houseCode}</dt>
        <dd>{h.houseCode ?? '–'}</dd>
        <dt>{t.household.members}</dt>
        <dd>{data.members.map((m) => m.name).join(', ') || '–'}</dd>
      </dl>
    </article>
  );
}

function AgencyActions({ task, onDone }: { task: Task; onDone(saved: string): void }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const online = useOnline();
  const [entry, setEntry] = useState({ date: todayIso(), kind: '', description: '', baht: '0', items: '0' });
  const [note, setNote] = useState('');
  const [withoutCost, setWithoutCost] = useState(false);
  const [reason, setReason] = useState('');
  const path = `/tasks/${encodeURIComponent(task.taskId)}`;
  // Completing needs something in the logbook, or the agency's word that it cost nothing and what was done (the workflow's rule).
  const empty = task.totals.activities === 0;
  // Without signal the activity waits on the phone, and the notice says so.
  const logged = (after: Task) => {
    const text = t.flow.activityLogged(entry.kind, formatBaht(Number(entry.baht), lang), Number(entry.items));
    return after.log.some(isWaitingEntry) ? `${text} · ${t.offline.savedOffline}` : text;
  };
  return (
    <section class="actions" aria-label={t.household.actions}>
      <details open name="task-action">
        <summary role="button">{t.tasks.logActivity}</summary>
        <ActionForm
          label={t.save}
          submit={() => submitTaskActivity(task, { ...entry, baht: Number(entry.baht), items: Number(entry.items) }, user.userId)}
          onDone={(after) => (onDone(logged(after)), setEntry({ ...entry, kind: '', description: '', baht: '0', items: '0' }))}
        >
          <Field name={t.form.date} apiField="date">{(id) => <ThaiDateInput id={id} required value={entry.date} max={todayIso()} onChange={(date) => setEntry({ ...entry, date })} />}</Field>
          <Field name={t.form.kind}>{(id) => <input id={id} required value={entry.kind} onInput={(e) => setEntry({ ...entry, kind: inputValue(e) })} />}</Field>
          <Field name={t.household.description}>{(id) => <input id={id} required value={entry.description} onInput={(e) => setEntry({ ...entry, description: inputValue(e) })} />}</Field>
          <div class="grid">
            <Field name={t.form.baht} apiField="baht">{(id) => <AmountInput id={id} unit="baht" value={entry.baht} onInput={(baht) => setEntry({ ...entry, baht })} />}</Field>
            <Field name={t.form.items} apiField="items">{(id) => <AmountInput id={id} unit="items" value={entry.items} onInput={(items) => setEntry({ ...entry, items })} />}</Field>
          </div>
        </ActionForm>
      </details>
      {!online && (
        <p class="notice" role="note">
          {t.offline.needsSignal}
        </p>
      )}
      <details name="task-action" hidden={!online}>
        <summary role="button" class="secondary outline">
          {t.tasks.complete}
        </summary>
        <ActionForm
          label={t.tasks.complete}
          confirm={t.flow.ask.completeTask}
          submit={() => api.post(`${path}/complete`, { ...(note.trim() ? { note: note.trim() } : {}), ...(empty && withoutCost ? { withoutCost: true } : {}) })}
          onDone={() => onDone(t.flow.taskCompleted)}
        >
          {empty && (
            <>
              <p class="notice" role="note">
                {t.flow.noActivityYet}
              </p>
              <label>
                <input type="checkbox" role="switch" checked={withoutCost} onChange={(e) => setWithoutCost((e.target as HTMLInputElement).checked)} /> {t.flow.withoutCost}
              </label>
            </>
          )}
          <Field name={empty && withoutCost ? t.flow.withoutCostNote : t.form.note}>{(id) => <textarea id={id} rows={2} required={empty && withoutCost} value={note} onInput={(e) => setNote(inputValue(e))} />}</Field>
        </ActionForm>
      </details>
      <details name="task-action" hidden={!online}>
        <summary role="button" class="secondary outline">
          {t.tasks.return}
        </summary>
        <ActionForm label={t.tasks.return} tone="secondary" confirm={t.flow.ask.returnTask} submit={() => api.post(`${path}/return`, { reason })} onDone={() => onDone(t.flow.taskReturned)}>
          <Field name={t.form.reason}>{(id) => <textarea id={id} required rows={2} value={reason} onInput={(e) => setReason(inputValue(e))} />}</Field>
        </ActionForm>
      </details>
    </section>
  );
}

/** What the last save on this task recorded; once the task has ended, the way on to the next one. */
function TaskSaved({ text, ended }: { text: string; ended: boolean }) {
  const { t } = useI18n();
  return (
    <SavedNotice text={text}>
      {ended && (
        <>
          <br />
          <Link href="/tasks">{t.flow.backToTasks}</Link>
        </>
      )}
    </SavedNotice>
  );
}

function Reassign({ task, onDone }: { task: Task; onDone(saved: string): void }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const others = reference.agencies.filter((a) => a.code !== task.agencyCode);
  const [agency, setAgency] = useState(others[0]?.code ?? '');
  const [reason, setReason] = useState('');
  return (
    <details class="actions">
      <summary role="button" class="secondary">
        {t.tasks.reassign}
      </summary>
      <ActionForm
        label={t.tasks.reassign}
        confirm={t.flow.ask.reassignTask(nameOf(reference.agencies, agency, lang))}
        submit={() => api.post(`/supervisor/tasks/${encodeURIComponent(task.taskId)}/reassign`, { agencyCode: agency, reason })}
        onDone={() => onDone(t.flow.taskReassigned)}
      >
        <Field name={t.household.agency}>{(id) => <Select id={id} value={agency} onChange={setAgency} options={others.map((a) => [a.code, nameOf(reference.agencies, a.code, lang)])} />}</Field>
        <Field name={t.form.reason}>{(id) => <textarea id={id} required rows={2} value={reason} onInput={(e) => setReason(inputValue(e))} />}</Field>
      </ActionForm>
    </details>
  );
}
