import { type CfnElement, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat, CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { houseLogGroup } from '../constructs/log-settings';
import { nagArn, nagRef } from '../constructs/nag-ids';
import { TelevisitFunction } from '../constructs/televisit-function';
import { appointmentsTable, connectionsTable } from '../schema/tables';
import type { AuthStack } from './auth-stack';
import type { DataStack } from './data-stack';

export interface RealtimeStackProps extends StackProps {
  data: DataStack;
  auth: AuthStack;
  throttle: { rateLimit: number; burstLimit: number };
}

export const realtimeStageName = 'live';

/** Connection events without the query string: the access token travels there. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    eventType: '$context.eventType',
    routeKey: '$context.routeKey',
    connectionId: '$context.connectionId',
    status: '$context.status',
    sub: '$context.authorizer.sub',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * The WebSocket API that pushes waiting-room and roster events to browsers. A person connects
 * with their access token (`?token=`), checked once by the $connect authorizer; the realtime
 * function records the connection and answers messages through the @connections API.
 */
export class RealtimeStack extends Stack {
  readonly functions: { realtime: TelevisitFunction; authorizer: TelevisitFunction };
  readonly webSocketApi: apigw.WebSocketApi;
  readonly stage: apigw.WebSocketStage;

  constructor(scope: Construct, id: string, props: RealtimeStackProps) {
    super(scope, id, props);
    this.functions = this.createFunctions(props);
    this.webSocketApi = this.createApi();
    this.stage = new apigw.WebSocketStage(this, 'Stage', {
      webSocketApi: this.webSocketApi,
      stageName: realtimeStageName,
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(
          houseLogGroup(this, 'AccessLogs', props.data.logSettings),
        ),
        format: accessLogFormat,
      },
    });
    this.stage.node.addDependency(this.apiGatewayLogsRole());
    this.allowPushing(this.functions.realtime);
  }

  /** Both functions verify tokens of the pool's web client; only the realtime one keeps state. */
  private createFunctions({ data, auth }: RealtimeStackProps): RealtimeStack['functions'] {
    const withPool = (fn: TelevisitFunction) =>
      fn
        .setEnvironment('USER_POOL_ID', auth.userPool.userPoolId)
        .setEnvironment('USER_POOL_CLIENT_ID', auth.webClient.userPoolClientId);
    const authorizer = withPool(
      new TelevisitFunction(this, 'ws-authorizer-function', {
        entry: 'functions/handlers/ws-authorizer.ts',
        description: 'Televisit WebSocket $connect authorizer',
        serviceName: 'ws-authorizer',
        logs: data.logSettings,
      }),
    );
    const realtime = withPool(
      new TelevisitFunction(this, 'realtime-function', {
        entry: 'functions/handlers/realtime.ts',
        description: 'Televisit WebSocket connections and messages',
        serviceName: 'realtime',
        logs: data.logSettings,
      }),
    )
      .useTable(data.table(connectionsTable), 'readWrite', { indexes: true })
      .useTable(data.table(appointmentsTable), 'read');
    return { realtime, authorizer };
  }

  private createApi(): apigw.WebSocketApi {
    const integration = new WebSocketLambdaIntegration(
      'realtime-integration',
      this.functions.realtime.lambda,
    );
    const api = new apigw.WebSocketApi(this, 'WebSocketApi', {
      apiName: `${this.stackName}-ws`,
      description: 'Televisit live events (waiting room, roster)',
      connectRouteOptions: {
        integration,
        authorizer: new WebSocketLambdaAuthorizer(
          'token-authorizer',
          this.functions.authorizer.lambda,
          {
            authorizerName: 'access-token',
            identitySource: ['route.request.querystring.token'],
          },
        ),
      },
      disconnectRouteOptions: { integration },
      defaultRouteOptions: { integration },
    });
    for (const routeId of ['$disconnect-Route', '$default-Route']) {
      const route = api.node.tryFindChild(routeId);
      if (!route) throw new Error(`WebSocket route ${routeId} not found`);
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'API Gateway accepts an authorizer only on $connect; every later message travels on the connection that $connect authorized.',
      });
    }
    return api;
  }

  /**
   * The realtime function posts to connections of this API's stage only (PostToConnection);
   * connection ids are made by API Gateway at run time, so the ARN ends in a wildcard.
   */
  private allowPushing(fn: TelevisitFunction): void {
    const connections = `${realtimeStageName}/POST/@connections/*`;
    fn.setEnvironment('WS_MANAGEMENT_ENDPOINT', this.stage.callbackUrl).allow(
      ['execute-api:ManageConnections'],
      [
        this.formatArn({
          service: 'execute-api',
          resource: this.webSocketApi.apiId,
          resourceName: connections,
        }),
      ],
    );
    const api = nagRef(this, this.webSocketApi.node.defaultChild as CfnElement);
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(this, 'execute-api', `${api}/${connections}`)}]`,
      reason:
        'Connection ids are created by API Gateway as people connect; the grant is limited to posting to connections of this WebSocket stage.',
    });
  }

  /**
   * WebSocket APIs write access logs through the region's account-level API Gateway role
   * (HTTP APIs do not need it). The role is kept when the stack is deleted, so that other APIs
   * in the account that log through the same setting keep working.
   */
  private apiGatewayLogsRole(): CfnAccount {
    const role = new iam.Role(this, 'ApiGatewayLogsRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write the WebSocket access logs to CloudWatch',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AmazonAPIGatewayPushToCloudWatchLogs',
        ),
      ],
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "AWS's documented policy for API Gateway's account-level logging role; only API Gateway can assume the role.",
    });
    const account = new CfnAccount(this, 'ApiGatewayAccount', { cloudWatchRoleArn: role.roleArn });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return account;
  }
}
