import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, qs } from '../api';
import { Due, inputValue, Loaded, StageBadge, TableWrap } from '../components/ui';
import { useResource, useTitle } from '../hooks';
import { useI18n } from '../i18n';
import type { HouseholdSummary, Page } from '../types';

/** Search the households of my area by name or house code. */
export function HouseholdsPage() {
  const { t } = useI18n();
  useTitle(t.household.searchTitle);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const digits = /^[0-9]+$/.test(query);
  const params = query.length >= 2 ? (digits ? { houseCode: query } : { q: query }) : {};
  const page = useResource(() => api.get<Page<HouseholdSummary>>(`/households${qs({ ...params, limit: 50 })}`), [query]);
  return (
    <>
      <h1>{t.household.searchTitle}</h1>
      <form role="search" onSubmit={(e) => (e.preventDefault(), setQuery(text.trim()))}>
        <fieldset role="group">
          <input type="search" aria-label={t.household.searchHint} placeholder={t.household.searchHint} value={text} onInput={(e) => setText(inputValue(e))} />
          <button type="submit">{t.search}</button>
        </fieldset>
      </form>
      <Loaded resource={page}>
        {(data) => (
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
              {data.items.map((h) => (
                <tr key={h.householdId}>
                  <td>
                    <Link href={`/households/${h.householdId}`}>{h.headName ?? h.householdId}</Link>
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
        )}
      </Loaded>
    </>
  );
}
