/** The parts of the SNS client the functions use: loaded on first use (see ../lazy.ts). */
export { GetSMSAttributesCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
