import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_HISTORY_SHARDS, TEMPORAL_CONFIG_FILE, TEMPORAL_SCHEMA_SCRIPT } from '../../infra/temporal-cluster';
import { TEMPORAL_SERVER_VERSION } from '../../infra/temporal-server';

const ROOT = path.resolve(__dirname, '..', '..');
const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const relative = (file: string): string => `./${path.relative(ROOT, file)}`;

/**
 * What compose runs is what the cluster tests ran: the same server version, configuration file
 * and schema script. Compose cannot import the TypeScript pin, so this holds the two together.
 */
describe('docker-compose.yml and the cluster profile', () => {
  it('pins the Temporal server and admin tools at the version npm run cluster builds', () => {
    expect(compose).toContain(`temporalio/server:\${TEMPORAL_VERSION:-${TEMPORAL_SERVER_VERSION}}`);
    expect(compose).toContain(`temporalio/admin-tools:\${TEMPORAL_VERSION:-${TEMPORAL_SERVER_VERSION}}`);
    expect(compose).not.toContain('auto-setup:');
  });

  it('mounts the same server configuration and schema script', () => {
    expect(compose).toContain(`${relative(TEMPORAL_CONFIG_FILE)}:/etc/temporal/config/kaejon.yaml:ro`);
    expect(compose).toContain('TEMPORAL_SERVER_CONFIG_FILE_PATH: /etc/temporal/config/kaejon.yaml');
    expect(compose).toContain(`${relative(TEMPORAL_SCHEMA_SCRIPT)}:/kaejon/setup-schema.sh:ro`);
  });

  it('defaults to the same number of history shards', () => {
    expect(compose).toContain(`NUM_HISTORY_SHARDS: \${TEMPORAL_NUM_HISTORY_SHARDS:-${DEFAULT_HISTORY_SHARDS}}`);
    expect(fs.readFileSync(TEMPORAL_CONFIG_FILE, 'utf8')).toContain(`numHistoryShards: {{ default "${DEFAULT_HISTORY_SHARDS}" (env "NUM_HISTORY_SHARDS") }}`);
  });
});
