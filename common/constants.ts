/**
 * Names shared by the worker, the API and the workflows. Pure values only: workflows import
 * this module, so it must stay free of Node built-ins and I/O.
 */
export const TASK_QUEUE = 'kaejon-cases';
export const DEFAULT_NAMESPACE = 'kaejon';
