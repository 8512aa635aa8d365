import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Logger } from '../common/logger';
import type { Orm } from '../db/orm';
import { HouseholdCase } from '../db/entities';
import { currentPolicy } from '../db/policies';
import { caseWorkflowId, initialSearchAttributes } from '../workflows/household-case/messages';
import type { Household } from '../workflows/household-case/types';

/**
 * Demo households for a first run: Sukhothai (province 64), whose fiscal-2565 figures NOTES.md
 * records. Deterministic house codes, so a rerun starts nothing twice.
 */
const DISTRICTS = ['6401', '6402', '6403', '6404', '6405', '6406', '6407', '6408', '6409'];
const FIRST = ['สมชาย', 'สมหญิง', 'บุญมี', 'มาลี', 'ประเสริฐ', 'สุดา', 'วิชัย', 'บุญเรือน', 'สมศักดิ์', 'จันทร์เพ็ญ'];
const LAST = ['ใจดี', 'มีสุข', 'ทองคำ', 'ศรีสุข', 'แก้วมณี', 'บุญมา', 'สุขสวัสดิ์', 'พรหมมา'];
const INDICATORS = ['I1', 'I3', 'L1', 'H2', 'E2', 'A1', 'L2', 'I2'];
export const DEMO_HOUSEHOLDS = 36;

export function demoHousehold(i: number): Household {
  const district = DISTRICTS[i % DISTRICTS.length];
  const houseCode = `${district}${String(1000000 + i).slice(1)}0`.slice(0, 11);
  return {
    householdId: houseCode,
    houseCode,
    provinceCode: '64',
    districtCode: district,
    subdistrictCode: `${district}01`,
    villageNo: String((i % 12) + 1),
    headName: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`,
    members: [{ name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`, birthYear: 1950 + (i % 40) }],
    source: i % 7 === 0 ? 'missed' : 'tpmap',
    entryReason: i % 7 === 0 ? 'พบในพื้นที่ ไม่อยู่ในรายชื่อ TPMAP' : undefined,
    failedIndicators: [INDICATORS[i % INDICATORS.length], INDICATORS[(i + 3) % INDICATORS.length]],
  };
}

export async function seedDemoData(deps: { orm: Orm; client: Client; logger: Logger; taskQueue: string }): Promise<void> {
  const existing = await deps.orm.em.fork().count(HouseholdCase, {});
  if (existing > 0) return;
  deps.logger.info({ households: DEMO_HOUSEHOLDS }, 'first run: loading demo households');
  for (let i = 0; i < DEMO_HOUSEHOLDS; i++) {
    const household = demoHousehold(i);
    try {
      await deps.client.workflow.start('householdCaseWorkflow', {
        workflowId: caseWorkflowId(household.householdId),
        taskQueue: deps.taskQueue,
        args: [{ household, policy: await currentPolicy(household.provinceCode), openedBy: 'demo' }],
        typedSearchAttributes: initialSearchAttributes(household),
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
