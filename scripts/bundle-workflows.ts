/**
 * Writes the prebundled workflow code that production workers load (WORKFLOW_BUNDLE), so a
 * worker starts without webpack and every replica runs byte-identical workflow code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

export async function writeWorkflowBundle(outFile: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: undefined });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, code);
  return outFile;
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'workflow-bundle.js'));
  writeWorkflowBundle(out).then(
    (file) => console.log(`workflow bundle written to ${path.relative(process.cwd(), file)}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
