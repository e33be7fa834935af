/** The parts of the SSM client the functions use: loaded on first use (see ../lazy.ts). */
export { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
