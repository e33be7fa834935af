import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  createSipRuleHandler,
  onSipRuleEvent,
  type SipRuleProperties,
  type SipRules,
} from '../../../functions/handlers/sip-rule';

const props: SipRuleProperties = {
  Name: 'televisit-dial-in',
  PhoneNumber: '+12025550100',
  SipMediaApplicationId: 'sma-1',
  Region: 'us-east-1',
};
const base = {
  ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:sip-rule',
  ResponseURL: 'https://example.com/response',
  StackId: 'stack',
  RequestId: 'request',
  LogicalResourceId: 'SipRule',
  ResourceType: 'Custom::TelevisitSipRule',
};
const event = (e: Record<string, unknown>) =>
  ({ ...base, ...e }) as unknown as CloudFormationCustomResourceEvent;

/** Chime's SIP rules as a record of what was asked, with errors to throw on cue. */
function rules(failures: { create?: string[]; disable?: string } = {}) {
  const calls: string[] = [];
  const port: SipRules = {
    async create(rule) {
      calls.push(`create ${rule.PhoneNumber}`);
      const name = failures.create?.shift();
      if (name) throw Object.assign(new Error(name), { name });
      return 'rule-1';
    },
    async update(id, rule) {
      calls.push(`update ${id} ${rule.Name}`);
    },
    async disable(id) {
      calls.push(`disable ${id}`);
      if (failures.disable)
        throw Object.assign(new Error(failures.disable), { name: failures.disable });
    },
    async remove(id) {
      calls.push(`delete ${id}`);
    },
  };
  return { calls, port };
}

describe('the SIP rule custom resource', () => {
  it('creates the rule, trying again while a fresh number is refused', async () => {
    const { calls, port } = rules({ create: ['BadRequestException', 'BadRequestException'] });
    const result = await onSipRuleEvent(
      event({ RequestType: 'Create', ResourceProperties: props }),
      port,
      [0, 0, 0],
    );
    expect(result.PhysicalResourceId).toBe('rule-1');
    expect(calls).toEqual(['create +12025550100', 'create +12025550100', 'create +12025550100']);
  });

  it('does not retry other refusals', async () => {
    const { port } = rules({ create: ['AccessDeniedException'] });
    await expect(
      onSipRuleEvent(event({ RequestType: 'Create', ResourceProperties: props }), port, [0]),
    ).rejects.toThrow('AccessDeniedException');
  });

  it('updates in place for the same number; a new number makes a new rule', async () => {
    const same = rules();
    const renamed = { ...props, Name: 'clinic-dial-in' };
    const kept = await onSipRuleEvent(
      event({
        RequestType: 'Update',
        PhysicalResourceId: 'rule-1',
        ResourceProperties: renamed,
        OldResourceProperties: props,
      }),
      same.port,
    );
    expect(kept.PhysicalResourceId).toBe('rule-1');
    expect(same.calls).toEqual(['update rule-1 clinic-dial-in']);
    const moved = rules();
    await onSipRuleEvent(
      event({
        RequestType: 'Update',
        PhysicalResourceId: 'rule-1',
        ResourceProperties: { ...props, PhoneNumber: '+12025550111' },
        OldResourceProperties: props,
      }),
      moved.port,
    );
    expect(moved.calls).toEqual(['create +12025550111']);
  });

  it('deletes by disabling first; a rule already gone is no failure; a failed Create has nothing', async () => {
    const { calls, port } = rules();
    await onSipRuleEvent(
      event({ RequestType: 'Delete', PhysicalResourceId: 'rule-1', ResourceProperties: props }),
      port,
    );
    expect(calls).toEqual(['disable rule-1', 'delete rule-1']);
    const gone = rules({ disable: 'NotFoundException' });
    await onSipRuleEvent(
      event({ RequestType: 'Delete', PhysicalResourceId: 'rule-1', ResourceProperties: props }),
      gone.port,
    );
    expect(gone.calls).toEqual(['disable rule-1', 'delete rule-1']);
    const never = rules();
    await onSipRuleEvent(
      event({
        RequestType: 'Delete',
        PhysicalResourceId: 'sip-rule-not-created',
        ResourceProperties: props,
      }),
      never.port,
    );
    expect(never.calls).toEqual([]);
  });

  it('answers CloudFormation either way, with the reason of a failure', async () => {
    const answers: { Status: string; Reason?: string; PhysicalResourceId: string }[] = [];
    const respond = async (_url: string, answer: (typeof answers)[number]) => {
      answers.push(answer);
    };
    const ok = createSipRuleHandler(rules().port, respond, [0]);
    await ok(event({ RequestType: 'Create', ResourceProperties: props }), { logStreamName: 'l' });
    const failing = createSipRuleHandler(
      rules({ create: ['AccessDeniedException'] }).port,
      respond,
      [0],
    );
    await failing(event({ RequestType: 'Create', ResourceProperties: props }), {
      logStreamName: 'l',
    });
    expect(answers.map((a) => [a.Status, a.PhysicalResourceId])).toEqual([
      ['SUCCESS', 'rule-1'],
      ['FAILED', 'sip-rule-not-created'],
    ]);
    expect(answers[1]?.Reason).toContain('AccessDeniedException');
  });
});
