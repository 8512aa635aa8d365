/**
 * Thai labels for the codes reports print. Area, dimension and agency names come from the same
 * reference modules the seed writes into the reference tables, held in memory: a report never
 * joins a reference table just for a name.
 */
import { findDistrict, findSubdistrict } from '../../../db/reference/admin-areas';
import { findAgency } from '../../../db/reference/agencies';
import { dimensions } from '../../../db/reference/indicators';
import type { HouseholdType, PlanGoal, Stage } from '../../../workflows/household-case/types';

export const STAGE_TH: Record<Stage, string> = {
  verification: 'ตรวจสอบข้อมูลครัวเรือนเป้าหมาย',
  analysis: 'วิเคราะห์ 4ท และจัดทำแผน',
  districtAssignment: 'ประชุมชี้เป้า มอบหมายหน่วยงาน',
  assistance: 'ให้ความช่วยเหลือ',
  followUp: 'ติดตามผล',
  closed: 'ปิดกรณี',
};

export const HOUSEHOLD_TYPE_TH: Record<HouseholdType, string> = {
  canDevelop: 'พัฒนาได้',
  welfare: 'สงเคราะห์',
  declines: 'ไม่ขอรับความช่วยเหลือ',
};

export const PLAN_GOAL_TH: Record<PlanGoal, string> = {
  survive: 'อยู่รอด',
  sufficient: 'พอเพียง',
  sustainable: 'ยั่งยืน',
};

/** Relief given on a visit belongs to no problem and so to no dimension; reports show it as its own row. */
export const RELIEF = 'relief';
const RELIEF_TH = 'ช่วยเหลือเร่งด่วน (ถุงยังชีพ ฯลฯ)';

export function dimensionTh(code: string): string | null {
  if (code === RELIEF) return RELIEF_TH;
  return dimensions().find((d) => d.code === code)?.th ?? null;
}

export function districtTh(code: string): string | null {
  return findDistrict(code)?.nameTh ?? null;
}

export function subdistrictTh(code: string): string | null {
  return findSubdistrict(code)?.nameTh ?? null;
}

/** Agency codes may name a real office that is not reference data: then there is no name. */
export function agencyTh(code: string | null): string | null {
  if (code === null) return RELIEF_TH;
  return findAgency(code)?.nameTh ?? null;
}

export function householdTypeTh(code: string | null): string | null {
  return code ? (HOUSEHOLD_TYPE_TH[code as HouseholdType] ?? null) : null;
}

export function planGoalTh(code: string | null): string | null {
  return code ? (PLAN_GOAL_TH[code as PlanGoal] ?? null) : null;
}
