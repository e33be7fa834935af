import type { SmsSender } from '../invitations/ports';
import { sns } from '../platform/aws/sns';

/** Transactional SMS through SNS, straight to an E.164 number (no topic). */
export const snsSms: SmsSender = {
  async send(phoneNumber, text) {
    const { client, sdk } = await sns();
    const result = await client.send(
      new sdk.PublishCommand({
        PhoneNumber: phoneNumber,
        Message: text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        },
      }),
    );
    return { messageId: result.MessageId ?? '' };
  },
};
