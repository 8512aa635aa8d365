import type { Logger } from '../common/logger';
import type { Orm } from '../db/orm';
import type { CaseState } from '../workflows/household-case/types';
import { projectCaseSnapshot } from './projection';

export interface ActivityDeps {
  orm: Orm;
  logger: Logger;
}

/** Every activity the workflows call, bound to their dependencies. */
export function createActivities({ orm }: ActivityDeps) {
  return {
    async projectCase(state: CaseState): Promise<void> {
      await projectCaseSnapshot(orm, state);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
