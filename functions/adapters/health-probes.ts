import { GetMeetingCommand, NotFoundException } from '@aws-sdk/client-chime-sdk-meetings';
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetSendQuotaCommand } from '@aws-sdk/client-ses';
import { GetSMSAttributesCommand } from '@aws-sdk/client-sns';
import { chime } from '../platform/aws/chime';
import { cognito } from '../platform/aws/cognito';
import { dynamodb } from '../platform/aws/dynamodb';
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
    await cognito().send(new DescribeUserPoolCommand({ UserPoolId: env.userPoolId() }));
  },
  email: async () => {
    await ses().send(new GetSendQuotaCommand({}));
  },
  sms: async () => {
    await sns().send(new GetSMSAttributesCommand({ attributes: ['DefaultSMSType'] }));
  },
  meetings: async () => {
    // A meeting id that cannot exist: "not found" proves the service answered.
    try {
      await chime().send(
        new GetMeetingCommand({ MeetingId: '00000000-0000-4000-8000-000000000000' }),
      );
    } catch (error) {
      if (error instanceof NotFoundException) return;
      throw error;
    }
  },
};
