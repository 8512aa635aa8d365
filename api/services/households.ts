/**
 * Household search and the household page ("the logbook"), read from the read model: the search
 * (households/search.ts), the page (households/detail.ts) and the rows and scope both read
 * (households/rows.ts); the logbook is households/logbook.ts. This file keeps the one import path the routes and the web UI use.
 */
export * from './households/rows';
export * from './households/search';
export * from './households/detail';
export * from './households/logbook';
