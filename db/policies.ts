import { DEFAULT_POLICY, type CasePolicy } from '../workflows/policy';

/**
 * The policy a new case starts with in a province. The starter reads it and hands it to the
 * workflow, which keeps that version for the life of the case.
 */
export async function currentPolicy(provinceCode: string): Promise<CasePolicy> {
  return { ...DEFAULT_POLICY, provinceCode };
}
