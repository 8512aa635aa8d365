import { useState } from 'preact/hooks';
import { BUDDHIST_ERA_OFFSET } from '../../../domain/fiscal-year';
import { useI18n } from '../i18n';
import type { CaseView, TimelineEventView } from '../types';
import { CorrectionHistory } from './correction-history';
import { changedFields, Correction, ReasonField, withReason, type CorrectionFormProps } from './correction-form';
import { ActionForm, Field, inputValue, optionsOf, Select } from './ui';

/**
 * Correcting a member: name, birth year (typed in the user's era), sex and national ID. Anyone who
 * may amend members adds a missing ID, without a reason; changing or removing one is the
 * district's (CaseView.mayChangeNationalId), and removing asks once. Each member's history follows.
 */
export function MemberCorrections({ caseView, timeline, onChanged }: { caseView: CaseView; timeline: TimelineEventView[]; onChanged(next: CaseView): void }) {
  const { t } = useI18n();
  return (
    <ul class="entries member-corrections">
      {caseView.members.map((member, index) => (
        <li key={index}>
          <Correction caseView={caseView} action="amendMember" summary={t.corrections.member(member.name)} onChanged={onChanged}>
            {(props) => <MemberForm {...props} index={index} />}
          </Correction>
          <CorrectionHistory events={timeline} match={(c) => c.item === 'member' && c.ref === String(index)} />
        </li>
      ))}
    </ul>
  );
}

type Member = CaseView['members'][number];

/** What the form sends: the changed fields, and the ID only when one was typed or removed. */
function memberBody(member: Member, draft: { name: string; birthYear: string; sex: string; nationalId: string; removeId: boolean }, eraOffset: number): Record<string, unknown> {
  const typedYear = draft.birthYear.trim() ? Number(draft.birthYear) - eraOffset : undefined;
  const changes = changedFields(member, { name: draft.name.trim(), birthYear: typedYear, sex: draft.sex || undefined });
  const id = draft.nationalId.replace(/\D/g, '');
  if (draft.removeId) return { ...changes, nationalId: null };
  return id ? { ...changes, nationalId: id } : changes;
}

function MemberForm({ caseView, index, needsReason, save, done }: CorrectionFormProps & { index: number }) {
  const { t, lang } = useI18n();
  const member = caseView.members[index];
  const eraOffset = lang === 'th' ? BUDDHIST_ERA_OFFSET : 0;
  const [draft, setDraft] = useState({ name: member.name, birthYear: member.birthYear ? String(member.birthYear + eraOffset) : '', sex: member.sex ?? '', nationalId: '', removeId: false });
  const [reason, setReason] = useState('');
  const noSex: Array<[string, string]> = member.sex ? [] : [['', t.corrections.noSex]];
  const body = () => memberBody(member, draft, eraOffset);
  // Adding a missing ID completes the record: the only change that needs no reason.
  const onlyAddsId = () => Object.keys(body()).join() === 'nationalId' && !member.nationalId;
  const submit = () => {
    const changes = body();
    return save('amend-member', withReason({ memberIndex: index, ...changes }, reason), Object.keys(changes).map((k) => t.corrections.fields[k] ?? k));
  };
  return (
    <ActionForm label={t.save} submit={submit} onDone={done} confirm={draft.removeId ? t.corrections.confirmRemoveId(member.name) : undefined}>
      <Field name={t.household.name} apiField="name">
        {(id) => <input id={id} required value={draft.name} onInput={(e) => setDraft({ ...draft, name: inputValue(e) })} />}
      </Field>
      <div class="grid">
        <Field name={t.corrections.birthYearInput} apiField="birthYear">
          {(id) => <input id={id} type="number" inputMode="numeric" step="1" value={draft.birthYear} onInput={(e) => setDraft({ ...draft, birthYear: inputValue(e) })} />}
        </Field>
        <Field name={t.corrections.fields.sex} apiField="sex">
          {(id) => <Select id={id} value={draft.sex} onChange={(sex) => setDraft({ ...draft, sex })} options={[...noSex, ...optionsOf(t.corrections.sexes)]} />}
        </Field>
      </div>
      <NationalIdField member={member} mayChange={caseView.mayChangeNationalId} draft={draft} onChange={(patch) => setDraft({ ...draft, ...patch })} />
      <ReasonField value={reason} onInput={setReason} needed={needsReason && !onlyAddsId()} />
    </ActionForm>
  );
}

/** A missing ID may be added by anyone here; an existing one is changed or removed by the district only. */
function NationalIdField({ member, mayChange, draft, onChange }: { member: Member; mayChange: boolean; draft: { nationalId: string; removeId: boolean }; onChange(patch: { nationalId?: string; removeId?: boolean }): void }) {
  const { t } = useI18n();
  const input = (id: string) => <input id={id} inputMode="numeric" autoComplete="off" maxLength={17} value={draft.nationalId} disabled={draft.removeId} onInput={(e) => onChange({ nationalId: inputValue(e) })} />;
  if (!member.nationalId) {
    return (
      <Field name={t.household.nationalId} hint={t.corrections.addId} apiField="nationalId">
        {input}
      </Field>
    );
  }
  if (!mayChange) return <p class="note">{t.corrections.idIsDistricts}</p>;
  return (
    <>
      <Field name={t.corrections.newId} hint={t.corrections.newIdHint(member.nationalId)} apiField="nationalId">
        {input}
      </Field>
      <label>
        <input type="checkbox" role="switch" checked={draft.removeId} onChange={(e) => onChange({ removeId: e.currentTarget.checked, nationalId: '' })} />
        {t.corrections.removeId}
      </label>
    </>
  );
}
