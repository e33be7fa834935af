import { ssm } from './aws/ssm';
import { optionalEnv, requiredEnv } from './env';

let fromParameter: Promise<string> | undefined;

/**
 * The web app's public address, for links in emails and SMS. Set directly (APP_URL) when it is
 * known before deployment (a custom domain, or the local stack); otherwise the web stack writes
 * the CloudFront address to an SSM parameter (APP_URL_PARAMETER), read once per instance. The
 * API stack cannot take it from the web stack directly: the web stack depends on the API.
 */
export function appUrl(): Promise<string> {
  const direct = optionalEnv('APP_URL');
  if (direct) return Promise.resolve(direct);
  fromParameter ??= ssm()
    .then(({ client, sdk }) =>
      client.send(new sdk.GetParameterCommand({ Name: requiredEnv('APP_URL_PARAMETER') })),
    )
    .then((result) => {
      const value = result.Parameter?.Value;
      if (!value) throw new Error('The app URL parameter is empty');
      return value;
    })
    .catch((error: unknown) => {
      fromParameter = undefined;
      throw error;
    });
  return fromParameter;
}
