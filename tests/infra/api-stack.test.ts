import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { platformApp } from '../../functions/http/apps/platform';
import { routeEntries } from '../../functions/http/route-table';
import { buildTestApp, logicalId, templateOf } from './test-app';

const { stacks } = buildTestApp();
const api = stacks.api;
const template = templateOf(api);
const entries = routeEntries();
const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
  (r) => r.Properties,
);
const routeFor = (key: string) => routes.find((r) => r.RouteKey === key);

describe('api stack', () => {
  it('has one route per entry of routeEntries(), $default, and no other', () => {
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      [...entries.map((e) => `${e.method} ${e.path}`), '$default'].sort(),
    );
  });

  it('sends requests that match no route to the platform function, with no authorizer', () => {
    // The platform app answers them 404 route.not_found, in the project's error shape.
    const route = routeFor('$default');
    expect(route?.AuthorizationType).toBe('NONE');
    expect(route?.AuthorizerId).toBeUndefined();
    const integrationId = route?.Target['Fn::Join'][1][1].Ref;
    const integration = template.toJSON().Resources[integrationId]?.Properties;
    expect(integration?.PayloadFormatVersion).toBe('2.0');
    const platform = api.functions.get('platform');
    if (!platform) throw new Error('no platform function');
    expect(JSON.stringify(integration?.IntegrationUri)).toContain(logicalId(api, platform.lambda));
  });

  it('relies on the platform app to answer an unknown route 404 route.not_found', async () => {
    const response = await platformApp.request('/api/no-such-route', { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'route.not_found' } });
  });

  it('has a JWT authorizer on the Cognito user pool, for the web client', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const [authorizer] = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    const props = authorizer?.Properties;
    expect(props.AuthorizerType).toBe('JWT');
    expect(props.IdentitySource).toEqual(['$request.header.Authorization']);
    const poolId = logicalId(stacks.auth, stacks.auth.userPool);
    const clientId = logicalId(stacks.auth, stacks.auth.webClient);
    expect(JSON.stringify(props.JwtConfiguration.Issuer)).toMatch(
      new RegExp(`https://cognito-idp\\.us-east-1\\.amazonaws\\.com/.*${poolId}`),
    );
    expect(JSON.stringify(props.JwtConfiguration.Audience)).toContain(clientId);
  });

  describe.each(entries.map((e) => [`${e.method} ${e.path}`, e] as const))(
    'route %s',
    (key, entry) => {
      it(
        entry.access.kind === 'roles' ? 'requires a valid JWT' : 'is public: no authorizer',
        () => {
          const route = routeFor(key);
          if (entry.access.kind === 'roles') {
            expect(route?.AuthorizationType).toBe('JWT');
            expect(route?.AuthorizerId).toBeDefined();
          } else {
            expect(route?.AuthorizationType).toBe('NONE');
            expect(route?.AuthorizerId).toBeUndefined();
          }
        },
      );

      it(`goes to the ${entry.context} function with payload format 2.0`, () => {
        const fn = api.functions.get(entry.context);
        if (!fn) throw new Error(`no function for ${entry.context}`);
        // Target is {"Fn::Join": ["", ["integrations/", {"Ref": "<integration>"}]]}.
        const integrationId = routeFor(key)?.Target['Fn::Join'][1][1].Ref;
        const integration = template.toJSON().Resources[integrationId]?.Properties;
        expect(integration?.PayloadFormatVersion).toBe('2.0');
        expect(JSON.stringify(integration?.IntegrationUri)).toContain(logicalId(api, fn.lambda));
      });
    },
  );

  it('refers to the data and auth stacks through CloudFormation exports (strong references)', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).toContain('Fn::ImportValue');
    // A weak reference reads the producer's output with Fn::GetStackOutput and protects nothing.
    expect(json).not.toContain('Fn::GetStackOutput');
  });

  it('has one function per context, each from functions/handlers/<context>.ts, and the notices and reminders ones', () => {
    const contexts = [...new Set(entries.map((e) => e.context))].sort();
    expect([...api.functions.keys()].sort()).toEqual(contexts);
    // Beside the contexts, the appointments stream's notices function (appointment-notices.ts)
    // and the reminders sweep (reminders.ts).
    template.resourceCountIs('AWS::Lambda::Function', contexts.length + 2);
  });

  it('runs every function on Node.js 22, arm64, with tracing, and without source maps (they slow every start)', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
      expect(fn.Properties.Environment.Variables.SERVICE_NAME).toEqual(expect.any(String));
    }
  });

  it('throttles the default stage and writes access logs to an encrypted, expiring log group', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('requestId'),
      },
    });
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.KmsKeyId).toBeDefined();
      expect(group.Properties.RetentionInDays).toBe(365);
    }
  });
});
