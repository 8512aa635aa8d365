import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { BulkJobView, MigrationPreview, PolicySettings, PolicyVersion } from '../../../domain/contract/policy';
import { api, newIdempotencyKey, qs } from '../api';
import { ActionForm, Field, inputValue, Loaded, Select } from '../components/ui';
import { formatDate, formatNumber, todayIso } from '../format';
import { useInterval, useResource, useTitle } from '../hooks';
import { useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import { POLICY_WORDS, type PolicyWords } from './policies-words';

interface PolicyList {
  provinceCode: string | null;
  inForce: string;
  versions: PolicyVersion[];
}

/**
 * A province's own rules (docs/PROGRAM.md, "The program year"): the versions and the one in force,
 * a new version from a day on, a previewed move of the running cases, and an area paused for a
 * disaster. Province officials see their own province; admins and supervisors pick one.
 */
export function PoliciesPage() {
  const { lang } = useI18n();
  const w = POLICY_WORDS[lang];
  const { user, reference } = useSession();
  useTitle(w.title);
  const [province, setProvince] = useState(user.provinceCode ?? reference.provinces[0]?.code ?? '');
  const policies = useResource(() => api.get<PolicyList>(`/policies${qs({ provinceCode: user.role === 'province' ? undefined : province })}`), [province]);
  const manager = user.role === 'province' || user.role === 'admin';
  const [created, setCreated] = useState<string | null>(null);
  return (
    <>
      <h1>{w.title}</h1>
      {user.role !== 'province' && (
        <Field name={w.province}>{(id) => <Select id={id} value={province} options={reference.provinces.map((p) => [p.code, nameOf(reference.provinces, p.code, lang)])} onChange={setProvince} />}</Field>
      )}
      {created && (
        <p role="status" class="notice">
          {w.created(formatDate(created, lang))}
        </p>
      )}
      <Loaded resource={policies}>
        {(data) => (
          <>
            {manager && (
              // Keyed by the last save: after one, the form closes and the new version shows below.
              <details class="actions" key={created ?? 'none'}>
                <summary role="button">{w.newVersion}</summary>
                <NewVersion w={w} provinceCode={province} base={data.versions.find((v) => v.version === data.inForce)?.settings} onCreated={(from) => (setCreated(from), policies.reload())} />
              </details>
            )}
            {data.versions.map((v) => (
              <article key={v.version}>
                <header>
                  <strong>{v.provinceCode ? nameOf(reference.provinces, v.provinceCode, lang) : w.national}</strong> · {w.from(formatDate(v.effectiveFrom, lang))}
                  {v.version === data.inForce && <mark> {w.inForce}</mark>}
                </header>
                <Settings w={w} settings={v.settings} />
                <p>{w.openCases(formatNumber(v.openCases, lang))}</p>
                {manager && v.provinceCode && v.version === data.inForce && <Migration w={w} version={v.version} />}
              </article>
            ))}
            {manager && <AreaPause w={w} provinceCode={province} />}
          </>
        )}
      </Loaded>
    </>
  );
}

function Settings({ w, settings }: { w: PolicyWords; settings: PolicySettings }) {
  const { lang } = useI18n();
  const n = (value: number) => formatNumber(value, lang);
  const facts = (
    <dl class="facts">
      {(Object.keys(w.stage) as Array<keyof PolicyWords['stage']>).map((stage) => (
        <Fragment key={stage}>
          <dt>{w.stage[stage]}</dt>
          <dd>{n(settings.dueDays[stage])}</dd>
        </Fragment>
      ))}
      <dt>{w.reminder}</dt>
      <dd>{n(settings.reminderDaysBefore)}</dd>
      <dt>{w.followUps}</dt>
      <dd>{settings.followUpMonths.map(n).join(', ')}</dd>
    </dl>
  );
  return (
    <>
      {facts}
      {settings.emergency && (
        <p>
          <strong>{w.emergency}:</strong> {settings.emergency.assignWithoutMeeting ? `${w.assignWithoutMeeting}; ` : ''}
          {w.reliefBy}: {w.reliefApprover[settings.emergency.reliefApprover]}
        </p>
      )}
    </>
  );
}

/** The cron of the meeting cadence, as officials set it: a day of the month, at 9 in the morning. */
const meetingDayOf = (cron: string): string => cron.split(' ')[2] ?? '1';

function NewVersion({ w, provinceCode, base, onCreated }: { w: PolicyWords; provinceCode: string; base: PolicySettings | undefined; onCreated(from: string): void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(todayIso());
  const [s, setS] = useState<PolicySettings | undefined>(base);
  const [meetingDay, setMeetingDay] = useState(meetingDayOf(base?.districtMeetingCron ?? '0 9 1 * *'));
  const [followUps, setFollowUps] = useState((base?.followUpMonths ?? [1, 3, 12]).join(', '));
  const [note, setNote] = useState('');
  const [key] = useState(newIdempotencyKey);
  if (!s) return null;
  const num = (e: Event) => Number(inputValue(e));
  const days = (name: string, value: number, set: (v: number) => void, min = 1) => <Field name={name}>{(id) => <input id={id} type="number" min={min} max={3650} required value={value} onInput={(e) => set(num(e))} />}</Field>;
  const emergency = s.emergency ?? { assignWithoutMeeting: false, reliefApprover: 'district' as const };
  return (
    <ActionForm
      label={t.save}
      submit={() =>
        api.post('/policies', {
          provinceCode,
          effectiveFrom: from,
          note: note || undefined,
          settings: { ...s, emergency, followUpMonths: followUps.split(/[,\s]+/).filter(Boolean).map(Number), districtMeetingCron: `0 9 ${meetingDay} * *` },
        }, key)
      }
      onDone={() => onCreated(from)}
    >
      <Field name={w.effectiveFrom}>{(id) => <input id={id} type="date" required min={todayIso()} value={from} onInput={(e) => setFrom(inputValue(e))} />}</Field>
      <fieldset>
        <legend>{w.dueDays}</legend>
        {(Object.keys(w.stage) as Array<keyof PolicyWords['stage']>).map((stage) => days(w.stage[stage], s.dueDays[stage], (v) => setS({ ...s, dueDays: { ...s.dueDays, [stage]: v } })))}
      </fieldset>
      {days(w.reminder, s.reminderDaysBefore, (v) => setS({ ...s, reminderDaysBefore: v }), 0)}
      {days(w.reescalate, s.reescalateAfterDays, (v) => setS({ ...s, reescalateAfterDays: v }))}
      <Field name={w.followUps}>{(id) => <input id={id} inputMode="numeric" required value={followUps} onInput={(e) => setFollowUps(inputValue(e))} />}</Field>
      {days(w.welfare, s.welfareFollowUpMonths, (v) => setS({ ...s, welfareFollowUpMonths: v }))}
      <Field name={w.meetingDay}>{(id) => <input id={id} type="number" min={1} max={28} required value={meetingDay} onInput={(e) => setMeetingDay(inputValue(e))} />}</Field>
      <fieldset>
        <legend>{w.emergency}</legend>
        <label>
          <input type="checkbox" role="switch" checked={emergency.assignWithoutMeeting} onChange={(e) => setS({ ...s, emergency: { ...emergency, assignWithoutMeeting: (e.target as HTMLInputElement).checked } })} />
          {w.assignWithoutMeeting}
        </label>
        <Field name={w.reliefBy}>{(id) => <Select id={id} value={emergency.reliefApprover} options={[['district', w.reliefApprover.district], ['mentor', w.reliefApprover.mentor]]} onChange={(v) => setS({ ...s, emergency: { ...emergency, reliefApprover: v === 'mentor' ? 'mentor' : 'district' } })} />}</Field>
      </fieldset>
      <Field name={w.note}>{(id) => <input id={id} value={note} maxLength={500} onInput={(e) => setNote(inputValue(e))} />}</Field>
    </ActionForm>
  );
}

/** Preview first; then the move, confirmed once, with its progress until it finishes. */
function Migration({ w, version }: { w: PolicyWords; version: string }) {
  const { lang } = useI18n();
  const [preview, setPreview] = useState<MigrationPreview | null>(null);
  const [job, setJob] = useState<BulkJobView | null>(null);
  return (
    <>
      {!preview && (
        <button type="button" class="secondary" onClick={() => void api.get<MigrationPreview>(`/policies/${encodeURIComponent(version)}/migration-preview`).then(setPreview)}>
          {w.preview}
        </button>
      )}
      {preview && !job && (
        <>
          <p role="status">{w.previewText(formatNumber(preview.cases, lang), formatNumber(preview.becomeOverdue, lang))}</p>
          {preview.cases > 0 && (
            <ActionForm label={w.migrate} tone="contrast" confirm={w.confirmMigrate(formatNumber(preview.cases, lang))} submit={() => api.post<BulkJobView>(`/policies/${encodeURIComponent(version)}/migration`)} onDone={setJob} />
          )}
        </>
      )}
      {job && <JobProgress w={w} job={job} onChange={setJob} />}
    </>
  );
}

export function JobProgress({ w, job, onChange }: { w: PolicyWords; job: BulkJobView; onChange(job: BulkJobView): void }) {
  const { lang } = useI18n();
  useInterval(() => void api.get<BulkJobView>(`/bulk-jobs/${encodeURIComponent(job.id)}`).then(onChange), 1_000, job.status === 'running');
  const n = (value: number) => formatNumber(value, lang);
  if (job.status !== 'running') return <p role="status" class="notice">{w.finished(n(job.done), n(job.skipped))}</p>;
  return (
    <p role="status">
      <progress value={job.done + job.skipped} max={Math.max(job.total, 1)} />
      {w.progress(n(job.done + job.skipped), n(job.total))}
    </p>
  );
}

const isReason = (w: PolicyWords, v: string): v is keyof PolicyWords['pauseReasons'] => v in w.pauseReasons;

/** An emergency: every active case of a district paused with the reason, or resumed, as one bulk job. */
function AreaPause({ w, provinceCode }: { w: PolicyWords; provinceCode: string }) {
  const { lang } = useI18n();
  const { user, reference } = useSession();
  const districts = reference.districts.filter((d) => d.provinceCode === provinceCode && (!user.districtCode || d.code === user.districtCode));
  const [district, setDistrict] = useState(districts[0]?.code ?? '');
  const [reason, setReason] = useState<keyof PolicyWords['pauseReasons']>('disaster');
  const [note, setNote] = useState('');
  const [job, setJob] = useState<BulkJobView | null>(null);
  const [key] = useState(newIdempotencyKey);
  const run = (path: string, body: object) => () => api.post<BulkJobView>(path, { provinceCode, districtCode: district, ...body }, `${key}-${path}`);
  return (
    <details class="actions">
      <summary role="button" class="secondary">{w.pauseArea}</summary>
      <Field name={w.district}>{(id) => <Select id={id} value={district} options={districts.map((d) => [d.code, nameOf(reference.districts, d.code, lang)])} onChange={setDistrict} />}</Field>
      <Field name={w.reason}>{(id) => <Select id={id} value={reason} options={(Object.keys(w.pauseReasons) as Array<keyof PolicyWords['pauseReasons']>).map((r) => [r, w.pauseReasons[r]])} onChange={(v) => setReason(isReason(w, v) ? v : 'other')} />}</Field>
      <Field name={w.note}>{(id) => <input id={id} value={note} maxLength={500} onInput={(e) => setNote(inputValue(e))} />}</Field>
      <ActionForm label={w.pauseArea} tone="contrast" confirm={w.confirmPause} submit={run('/areas/pause', { reason, note: note || undefined })} onDone={setJob} />
      <ActionForm label={w.resumeArea} tone="secondary" confirm={w.confirmResume} submit={run('/areas/resume', {})} onDone={setJob} />
      {job && <JobProgress w={w} job={job} onChange={setJob} />}
    </details>
  );
}
