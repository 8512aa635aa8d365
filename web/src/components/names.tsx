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

/** Who acted: "สมชาย ใจดี (ทีมพี่เลี้ยง)", or the engine's own timers. */
export function Actor({ actor }: { actor: ActorView }) {
  const { t, lang } = useI18n();
  if (actor.kind !== 'user') return <span class="actor">{t.people[actor.kind]}</span>;
  const role = actor.agency ? nameIn(actor.agency, lang) : label(t.roles, actor.role);
  return (
    <span class="actor">
      {actor.displayName}
      {role && ` (${role})`}
    </span>
  );
}

