import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Mailer } from '../accounts/ports';
import { ses } from '../platform/aws/ses';
import { env, optionalEnv } from '../platform/env';

/** Sends through SES as a raw MIME message: plain text, HTML, and any attachment (.ics). */
export const sesMailer: Mailer = {
  async send(email) {
    return (await this.prepare(email)).send();
  },
  async prepare(email) {
    const raw = await new MailComposer({
      from: env.mailFrom(),
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: email.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    })
      .compile()
      .build();
    const configurationSet = optionalEnv('SES_CONFIGURATION_SET');
    return {
      async send() {
        const result = await ses().send(
          new SendRawEmailCommand({
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
