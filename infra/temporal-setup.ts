import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import Long from 'long';
import type { Logger } from '../common/logger';
import { ALL_SEARCH_ATTRIBUTE_KEYS } from '../workflows/search-attributes';

/**
 * For a Temporal cluster Kaejon did not start (TEMPORAL_ADDRESS set): registers the namespace and
 * the custom search attributes when they are missing. The dev server gets both as flags instead.
 */
export async function ensureNamespaceAndSearchAttributes(connection: Connection, namespace: string, logger: Logger): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    if ((error as { code?: number }).code !== 5 /* NOT_FOUND */) throw error;
    logger.info({ namespace }, 'registering Temporal namespace');
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(30 * 24 * 60 * 60) },
    });
  }
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = ALL_SEARCH_ATTRIBUTE_KEYS.filter((key) => !(key.name in (customAttributes ?? {})));
  if (!missing.length) return;
  logger.info({ namespace, searchAttributes: missing.map((key) => key.name) }, 'registering search attributes');
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!])),
  });
}
