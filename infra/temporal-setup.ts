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
  const { customAttributes } = await untilNamespaceKnown(() => connection.operatorService.listSearchAttributes({ namespace }));
  const missing = ALL_SEARCH_ATTRIBUTE_KEYS.filter((key) => !(key.name in (customAttributes ?? {})));
  if (!missing.length) return;
  logger.info({ namespace, searchAttributes: missing.map((key) => key.name) }, 'registering search attributes');
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!])),
  });
}

/**
 * A namespace just registered is in the database at once but reaches the frontend's namespace
 * cache only at its next refresh (seconds on a real server; the dev server registers it at
 * start): until then calls naming it answer NOT_FOUND.
 */
async function untilNamespaceKnown<T>(call: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if ((error as { code?: number }).code !== 5 /* NOT_FOUND */ || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * Waits until a cluster serves the namespace with every search attribute: a real server takes the
 * new namespace and attributes up through caches that refresh on their own clock, and a workflow
 * started before that is rejected. A visibility query naming each attribute is the check.
 */
export async function waitForNamespace(connection: Connection, namespace: string, timeoutMs = 120_000): Promise<void> {
  const query = ALL_SEARCH_ATTRIBUTE_KEYS.map((key) => `${key.name} is null`).join(' and ');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await connection.workflowService.countWorkflowExecutions({ namespace, query });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`namespace ${namespace} not usable within ${timeoutMs / 1000}s: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
