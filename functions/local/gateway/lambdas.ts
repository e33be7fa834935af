import type { ContextName } from '../../http/route-table';

/** A Lambda handler as the gateway calls it: event in, result out. */
// biome-ignore lint/suspicious/noExplicitAny: events of different shapes go to different handlers.
export type LambdaHandler = (event: any, context: LambdaContextLike) => Promise<any>;

export interface LambdaContextLike {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

/**
 * The real handler exports, one per Lambda function of the CDK app. Loaded on first use, after
 * the local stack has set the environment the handlers read.
 */
export const httpHandlers: Record<ContextName, () => Promise<{ handler: LambdaHandler }>> = {
  platform: () => import('../../handlers/platform'),
  accounts: () => import('../../handlers/accounts'),
  scheduling: () => import('../../handlers/scheduling'),
  invitations: () => import('../../handlers/invitations'),
  visits: () => import('../../handlers/visits'),
  booking: () => import('../../handlers/booking'),
};

export const realtimeHandler = (): Promise<{ handler: LambdaHandler }> =>
  import('../../handlers/realtime');
export const meetingEventsHandler = (): Promise<{ handler: LambdaHandler }> =>
  import('../../handlers/meeting-events');
export const visitNewsHandler = (): Promise<{ handler: LambdaHandler }> =>
  import('../../handlers/visit-news');
export const appointmentNoticesHandler = (): Promise<{ handler: LambdaHandler }> =>
  import('../../handlers/appointment-notices');
export const remindersHandler = (): Promise<{ handler: LambdaHandler }> =>
  import('../../handlers/reminders');
export const phoneHandler = (): Promise<{ handler: LambdaHandler }> =>
  import('../../handlers/phone');
export const websocketAuthorizer = (): Promise<{ handler: LambdaHandler }> =>
  import('../../handlers/ws-authorizer');

export function lambdaContext(
  functionName: string,
  requestId: string,
  timeoutMs: number,
): LambdaContextLike {
  const deadline = Date.now() + timeoutMs;
  return {
    awsRequestId: requestId,
    functionName: `televisit-${functionName}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:televisit-${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/televisit-${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Calls a handler with a time limit, as Lambda and API Gateway would cut it off. */
export async function invoke<T>(call: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      call(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('Task timed out')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
