import { type CfnElement, DefaultStackSynthesizer, type Stack, Token } from 'aws-cdk-lib';

/**
 * cdk-nag names some findings after the resource they cover (`AwsSolutions-IAM5[Resource::...]`)
 * and an acknowledgement must repeat that name exactly. These helpers spell it the way cdk-nag
 * prints it: unresolved pseudo parameters as `<AWS::Region>`, references as `<LogicalId>`.
 */
function shown(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` as cdk-nag prints it. */
export function nagArn(stack: Stack, service: string, resource: string): string {
  const partition = shown(stack.partition, 'Partition');
  return `arn:${partition}:${service}:${shown(stack.region, 'Region')}:${shown(stack.account, 'AccountId')}:${resource}`;
}

/** A `Ref` to a resource as cdk-nag prints it. */
export function nagRef(stack: Stack, resource: CfnElement): string {
  return `<${stack.getLogicalId(resource)}>`;
}

/** A `Fn::GetAtt` of a resource as cdk-nag prints it, e.g. `<WebBucket12880F5B.Arn>`. */
export function nagAtt(stack: Stack, resource: CfnElement, attribute: string): string {
  return `<${stack.getLogicalId(resource)}.${attribute}>`;
}

/** Objects of the CDK bootstrap bucket that holds file assets, as cdk-nag prints the ARN. */
export function nagAssetObjects(stack: Stack): string {
  const qualifier =
    stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ??
    DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const bucket = `cdk-${qualifier}-assets-${shown(stack.account, 'AccountId')}-${shown(stack.region, 'Region')}`;
  return `arn:${shown(stack.partition, 'Partition')}:s3:::${bucket}/*`;
}
