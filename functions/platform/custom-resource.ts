import { request } from 'node:https';
import type { CloudFormationCustomResourceResponse, Context } from 'aws-lambda';

/**
 * What a custom resource's function needs to answer CloudFormation itself (no provider
 * framework in between): the answer put to the event's pre-signed ResponseURL, and a reason
 * short enough for it.
 */

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
