import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, qs } from '../api';
import { FormHeader, SignatureBlock } from '../components/print-form';
import { Field, Loaded, Select, TableWrap } from '../components/ui';
import { recentFiscalYears } from '../format';
import { useResource, useTitle } from '../hooks';
import { label, useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { Named, Role, Sjp3Report, Sjp4Report } from '../types';

const AREA: Role[] = ['operationsTeam', 'district', 'province', 'supervisor', 'admin'];
/** The CSV reports and who may read them (the API answers 403 to the others). */
const CSV_REPORTS: Array<{ path: string; key: 'byStage' | 'byDimension' | 'byDistrict' | 'dimensions' | 'outcomes' | 'agencyMonthly' | 'trend' | 'grades'; roles: Role[] }> = [
  { path: 'cases-by-stage', key: 'byStage', roles: AREA },
  { path: 'cases-by-dimension', key: 'byDimension', roles: AREA },
  { path: 'cases-by-district', key: 'byDistrict', roles: AREA },
  { path: 'dimensions', key: 'dimensions', roles: AREA },
  { path: 'outcomes', key: 'outcomes', roles: AREA },
  { path: 'monthly-trend', key: 'trend', roles: AREA },
  { path: 'agency-monthly', key: 'agencyMonthly', roles: ['agency', 'district', 'province', 'supervisor', 'admin'] },
  { path: 'district-grades', key: 'grades', roles: ['district', 'province', 'supervisor', 'admin'] },
];

/** CSV downloads by fiscal year, and the printable forms ศจพ.3 and ศจพ.4. */
export function ReportsPage() {
  const { t, lang } = useI18n();
  const { user, reference } = useSession();
  useTitle(t.reports.title);
  const years = recentFiscalYears();
  const [year, setYear] = useState(String(years[0]));
  const districts = reference.districts.filter((d) => (!user.provinceCode || d.provinceCode === user.provinceCode) && (!user.districtCode || d.code === user.districtCode));
  const [district, setDistrict] = useState(user.districtCode ?? districts[0]?.code ?? '');
  const subdistricts = useResource(() => (district ? api.get<Named[]>(`/reference/subdistricts${qs({ districtCode: district })}`) : Promise.resolve([])), [district]);
  const [subdistrict, setSubdistrict] = useState(user.subdistrictCode ?? '');
  const reports = CSV_REPORTS.filter((r) => r.roles.includes(user.role));
  return (
    <>
      <h1>{t.reports.title}</h1>
      <Field name={t.reports.fiscalYear}>{(id) => <Select id={id} value={year} onChange={setYear} options={years.map((y) => [String(y), `${t.reports.fiscalYear} ${y}`])} />}</Field>
      {reports.length > 0 && (
        <ul class="cards">
          {reports.map((r) => (
            <li key={r.path} class="card">
              {t.reports[r.key]} ·{' '}
              <a href={`/reports/${r.path}${qs({ fiscalYear: year, format: 'csv' })}`} download>
                {t.downloadCsv}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2>{t.reports.forms}</h2>
      <div class="grid">
        {!user.subdistrictCode && (
          <Field name={t.reports.district}>{(id) => <Select id={id} value={district} onChange={(d) => (setDistrict(d), setSubdistrict(''))} options={districts.map((d) => [d.code, nameOf(reference.districts, d.code, lang)])} />}</Field>
        )}
        <Loaded resource={subdistricts}>
          {(list) =>
            !user.subdistrictCode && (
              <Field name={t.reports.subdistrict}>{(id) => <Select id={id} value={subdistrict || list[0]?.code || ''} onChange={setSubdistrict} options={list.map((s) => [s.code, lang === 'en' && s.nameEn ? s.nameEn : s.nameTh])} />}</Field>
            )
          }
        </Loaded>
      </div>
      <ul>
        <li>
          <Link href={`/reports/sjp3/${subdistrict || subdistricts.data?.[0]?.code || ''}/${year}`}>{t.reports.sjp3}</Link>
        </li>
        {AREA.includes(user.role) && (
          <li>
            <Link href={`/reports/sjp4/${district}/${year}`}>{t.reports.sjp4}</Link>
          </li>
        )}
      </ul>
    </>
  );
}

/** Print, and the same form as CSV where there is one; hidden on paper. */
export function PrintBar({ csv }: { csv?: string }) {
  const { t } = useI18n();
  return (
    <p class="no-print">
      <button type="button" onClick={() => window.print()}>
        {t.print}
      </button>{' '}
      {csv && (
        <a href={csv} download>
          {t.downloadCsv}
        </a>
      )}
    </p>
  );
}

/** Form ศจพ.3, the 4ท analysis of each household of a subdistrict, laid out for printing. */
export function Sjp3Page({ params }: { params: { code: string; year: string } }) {
  const { t } = useI18n();
  useTitle(t.reports.sjp3);
  const fiscalYear = params.year;
  const report = useResource(() => api.get<Sjp3Report>(`/reports/forms/sjp3${qs({ subdistrictCode: params.code, fiscalYear, format: 'json' })}`), [params.code, fiscalYear]);
  return (
    <Loaded resource={report}>
      {(data) => (
        <article class="print-form sjp3">
          <FormHeader heading={data.heading} generatedAt={data.meta.generatedAt} />
          <PrintBar csv={`/reports/forms/sjp3${qs({ subdistrictCode: params.code, fiscalYear, format: 'csv' })}`} />
          <TableWrap label={t.reports.sjp3}>
            <thead>
              <tr>
                <th scope="col">{t.household.head}</th>
                <th scope="col">{t.household.houseCode}</th>
                <th scope="col">{t.form.attitude}</th>
                <th scope="col">{t.form.skills}</th>
                <th scope="col">{t.form.resources}</th>
                <th scope="col">{t.form.wayOut}</th>
                <th scope="col">{t.household.problems}</th>
                <th scope="col">{t.form.householdType}</th>
                <th scope="col">{t.form.goal}</th>
              </tr>
            </thead>
            <tbody>
              {data.households.map((h) => (
                <tr key={h.caseId}>
                  <td>
                    <Link href={`/households/${encodeURIComponent(h.householdId)}/form-3`}>{h.headName ?? t.household.unnamed}</Link>
                    {h.villageNo && <small> {`${t.reports.village} ${h.villageNo}`}</small>}
                  </td>
                  <td>{h.houseCode ?? '–'}</td>
                  <td>{h.analysis.attitude}</td>
                  <td>{h.analysis.skills}</td>
                  <td>{h.analysis.resources}</td>
                  <td>{h.analysis.wayOut}</td>
                  <td>{h.problems.map((p) => `${label(t.dimensions, p.dimension)}: ${p.description}`).join('; ')}</td>
                  <td>{label(t.householdTypes, h.householdType)}</td>
                  <td>{label(t.goals, h.planGoal)}</td>
                </tr>
              ))}
            </tbody>
          </TableWrap>
          <SignatureBlock signatures={data.heading.signatures} />
        </article>
      )}
    </Loaded>
  );
}

/** Form ศจพ.4, the plan summary per subdistrict of a district, laid out for printing. */
export function Sjp4Page({ params }: { params: { code: string; year: string } }) {
  const { t } = useI18n();
  const { reference } = useSession();
  useTitle(t.reports.sjp4);
  const fiscalYear = params.year;
  const report = useResource(() => api.get<Sjp4Report>(`/reports/forms/sjp4${qs({ districtCode: params.code, fiscalYear, format: 'json' })}`), [params.code, fiscalYear]);
  const dims = reference.dimensions.map((d) => d.code) as Array<keyof Sjp4Report['total']['problems']>;
  return (
    <Loaded resource={report}>
      {(data) => (
        <article class="print-form sjp4">
          <FormHeader heading={data.heading} generatedAt={data.meta.generatedAt} />
          <PrintBar csv={`/reports/forms/sjp4${qs({ districtCode: params.code, fiscalYear, format: 'csv' })}`} />
          <TableWrap label={t.reports.sjp4}>
            <thead>
              <tr>
                <th scope="col">{t.reports.subdistrict}</th>
                <th scope="col">{t.reports.households}</th>
                <th scope="col">{t.reports.analysed}</th>
                <th scope="col">{t.reports.withPlan}</th>
                {dims.map((d) => (
                  <th scope="col" key={d}>
                    {label(t.dimensions, d)}
                  </th>
                ))}
                <th scope="col">{t.reports.planItems}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.subdistricts.map((s) => ({ key: s.subdistrictCode, name: s.nameTh ?? s.subdistrictCode, row: s })), { key: 'total', name: 'รวม', row: data.total }].map(({ key, name, row }) => (
                <Fragment key={key}>
                  <tr class={key === 'total' ? 'total' : ''}>
                    <th scope="row">{name}</th>
                    <td class="num">{row.households}</td>
                    <td class="num">{row.analysed}</td>
                    <td class="num">{row.withPlan}</td>
                    {dims.map((d) => (
                      <td class="num" key={d}>
                        {row.problems[d].households}
                      </td>
                    ))}
                    <td class="num">{row.planItems.total}</td>
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </TableWrap>
          <SignatureBlock signatures={data.heading.signatures} />
        </article>
      )}
    </Loaded>
  );
}
