import { useState } from 'preact/hooks';
import { Link, useSearch } from 'wouter-preact';
import { api, qs } from '../api';
import { HouseholdLine, nameIn } from '../components/names';
import { ActionForm, Due, Field, inputValue, Loaded, StageBadge, TableWrap } from '../components/ui';
import { useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { HouseholdSummary, Name, NationalIdSearchResult, Page } from '../types';

/** The list filters a link may carry (`#/households?stage=analysis&overdue=true`): the dashboard's figures open these. */
const LIST_FILTERS = ['stage', 'open', 'overdue', 'escalated', 'graduatedInFiscalYear', 'helpedIn', 'helpedInFiscalYear', 'provinceCode', 'districtCode', 'subdistrictCode'] as const;
type ListFilters = Partial<Record<(typeof LIST_FILTERS)[number], string>>;

function filtersFrom(search: string): ListFilters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(LIST_FILTERS.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])));
}

/**
 * Search the households of my area by name or house code, within the filters a link opened it
 * with; 13 digits are a national ID, which the API looks up only with a stated purpose (it is
 * audited), so the page asks for one.
 */
export function HouseholdsPage() {
  const { t } = useI18n();
  useTitle(t.household.searchTitle);
  const search = useSearch();
  const filters = filtersFrom(search);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const digits = /^[0-9]+$/.test(query);
  const nationalId = digits && query.length === 13;
  // A house code has 11 digits (or its leading ones); 12 or 14+ digits are neither a house code nor an ID.
  const notACode = digits && (query.length === 12 || query.length > 13);
  const params = query.length >= 2 ? (digits ? { houseCode: query } : { q: query }) : {};
  const page = useResource(() => (nationalId || notACode ? Promise.resolve(undefined) : api.get<Page<HouseholdSummary>>(`/households${qs({ ...filters, ...params, limit: 50 })}`)), [query, search]);
  const filtered = Object.keys(filters).length > 0;
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
      {!nationalId && !notACode && (
        <Loaded resource={page}>
          {(data) =>
            data ? (
              <>
                {filtered && <FilterLine filters={filters} subdistrict={data.items[0]?.areaNames.subdistrict} />}
                {data.items.length === 0 ? <p class="empty">{query ? t.search13.noMatch(query) : filtered ? t.shell.noResults : t.shell.noHouseholds}</p> : <Results items={data.items} />}
              </>
            ) : null
          }
        </Loaded>
      )}
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
      {found && (found.length === 0 ? <p class="empty">{t.search13.noMatch(nationalId)}</p> : <Results items={found} />)}
    </section>
  );
}

/** Households as cards on a phone, a table from 600 px: name and village first, then stage and due date. */
function Results({ items }: { items: HouseholdSummary[] }) {
  const { t } = useI18n();
  return (
    <TableWrap label={t.household.results} cards>
      <thead>
        <tr>
          <th scope="col">{t.household.head}</th>
          <th scope="col">{t.household.stage}</th>
          <th scope="col">{t.household.due}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((h) => (
          <tr key={h.householdId}>
            <td class="name">
              <Link href={`/households/${h.householdId}`}>
                <HouseholdLine household={h} areaNames={h.areaNames} withDistrict={false} />
              </Link>
            </td>
            <td data-label={t.household.stage}>
              <StageBadge stage={h.stage} />
            </td>
            <td data-label={t.household.due}>{h.stage !== 'closed' && <Due at={h.dueAt} overdue={(h.overdueLevel ?? 0) > 0} />}</td>
          </tr>
        ))}
      </tbody>
    </TableWrap>
  );
}

/** What the list is narrowed to, in words, with the way back to every household. */
function FilterLine({ filters, subdistrict }: { filters: ListFilters; subdistrict?: Name | null }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const words = [
    filters.stage && label(t.stages, filters.stage),
    filters.open && t.dashboard.open,
    filters.overdue && t.dashboard.overdue,
    filters.escalated && t.dashboard.escalated,
    filters.graduatedInFiscalYear && `${t.supervisor.graduated} ${t.dashboard.fiscalYear(Number(filters.graduatedInFiscalYear))}`,
    filters.helpedIn && `${t.dashboard.helpedIn}: ${filters.helpedIn === 'relief' ? t.dashboard.relief : label(t.dimensions, filters.helpedIn)}`,
    filters.helpedInFiscalYear && t.dashboard.fiscalYear(Number(filters.helpedInFiscalYear)),
    filters.provinceCode && nameOf(reference.provinces, filters.provinceCode, lang),
    filters.districtCode && nameOf(reference.districts, filters.districtCode, lang),
    filters.subdistrictCode && subdistrict && `${t.area.subdistrict}${nameIn(subdistrict, lang)}`,
  ].filter(Boolean);
  return (
    <p class="filter-line">
      {t.shell.filters}:{' '}
      {words.map((w) => (
        <span key={w} class="badge">
          {w}
        </span>
      ))}{' '}
      <Link href="/households">{t.shell.clearFilters}</Link>
    </p>
  );
}
