import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiContentSecurityPolicy, webHeaders } from '../../infra/schema/web-headers';
import { buildTestApp, logicalId, templateOf } from './test-app';

const { app, stacks } = buildTestApp();
const web = stacks.web;
const template = templateOf(web);
const resources = template.toJSON().Resources;
const bucketIds = Object.keys(template.findResources('AWS::S3::Bucket'));
const webBucketId = bucketIds.find((id) => id.startsWith('WebBucket')) ?? '';
const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
const config = distribution?.Properties.DistributionConfig;
const behavior = (pattern: string) =>
  config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === pattern);

// Managed CloudFront policies, by their fixed ids.
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('web stack', () => {
  it.each(bucketIds)('keeps bucket %s private, encrypted, versioned and TLS-only', (id) => {
    const props = resources[id].Properties;
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.BucketEncryption).toBeDefined();
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === id,
    );
    expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('logs access to the web bucket into the log bucket', () => {
    const logBucketId = bucketIds.find((id) => id !== webBucketId);
    expect(resources[webBucketId].Properties.LoggingConfiguration.DestinationBucketName).toEqual({
      Ref: logBucketId,
    });
  });

  it('lets only this CloudFront distribution read the web bucket, through Origin Access Control', () => {
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === webBucketId,
    );
    const allows = policy?.Properties.PolicyDocument.Statement.filter(
      (s: { Effect: string }) => s.Effect === 'Allow',
    );
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    expect(JSON.stringify(allows[0].Condition)).toContain(logicalId(web, web.distribution));

    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const s3Origin = config.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
  });

  it('forwards /api/* to the HTTP API uncached, with every method and the viewer headers', () => {
    const api = behavior('/api/*');
    expect(api).toMatchObject({
      CachePolicyId: cachingDisabled,
      OriginRequestPolicyId: allViewerExceptHostHeader,
      ViewerProtocolPolicy: 'https-only',
    });
    expect([...api.AllowedMethods].sort()).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'PATCH',
      'POST',
      'PUT',
    ]);
    const origin = config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toContain(logicalId(stacks.api, stacks.api.httpApi));
    expect(origin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
  });

  it('serves the app shell through the SPA routing function, and no error page hides API errors', () => {
    expect(config.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(config.CustomErrorResponses).toBeUndefined();
    const [fn] = Object.values(template.findResources('AWS::CloudFront::Function'));
    const handler = new Function(`${fn?.Properties.FunctionCode}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri: string };
    const uriFor = (uri: string) => handler({ request: { uri } }).uri;
    expect(uriFor('/visits/abc123')).toBe('/index.html');
    expect(uriFor('/')).toBe('/index.html');
    expect(uriFor('/config.json')).toBe('/config.json');
    expect(uriFor('/_app/immutable/entry/start.js')).toBe('/_app/immutable/entry/start.js');
  });

  it('sends security headers on every behavior', () => {
    const policies = Object.values(
      template.findResources('AWS::CloudFront::ResponseHeadersPolicy'),
    );
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      expect(headers.StrictTransportSecurity).toMatchObject({
        AccessControlMaxAgeSec: 63072000,
        IncludeSubdomains: true,
      });
      expect(headers.FrameOptions.FrameOption).toBe('DENY');
      expect(headers.ContentTypeOptions).toBeDefined();
    }
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(b.ResponseHeadersPolicyId).toBeDefined();
  });

  it('sends the shared policy: scripts only from the app, connections only where it calls, API answers never stored', () => {
    const configs = Object.values(
      template.findResources('AWS::CloudFront::ResponseHeadersPolicy'),
    ).map((p) => p.Properties.ResponseHeadersPolicyConfig);
    const csp = (c: (typeof configs)[number]) =>
      JSON.stringify(c.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    const cacheOf = (c: (typeof configs)[number]) =>
      c.CustomHeadersConfig.Items.find((h: { Header: string }) => h.Header === 'Cache-Control')
        ?.Value;
    const api = configs.find((c) => cacheOf(c) === 'no-store');
    expect(api && csp(api)).toBe(JSON.stringify(apiContentSecurityPolicy));
    const apps = configs.filter((c) => c !== api);
    expect(apps.map(cacheOf).sort()).toEqual(
      [webHeaders('appShell')['Cache-Control'], webHeaders('immutable')['Cache-Control']].sort(),
    );
    for (const app of apps) {
      // The WebSocket API's address is a token resolved at deploy time: it is joined in.
      expect(csp(app)).toContain("script-src 'self'; ");
      expect(csp(app)).toContain('connect-src');
      expect(csp(app)).toContain('wss://');
      expect(csp(app)).toContain('https://cognito-idp.us-east-1.amazonaws.com');
    }
  });

  it('publishes config.json with the public settings the web app needs', () => {
    const directory = app.synth().directory;
    const asset = readdirSync(directory).find((name) => {
      try {
        return readdirSync(join(directory, name)).includes('config.json');
      } catch {
        return false;
      }
    });
    const published = JSON.parse(readFileSync(join(directory, asset ?? '', 'config.json'), 'utf8'));
    expect(Object.keys(published).sort()).toEqual(
      [
        'apiUrl',
        'cognitoEndpoint',
        'localMode',
        'region',
        'userPoolClientId',
        'userPoolId',
        'wsUrl',
      ].sort(),
    );
    expect(published).toMatchObject({
      region: 'us-east-1',
      apiUrl: '/api',
      cognitoEndpoint: 'https://cognito-idp.us-east-1.amazonaws.com/',
      localMode: false,
    });
    expect(published.wsUrl).toMatch(/^wss:\/\/.+\/live$/);
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    const markers = JSON.stringify(deployment?.Properties.SourceMarkers);
    expect(markers).toContain(logicalId(stacks.auth, stacks.auth.userPool));
    expect(markers).toContain(logicalId(stacks.auth, stacks.auth.webClient));
  });

  it("writes the app's address to the parameter the API functions read by name", () => {
    const parameters = Object.values(template.findResources('AWS::SSM::Parameter'));
    expect(parameters).toHaveLength(1);
    expect(parameters[0]?.Properties).toMatchObject({ Name: '/Televisit/app-url', Type: 'String' });
    expect(parameters[0]?.Properties.Value).toEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [logicalId(web, web.distribution), 'DomainName'] }],
      ],
    });
    const apiFunctions = [...stacks.api.functions.values()].map((f) =>
      JSON.stringify(templateOf(stacks.api).toJSON().Resources[logicalId(stacks.api, f.lambda)]),
    );
    expect(apiFunctions.some((f) => f.includes('"APP_URL_PARAMETER":"/Televisit/app-url"'))).toBe(
      true,
    );
  });

  it("writes no app URL parameter with the clinic's own domain: the functions are told it", () => {
    const custom = buildTestApp({
      customDomain: {
        domainName: 'visits.clinic.example',
        certificateArn:
          'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
      },
    });
    templateOf(custom.stacks.web).resourceCountIs('AWS::SSM::Parameter', 0);
    expect(custom.stacks.web.appUrlParameter).toBeUndefined();
  });

  it("requires TLS 1.2 from viewers when the clinic's own domain is configured", () => {
    const custom = buildTestApp({
      customDomain: {
        domainName: 'visits.clinic.example',
        certificateArn:
          'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
      },
    });
    const props = templateOf(custom.stacks.web).findResources('AWS::CloudFront::Distribution');
    const customConfig = Object.values(props)[0]?.Properties.DistributionConfig;
    expect(customConfig.Aliases).toEqual(['visits.clinic.example']);
    expect(customConfig.ViewerCertificate).toMatchObject({
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });
});
