import type { TestProject } from 'vitest/node';
import { type StackInfo, startStackProcess } from './stack-process';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

/** Global setup of the integration and e2e tiers: one local stack on free ports per run. */
export default async function setup(project: TestProject) {
  const stack = await startStackProcess({ buildWeb: project.name === 'e2e' });
  project.provide('stack', stack.info);
  return async () => {
    await stack.stop();
  };
}
