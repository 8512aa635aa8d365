/** Who does what (docs/PROGRAM.md, "Roles and their scope"). Area scope is checked by the API. */
export const ROLES = ['mentor', 'operationsTeam', 'district', 'province', 'agency', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  role: Role;
  /** For agency officers: the agency they act for. */
  agencyCode?: string;
}

/** The system itself (timers, imports, surveys) when no person acted. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'admin' };
