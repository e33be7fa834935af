import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct, IDependable } from 'constructs';

export interface ManagedPolicyRoleProps {
  assumedBy: iam.IPrincipal;
  description: string;
}

/**
 * An IAM role whose every permission, including those that CDK grants add (`table.grant...`,
 * tracing, dead-letter queues), lands in one customer managed policy of its own instead of an
 * inline `DefaultPolicy`. HIPAA's IAMNoInlinePolicy asks for this, and AwsSolutions-IAM4 asks
 * that no AWS managed policy be attached, so the role starts with none. A customer managed
 * policy shared by several roles (TelevisitFunction.attachPolicy) may be attached beside it.
 */
export class ManagedPolicyRole extends iam.Role {
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ManagedPolicyRoleProps) {
    super(scope, id, { assumedBy: props.assumedBy, description: props.description });
    this.policy = new iam.ManagedPolicy(this, 'Policy', { description: props.description });
    this.addManagedPolicy(this.policy);
  }

  override addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    const policyDependable: IDependable = this.policy;
    return { statementAdded: true, policyDependable };
  }
}
