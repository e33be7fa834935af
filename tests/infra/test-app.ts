import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type TelevisitStacks } from '../../infra/app-builder';
import { loadConfig, type TelevisitConfig } from '../../infra/config';
import { repositoryRoot } from '../../infra/paths';

/** The feature flags `cdk synth` reads from cdk.json, so tests see the same templates. */
const cdkJsonContext = (
  JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  }
).context;

/**
 * Builds the whole app as `npm run synth` does, minus what makes a synth slow: no asset
 * bundling (no esbuild, no web build) and no built-in CloudFormation validation.
 */
export function buildTestApp(overrides: Partial<TelevisitConfig> = {}): {
  app: App;
  stacks: TelevisitStacks;
} {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] },
  });
  const stacks = buildApp(app, { ...loadConfig(app), ...overrides });
  return { app, stacks };
}

export const templateOf = (stack: Stack) => Template.fromStack(stack);

/** The logical id CloudFormation knows a construct's resource by. */
export function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** A resource's properties by logical id, failing loudly when it is missing. */
export function resourceProps(template: Template, id: string): Record<string, unknown> {
  const resource = template.toJSON().Resources?.[id] as
    | { Properties?: Record<string, unknown> }
    | undefined;
  if (!resource) throw new Error(`No resource ${id} in template`);
  return resource.Properties ?? {};
}
