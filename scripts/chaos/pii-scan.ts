import type { Client } from '@temporalio/client';
import type { PersonalData } from './households';

export interface Leak {
  where: string;
  what: 'nationalId' | 'name' | 'phone';
  excerpt: string;
}

/** Finds any national ID (also as 1-2345-67890-12-3), name or phone of the run's households in `text`. */
export function findPersonalData(text: string, personal: PersonalData, where: string): Leak[] {
  const leaks: Leak[] = [];
  const digitsOnly = text.replace(/[\s-]/g, '');
  const hit = (what: Leak['what'], value: string, haystack: string): void => {
    const at = haystack.indexOf(value);
    if (at >= 0) leaks.push({ where, what, excerpt: haystack.slice(Math.max(0, at - 60), at + value.length + 20) });
  };
  for (const id of personal.nationalIds) hit('nationalId', id, digitsOnly);
  for (const name of personal.names) hit('name', name, text);
  for (const phone of personal.phones) hit('phone', phone, text);
  return leaks;
}

/** Every search attribute value of every workflow on the task queue: visibility is readable by every Temporal operator. */
export async function searchAttributeText(client: Client, taskQueue: string): Promise<{ text: string; workflows: number }> {
  const values: string[] = [];
  let workflows = 0;
  for await (const execution of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) {
    workflows++;
    values.push(...execution.typedSearchAttributes.getAll().map((pair) => `${pair.key.name}=${JSON.stringify(pair.value)}`), JSON.stringify(execution.memo ?? {}));
  }
  return { text: values.join('\n'), workflows };
}
