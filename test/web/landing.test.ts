import { LANDING_DATA_PATH, type LandingPage } from '../../common/landing';
import { dashboardPath, inboxPath, landingDataPath } from '../../web/src/landing-data';
import { ROLES } from '../../workflows/roles';
import { landingPage } from '../../web/src/session';

/**
 * The API embeds the answer of LANDING_DATA_PATH in the page; the landing page takes it only if it
 * asks for the very same path. The pages build their paths with these builders.
 */
describe('landing pages', () => {
  it('ask first for the path whose answer the API embeds', () => {
    const built: Record<LandingPage, string> = { inbox: inboxPath({}), tasks: inboxPath({ kind: 'task' }), dashboard: dashboardPath({}) };
    expect(built).toEqual(LANDING_DATA_PATH);
    for (const role of ROLES) expect(landingDataPath(role)).toBe(built[landingPage(role)]);
  });
});
