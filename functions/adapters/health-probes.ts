import { chime } from '../platform/aws/chime';
import { cognito } from '../platform/aws/cognito';
import { DescribeTableCommand, dynamodb } from '../platform/aws/dynamodb';
import { ses } from '../platform/aws/ses';
import { sns } from '../platform/aws/sns';
import { env } from '../platform/env';
import type { HealthComponent, Probe } from '../platform/health';
import { tables } from './dynamodb/tables';

/** Cheap read-only calls that prove each service answers for this deployment. */
export const healthProbes: Record<HealthComponent, Probe> = {
  dynamodb: async () => {
    await dynamodb().send(new DescribeTableCommand({ TableName: tables.appointments() }));
  },
  cognito: async () => {
    const { client, sdk } = await cognito();
    await client.send(new sdk.DescribeUserPoolCommand({ UserPoolId: env.userPoolId() }));
  },
  email: async () => {
    const { client, sdk } = await ses();
    await client.send(new sdk.GetSendQuotaCommand({}));
  },
  sms: async () => {
    const { client, sdk } = await sns();
    await client.send(new sdk.GetSMSAttributesCommand({ attributes: ['DefaultSMSType'] }));
  },
  meetings: async () => {
    // A meeting id that cannot exist: "not found" proves the service answered.
    const { client, sdk } = await chime();
    try {
      await client.send(
        new sdk.GetMeetingCommand({ MeetingId: '00000000-0000-4000-8000-000000000000' }),
      );
    } catch (error) {
      if (error instanceof sdk.NotFoundException) return;
      throw error;
    }
  },
};
