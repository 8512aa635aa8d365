import { useEffect, useState } from 'preact/hooks';
import { api, qs } from '../api';
import { useI18n } from '../i18n';
import { nameOf, useSession } from '../session';
import type { Named } from '../types';
import { Field, Select } from './ui';

export interface AreaCodes {
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
}

/** Province → district → subdistrict, by name, for a transfer or a household that moved. */
export function AreaPicker({ initial, onChange }: { initial: AreaCodes; onChange(area: AreaCodes): void }) {
  const { t, lang } = useI18n();
  const { reference } = useSession();
  const [province, setProvince] = useState(initial.provinceCode);
  const [district, setDistrict] = useState(initial.districtCode);
  const [subdistricts, setSubdistricts] = useState<Named[]>([]);
  const [subdistrict, setSubdistrict] = useState('');
  const districts = reference.districts.filter((d) => d.provinceCode === province);

  useEffect(() => {
    setSubdistricts([]);
    if (district) void api.get<Named[]>(`/reference/subdistricts${qs({ districtCode: district })}`).then(setSubdistricts, () => setSubdistricts([]));
  }, [district]);
  useEffect(() => {
    const chosen = subdistricts.some((s) => s.code === subdistrict) ? subdistrict : (subdistricts[0]?.code ?? '');
    if (chosen !== subdistrict) setSubdistrict(chosen);
    if (chosen) onChange({ provinceCode: province, districtCode: district, subdistrictCode: chosen });
  }, [subdistricts, subdistrict]);

  return (
    <div class="grid">
      <Field name={t.area.province}>
        {(id) => <Select id={id} value={province} onChange={(p) => (setProvince(p), setDistrict(reference.districts.find((d) => d.provinceCode === p)?.code ?? ''))} options={reference.provinces.map((p) => [p.code, nameOf(reference.provinces, p.code, lang)])} />}
      </Field>
      <Field name={t.area.district}>{(id) => <Select id={id} value={district} onChange={setDistrict} options={districts.map((d) => [d.code, nameOf(reference.districts, d.code, lang)])} />}</Field>
      <Field name={t.area.subdistrict}>{(id) => <Select id={id} value={subdistrict} onChange={setSubdistrict} options={subdistricts.map((s) => [s.code, lang === 'en' && s.nameEn ? s.nameEn : s.nameTh])} />}</Field>
    </div>
  );
}
