import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { buildApp } from './app-builder';

/**
 * CDK entry (`cdk.json`: `tsx infra/app.ts`). cdk-nag runs as a validation plugin on every
 * synth: an unacknowledged finding fails it. Acknowledged ones are listed, with their reasons,
 * in ARCHITECTURE.md (cdk-nag findings).
 */
const app = new App();
buildApp(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
app.synth();
