import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, DockerImage, type Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { nagAssetObjects, nagAtt } from '../constructs/nag-ids';
import { repositoryRoot } from '../paths';

const webDirectory = join(repositoryRoot, 'web');
const webBuild = join(webDirectory, 'build');

/** Shown only while web/ has no app yet, so that the infrastructure can be synthesized alone. */
const placeholderPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Televisit</title></head>
<body><p>Televisit is being set up. The web app has not been built into this deployment yet.</p></body>
</html>
`;

/**
 * Builds the web app on this machine during synth (no Docker) and copies web/build into the
 * asset. The asset's hash is that of the built files, so a deploy uploads only what changed.
 *
 * A placeholder index.html is written ONLY when web/svelte.config.js does not exist, i.e. the
 * web app has not been written yet. Once it exists, a failing build fails the synth: a broken
 * web app must never be replaced silently by a placeholder in a clinic's deployment.
 */
function buildWebApp(outputDir: string): boolean {
  if (!existsSync(join(webDirectory, 'svelte.config.js'))) {
    writeFileSync(join(outputDir, 'index.html'), placeholderPage);
    return true;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // stdout is vite's progress report; errors still reach the terminal on stderr.
  execFileSync(npm, ['run', 'build:web'], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(join(webBuild, 'index.html'))) {
    throw new Error('npm run build:web finished but web/build/index.html is missing');
  }
  cpSync(webBuild, outputDir, { recursive: true });
  return true;
}

/** The web app's files as a BucketDeployment source. */
export function webAppSource(): s3deploy.ISource {
  if (!existsSync(webDirectory)) {
    // Not even a web/ folder (an infra-only checkout): deploy the placeholder page as data.
    return s3deploy.Source.data('index.html', placeholderPage);
  }
  return s3deploy.Source.asset(webDirectory, {
    exclude: ['build', '.svelte-kit', 'node_modules'],
    bundling: {
      // Required by the API but never pulled: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
      local: { tryBundle: buildWebApp },
    },
  });
}

/**
 * Findings on CDK's own BucketDeployment, which copies the app at deploy time and never serves
 * a request. Its copy function is a CDK singleton at the stack root, found here by its id.
 */
export function acknowledgeDeploymentFindings(
  stack: Stack,
  role: iam.IRole,
  bucket: s3.Bucket,
): void {
  const copyReason =
    'CDK BucketDeployment copies the built app from the CDK asset bucket into the web bucket and prunes old files, so it reads and deletes objects by prefix; it holds no PHI and runs only during a deploy.';
  const bucketArn = nagAtt(stack, bucket.node.defaultChild as CfnElement, 'Arn');
  const findings = [
    'Action::s3:GetObject*',
    'Action::s3:GetBucket*',
    'Action::s3:List*',
    'Action::s3:DeleteObject*',
    'Action::s3:Abort*',
    `Resource::${nagAssetObjects(stack)}`,
    `Resource::${bucketArn}/*`,
  ];
  for (const finding of findings) {
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: copyReason });
  }
  const handler = stack.node.children.find((c) =>
    c.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (!handler) throw new Error('The BucketDeployment copy function was not found');
  const handlerReasons: Record<string, string> = {
    'AwsSolutions-L1':
      'The runtime of the copy function is chosen by aws-cdk-lib (BucketDeployment), not by Televisit.',
    'HIPAA.Security-LambdaConcurrency':
      'Runs once per deploy, invoked by CloudFormation; there is no load to cap.',
    'HIPAA.Security-LambdaDLQ':
      'Invoked synchronously by CloudFormation, which reports a failure by failing the deploy.',
    'HIPAA.Security-LambdaInsideVPC':
      'Reaches only S3 over TLS during a deploy and handles no PHI.',
  };
  for (const [id, reason] of Object.entries(handlerReasons)) {
    Validations.of(handler).acknowledge({ id, reason });
  }
}
