import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121082729_initial } from './Migration20261121082729_initial';
import { Migration20261121084336_read_model } from './Migration20261121084336_read_model';
import { Migration20261121091538_accounts_imports } from './Migration20261121091538_accounts_imports';
import { Migration20261121113350_report_indexes } from './Migration20261121113350_report_indexes';
import { Migration20261121122437_active_area_index } from './Migration20261121122437_active_area_index';
import { Migration20261121143000_country_list_indexes } from './Migration20261121143000_country_list_indexes';
import { Migration20261121150000_report_rollups } from './Migration20261121150000_report_rollups';
import { Migration20261121160000_district_rollup } from './Migration20261121160000_district_rollup';
import { Migration20261204050000_integrity } from './Migration20261204050000_integrity';
import { Migration20261204090000_sync_conflicts } from './Migration20261204090000_sync_conflicts';
import { Migration20261204091000_program_year } from './Migration20261204091000_program_year';
import { Migration20261204100000_notifications } from './Migration20261204100000_notifications';
import { Migration20261204110000_sync_task_conflicts } from './Migration20261204110000_sync_task_conflicts';
import { Migration20261205090000_case_links } from './Migration20261205090000_case_links';
import { Migration20261205100000_task_state } from './Migration20261205100000_task_state';

/** Every committed migration, in order. `npm run db:migration -- <name>` writes a new file; add it here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261121082729_initial', class: Migration20261121082729_initial },
  { name: 'Migration20261121084336_read_model', class: Migration20261121084336_read_model },
  { name: 'Migration20261121091538_accounts_imports', class: Migration20261121091538_accounts_imports },
  { name: 'Migration20261121113350_report_indexes', class: Migration20261121113350_report_indexes },
  { name: 'Migration20261121122437_active_area_index', class: Migration20261121122437_active_area_index },
  { name: 'Migration20261121143000_country_list_indexes', class: Migration20261121143000_country_list_indexes },
  { name: 'Migration20261121150000_report_rollups', class: Migration20261121150000_report_rollups },
  { name: 'Migration20261121160000_district_rollup', class: Migration20261121160000_district_rollup },
  { name: 'Migration20261204050000_integrity', class: Migration20261204050000_integrity },
  { name: 'Migration20261204090000_sync_conflicts', class: Migration20261204090000_sync_conflicts },
  { name: 'Migration20261204091000_program_year', class: Migration20261204091000_program_year },
  { name: 'Migration20261204100000_notifications', class: Migration20261204100000_notifications },
  { name: 'Migration20261204110000_sync_task_conflicts', class: Migration20261204110000_sync_task_conflicts },
  { name: 'Migration20261205090000_case_links', class: Migration20261205090000_case_links },
  { name: 'Migration20261205100000_task_state', class: Migration20261205100000_task_state },
];
