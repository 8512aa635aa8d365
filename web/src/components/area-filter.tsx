import { useEffect, useState } from 'preact/hooks';
import { api, qs } from '../api';
import { useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { Named } from '../types';
import { Field, inputValue, Select } from './ui';

export interface AreaFilterValue {
  provinceCode?: string;
  districtCode?: string;
  subdistrictCode?: string;
}

/**
 * The area a national or provincial reader looks at: province, then district, then subdistrict,
 * each by name, within the reader's own area. A search box finds a district by name anywhere in
 * reach ("เมือง" is in every province, so each match names its province too).
 */
export function AreaFilter({ value, onChange }: { value: AreaFilterValue; onChange(value: AreaFilterValue): void }) {
  const { t, lang } = useI18n();
  const { user, reference } = useSession();
  const [search, setSearch] = useState('');
  const [subdistricts, setSubdistricts] = useState<Named[]>([]);
  const province = user.provinceCode ?? value.provinceCode ?? '';
  const district = user.districtCode ?? value.districtCode ?? '';
  const inReach = reference.districts.filter((d) => (!user.provinceCode || d.provinceCode === user.provinceCode) && (!user.districtCode || d.code === user.districtCode));
  const needle = search.trim();
  const districtOptions = needle
    ? inReach.filter((d) => d.nameTh.includes(needle) || (d.nameEn ?? '').toLowerCase().includes(needle.toLowerCase())).slice(0, 50)
    : inReach.filter((d) => !province || d.provinceCode === province);
  const withProvince = (d: (typeof inReach)[number]) => (needle && !user.provinceCode ? `${nameOf(reference.districts, d.code, lang)} · ${nameOf(reference.provinces, d.provinceCode, lang)}` : nameOf(reference.districts, d.code, lang));

  useEffect(() => {
    setSubdistricts([]);
    if (district) void api.get<Named[]>(`/reference/subdistricts${qs({ districtCode: district })}`).then(setSubdistricts, () => setSubdistricts([]));
  }, [district]);

  const pickDistrict = (code: string) => {
    const chosen = reference.districts.find((d) => d.code === code);
    setSearch('');
    onChange({ provinceCode: chosen?.provinceCode ?? value.provinceCode, districtCode: code || undefined });
  };

  return (
    <div class="area-filter grid">
      {!user.provinceCode && (
        <Field name={t.area.province}>
          {(id) => (
            <Select
              id={id}
              value={province}
              onChange={(p) => onChange({ provinceCode: p || undefined })}
              options={[['', t.all], ...[...reference.provinces].sort((a, b) => a.nameTh.localeCompare(b.nameTh, 'th')).map((p): [string, string] => [p.code, nameOf(reference.provinces, p.code, lang)])]}
            />
          )}
        </Field>
      )}
      {!user.districtCode && (
        <>
          {!user.provinceCode && (
            <Field name={t.areaFilter.searchDistrict}>
              {(id) => <input id={id} type="search" value={search} placeholder={t.areaFilter.searchHint} onInput={(e) => setSearch(inputValue(e))} />}
            </Field>
          )}
          {(province || needle) && (
            <Field name={t.area.district}>
              {(id) => (
                <Select
                  id={id}
                  value={districtOptions.some((d) => d.code === district) ? district : ''}
                  onChange={pickDistrict}
                  options={[['', needle ? t.areaFilter.matches(districtOptions.length) : t.all], ...districtOptions.map((d): [string, string] => [d.code, withProvince(d)])]}
                />
              )}
            </Field>
          )}
        </>
      )}
      {district && !user.subdistrictCode && (
        <Field name={t.area.subdistrict}>
          {(id) => (
            <Select
              id={id}
              value={value.subdistrictCode ?? ''}
              onChange={(s) => onChange({ provinceCode: province || undefined, districtCode: district, subdistrictCode: s || undefined })}
              options={[['', t.all], ...subdistricts.map((s): [string, string] => [s.code, lang === 'en' && s.nameEn ? s.nameEn : s.nameTh])]}
            />
          )}
        </Field>
      )}
    </div>
  );
}
