import { Fragment } from 'preact';
import { Link } from 'wouter-preact';
import { api } from '../api';
import { FormHeader, SignatureBlock } from '../components/print-form';
import { Loaded, TableWrap } from '../components/ui';
import { formatDate } from '../format';
import { label, useI18n } from '../i18n';
import { useResource, useTitle } from '../hooks';
import { nameOf, useSession } from '../session';
import type { Sjp3HouseholdReport } from '../types';
import { PrintBar } from './reports';

type Household = Sjp3HouseholdReport['household'];

/**
 * Form ศจพ.3 for one household, printed on A4 and handed to the family: who they are, the 4ท
 * analysis, the problems and the plan, signed by the head (who gave the information), the
 * mentor and the team. Before the analysis the same page prints as the blank to fill in.
 */
export function HouseholdForm3Page({ params }: { params: { id: string } }) {
  const { t } = useI18n();
  useTitle(t.reports.sjp3);
  const form = useResource(() => api.get<Sjp3HouseholdReport>(`/households/${encodeURIComponent(params.id)}/form-3`), [params.id]);
  return (
    <Loaded resource={form}>
      {(data) => (
        <article class="print-form sjp3 household-form">
          <p class="no-print">
            <Link href={`/households/${encodeURIComponent(params.id)}`}>← {data.household.headName ?? t.household.unnamed}</Link>
          </p>
          <FormHeader heading={data.heading} generatedAt={data.meta.generatedAt} />
          <PrintBar />
          <Facts household={data.household} />
          <Analysis household={data.household} />
          <Problems household={data.household} />
          <Plan household={data.household} />
          <SignatureBlock signatures={data.heading.signatures} />
        </article>
      )}
    </Loaded>
  );
}

function Facts({ household: h }: { household: Household }) {
  const { t } = useI18n();
  return (
    <section>
      <dl>
        <dt>{t.household.head}</dt>
        <dd>{h.headName ?? t.household.unnamed}</dd>
        <dt>{t.household.houseCode}</dt>
        <dd>{h.houseCode ?? '–'}</dd>
        <dt>{t.reports.village}</dt>
        <dd>{h.villageNo ?? '–'}</dd>
        <dt>{t.reports.address}</dt>
        <dd>{h.address ?? '–'}</dd>
        <dt>{t.reports.members}</dt>
        <dd>{h.members}</dd>
        <dt>{t.form.householdType}</dt>
        <dd>{h.householdType ? label(t.householdTypes, h.householdType) : <div class="blank" />}</dd>
      </dl>
    </section>
  );
}

/** The four ท; before the analysis, room to write them by hand. */
function Analysis({ household: h }: { household: Household }) {
  const { t } = useI18n();
  const rows: Array<[string, string | null]> = [
    [t.form.attitude, h.analysis.attitude],
    [t.form.skills, h.analysis.skills],
    [t.form.resources, h.analysis.resources],
    [t.form.wayOut, h.analysis.wayOut],
  ];
  return (
    <section aria-labelledby="analysis-4t">
      <h2 id="analysis-4t">{t.reports.analysis4t}</h2>
      {!h.householdType && <p class="no-print">{t.reports.notAnalysed}</p>}
      <dl>
        {rows.map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{value ?? <div class="blank" />}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function Problems({ household: h }: { household: Household }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="form-problems">
      <h2 id="form-problems">{t.reports.problems}</h2>
      {h.problems.length === 0 ? (
        <div class="blank" />
      ) : (
        <ul>
          {h.problems.map((p) => (
            <li key={p.problemId}>
              {label(t.dimensions, p.dimension)} ({p.indicator}): {p.description}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Plan({ household: h }: { household: Household }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const supporter = (code: string): string => (code === 'family' ? t.reports.family : code === 'mentor' ? t.reports.mentor : nameOf(reference.agencies, code, lang));
  return (
    <section aria-labelledby="form-plan">
      <h2 id="form-plan">
        {t.reports.plan}
        {h.planGoal && ` · ${t.form.goal}: ${label(t.goals, h.planGoal)}`}
      </h2>
      {h.planItems.length === 0 ? (
        <div class="blank" />
      ) : (
        <TableWrap label={t.reports.plan}>
          <thead>
            <tr>
              <th scope="col">{t.reports.problems}</th>
              <th scope="col">{t.form.action}</th>
              <th scope="col">{t.reports.supportBy}</th>
              <th scope="col">{t.reports.targetDate}</th>
            </tr>
          </thead>
          <tbody>
            {h.planItems.map((i) => (
              <tr key={i.itemId}>
                <td>{label(t.dimensions, i.dimension)}</td>
                <td>{i.action}</td>
                <td>{supporter(i.supportBy)}</td>
                <td>{i.targetDate ? formatDate(i.targetDate, lang) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
    </section>
  );
}

/** The household page's way to the printable ศจพ.3, for the roles that may read it (agencies may not). */
export function Form3Link({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (user.role === 'agency') return null;
  return (
    <p class="no-print">
      <Link href={`/households/${encodeURIComponent(householdId)}/form-3`}>{t.reports.householdForm}</Link>
    </p>
  );
}
