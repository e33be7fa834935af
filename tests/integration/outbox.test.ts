import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { localCredentials, stack } from '../helpers/local-stack';
import { outbox } from '../helpers/outbox';

describe('the outbox page', () => {
  it('lists emails and SMS together, newest first, whichever kind came last', async () => {
    // Prepare: the endpoint the handlers send through (their ENDPOINT_SES and ENDPOINT_SNS).
    const endpoint = stack().env.ENDPOINT_SES ?? '';
    expect(endpoint).toBe(`${stack().url}/_send`);
    expect(stack().env.ENDPOINT_SNS).toBe(endpoint);
    const ses = new SESClient({ region: 'us-east-1', endpoint, credentials: localCredentials });
    const sns = new SNSClient({ region: 'us-east-1', endpoint, credentials: localCredentials });
    const tag = Date.now();
    const sms = (text: string) =>
      sns.send(new PublishCommand({ PhoneNumber: '+12025550123', Message: text }));
    const email = (subject: string) =>
      ses.send(
        new SendEmailCommand({
          Source: stack().env.MAIL_FROM,
          Destination: { ToAddresses: [`order.${tag}@example.com`] },
          Message: { Subject: { Data: subject }, Body: { Text: { Data: subject } } },
        }),
      );
    // Act: an SMS, then an email, then another SMS, a few milliseconds apart.
    await sms(`first ${tag}`);
    await new Promise((r) => setTimeout(r, 20));
    await email(`second ${tag}`);
    await new Promise((r) => setTimeout(r, 20));
    await sms(`third ${tag}`);
    // Assess
    const mine = (await outbox())
      .map((m) => m.subject ?? m.text)
      .filter((text) => text.endsWith(` ${tag}`));
    expect(mine).toEqual([`third ${tag}`, `second ${tag}`, `first ${tag}`]);
  });
});
