import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser';
import { type StackInfo, startStackProcess } from './stack-process';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

/** Global setup of the integration and e2e tiers: one local stack on free ports per run. */
export default async function setup(project: TestProject) {
  if (project.name === 'e2e' && !existsSync(chromiumPath)) {
    throw new Error(
      `The browser tests need Chromium at ${chromiumPath}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const stack = await startStackProcess({ buildWeb: project.name === 'e2e' });
  project.provide('stack', stack.info);
  return async () => {
    await stack.stop();
  };
}
