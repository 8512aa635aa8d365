import fs from 'node:fs';

interface Servers {
  pg: { stop(): Promise<void> };
  temporal: { stop(): Promise<void> };
  workDir: string;
}

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as { __kaejonServers?: Servers }).__kaejonServers;
  if (!servers) return;
  await servers.temporal.stop();
  await servers.pg.stop();
  fs.rmSync(servers.workDir, { recursive: true, force: true });
}
