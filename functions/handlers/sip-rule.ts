import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { voice } from '../platform/aws/voice';
import { answerCloudFormation, putResponse, type Respond } from '../platform/custom-resource';
import { logger } from '../platform/logger';

/**
 * Lambda entry for the SIP rule custom resource (infra/stacks/sip-rule.ts): the rule that sends
 * calls to the clinic's number to its SIP media application. CloudFormation has no resource
 * for it. Create makes the rule (retrying while a freshly ordered number is not usable yet, which
 * takes up to about 100 seconds); Update renames it or points it elsewhere (a new number makes
 * a new rule, and CloudFormation then deletes the old one); Delete disables the rule and then
 * deletes it, as Chime requires. The number itself is never touched: it stays the clinic's.
 */

/** The custom resource's properties, as infra/stacks/sip-rule.ts writes them. */
export interface SipRuleProperties {
  Name: string;
  PhoneNumber: string;
  SipMediaApplicationId: string;
  Region: string;
}

/** Port: Chime SDK voice's SIP rules. */
export interface SipRules {
  create(rule: SipRuleProperties): Promise<string>;
  update(id: string, rule: SipRuleProperties): Promise<void>;
  disable(id: string, rule: SipRuleProperties): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The physical id of a Create that failed: its Delete has nothing to remove. */
const notCreated = 'sip-rule-not-created';
/** A new number is refused for a while after its order: try again for about 100 s. */
const freshNumberDelaysMs = Array.from({ length: 10 }, () => 10_000);

const propertiesOf = (raw: Record<string, unknown> | undefined) =>
  (raw ?? {}) as unknown as SipRuleProperties;

export async function onSipRuleEvent(
  event: CloudFormationCustomResourceEvent,
  rules: SipRules,
  delaysMs: readonly number[] = freshNumberDelaysMs,
): Promise<{ PhysicalResourceId: string; Data: Record<string, string> }> {
  const wanted = propertiesOf(event.ResourceProperties);
  if (event.RequestType === 'Delete') {
    const id = event.PhysicalResourceId;
    if (id !== notCreated) {
      const old = propertiesOf(event.ResourceProperties);
      await gone(() => rules.disable(id, old));
      await gone(() => rules.remove(id));
    }
    return { PhysicalResourceId: id, Data: {} };
  }
  if (
    event.RequestType === 'Update' &&
    propertiesOf(event.OldResourceProperties).PhoneNumber === wanted.PhoneNumber
  ) {
    await rules.update(event.PhysicalResourceId, wanted);
    return { PhysicalResourceId: event.PhysicalResourceId, Data: {} };
  }
  const id = await whileNumberIsFresh(() => rules.create(wanted), delaysMs);
  return { PhysicalResourceId: id, Data: { SipRuleId: id } };
}

/** A rule deleted already (by hand, or by an earlier try of this Delete) is no failure. */
async function gone(step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof Error && error.name === 'NotFoundException')) throw error;
  }
}

async function whileNumberIsFresh<T>(run: () => Promise<T>, delaysMs: readonly number[]) {
  for (const delayMs of delaysMs) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof Error && error.name === 'BadRequestException')) throw error;
      logger.warn('the number is not usable yet, retrying', { delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  return run();
}

const targets = (rule: SipRuleProperties) => [
  { SipMediaApplicationId: rule.SipMediaApplicationId, Priority: 1, AwsRegion: rule.Region },
];

const chimeSipRules: SipRules = {
  async create(rule) {
    const { client, sdk } = await voice();
    const made = await client.send(
      new sdk.CreateSipRuleCommand({
        Name: rule.Name,
        TriggerType: 'ToPhoneNumber',
        TriggerValue: rule.PhoneNumber,
        TargetApplications: targets(rule),
      }),
    );
    const id = made.SipRule?.SipRuleId;
    if (!id) throw new Error('Chime made a SIP rule without an id');
    return id;
  },
  async update(id, rule) {
    const { client, sdk } = await voice();
    await client.send(
      new sdk.UpdateSipRuleCommand({
        SipRuleId: id,
        Name: rule.Name,
        TargetApplications: targets(rule),
      }),
    );
  },
  async disable(id, rule) {
    const { client, sdk } = await voice();
    await client.send(
      new sdk.UpdateSipRuleCommand({ SipRuleId: id, Name: rule.Name, Disabled: true }),
    );
  },
  async remove(id) {
    const { client, sdk } = await voice();
    await client.send(new sdk.DeleteSipRuleCommand({ SipRuleId: id }));
  },
};

/** Answers every event, SUCCESS or FAILED with the reason (answerCloudFormation). */
export function createSipRuleHandler(
  rules: SipRules,
  respond: Respond,
  delaysMs?: readonly number[],
) {
  return async (
    event: CloudFormationCustomResourceEvent,
    context: Pick<Context, 'logStreamName'>,
  ): Promise<void> =>
    answerCloudFormation(event, context, {
      what: 'SIP rule',
      work: () => onSipRuleEvent(event, rules, delaysMs),
      respond,
      failedCreateId: notCreated,
    });
}

export const handler = createSipRuleHandler(chimeSipRules, putResponse);
