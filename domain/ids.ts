/** Identifiers the workflows, the worker and the API share. */

/** The case a workflow belongs to: the case itself, or the case of one of its tasks. */
export function caseIdOf(workflowId: string): string | null {
  if (!workflowId.startsWith('household-case-')) return null;
  return workflowId.replace(/-task-[0-9]+$/, '');
}
