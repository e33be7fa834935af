import { describe, expect, it } from 'vitest';
import { realtimeStageName } from '../../infra/stacks/realtime-stack';
import { buildTestApp, logicalId, templateOf } from './test-app';

const { stacks } = buildTestApp();
const realtime = stacks.realtime;
const template = templateOf(realtime);
const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
  (r) => r.Properties,
);
const routeFor = (key: string) => routes.find((r) => r.RouteKey === key);

describe('realtime stack', () => {
  it('has exactly the $connect, $disconnect and $default routes', () => {
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect']);
  });

  it('authorizes $connect with the ws-authorizer function, and no identity source API Gateway would demand', () => {
    const [authorizer, ...more] = Object.values(
      template.findResources('AWS::ApiGatewayV2::Authorizer'),
    );
    expect(more).toEqual([]);
    expect(authorizer?.Properties).toMatchObject({ AuthorizerType: 'REQUEST' });
    // A person connects with ?token=, a guest with ?participant=: naming either as the identity
    // source would make API Gateway answer 401 to the other without asking the authorizer.
    expect(authorizer?.Properties.IdentitySource).toBeUndefined();
    expect(JSON.stringify(authorizer?.Properties.AuthorizerUri)).toContain(
      logicalId(realtime, realtime.functions.authorizer.lambda),
    );
    expect(routeFor('$connect')).toMatchObject({
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: expect.any(String) },
    });
  });

  it('leaves $disconnect and $default without an authorizer (API Gateway allows one only on $connect)', () => {
    expect(routeFor('$disconnect')?.AuthorizationType ?? 'NONE').toBe('NONE');
    expect(routeFor('$default')?.AuthorizationType ?? 'NONE').toBe('NONE');
  });

  it('has a throttled stage with access logs, deployed after the account logging role', () => {
    const stages = template.findResources('AWS::ApiGatewayV2::Stage');
    const [stage] = Object.values(stages);
    expect(stage?.Properties).toMatchObject({
      StageName: realtimeStageName,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: expect.anything(),
        Format: expect.stringContaining('connectionId'),
      },
    });
    expect(stage?.Properties.AccessLogSettings.Format).not.toContain('querystring');
    const [accountId] = Object.keys(template.findResources('AWS::ApiGateway::Account'));
    expect(stage?.DependsOn).toContain(accountId);
  });

  it('holds the realtime function, its authorizer, the meeting-events and the visit-news functions', () => {
    template.resourceCountIs('AWS::Lambda::Function', 4);
    const ids = Object.keys(template.findResources('AWS::Lambda::Function')).sort();
    expect(ids).toEqual(
      Object.values(realtime.functions)
        .map((f) => logicalId(realtime, f.lambda))
        .sort(),
    );
  });

  it('tells the realtime function where to push: the stage callback URL', () => {
    const fn = realtime.functions.realtime.lambda;
    const props = template.toJSON().Resources[logicalId(realtime, fn)].Properties;
    const endpoint = JSON.stringify(props.Environment.Variables.WS_MANAGEMENT_ENDPOINT);
    expect(endpoint).toContain('https://');
    expect(endpoint).toContain(logicalId(realtime, realtime.webSocketApi));
    expect(endpoint).toContain(`/${realtimeStageName}`);
  });

  it('feeds the visit-news function the visit states of the appointments stream, retrying only what failed, into the one dead-letter queue', () => {
    const [mapping] = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mapping?.Properties).toMatchObject({
      FunctionName: { Ref: logicalId(realtime, realtime.functions.visitNews.lambda) },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 60,
      DestinationConfig: {
        OnFailure: {
          Destination: {
            'Fn::GetAtt': [logicalId(realtime, realtime.meetingEvents.deadLetterQueue), 'Arn'],
          },
        },
      },
    });
    // Visit states (the visit's news) and appointments (their provider's schedule), nothing else.
    const filters = mapping?.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) =>
      JSON.parse(f.Pattern),
    );
    expect(filters).toEqual([
      {
        eventName: ['INSERT', 'MODIFY'],
        dynamodb: { Keys: { pk: { S: [{ prefix: 'VISIT#' }] }, sk: { S: ['STATE'] } } },
      },
      {
        eventName: ['INSERT', 'MODIFY'],
        dynamodb: { Keys: { pk: { S: [{ prefix: 'APPT#' }] }, sk: { S: ['APPOINTMENT'] } } },
      },
    ]);
  });
});
