import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, qs } from '../api';
import { ActionForm, Due, Field, inputValue, Loaded, StageBadge, TableWrap } from '../components/ui';
import { useResource, useTitle } from '../hooks';
import { useI18n } from '../i18n';
import type { HouseholdSummary, NationalIdSearchResult, Page } from '../types';

/**
 * Search the households of my area by name or house code; 13 digits are a national ID, which
 * the API looks up only with a stated purpose (it is audited), so the page asks for one.
 */
export function HouseholdsPage() {
  const { t } = useI18n();
  useTitle(t.household.searchTitle);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const digits = /^[0-9]+$/.test(query);
  const nationalId = digits && query.length === 13;
  // A house code has 11 digits (or its leading ones); 12 or 14+ digits are neither a house code nor an ID.
  const notACode = digits && (query.length === 12 || query.length > 13);
  const params = query.length >= 2 ? (digits ? { houseCode: query } : { q: query }) : {};
  const page = useResource(() => (nationalId || notACode ? Promise.resolve(undefined) : api.get<Page<HouseholdSummary>>(`/households${qs({ ...params, limit: 50 })}`)), [query]);
  return (
    <>
      <h1>{t.household.searchTitle}</h1>
      <form role="search" onSubmit={(e) => (e.preventDefault(), setQuery(searchText(text)))}>
        <fieldset role="group">
          <input type="search" aria-label={t.household.searchHint} placeholder={t.household.searchHint} value={text} onInput={(e) => setText(inputValue(e))} />
          <button type="submit">{t.search}</button>
        </fieldset>
      </form>
      {notACode && (
        <p role="alert" class="error">
          {t.search13.notACode}
        </p>
      )}
      {nationalId && <NationalIdSearch nationalId={query} />}
      {!nationalId && !notACode && <Loaded resource={page}>{(data) => (data ? <Results items={data.items} query={query} /> : null)}</Loaded>}
    </>
  );
}

/** Numbers are typed with spaces or dashes ("1-1017-00203-45-1"); names as they are. */
const searchText = (text: string): string => (/^[\d\s-]+$/.test(text.trim()) ? text.replace(/[\s-]/g, '') : text.trim());

/** A national ID typed into the search: found only with a purpose, which the server audits. */
function NationalIdSearch({ nationalId }: { nationalId: string }) {
  const { t } = useI18n();
  const [purpose, setPurpose] = useState('');
  const [found, setFound] = useState<NationalIdSearchResult['items'] | null>(null);
  return (
    <section aria-labelledby="by-id">
      <h2 id="by-id">{t.search13.title}</h2>
      <p>{t.search13.explain}</p>
      <ActionForm label={t.search} submit={() => api.post<NationalIdSearchResult>('/households/search-by-national-id', { nationalId, purpose })} onDone={(r) => setFound(r.items)}>
        <Field name={t.search13.purpose} hint={t.search13.purposeHint}>
          {(id) => <input id={id} required minLength={10} value={purpose} onInput={(e) => setPurpose(inputValue(e))} />}
        </Field>
      </ActionForm>
      {found && <Results items={found} query={nationalId} />}
    </section>
  );
}

function Results({ items, query }: { items: HouseholdSummary[]; query: string }) {
  const { t } = useI18n();
  // An empty result says so, with what was looked for: a bare table header read as "still loading".
  if (items.length === 0) return <p class="empty">{query ? t.search13.noMatch(query) : t.search13.noHouseholds}</p>;
  return (
    <TableWrap label={t.household.results}>
      <thead>
        <tr>
          <th scope="col">{t.household.head}</th>
          <th scope="col">{t.household.houseCode}</th>
          <th scope="col">{t.household.stage}</th>
          <th scope="col">{t.household.due}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((h) => (
          <tr key={h.householdId}>
            <td>
              <Link href={`/households/${h.householdId}`}>{h.headName ?? t.household.unnamed}</Link>
            </td>
            <td>{h.houseCode ?? '–'}</td>
            <td>
              <StageBadge stage={h.stage} />
            </td>
            <td>{h.stage !== 'closed' && <Due at={h.dueAt} overdue={(h.overdueLevel ?? 0) > 0} />}</td>
          </tr>
        ))}
      </tbody>
    </TableWrap>
  );
}
