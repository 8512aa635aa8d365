import { label, useI18n, type Lang } from '../i18n';
import type { ActorView, AreaNames, Name } from '../types';

/** A name from the API in the current language (Thai when there is no English). */
export function nameIn(name: Name | null | undefined, lang: Lang, fallback = '–'): string {
  if (!name) return fallback;
  return lang === 'en' && name.en ? name.en : name.th;
}

/** "หมู่ที่ 3 ต.บ้านกล้วย อ.เมืองสุโขทัย": the village and area as a Thai address reads them. */
export function placeOf(villageNo: string | null | undefined, areaNames: AreaNames | null | undefined, lang: Lang, withDistrict = true): string {
  const parts: string[] = [];
  if (villageNo) parts.push(lang === 'th' ? `หมู่ ${villageNo}` : `Moo ${villageNo}`);
  if (areaNames?.subdistrict) parts.push(lang === 'th' ? `ต.${nameIn(areaNames.subdistrict, lang)}` : nameIn(areaNames.subdistrict, lang));
  if (withDistrict && areaNames?.district) parts.push(lang === 'th' ? `อ.${nameIn(areaNames.district, lang)}` : nameIn(areaNames.district, lang));
  return parts.join(lang === 'th' ? ' ' : ', ');
}

export interface HouseholdNames {
  headName?: string | null;
  houseCode?: string | null;
  villageNo?: string | null;
}

/** Who a household is: the head's name, then the village, area and house code in small print. */
export function HouseholdLine({ household, areaNames, withDistrict = true }: { household: HouseholdNames; areaNames?: AreaNames | null; withDistrict?: boolean }) {
  const { t, lang } = useI18n();
  const place = placeOf(household.villageNo, areaNames, lang, withDistrict);
  return (
    <span class="household-line">
      <strong>{household.headName ?? t.household.unnamed}</strong>
      {(place || household.houseCode) && (
        <small>
          {' '}
          {place}
          {household.houseCode && ` · ${t.household.houseCode} ${household.houseCode}`}
        </small>
      )}
    </span>
  );
}

/** A household's area (village, subdistrict, district and province) and address, as `<dt>`/`<dd>` pairs of a facts list. */
export function HouseholdPlaceFacts({ household }: { household: { villageNo?: string | null; areaNames: AreaNames; address?: string | null } }) {
  const { t, lang } = useI18n();
  return (
    <>
      <dt>{t.household.area}</dt>
      <dd>
        {placeOf(household.villageNo, household.areaNames, lang)}
        {household.areaNames.province && ` ${lang === 'th' ? 'จ.' : ', '}${nameIn(household.areaNames.province, lang)}`}
      </dd>
      {household.address && (
        <>
          <dt>{t.household.address}</dt>
          <dd>{household.address}</dd>
        </>
      )}
    </>
  );
}

/**
 * Who acted: "สมชาย ใจดี (ทีมพี่เลี้ยง)"; the role is left out when the account's name already
 * starts with it ("ศจพ.อ.เมืองสุโขทัย"). The engine acts by its timers (reminders, escalations) or,
 * right after a person's action, by itself (a change of stage): `timer` says which.
 */
export function Actor({ actor, timer = true }: { actor: ActorView; timer?: boolean }) {
  const { t } = useI18n();
  if (actor.kind === 'system') return <span class="actor">{timer ? t.people.system : t.people.automatic}</span>;
  if (actor.kind !== 'user') return <span class="actor">{t.people[actor.kind]}</span>;
  const role = label(t.roles, actor.role);
  const name = actor.displayName ?? '';
  return (
    <span class="actor">
      {name}
      {role && !name.startsWith(role) && ` (${role})`}
    </span>
  );
}
