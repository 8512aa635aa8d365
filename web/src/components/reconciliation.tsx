import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { LISTING_GROUPS, type ListingGroup, type Reconciliation } from '../../../domain/contract/retargeting';
import { api, qs } from '../api';
import { formatNumber } from '../format';
import { useResource } from '../hooks';
import { label, useI18n, type Lang } from '../i18n';
import { Loaded, TableWrap } from './ui';

/** The words of the re-targeting report (its only reader is this component). */
const WORDS: Record<Lang, { title: (year: string) => string; groups: Record<ListingGroup, string>; hints: Record<ListingGroup, string>; dimensions: string; thisYear: string; lastYear: string; reopenable: string; empty: string }> = {
  th: {
    title: (year) => `เทียบรายชื่อปี ${year} กับครัวเรือนในโครงการ`,
    groups: { new: 'รายใหม่', stillFlagged: 'ยังเป็นเป้าหมาย', noLongerFlagged: 'ไม่อยู่ในรายชื่อแล้ว', returning: 'กลับมาอีกครั้ง' },
    hints: {
      new: 'ไม่เคยอยู่ในโครงการ เปิดกรณีใหม่แล้ว',
      stillFlagged: 'มีกรณีเปิดอยู่แล้ว ติดป้ายปีงบประมาณใหม่ ไม่เปิดซ้ำ',
      noLongerFlagged: 'กรณีเปิดอยู่แต่ไม่อยู่ในรายชื่อปีนี้ ควรพิจารณาการพ้นความยากจน (ระบบไม่ปิดให้เอง)',
      returning: 'เคยปิดกรณีไปแล้ว เปิดกรณีเดิมได้ภายในระยะที่กำหนด',
    },
    dimensions: 'ปัญหาตามมิติ เทียบกับปีก่อน',
    thisYear: 'ปีนี้',
    lastYear: 'ปีก่อน',
    reopenable: 'เปิดกรณีเดิมได้',
    empty: 'ไม่มีครัวเรือนในกลุ่มนี้',
  },
  en: {
    title: (year) => `The ${year} list against the program`,
    groups: { new: 'New', stillFlagged: 'Still flagged', noLongerFlagged: 'No longer flagged', returning: 'Returning' },
    hints: {
      new: 'Not in the program before: a case was opened',
      stillFlagged: 'An open case already: tagged with the new year, not opened twice',
      noLongerFlagged: 'An open case the list no longer names: review it for graduation (never closed by the import)',
      returning: 'Closed earlier: the case can be reopened within its window',
    },
    dimensions: 'Problems by dimension, beside last year',
    thisYear: 'This year',
    lastYear: 'Last year',
    reopenable: 'Can be reopened',
    empty: 'No households in this group',
  },
};

/** After a target list completes: its four groups, each a list of households by name, with CSV. */
export function ReconciliationReport({ importId }: { importId: string }) {
  const { t, lang } = useI18n();
  const w = WORDS[lang];
  const [group, setGroup] = useState<ListingGroup>('new');
  const report = useResource(() => api.get<Reconciliation>(`/imports/${encodeURIComponent(importId)}/reconciliation${qs({ group, limit: 200 })}`), [importId, group]);
  return (
    <Loaded resource={report}>
      {(data) => (
        <section aria-labelledby="reconciliation">
          <h2 id="reconciliation">{w.title(String(data.fiscalYear))}</h2>
          <div role="tablist" class="groups">
            {LISTING_GROUPS.map((g) => (
              <button key={g} type="button" role="tab" aria-selected={g === group} class={g === group ? '' : 'secondary outline'} onClick={() => setGroup(g)}>
                {w.groups[g]} ({formatNumber(data.totals[g], lang)})
              </button>
            ))}
          </div>
          <p>
            {w.hints[group]} ·{' '}
            <a href={`/imports/${encodeURIComponent(importId)}/reconciliation${qs({ group, format: 'csv' })}`} download>
              {t.downloadCsv}
            </a>
          </p>
          {data.cases.length === 0 ? (
            <p>{w.empty}</p>
          ) : (
            <ul class="cards">
              {data.cases.map((c) => (
                <li key={c.caseId} class="card">
                  <Link href={`/households/${encodeURIComponent(c.householdId)}`}>{c.headName ?? '–'}</Link>
                  <div>
                    {c.villageNo ? `${t.household.village} ${c.villageNo} ` : ''}
                    {c.subdistrictName ?? ''} · {label(t.stages, c.stage)}
                    {group === 'returning' && c.canReopen ? ` · ${w.reopenable}` : ''}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <TableWrap label={w.dimensions}>
            <thead>
              <tr>
                <th scope="col">{w.dimensions}</th>
                <th scope="col" class="num">{w.thisYear}</th>
                <th scope="col" class="num">{w.lastYear}</th>
              </tr>
            </thead>
            <tbody>
              {data.byDimension.map((d) => (
                <tr key={d.dimension}>
                  <td>{label(t.dimensions, d.dimension)}</td>
                  <td class="num">{formatNumber(d.thisYear, lang)}</td>
                  <td class="num">{formatNumber(d.lastYear, lang)}</td>
                </tr>
              ))}
            </tbody>
          </TableWrap>
        </section>
      )}
    </Loaded>
  );
}
