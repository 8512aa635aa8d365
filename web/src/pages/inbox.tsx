import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api } from '../api';
import { inboxPath } from '../landing-data';
import { HouseholdLine } from '../components/names';
import { Counter, Due, Loaded, MoreButton, optionsOf, Select, StageBadge } from '../components/ui';
import { formatDate } from '../format';
import { useMore, useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import type { Messages } from '../i18n-th';
import type { Inbox } from '../types';

/** The work waiting for me, overdue first (the API's order), with counters on top. */
export function InboxPage() {
  const { t, lang } = useI18n();
  useTitle(t.inbox.title);
  const [due, setDue] = useState('');
  const [kind, setKind] = useState('');
  const path = inboxPath({ due, kind });
  const inbox = useResource(() => api.get<Inbox>(path), [path], path);
  const more = useMore(inbox.data, (offset) => api.get<Inbox>(inboxPath({ due, kind, offset })));
  return (
    <>
      <h1>{t.inbox.title}</h1>
      <Loaded resource={inbox}>
        {(data) => (
          <>
            <div class="counters" aria-live="polite">
              <Counter value={data.counters.total} name={t.inbox.total} />
              <Counter value={data.counters.overdue} name={t.inbox.overdue} tone="danger" />
              <Counter value={data.counters.dueSoon} name={t.inbox.dueSoon} tone="warn" />
            </div>
            <div class="filters grid">
              <label>
                {t.filter}
                <Select value={due} onChange={setDue} options={[['', t.all], ['overdue', t.inbox.overdue], ['dueSoon', t.inbox.dueSoon]]} />
              </label>
              <label>
                {t.form.kind}
                <Select value={kind} onChange={setKind} options={[['', t.all], ...optionsOf(t.kinds)]} />
              </label>
            </div>
            {data.items.length === 0 ? (
              <p>{t.inbox.empty}</p>
            ) : (
              <ul class="cards">
                {more.items.map((item) => (
                  <li key={item.id} class={item.overdue ? 'card late' : 'card'}>
                    <Link href={item.taskId ? `/tasks/${item.taskId}` : `/households/${item.household.householdId ?? ''}`}>{itemTitle(t, item)}</Link>
                    <div>
                      <HouseholdLine household={item.household} areaNames={item.areaNames} />
                    </div>
                    {item.escalatedByDistrict && (
                      <div class="notice">
                        <strong>
                          {t.caseAt.escalatedByDistrict} {formatDate(item.escalatedByDistrict.at, lang)}
                        </strong>
                        {item.escalatedByDistrict.reason && ` · ${t.caseAt.reason}: ${item.escalatedByDistrict.reason}`}
                      </div>
                    )}
                    {item.returnedByProvince && (
                      <div class="notice">
                        <strong>
                          {t.caseAt.returnedByProvince} {formatDate(item.returnedByProvince.at, lang)}
                        </strong>
                        {item.returnedByProvince.instructions && ` · ${t.caseAt.instructions}: ${item.returnedByProvince.instructions}`}
                      </div>
                    )}
                    <div class="meta">
                      <span class="badge">{label(t.kinds, item.kind)}</span> <StageBadge stage={item.stage} assignmentLevel={item.assignmentLevel} /> {t.inbox.due} <Due at={item.dueAt} overdue={item.overdue} />
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

/** What an item asks and whom it is about, in the reader's language: the stored item holds only its kind, stage and whom. */
function itemTitle(t: Messages, item: Inbox['items'][number]): string {
  if (item.kind === 'task') return item.title;
  const work = `${item.stage ? label(t.inbox.workTitles, item.stage) : ''}: ${item.title}`;
  if (item.kind === 'reminder') return `${t.inbox.dueSoonPrefix}: ${work}`;
  if (item.kind === 'escalation') return `${item.taskId ? t.inbox.taskOverduePrefix : t.inbox.overduePrefix}: ${item.taskId ? item.title : work}`;
  return work;
}
