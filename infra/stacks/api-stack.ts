import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Construct } from 'constructs';
import { type ContextName, type RouteEntry, routeEntries } from '../../functions/http/route-table';
import { houseLogGroup } from '../constructs/log-settings';
import { TelevisitFunction } from '../constructs/televisit-function';
import { repositoryRoot } from '../paths';
import { AppointmentNotices } from './appointment-notices';
import { contextPermissions, type PermissionSources } from './context-permissions';
import { FirstOwner, type FirstOwnerSettings } from './first-owner';
import { Reminders } from './reminders';

export interface ApiStackProps extends StackProps, PermissionSources {
  throttle: { rateLimit: number; burstLimit: number };
  /** The clinic's first owner (televisit:ownerEmail), made by the deployment; unset, none is. */
  firstOwner?: FirstOwnerSettings | undefined;
}

/** Who called what, and how it ended; no path or query string, so no ids or tokens, no PHI. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    sub: '$context.authorizer.claims.sub',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
    latencyMs: '$context.integrationLatency',
  }),
);

/**
 * The HTTP API behind CloudFront's `/api/*`: one Lambda function per bounded context, one route
 * per entry of routeEntries() (functions/http/route-table.ts), and the Cognito JWT authorizer
 * on exactly the routes that declare roles. Public routes (health, the API document, guest
 * links) have none; their handlers prove the caller themselves.
 */
/**
 * Functions that may wait longer than the house's 10 s: the visits function waits its turn at
 * Chime's pacer (at most 6 s) before a call that is itself given at most 5 s.
 */
const contextTimeouts: Partial<Record<ContextName, Duration>> = { visits: Duration.seconds(15) };

export class ApiStack extends Stack {
  readonly httpApi: apigw.HttpApi;
  readonly functions: ReadonlyMap<ContextName, TelevisitFunction>;
  /** The custom resource that makes the first owner, when televisit:ownerEmail is set. */
  readonly firstOwner?: FirstOwner;
  /** Notices of a changed or cancelled visit, from the appointments table's stream. */
  readonly notices: AppointmentNotices;
  /** Reminders before video visits, a sweep every minute. */
  readonly reminders: Reminders;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { auth } = props;
    this.httpApi = this.createApi(props);
    const authorizer = new HttpJwtAuthorizer(
      'CognitoAuthorizer',
      `https://cognito-idp.${this.region}.amazonaws.com/${auth.userPool.userPoolId}`,
      {
        authorizerName: 'cognito',
        identitySource: ['$request.header.Authorization'],
        jwtAudience: [auth.webClient.userPoolClientId],
      },
    );

    const entries = routeEntries();
    const functions = new Map<ContextName, TelevisitFunction>();
    for (const context of new Set(entries.map((e) => e.context))) {
      const fn = this.contextFunction(context, props);
      functions.set(context, fn);
      const integration = new HttpLambdaIntegration(`${context}-integration`, fn.lambda, {
        payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
        // One invoke permission per function instead of one per route.
        scopePermissionToRoute: false,
      });
      for (const entry of entries.filter((e) => e.context === context)) {
        this.addRoute(entry, integration, authorizer);
      }
      if (context === 'platform') this.addDefaultRoute(integration);
    }
    if (!functions.has('platform')) throw new Error('The platform context answers $default');
    this.functions = functions;
    this.notices = new AppointmentNotices(this, 'AppointmentNotices', props);
    this.reminders = new Reminders(this, 'Reminders', props);
    if (props.firstOwner) {
      this.firstOwner = new FirstOwner(this, 'FirstOwner', {
        ...props.firstOwner,
        data: props.data,
        auth,
      });
    } else {
      Annotations.of(this).addWarningV2(
        'televisit:ownerEmail',
        "No first owner: set televisit:ownerEmail (or TELEVISIT_OWNER_EMAIL) to the clinic owner's email before deploying. Self sign-up is off and every other account is made in the app, so without it nobody can sign in.",
      );
    }
  }

  /**
   * Requests that match no route go to the platform function, which answers 404 in the
   * project's error shape (`route.not_found`) instead of API Gateway's bare `Not Found`, as the
   * local gateway does. No authorizer: a JWT would not make an unknown route exist.
   */
  private addDefaultRoute(integration: HttpLambdaIntegration): void {
    const route = new apigw.HttpRoute(this, 'DefaultRoute', {
      httpApi: this.httpApi,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration,
    });
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The $default route only answers 404 route.not_found for a request that matches no route; it reads nothing and needs no caller.',
    });
  }

  /** The `$default` stage (no path prefix) is created here to give it throttling and logs. */
  private createApi(props: ApiStackProps): apigw.HttpApi {
    const api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `${this.stackName}-http`,
      description: 'Televisit HTTP API, served under /api/* by CloudFront',
      createDefaultStage: false,
    });
    new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(
          houseLogGroup(this, 'AccessLogs', props.data.logSettings),
        ),
        format: accessLogFormat,
      },
    });
    return api;
  }

  private contextFunction(context: ContextName, props: ApiStackProps): TelevisitFunction {
    const entry = `functions/handlers/${context}.ts`;
    if (!existsSync(join(repositoryRoot, entry))) {
      throw new Error(`Context ${context} has routes but no handler module ${entry}`);
    }
    const fn = new TelevisitFunction(this, `${context}-function`, {
      entry,
      description: `Televisit ${context} routes`,
      serviceName: context,
      logs: props.data.logSettings,
      ...(contextTimeouts[context] ? { timeout: contextTimeouts[context] } : {}),
    });
    contextPermissions[context](fn, props);
    return fn;
  }

  private addRoute(
    entry: RouteEntry,
    integration: HttpLambdaIntegration,
    authorizer: HttpJwtAuthorizer,
  ) {
    const method = entry.method as keyof typeof apigw.HttpMethod;
    if (!(method in apigw.HttpMethod)) throw new Error(`Unsupported method ${entry.method}`);
    const [route] = this.httpApi.addRoutes({
      path: entry.path,
      methods: [apigw.HttpMethod[method]],
      integration,
      ...(entry.access.kind === 'roles' ? { authorizer } : {}),
    });
    if (route && entry.access.kind === 'public') {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'A public route by design (health, API document, join links, portal sign-up links): guests and new clients hold no account yet, and link routes check the link token in the handler.',
      });
    }
  }
}
