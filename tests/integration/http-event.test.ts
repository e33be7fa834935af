import { request } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import documented from '../fixtures/http-api-v2-event.json';
import { accessTokenFor } from '../helpers/auth';
import { stack } from '../helpers/local-stack';

/** The shape of a value: the keys of objects (recursively) and the type of everything else. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [
          k,
          ['claims', 'headers', 'pathParameters', 'queryStringParameters'].includes(k)
            ? 'map'
            : shape(v),
        ])
        .sort(),
    );
  }
  return typeof value;
}

/** The event the gateway would hand to a Lambda, as JSON. */
type Echoed = APIGatewayProxyEventV2WithJWTAuthorizer;

async function echo(path: string, init: RequestInit = {}) {
  const response = await fetch(`${stack().url}/_local/echo/${path}`, init);
  return { status: response.status, event: (await response.json()) as Echoed };
}

describe('HTTP API events (payload format 2.0)', () => {
  it('has exactly the documented shape, field by field', async () => {
    // Prepare: a request with everything the documented example carries.
    const token = await accessTokenFor('dr.lee@demo.test');
    // Act
    const { status, event } = await echo(
      'private/item-1?parameter1=value1&parameter1=value2&parameter2=value',
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          cookie: 'cookie1=a; cookie2=b',
          'content-type': 'text/plain',
          'user-agent': 'agent',
        },
        body: 'Hello from Lambda',
      },
    );
    // Assess
    expect(status).toBe(200);
    expect(shape(event)).toEqual(shape(documented));
    expect(event.version).toBe('2.0');
    expect(event.rawPath).toBe('/_local/echo/private/item-1');
    expect(event.rawQueryString).toBe('parameter1=value1&parameter1=value2&parameter2=value');
    expect(event.queryStringParameters).toEqual({
      parameter1: 'value1,value2',
      parameter2: 'value',
    });
    expect(event.cookies).toEqual(['cookie1=a', 'cookie2=b']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['content-type']).toBe('text/plain');
    expect(event.pathParameters).toEqual({ scope: 'private', item: 'item-1' });
    expect(event.body).toBe('Hello from Lambda');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext.http).toMatchObject({
      method: 'POST',
      path: '/_local/echo/private/item-1',
      protocol: 'HTTP/1.1',
      userAgent: 'agent',
    });
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(event.requestContext.stage).toBe('$default');
  });

  it('renders JWT claims as API Gateway does: every value a string, arrays as "[a b]"', async () => {
    const token = await accessTokenFor('dr.lee@demo.test');
    const { event } = await echo('private/x', { headers: { authorization: `Bearer ${token}` } });
    const claims = event.requestContext.authorizer.jwt.claims;
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
    expect(claims['cognito:groups']).toBe('[provider]');
    expect(claims.token_use).toBe('access');
    expect(claims.client_id).toBe(stack().userPoolClientId);
    expect(event.requestContext.authorizer.jwt.scopes).toEqual(['aws.cognito.signin.user.admin']);
  });

  it('joins repeated header lines with commas and base64-encodes binary bodies', async () => {
    // Prepare: two separate header lines, which fetch would merge before sending.
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    // Act
    const event = await new Promise<Echoed>((resolve, reject) => {
      const req = request(`${stack().url}/_local/echo/public/binary`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', 'x-repeated': ['one', 'two'] },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
      });
      req.on('error', reject);
      req.end(bytes);
    });
    // Assess
    expect(event.headers['x-repeated']).toBe('one,two');
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  it('leaves out query, path parameters, cookies and body when the request has none', async () => {
    const { event } = await echo('public/plain');
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.cookies).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(event.rawQueryString).toBe('');
  });
});
