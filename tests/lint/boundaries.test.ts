import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'fatal');
}

describe('runtime boundaries enforced by lint', () => {
  it.each([
    [
      'renderer/src/x.ts',
      "import { createHostServices } from '../../electron/host/host-services';\nexport { createHostServices };\n",
    ],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n"],
    ['shared/x.ts', "import { createHash } from 'node:crypto';\nexport { createHash };\n"],
    ['shared/x.ts', "import { join } from 'path';\nexport { join };\n"],
    [
      'shared/x.ts',
      "import { bridge } from '../renderer/src/bridge/bridge';\nexport { bridge };\n",
    ],
    ['electron/host/x.ts', "import { app } from 'electron';\nexport { app };\n"],
    ['electron/browser-host/x.ts', "import { app } from 'electron';\nexport { app };\n"],
  ])('%s may not import that', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['shared/x.ts', 'export const title = document.title;\n'],
    ['shared/x.ts', 'export const cwd = process.cwd();\n'],
    ['renderer/src/x.ts', 'export const env = process.env;\n'],
  ])('%s may not use that global', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('no-restricted-globals');
  });

  it.each([
    ['electron/main/x.ts', "import { app } from 'electron';\nexport { app };\n"],
    ['electron/host/x.ts', "import { join } from 'node:path';\nexport { join };\n"],
    [
      'renderer/src/x.ts',
      "import { bridgeInvokeContract } from '../../shared/bridge/contract';\nexport { bridgeInvokeContract };\n",
    ],
  ])('%s may import what its runtime allows', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toEqual([]);
  });
});
