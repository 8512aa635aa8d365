import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../db/audit';
import type { Orm } from '../../db/orm';
import { openTestOrm, testConfig } from '../helpers/servers';

let orm: Orm;

beforeAll(async () => {
  orm = await openTestOrm(testConfig());
});

afterAll(async () => {
  await orm?.close(true);
});

it('appends an audit row inside the caller’s transaction, and none when it rolls back', async () => {
  const caseId = `household-case-${randomUUID()}`;
  await orm.em.fork().transactional(async (em) => {
    await recordAudit(em, { actor: { userId: 'district-1', role: 'district' }, action: 'case.escalate', entityType: 'case', entityId: caseId, ip: '10.0.0.1', changes: { reason: 'beyond capacity' } });
  });
  await expect(
    orm.em.fork().transactional(async (em) => {
      await recordAudit(em, { actor: { userId: 'district-1', role: 'district' }, action: 'case.close', entityType: 'case', entityId: caseId });
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');

  const rows = await orm.em.fork().execute('select actor_id, actor_role, action, ip, changes from audit_event where entity_type = ? and entity_id = ?', ['case', caseId]);
  expect(rows).toEqual([{ actor_id: 'district-1', actor_role: 'district', action: 'case.escalate', ip: '10.0.0.1', changes: { reason: 'beyond capacity' } }]);
});
