import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A CSV import (TPMAP targets or annual survey results). The upload is staged row by row into
 * import_row, then an import workflow works through it; the counters are the progress a client polls.
 */
export const ImportJob = defineEntity({
  name: 'ImportJob',
  tableName: 'import_job',
  properties: {
    id: p.string().primary(),
    kind: p.string(),
    status: p.string(),
    filename: p.string().nullable(),
    provinceCode: p.string().length(2).nullable(),
    totalRows: p.integer().default(0),
    processedRows: p.integer().default(0),
    acceptedRows: p.integer().default(0),
    rejectedRows: p.integer().default(0),
    createdBy: p.string(),
    createdAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    error: p.string().nullable(),
  },
});
export type ImportJob = InferEntity<typeof ImportJob>;

export const ImportRow = defineEntity({
  name: 'ImportRow',
  tableName: 'import_row',
  properties: {
    importId: p.string().primary(),
    rowNo: p.integer().primary(),
    data: p.json<Record<string, string>>(),
    status: p.string(),
    reason: p.string().nullable(),
    field: p.string().nullable(),
    caseId: p.string().nullable(),
  },
  indexes: [{ name: 'import_row_import_id_status_index', properties: ['importId', 'status'] }],
});
export type ImportRow = InferEntity<typeof ImportRow>;

/** An engine problem worth a supervisor's eye: an activity failing again and again. */
export const EngineIncident = defineEntity({
  name: 'EngineIncident',
  tableName: 'engine_incident',
  properties: {
    id: p.string().primary(),
    workflowId: p.string().index(),
    caseId: p.string().nullable().index(),
    kind: p.string(),
    detail: p.string(),
    attempt: p.integer(),
    firstSeenAt: p.datetime(),
    lastSeenAt: p.datetime(),
    resolvedAt: p.datetime().nullable(),
  },
});
export type EngineIncident = InferEntity<typeof EngineIncident>;
