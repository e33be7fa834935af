/** The parts of the SES client the functions use: loaded on first use (see ../lazy.ts). */
export { GetSendQuotaCommand, SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
