import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { type AppConnections, webHeaders } from '../schema/web-headers';

/**
 * Security headers on every response, from the one definition the local gateway also serves
 * (infra/schema/web-headers.ts).
 */
function securityHeaders(
  scope: Construct,
  id: string,
  kind: 'appShell' | 'immutable' | 'api',
  connections: AppConnections,
): cloudfront.ResponseHeadersPolicy {
  const headers = webHeaders(kind, connections);
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: 'Televisit security headers',
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(730),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: {
        referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        override: true,
      },
      contentSecurityPolicy: {
        contentSecurityPolicy: headers['Content-Security-Policy'] ?? '',
        override: true,
      },
    },
    customHeadersBehavior: {
      customHeaders: ['Permissions-Policy', 'Cache-Control'].map((header) => ({
        header,
        value: headers[header] ?? '',
        override: true,
      })),
    },
  });
}

/**
 * The single-page app's routing: a path whose last segment has no file extension is a page of
 * the app, so CloudFront serves index.html for it. This is done per request on the app's
 * behavior rather than with distribution-wide 403/404 error pages, because those would also
 * rewrite the API's own 403 and 404 answers into a 200 index.html.
 */
function spaRoutingFunction(scope: Construct): cloudfront.Function {
  return new cloudfront.Function(scope, 'SpaRouting', {
    comment: 'Serves index.html for app routes',
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`),
  });
}

/**
 * The viewer's address, set by the edge on every API request whatever the client sent: the
 * functions count per-client limits by it (functions/http/limits.ts, `x-televisit-client`).
 * API Gateway itself only sees CloudFront's address.
 */
function clientAddressFunction(scope: Construct): cloudfront.Function {
  return new cloudfront.Function(scope, 'ClientAddress', {
    comment: "Passes the viewer's address to the API",
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  request.headers['x-televisit-client'] = { value: event.viewer.ip };
  return request;
}`),
  });
}

/**
 * The app shell (index.html, config.json, favicon) is revalidated with S3 on every request, so a
 * deploy shows at once without a CloudFront invalidation; hashed files have their own behavior.
 */
function appShellCachePolicy(scope: Construct): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, 'AppShellCache', {
    comment: 'Televisit app shell: always revalidated',
    defaultTtl: Duration.seconds(0),
    minTtl: Duration.seconds(0),
    maxTtl: Duration.days(1),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/**
 * How CloudFront serves each path: the app shell through the SPA routing function and always
 * revalidated, content-hashed files cached for a year, and `/api/*` passed to the HTTP API
 * uncached with the viewer's headers (Authorization included, allowed because caching is off).
 */
export function behaviors(
  scope: Construct,
  s3Origin: cloudfront.IOrigin,
  apiOrigin: cloudfront.IOrigin,
  connections: AppConnections,
): Pick<cloudfront.DistributionProps, 'defaultBehavior' | 'additionalBehaviors'> {
  return {
    defaultBehavior: {
      origin: s3Origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: appShellCachePolicy(scope),
      // index.html and config.json must be fetched fresh after every deploy.
      responseHeadersPolicy: securityHeaders(scope, 'AppHeaders', 'appShell', connections),
      functionAssociations: [
        {
          eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
          function: spaRoutingFunction(scope),
        },
      ],
    },
    additionalBehaviors: {
      '/_app/immutable/*': {
        origin: s3Origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders(scope, 'ImmutableHeaders', 'immutable', connections),
      },
      '/api/*': {
        origin: apiOrigin,
        // Redirecting an API POST would drop its body; plain HTTP is simply refused.
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: securityHeaders(scope, 'ApiHeaders', 'api', connections),
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: clientAddressFunction(scope),
          },
        ],
      },
    },
  };
}
