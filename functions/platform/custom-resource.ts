import { request } from 'node:https';
import type {
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceResponse,
  Context,
} from 'aws-lambda';
import { logger } from './logger';

/**
 * What a custom resource's function needs to answer CloudFormation itself (no provider
 * framework in between): the answer put to the event's pre-signed ResponseURL, and a reason
 * short enough for it.
 */

export type Respond = (
  url: string,
  response: CloudFormationCustomResourceResponse,
) => Promise<void>;

/**
 * Runs a custom resource's work and answers CloudFormation either way: SUCCESS with the work's
 * result, or FAILED with the reason (and, for a Create, `failedCreateId` as the physical id,
 * which the Delete that follows will see). Only a failure to deliver the answer is thrown, so
 * that Lambda retries the (idempotent) event, and after its retries puts it in the dead-letter
 * queue.
 */
export async function answerCloudFormation(
  event: CloudFormationCustomResourceEvent,
  context: Pick<Context, 'logStreamName'>,
  options: {
    /** Names the resource in the logs. */
    what: string;
    work: () => Promise<{ PhysicalResourceId: string; Data: Record<string, string> }>;
    respond: Respond;
    failedCreateId: string;
  },
): Promise<void> {
  const common = {
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  let response: CloudFormationCustomResourceResponse;
  try {
    response = { ...common, Status: 'SUCCESS', ...(await options.work()) };
  } catch (error) {
    logger.error(`${options.what} failed`, {
      requestType: event.RequestType,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    response = {
      ...common,
      Status: 'FAILED',
      Reason: reasonOf(error, context),
      PhysicalResourceId:
        event.RequestType === 'Create' ? options.failedCreateId : event.PhysicalResourceId,
    };
  }
  await options.respond(event.ResponseURL, response);
}

/** CloudFormation reads at most 4 KB of answer; a reason is kept well under that. */
export function reasonOf(error: unknown, context: Pick<Context, 'logStreamName'>): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const short = message.length > 800 ? `${message.slice(0, 800)}…` : message;
  return `${short} (log stream ${context.logStreamName})`;
}

/** Puts the answer to the pre-signed S3 URL CloudFormation waits on. */
export function putResponse(url: string, response: CloudFormationCustomResourceResponse) {
  const body = JSON.stringify(response);
  return new Promise<void>((resolve, reject) => {
    const put = request(
      url,
      {
        method: 'PUT',
        // The URL is signed for no content type.
        headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
        timeout: 10_000,
      },
      (answer) => {
        answer.resume();
        answer.on('end', () => {
          const status = answer.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`CloudFormation's response URL answered ${status}`));
        });
      },
    );
    put.on('timeout', () => put.destroy(new Error("CloudFormation's response URL timed out")));
    put.on('error', reject);
    put.end(body);
  });
}
