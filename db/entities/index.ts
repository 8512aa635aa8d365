import { Household } from './household.entity';
import { HouseholdCase } from './household-case.entity';

export { Household, HouseholdCase };
export const ALL_ENTITIES = [Household, HouseholdCase];
