import type { Mailer } from '../accounts/ports';
import { ses } from '../platform/aws/ses';
import { env, optionalEnv } from '../platform/env';
import { composeMime } from './mime';

/** Sends through SES as a raw MIME message: plain text, HTML, and any attachment (.ics). */
export const sesMailer: Mailer = {
  async send(email) {
    return (await this.prepare(email)).send();
  },
  async prepare(email) {
    const raw = composeMime(env.mailFrom(), email);
    const configurationSet = optionalEnv('SES_CONFIGURATION_SET');
    return {
      async send() {
        const { client, sdk } = await ses();
        const result = await client.send(
          new sdk.SendRawEmailCommand({
            Source: env.mailFrom(),
            Destinations: [email.to],
            RawMessage: { Data: raw },
            // In AWS the configuration set requires TLS to the recipient's mail server.
            ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          }),
        );
        return { messageId: result.MessageId ?? '' };
      },
    };
  },
};
