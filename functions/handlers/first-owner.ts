import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import {
  ensureFirstOwner,
  type FirstOwnerDeps,
  type OwnerAccounts,
  type OwnerProfiles,
} from '../accounts/first-owner';
import { dynamoProfileStore } from '../adapters/dynamodb/profile-store';
import { keys, tables } from '../adapters/dynamodb/tables';
import { cognito } from '../platform/aws/cognito';
import {
  ConditionalCheckFailedException,
  documents,
  PutCommand,
  TransactionCanceledException,
} from '../platform/aws/dynamodb';
import { clock } from '../platform/clock';
import { answerCloudFormation, putResponse, type Respond } from '../platform/custom-resource';
import { env } from '../platform/env';
import { logger } from '../platform/logger';

/**
 * Lambda entry for the first-owner custom resource (infra/stacks/first-owner.ts). CloudFormation
 * invokes it directly, asynchronously, and waits for the answer at the event's ResponseURL.
 *
 * Create, and Update with a new owner email, make the clinic's settings and the owner's account
 * and profile where missing (functions/accounts/first-owner.ts). Any other Update changes
 * nothing (the clinic's name, time zone and the owner's name are the app's to change once they
 * exist), and Delete never deletes: the owner and the clinic's records outlive the stack.
 */

/** The custom resource's properties, as infra/stacks/first-owner.ts writes them. */
export interface FirstOwnerProperties {
  OwnerEmail: string;
  OwnerName: string;
  ClinicName: string;
  TimeZone: string;
}

export interface FirstOwnerResult {
  /** The owner's `sub`: a new owner email gives a new id, whose old one CloudFormation then deletes (which does nothing). */
  PhysicalResourceId: string;
  Data: Record<string, string>;
}

const properties = (raw: Record<string, unknown> | undefined): Partial<FirstOwnerProperties> =>
  (raw ?? {}) as Partial<FirstOwnerProperties>;

const sameEmail = (a: string | undefined, b: string | undefined) =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/** The custom resource's work: CloudFormation's event in, its answer out (errors are thrown). */
export async function onEvent(
  event: CloudFormationCustomResourceEvent,
  deps: FirstOwnerDeps,
): Promise<FirstOwnerResult> {
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId, Data: {} };
  }
  const wanted = properties(event.ResourceProperties);
  if (
    event.RequestType === 'Update' &&
    sameEmail(properties(event.OldResourceProperties).OwnerEmail, wanted.OwnerEmail)
  ) {
    return { PhysicalResourceId: event.PhysicalResourceId, Data: {} };
  }
  const outcome = await ensureFirstOwner(
    {
      email: wanted.OwnerEmail ?? '',
      displayName: wanted.OwnerName ?? '',
      clinicName: wanted.ClinicName ?? '',
      timeZone: wanted.TimeZone ?? '',
    },
    deps,
  );
  logger.info('first owner', {
    requestType: event.RequestType,
    sub: outcome.sub,
    settings: outcome.settings,
    account: outcome.account,
    profile: outcome.profile,
  });
  return {
    PhysicalResourceId: outcome.sub,
    Data: {
      OwnerSub: outcome.sub,
      Settings: outcome.settings,
      Account: outcome.account,
      Profile: outcome.profile,
    },
  };
}

/** The clinic settings item (`CLINIC` / `SETTINGS`), put only where there is none. */
const settingsSeed: FirstOwnerDeps['settings'] = {
  async createIfAbsent(settings) {
    try {
      await documents().send(
        new PutCommand({
          TableName: tables.appointments(),
          Item: { ...keys.clinicSettings(), ...settings },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
};

const subOf = (attributes: { Name?: string; Value?: string }[] | undefined) => {
  const sub = attributes?.find((a) => a.Name === 'sub')?.Value;
  if (!sub) throw new Error('Cognito returned no sub');
  return sub;
};

/**
 * The owner's account in the user pool. Unlike the app's staff invitations
 * (adapters/cognito-accounts.ts), Cognito sends its own invitation with the temporary password
 * it generates: at the first deploy SES may still be in its sandbox, and Cognito's default
 * email needs nothing set up.
 */
const ownerAccounts: OwnerAccounts = {
  async find(email) {
    const { client, sdk } = await cognito();
    try {
      const user = await client.send(
        new sdk.AdminGetUserCommand({ UserPoolId: env.userPoolId(), Username: email }),
      );
      return subOf(user.UserAttributes);
    } catch (error) {
      if (error instanceof sdk.UserNotFoundException) return undefined;
      throw error;
    }
  },
  async invite(email) {
    const { client, sdk } = await cognito();
    try {
      const created = await client.send(
        new sdk.AdminCreateUserCommand({
          UserPoolId: env.userPoolId(),
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      return subOf(created.User?.Attributes);
    } catch (error) {
      if (!(error instanceof sdk.UsernameExistsException)) throw error;
      // Made meanwhile: it is the one to use.
      const sub = await this.find(email);
      if (!sub) throw error;
      return sub;
    }
  },
  async addToGroup(email, role) {
    const { client, sdk } = await cognito();
    await client.send(
      new sdk.AdminAddUserToGroupCommand({
        UserPoolId: env.userPoolId(),
        Username: email,
        GroupName: role,
      }),
    );
  },
};

/**
 * The app's own profile store: the profile (condition: none yet) and the owner count
 * (`ADD ownerCount 1`, which makes it 1 where the clinic has no count yet) in one transaction.
 */
const ownerProfiles: OwnerProfiles = {
  async createIfAbsent(profile) {
    try {
      await dynamoProfileStore.create(profile);
      return true;
    } catch (error) {
      const [profileReason] =
        error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (profileReason?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  },
};

export const deployedDeps: FirstOwnerDeps = {
  settings: settingsSeed,
  accounts: ownerAccounts,
  profiles: ownerProfiles,
  now: clock.now,
};

export interface HandlerWiring {
  deps: FirstOwnerDeps;
  respond: Respond;
  /** Waits between tries while IAM still denies (see withNewRoleRetries). */
  retryDelaysMs?: readonly number[];
}

/**
 * The function's role and policy are created in the same deploy, moments before CloudFormation
 * invokes it, and IAM takes a few seconds to apply a new policy everywhere. Every step is
 * idempotent, so a run that was denied is simply run again, for about half a minute.
 */
const accessDeniedDelaysMs = [2_000, 4_000, 8_000, 16_000];

const isAccessDenied = (error: unknown) =>
  error instanceof Error && /^AccessDenied(Exception)?$/.test(error.name);

async function withNewRoleRetries<T>(run: () => Promise<T>, delaysMs: readonly number[]) {
  for (const delayMs of delaysMs) {
    try {
      return await run();
    } catch (error) {
      if (!isAccessDenied(error)) throw error;
      logger.warn('first owner denied, retrying', { delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  return run();
}

/** Answers every event, SUCCESS or FAILED with the reason (answerCloudFormation). */
export function createHandler({
  deps,
  respond,
  retryDelaysMs = accessDeniedDelaysMs,
}: HandlerWiring) {
  return async (
    event: CloudFormationCustomResourceEvent,
    context: Pick<Context, 'logStreamName'>,
  ): Promise<void> =>
    answerCloudFormation(event, context, {
      what: 'first owner',
      work: () => withNewRoleRetries(() => onEvent(event, deps), retryDelaysMs),
      respond,
      failedCreateId: event.RequestId,
    });
}

export const handler = createHandler({ deps: deployedDeps, respond: putResponse });
