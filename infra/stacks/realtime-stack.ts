import {
  type CfnElement,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat, CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { houseLogGroup } from '../constructs/log-settings';
import { nagArn, nagRef } from '../constructs/nag-ids';
import { TelevisitFunction } from '../constructs/televisit-function';
import { appointmentsTable, auditTable, connectionsTable, guestLinksTable } from '../schema/tables';
import type { AuthStack } from './auth-stack';
import type { DataStack } from './data-stack';
import { MeetingEvents } from './meeting-events';
import { VisitNews } from './visit-news';

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
 * with their access token (`?token=`), a visit participant with their participant token
 * (`?participant=`), either checked once by the $connect authorizer; the realtime function
 * records the connection and answers messages through the @connections API. Chime's meeting
 * events arrive here too (MeetingEvents) and become presence, and every committed visit change
 * is pushed from the appointments table's stream (VisitNews).
 *
 * The stack deploys before the API stack: the visits function pushes through this API, and
 * finds it, and the one policy that lets a function push, by exports of fixed name (see
 * allowPushing).
 */
export class RealtimeStack extends Stack {
  readonly functions: {
    realtime: TelevisitFunction;
    authorizer: TelevisitFunction;
    meetingEvents: TelevisitFunction;
    visitNews: TelevisitFunction;
  };
  readonly webSocketApi: apigw.WebSocketApi;
  readonly stage: apigw.WebSocketStage;
  readonly meetingEvents: MeetingEvents;
  readonly visitNews: VisitNews;
  /**
   * The one grant to push to browsers (see allowPushing): every function that pushes has this
   * customer managed policy attached to its role, instead of a statement of its own.
   */
  readonly pushToConnections: iam.ManagedPolicy;
  /** The export other stacks import the WebSocket API's id by: `<stack name>-WebSocketApiId`. */
  readonly webSocketApiIdExportName: string;
  /** The export other stacks import pushToConnections by: `<stack name>-PushToConnectionsArn`. */
  readonly pushToConnectionsExportName: string;
  private readonly importedApiId: string;
  private readonly importedPushToConnectionsArn: string;

  constructor(scope: Construct, id: string, props: RealtimeStackProps) {
    super(scope, id, props);
    const { realtime, authorizer } = this.createFunctions(props);
    this.webSocketApi = this.createApi(realtime, authorizer);
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
    this.webSocketApiIdExportName = `${this.stackName}-WebSocketApiId`;
    this.importedApiId = this.exportValue(this.webSocketApi.apiId, {
      name: this.webSocketApiIdExportName,
      description: 'The WebSocket API the visits function pushes through (@connections)',
    });
    this.pushToConnections = this.createPushToConnections();
    this.pushToConnectionsExportName = `${this.stackName}-PushToConnectionsArn`;
    this.importedPushToConnectionsArn = this.exportValue(this.pushToConnections.managedPolicyArn, {
      name: this.pushToConnectionsExportName,
      description: 'The policy that lets the visits function push to WebSocket connections',
    });
    this.allowPushing(realtime);
    this.meetingEvents = new MeetingEvents(this, 'MeetingEvents', { data: props.data });
    this.visitNews = new VisitNews(this, 'VisitNews', {
      data: props.data,
      allowPushing: (fn) => this.allowPushing(fn),
      deadLetterQueue: this.meetingEvents.deadLetterQueue,
    });
    this.functions = {
      realtime,
      authorizer,
      meetingEvents: this.meetingEvents.function,
      visitNews: this.visitNews.function,
    };
  }

  /**
   * The authorizer checks a person's access token against the pool's web client, or a
   * participant token against its hash in the guest-links table (`PTOKEN#…`, GetItem). The
   * realtime function keeps connections (`CONN#…`: Put on $connect, Delete on $disconnect, Get
   * for a message) and staff watching a visit (`WATCH#…`: Put, Delete), and for `watch` reads
   * the person's profile (`USER#…`) and the visit (`VISIT#…`) from the appointments table.
   * When a participant's socket closes it waits out the reconnect grace (10 s: hence its 30 s
   * timeout), looks for another of their connections (gsi1 `PARTICIPANT#…`, Query), and if
   * there is none records them gone (functions/visits/departure.ts): the visit with its meeting
   * read in one Query, the state Put and its audit entry Put in one transaction.
   * It verifies no token itself (the authorizer did), so it is not told the user pool.
   */
  private createFunctions({ data, auth }: RealtimeStackProps) {
    const authorizer = new TelevisitFunction(this, 'ws-authorizer-function', {
      entry: 'functions/handlers/ws-authorizer.ts',
      description: 'Televisit WebSocket $connect authorizer',
      serviceName: 'ws-authorizer',
      logs: data.logSettings,
    })
      .setEnvironment('USER_POOL_ID', auth.userPool.userPoolId)
      .setEnvironment('USER_POOL_CLIENT_ID', auth.webClient.userPoolClientId)
      .useTable(data.table(guestLinksTable), ['GetItem']);
    const realtime = new TelevisitFunction(this, 'realtime-function', {
      entry: 'functions/handlers/realtime.ts',
      description: 'Televisit WebSocket connections and messages',
      serviceName: 'realtime',
      logs: data.logSettings,
      timeout: Duration.seconds(30),
    })
      .useTable(data.table(connectionsTable), ['GetItem', 'PutItem', 'DeleteItem', 'Query'], {
        indexes: ['gsi1'],
      })
      .useTable(data.table(appointmentsTable), ['GetItem', 'Query', 'PutItem'])
      .useTable(data.table(auditTable), ['PutItem']);
    return { realtime, authorizer };
  }

  private createApi(
    realtime: TelevisitFunction,
    authorizer: TelevisitFunction,
  ): apigw.WebSocketApi {
    const integration = new WebSocketLambdaIntegration('realtime-integration', realtime.lambda);
    const api = new apigw.WebSocketApi(this, 'WebSocketApi', {
      apiName: `${this.stackName}-ws`,
      description: 'Televisit live events (waiting room, roster)',
      connectRouteOptions: {
        integration,
        authorizer: new WebSocketLambdaAuthorizer('token-authorizer', authorizer.lambda, {
          authorizerName: 'access-token',
        }),
      },
      disconnectRouteOptions: { integration },
      defaultRouteOptions: { integration },
    });
    // The credential is `?token=` (a person) or `?participant=` (a guest), never both. API
    // Gateway refuses a $connect that lacks any identity source before the authorizer runs, so
    // naming `token` would turn every guest away: with none, the authorizer decides alone.
    // (Identity sources are optional for REQUEST authorizers; WebSocket APIs cache nothing.)
    const cfnAuthorizer = api.node.findAll().find((c) => c instanceof apigw.CfnAuthorizer);
    if (!cfnAuthorizer) throw new Error('The $connect authorizer was not created');
    (cfnAuthorizer as apigw.CfnAuthorizer).addPropertyDeletionOverride('IdentitySource');
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
   * The only grant of the push, in one customer managed policy: PostToConnection
   * (`execute-api:ManageConnections` on `POST/@connections/*`) on this stage's connections, and
   * nothing else. Connection ids are made by API Gateway at run time, so the ARN ends in a
   * wildcard; cdk-nag flags that once, on this policy, however many functions push.
   */
  private createPushToConnections(): iam.ManagedPolicy {
    const connections = `${realtimeStageName}/POST/@connections/*`;
    const policy = new iam.ManagedPolicy(this, 'PushToConnections', {
      description: 'Televisit: post to the connections of the WebSocket stage (@connections)',
      statements: [
        new iam.PolicyStatement({
          actions: ['execute-api:ManageConnections'],
          resources: [
            this.formatArn({
              service: 'execute-api',
              resource: this.webSocketApi.apiId,
              resourceName: connections,
            }),
          ],
        }),
      ],
    });
    const api = nagRef(this, this.webSocketApi.node.defaultChild as CfnElement);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(this, 'execute-api', `${api}/${connections}`)}]`,
      reason:
        'Connection ids are created by API Gateway as people connect; the grant is limited to posting to connections of this WebSocket stage.',
    });
    return policy;
  }

  /**
   * Lets `fn` push to browsers: WS_MANAGEMENT_ENDPOINT names this stage's @connections API, and
   * its role gets the PushToConnections policy attached (the grant itself is made once, there).
   *
   * A function of another stack (the visits function in the API stack) reads the API id and the
   * policy's ARN from this stack's exports of fixed name, and its stack is made to deploy after
   * this one. The names are fixed, not CDK's generated ones (which follow construct paths), so
   * that moving a construct does not rename an export the API stack still imports.
   */
  allowPushing(fn: TelevisitFunction): void {
    const consumer = Stack.of(fn);
    const local = consumer === this;
    if (!local) consumer.addStackDependency(this, 'pushes through its WebSocket API');
    const apiId = local ? this.webSocketApi.apiId : this.importedApiId;
    const policy = local
      ? this.pushToConnections
      : iam.ManagedPolicy.fromManagedPolicyArn(
          fn,
          'PushToConnections',
          this.importedPushToConnectionsArn,
        );
    fn.setEnvironment(
      'WS_MANAGEMENT_ENDPOINT',
      `https://${apiId}.execute-api.${consumer.region}.${consumer.urlSuffix}/${realtimeStageName}`,
    ).attachPolicy(policy);
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
