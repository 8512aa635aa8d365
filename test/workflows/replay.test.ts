import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';

/**
 * Replays histories (named by workflow ID) recorded from earlier workflow code (test/workflows/histories/record.ts)
 * against the current code. A non-deterministic change fails here, before it reaches cases that
 * have been running for years; such a change must go through patched().
 */
const HISTORIES = path.join(__dirname, 'histories');

describe('replaying recorded histories against the current workflow code', () => {
  const files = fs.readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! } }, history, path.basename(file, '.json'));
  });
});
