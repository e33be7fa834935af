import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import type * as chime from 'aws-cdk-lib/aws-chime';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SipRuleProperties } from '../../functions/handlers/sip-rule';
import { TelevisitFunction } from '../constructs/televisit-function';
import type { DataStack } from './data-stack';

export interface SipRuleProps {
  data: DataStack;
  application: chime.CfnSipMediaApplication;
  /** The clinic's number (E.164), ordered beforehand with `npm run phone:order`. */
  phoneNumber: string;
  name: string;
}

/**
 * The SIP rule that sends calls to the clinic's number to its SIP media application.
 * CloudFormation has no such resource, so a house function makes it
 * (functions/handlers/sip-rule.ts), answering CloudFormation itself like the first owner's: no
 * provider framework, and so no function of AWS's own in the stack. Removing the stack (or the
 * number) disables the rule, then deletes it; the number is never released by a deploy.
 * Ordering the number is a command, not part of a deploy: an order can take many minutes.
 */
export class SipRule extends Construct {
  readonly function: TelevisitFunction;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: SipRuleProps) {
    super(scope, id);
    const serviceTimeout = Duration.minutes(10);
    const deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function = new TelevisitFunction(this, 'sip-rule-function', {
      entry: 'functions/handlers/sip-rule.ts',
      description: "Televisit SIP rule for the clinic's number (CloudFormation custom resource)",
      serviceName: 'sip-rule',
      logs: props.data.logSettings,
      // A fresh number is refused for up to about 100 s: the handler retries that long.
      timeout: Duration.minutes(3),
      asynchronous: { deadLetterQueue, retryAttempts: 2, maxEventAge: serviceTimeout },
    });
    // SIP rules have no resource type in IAM: the grant cannot name this one rule.
    this.function.allowResourceless([
      'chime:CreateSipRule',
      'chime:UpdateSipRule',
      'chime:DeleteSipRule',
    ]);
    const properties: SipRuleProperties = {
      Name: props.name,
      PhoneNumber: props.phoneNumber,
      SipMediaApplicationId: props.application.attrSipMediaApplicationId,
      Region: Stack.of(this).region,
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.function.lambda.functionArn,
      resourceType: 'Custom::TelevisitSipRule',
      properties: { ...properties },
      serviceTimeout,
    });
  }
}
