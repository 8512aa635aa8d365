import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import type { Sjp3Report } from '../types';
import '../print-forms.css';

type Heading = Sjp3Report['heading'];

/**
 * The top of a printed form as the program's paper has it: the form's number in the corner, the
 * directing centre, the title, the area by name and the fiscal year in พ.ศ. The wording comes from
 * the server in Thai: the paper is an official Thai document whatever the screen's language.
 */
export function FormHeader({ heading, generatedAt, children }: { heading: Heading; generatedAt: string; children?: ComponentChildren }) {
  const { t, lang } = useI18n();
  // Thai writes ตำบลบ้านใหม่ as one word; English needs the space.
  const join = lang === 'th' ? '' : ' ';
  const area = [
    heading.subdistrictNameTh && `${t.reports.subdistrict}${join}${heading.subdistrictNameTh}`,
    heading.districtNameTh && `${t.reports.district}${join}${heading.districtNameTh}`,
    heading.provinceNameTh && `${t.reports.province}${join}${heading.provinceNameTh}`,
  ].filter(Boolean);
  return (
    <header class="form-heading">
      <p class="form-number">{heading.form}</p>
      <p class="form-centre">{heading.centre}</p>
      <h1>{heading.title}</h1>
      <p>
        {area.join(' ')} · {heading.fiscalYearTh ?? t.reports.allYears}
      </p>
      {children}
      <p class="form-generated">
        <small>
          {t.reports.generatedAt} {formatDateTime(generatedAt, lang)}
        </small>
      </p>
    </header>
  );
}

/** Who signs the form: a line to sign on, the name in brackets when known, position and date. */
export function SignatureBlock({ signatures }: { signatures: Heading['signatures'] }) {
  const { t } = useI18n();
  return (
    <section class="signatures" aria-label={t.reports.sign}>
      {signatures.map((s) => (
        <div key={s.role} class="signature">
          <p>
            {t.reports.sign} <span class="line" aria-hidden="true" /> {s.role}
          </p>
          <p>({s.name ?? <span class="line" aria-hidden="true" />})</p>
          <p>
            {t.reports.position} {s.position ?? <span class="line" aria-hidden="true" />}
          </p>
          <p>
            {t.reports.date} <span class="line short" aria-hidden="true" />
          </p>
        </div>
      ))}
    </section>
  );
}
