import fs from 'node:fs';

interface Servers {
  stop(): Promise<void>;
  workDir: string;
}

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as { __kaejonServers?: Servers }).__kaejonServers;
  if (!servers) return;
  await servers.stop();
  fs.rmSync(servers.workDir, { recursive: true, force: true });
}
