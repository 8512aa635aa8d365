/** The workflow bundle's entry point: every workflow type the worker runs. */
export { householdCaseWorkflow } from './household-case/workflow';
