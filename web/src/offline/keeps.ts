import type { Principal } from '../types';

/**
 * Who keeps a caseload on the phone: a mentor or an operations team (their subdistrict's open
 * households), an agency officer (the agency's open tasks). Apart from ./caseload so that the
 * app's entry can ask without loading the offline store.
 */
const FIELD_ROLES = new Set(['mentor', 'operationsTeam']);

export const keepsTasks = (user: Principal): boolean => user.role === 'agency' && Boolean(user.agencyCode);
export const keepsCaseload = (user: Principal): boolean => (FIELD_ROLES.has(user.role) && Boolean(user.subdistrictCode)) || keepsTasks(user);
