/** The workflow bundle's entry point: every workflow type the worker runs. */
export { householdCaseWorkflow } from './household-case/workflow';
export { assistanceTaskWorkflow } from './assistance-task/workflow';
export { districtMeetingWorkflow } from './district-meeting/workflow';
export { importTargetsWorkflow, importSurveyWorkflow } from './import/workflow';
export { bulkCaseWorkflow } from './bulk/workflow';
export { dailyDigestWorkflow } from './daily-digest/workflow';
