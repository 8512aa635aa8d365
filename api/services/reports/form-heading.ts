/**
 * The official heading and signature block of the printed forms ศจพ.3 and ศจพ.4. A form goes up
 * the line on paper: it names the directing centre and area it comes from and the fiscal year
 * (พ.ศ.), and it is signed by who reported it and who certifies it. The wording is the program's
 * own, in Thai, whatever the interface language: the paper is an official Thai document.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findDistrict, findProvince, findSubdistrict } from '../../../db/reference/admin-areas';
import type { FiscalYear } from '../../../domain/fiscal-year';
import type { Principal } from '../../../domain/scope';
import type { Role } from '../../../workflows/roles';
import { Nullable } from './common';

export const FormSignature = Type.Object({
  role: Type.String({ description: 'the line the signature stands for: ผู้รายงาน, ผู้รับรอง, ผู้อนุมัติ, ผู้ให้ข้อมูล' }),
  name: Nullable(Type.String({ description: 'printed under the line when known; blank to write by hand' })),
  position: Nullable(Type.String({ description: 'ตำแหน่ง, when known' })),
});
export type FormSignature = Static<typeof FormSignature>;

export const FormHeading = Type.Object({
  form: Type.String({ description: 'แบบ ศจพ.3 or แบบ ศจพ.4' }),
  title: Type.String(),
  centre: Type.String({ description: 'the directing centre the form is made for: ศจพ. of the district' }),
  provinceNameTh: Nullable(Type.String()),
  districtNameTh: Nullable(Type.String()),
  subdistrictNameTh: Nullable(Type.String()),
  fiscalYearTh: Nullable(Type.String({ description: 'ปีงบประมาณ พ.ศ. …; null when the form covers every year' })),
  signatures: Type.Array(FormSignature),
});
export type FormHeading = Static<typeof FormHeading>;

const CENTRE = 'ศูนย์อำนวยการขจัดความยากจนและพัฒนาคนทุกช่วงวัยอย่างยั่งยืนตามหลักปรัชญาของเศรษฐกิจพอเพียง';

export const POSITION_TH: Record<Role, string> = {
  mentor: 'ทีมพี่เลี้ยง',
  operationsTeam: 'ทีมปฏิบัติการตำบล',
  district: 'เลขานุการ ศจพ.อ.',
  province: 'เลขานุการ ศจพ.จ.',
  agency: 'เจ้าหน้าที่หน่วยงาน',
  supervisor: 'ผู้กำกับติดตาม',
  admin: 'ผู้ดูแลระบบ',
};

const TITLES = {
  sjp3: 'แบบวิเคราะห์ข้อมูลครัวเรือนตามหลัก 4ท และแผนพัฒนาคุณภาพชีวิตครัวเรือน',
  sjp4: 'แบบสรุปแผนพัฒนาคุณภาพชีวิตครัวเรือนระดับตำบล',
};

/** Display names of accounts by ID, for the lines the program knows who signs. */
export async function displayNames(em: EntityManager, userIds: Array<string | null | undefined>): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => !!id && /^[0-9a-f-]{36}$/i.test(id)))];
  if (ids.length === 0) return new Map();
  const rows = await em.execute<Array<{ id: string; display_name: string }>>('select id::text as id, display_name from app_user where id::text in (?)', [ids]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

interface HeadingInput {
  form: 'sjp3' | 'sjp4';
  /** The narrowest area the form covers: a district (ศจพ.4) or a subdistrict (ศจพ.3). */
  areaCode: string;
  fy: FiscalYear | null;
  reporter: { principal: Principal; name: string | null };
  /** ศจพ.3 for one household: the head of household signs as the one who gave the information. */
  headName?: string | null;
}

export function formHeading({ form, areaCode, fy, reporter, headName }: HeadingInput): FormHeading {
  const subdistrict = areaCode.length >= 6 ? findSubdistrict(areaCode) : undefined;
  const district = findDistrict(areaCode.slice(0, 4));
  const province = findProvince(areaCode.slice(0, 2));
  const reported: FormSignature = { role: 'ผู้รายงาน', name: reporter.name, position: POSITION_TH[reporter.principal.role] };
  const signatures: FormSignature[] =
    form === 'sjp4'
      ? [reported, { role: 'ผู้รับรอง', name: null, position: 'พัฒนาการอำเภอ เลขานุการ ศจพ.อ.' }, { role: 'ผู้อนุมัติ', name: null, position: 'นายอำเภอ ประธาน ศจพ.อ.' }]
      : [
          ...(headName !== undefined ? [{ role: 'ผู้ให้ข้อมูล', name: headName, position: 'หัวหน้าครัวเรือน' }] : []),
          reported,
          { role: 'ผู้รับรอง', name: null, position: 'หัวหน้าทีมปฏิบัติการตำบล' },
        ];
  return {
    form: form === 'sjp3' ? 'แบบ ศจพ.3' : 'แบบ ศจพ.4',
    title: TITLES[form],
    centre: `${CENTRE}${district ? `อำเภอ${district.nameTh}` : ''} (ศจพ.อ.)`,
    provinceNameTh: province?.nameTh ?? null,
    districtNameTh: district?.nameTh ?? null,
    subdistrictNameTh: subdistrict?.nameTh ?? null,
    fiscalYearTh: fy ? `ปีงบประมาณ พ.ศ. ${fy.year}` : null,
    signatures,
  };
}
