import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121082729_initial } from './Migration20261121082729_initial';

/** Every committed migration, in order. `npm run db:migration -- <name>` writes a new file; add it here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261121082729_initial', class: Migration20261121082729_initial },
];
