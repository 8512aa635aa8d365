import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Logger } from '../common/logger';
import type { Orm } from '../db/orm';
import { HouseholdCase } from '../db/entities';
import { claimHousehold } from '../db/household-claims';
import { activePolicy } from '../db/policies';
import { subdistrictsOfDistrict } from '../db/reference/admin-areas';
import * as M from '../workflows/household-case/messages';
import type { Household } from '../workflows/household-case/types';
import type { Actor } from '../workflows/roles';
import { newCaseId } from '../domain/ids';

/**
 * Demo households for a first run: Sukhothai (province 64), whose fiscal-2565 figures docs/PROGRAM.md ("Figures for scale")
 * records. Deterministic house codes, so a rerun starts nothing twice. A quarter of the cases stay
 * at verification, the others are advanced to analysis, district assignment and assistance.
 */
const DISTRICTS = ['6401', '6402', '6403', '6404', '6405', '6406', '6407', '6408', '6409'];
const FIRST = ['สมชาย', 'สมหญิง', 'บุญมี', 'มาลี', 'ประเสริฐ', 'สุดา', 'วิชัย', 'บุญเรือน', 'สมศักดิ์', 'จันทร์เพ็ญ'];
const LAST = ['ใจดี', 'มีสุข', 'ทองคำ', 'ศรีสุข', 'แก้วมณี', 'บุญมา', 'สุขสวัสดิ์', 'พรหมมา'];
const PROBLEMS = [
  { dimension: 'income', indicator: 'I3', description: 'รายได้เฉลี่ยต่ำกว่าเกณฑ์', agency: 'CDD' },
  { dimension: 'living', indicator: 'L1', description: 'บ้านทรุดโทรม ไม่มั่นคง', agency: 'LAO' },
  { dimension: 'education', indicator: 'E2', description: 'เด็กออกจากโรงเรียนกลางคัน', agency: 'SCHOOL' },
  { dimension: 'health', indicator: 'H3', description: 'ใช้ยาไม่ถูกต้อง', agency: 'SHPH' },
  { dimension: 'access', indicator: 'A1', description: 'ผู้สูงอายุไม่ได้รับเบี้ยยังชีพ', agency: 'DISTRICT-OFFICE' },
] as const;
export const DEMO_HOUSEHOLDS = 36;

/**
 * The demo accounts act in the demo (scripts/demo-accounts.ts seeds them first), so the logbook
 * names a person and a role as it would in use; without them, a placeholder ID.
 */
const DEMO_USERNAMES: Partial<Record<Actor['role'], string>> = { operationsTeam: 'team640101', mentor: 'mentor640101', district: 'district6401' };
const demoUsers = new Map<string, string>();
const demoActor = (role: Actor['role']): Actor => ({ userId: demoUsers.get(role) ?? `demo-${role}`, role });

async function loadDemoUsers(orm: Orm): Promise<void> {
  const names = Object.values(DEMO_USERNAMES);
  const rows = await orm.em.fork().getConnection().execute<Array<{ id: string; role: string }>>('select id, role from app_user where username in (?)', [names]);
  for (const row of rows) demoUsers.set(row.role, row.id);
}

/** A national ID with a valid check digit (the sum of the first 12 digits weighted 13..2, mod 11). */
export function demoNationalId(i: number, member: number): string {
  const body = `3640${String(i).padStart(6, '0')}${member}0`;
  const sum = [...body].reduce((n, d, k) => n + Number(d) * (13 - k), 0);
  return `${body}${(11 - (sum % 11)) % 10}`;
}

export function demoHousehold(i: number): Household {
  const district = DISTRICTS[i % DISTRICTS.length];
  const subdistricts = subdistrictsOfDistrict(district);
  const houseCode = `${district}${String(i).padStart(7, '0')}`;
  const problems = [PROBLEMS[i % PROBLEMS.length], PROBLEMS[(i + 2) % PROBLEMS.length]];
  const name = `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`;
  return {
    householdId: houseCode,
    houseCode,
    provinceCode: '64',
    districtCode: district,
    // The demo team and mentor work in 640101, so the first district's households all live there.
    subdistrictCode: district === '6401' ? '640101' : (subdistricts[i % subdistricts.length]?.code ?? `${district}01`),
    villageNo: String((i % 12) + 1),
    headName: name,
    members: [
      { name, nationalId: demoNationalId(i, 1), birthYear: 1950 + (i % 40) },
      { name: `ด.ช. ${LAST[i % LAST.length]}`, nationalId: demoNationalId(i, 2), birthYear: 2014 },
    ],
    source: i % 7 === 0 ? 'missed' : 'tpmap',
    entryReason: i % 7 === 0 ? 'พบในพื้นที่ ไม่อยู่ในรายชื่อ TPMAP' : undefined,
    failedIndicators: problems.map((p) => p.indicator),
  };
}

async function advance(handle: WorkflowHandle, household: Household, i: number): Promise<void> {
  const steps = i % 4;
  if (steps < 1) return;
  await handle.executeUpdate(M.verifyTargetUpdate, { args: [{ actor: demoActor('operationsTeam'), outcome: 'confirmed' }], updateId: 'demo-verify' });
  if (steps < 2) return;
  const problems = PROBLEMS.filter((p) => household.failedIndicators.includes(p.indicator));
  await handle.executeUpdate(M.recordAnalysisUpdate, {
    updateId: 'demo-analysis',
    args: [
      {
        actor: demoActor('mentor'),
        attitude: 'ครอบครัวมีกำลังใจ อยากพัฒนา',
        skills: 'ทำนา ทำสวน',
        resources: 'ที่ดิน 2 ไร่ จักรเย็บผ้า',
        wayOut: 'ปลูกผักขายในชุมชน',
        householdType: 'canDevelop',
        problems: problems.map(({ dimension, indicator, description }) => ({ dimension, indicator, description })),
      },
    ],
  });
  await handle.executeUpdate(M.recordPlanUpdate, {
    updateId: 'demo-plan',
    args: [{ actor: demoActor('mentor'), goal: 'sufficient', items: problems.map((p, n) => ({ dimension: p.dimension, problemIndex: n, action: p.description, supportBy: p.agency })) }],
  });
  const planned = await handle.query(M.caseStateQuery);
  if (steps < 3) return;
  await handle.executeUpdate(M.assignProblemsUpdate, {
    updateId: 'demo-assign',
    args: [{ actor: demoActor('district'), assignments: planned.problems.map((p, n) => ({ problemId: p.id, agencyCode: problems[n].agency })) }],
  });
}

export async function seedDemoData(deps: { orm: Orm; client: Client; logger: Logger; taskQueue: string }): Promise<void> {
  const existing = await deps.orm.em.fork().count(HouseholdCase, {});
  if (existing > 0) return;
  deps.logger.info({ households: DEMO_HOUSEHOLDS }, 'first run: loading demo households');
  const policy = await activePolicy(deps.orm.em.fork(), '64');
  await loadDemoUsers(deps.orm);
  for (let i = 0; i < DEMO_HOUSEHOLDS; i++) {
    const household = demoHousehold(i);
    // Opaque like every case ID, and the same on every machine for the same demo household.
    const workflowId = newCaseId(`demo\n${household.householdId}`);
    // Demo households hold their keys like any other, so nobody can enter them a second time.
    await claimHousehold(deps.orm.em.fork(), { caseId: workflowId, household });
    try {
      await deps.client.workflow.start('householdCaseWorkflow', {
        workflowId,
        taskQueue: deps.taskQueue,
        args: [{ household, policy, openedBy: demoActor('operationsTeam').userId, projectsLocally: true }],
        typedSearchAttributes: M.initialSearchAttributes(household),
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await advance(deps.client.workflow.getHandle(workflowId), household, i);
  }
}
