/** The parts of the KMS client the functions use: loaded on first use (see ../lazy.ts). */
export { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
