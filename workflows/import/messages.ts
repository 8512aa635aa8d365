/**
 * The import workflows' contract, importable by the API and the activities without pulling in
 * workflow code. An import works through rows the API staged in import_row; the counters a client
 * polls live on import_job, so no query is needed here.
 */
export type ImportKind = 'targets' | 'survey';

/** The area the uploader may act in (null levels are unrestricted), checked row by row. */
export interface ImportScope {
  provinceCode: string | null;
  districtCode: string | null;
  subdistrictCode: string | null;
}

export interface ImportWorkflowInput {
  importId: string;
  /** The uploader: opens the cases (targets) and bounds the rows by area. */
  startedBy: string;
  scope: ImportScope;
  /** Rows settled and written together (default 500). */
  batchSize?: number;
  /**
   * Batches one activity call may work through (default 10; it also stops after about a minute).
   * Fewer, longer calls keep the import moving while the cases it opens crowd the task queue.
   */
  batchesPerCall?: number;
  /** Activity calls per run before continuing as new (default 100), so history stays small. */
  callsPerRun?: number;
  /** Set on continue-as-new: the file-wide checks already ran. */
  prepared?: boolean;
}

export interface ImportBatchInput {
  importId: string;
  kind: ImportKind;
  startedBy: string;
  scope: ImportScope;
  batchSize: number;
  /** Batches this call may work through, each written before the next is read. */
  maxBatches: number;
}

export interface ImportCounts {
  totalRows: number;
  processedRows: number;
  acceptedRows: number;
  rejectedRows: number;
}

export interface ImportBatchResult extends ImportCounts {
  /** Rows this call settled (0 when an earlier attempt had already settled them all). */
  settled: number;
  /** Rows still waiting. */
  pendingRows: number;
}

export interface ImportOutcome extends ImportCounts {
  importId: string;
  status: 'completed' | 'failed';
  error: string | null;
}

export const IMPORT_WORKFLOW_TYPES: Record<ImportKind, 'importTargetsWorkflow' | 'importSurveyWorkflow'> = {
  targets: 'importTargetsWorkflow',
  survey: 'importSurveyWorkflow',
};

export function importWorkflowId(importId: string): string {
  return `import-${importId}`;
}
