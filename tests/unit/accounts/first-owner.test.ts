import type {
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceResponse,
} from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  ensureFirstOwner,
  type FirstOwnerDeps,
  type FirstOwnerInput,
} from '../../../functions/accounts/first-owner';
import { createHandler } from '../../../functions/handlers/first-owner';
import type { UserProfile } from '../../../functions/identity/actor';
import { defaultClinicSettings } from '../../../functions/scheduling/clinic';

/**
 * In-memory stand-ins for the three ports: a user pool (accounts by email, their groups, and
 * whether Cognito sent its invitation), and the appointments table's clinic items and profiles
 * with the same conditions as the real writes.
 */
class FakeClinic {
  readonly users = new Map<string, { sub: string; groups: Set<string>; invited: boolean }>();
  settings: Record<string, unknown> | undefined;
  ownerCount: number | undefined;
  readonly profiles = new Map<string, UserProfile>();
  readonly calls: string[] = [];
  /** Fails the next call of this name once, as a crash part way would. */
  failOnce = new Map<string, Error>();
  private nextSub = 1;

  private call(name: string) {
    this.calls.push(name);
    const failure = this.failOnce.get(name);
    if (failure) {
      this.failOnce.delete(name);
      throw failure;
    }
  }

  addUser(email: string, groups: string[] = []) {
    const sub = `sub-${this.nextSub++}`;
    this.users.set(email, { sub, groups: new Set(groups), invited: false });
    return sub;
  }

  readonly deps: FirstOwnerDeps = {
    settings: {
      createIfAbsent: async (settings) => {
        this.call('settings.createIfAbsent');
        if (this.settings) return false;
        this.settings = { ...settings };
        return true;
      },
    },
    accounts: {
      find: async (email) => {
        this.call('accounts.find');
        return this.users.get(email)?.sub;
      },
      invite: async (email) => {
        this.call('accounts.invite');
        if (this.users.has(email)) throw new Error('UsernameExists');
        const sub = this.addUser(email);
        const user = this.users.get(email);
        if (user) user.invited = true;
        return sub;
      },
      addToGroup: async (email, role) => {
        this.call('accounts.addToGroup');
        const user = this.users.get(email);
        if (!user) throw new Error('UserNotFound');
        user.groups.add(role);
      },
    },
    profiles: {
      // One transaction: the profile (condition: none) and ADD ownerCount 1.
      createIfAbsent: async (profile) => {
        this.call('profiles.createIfAbsent');
        if (this.profiles.has(profile.sub)) return false;
        this.profiles.set(profile.sub, { ...profile });
        this.ownerCount = (this.ownerCount ?? 0) + (profile.role === 'owner' ? 1 : 0);
        return true;
      },
    },
    now: () => new Date('2026-05-04T12:00:00.000Z'),
  };

  /** Everything stored, to compare before and after a run. */
  state() {
    return structuredClone({
      users: [...this.users].map(([email, u]) => ({ email, ...u, groups: [...u.groups].sort() })),
      settings: this.settings,
      ownerCount: this.ownerCount,
      profiles: [...this.profiles.values()],
    });
  }
}

const input: FirstOwnerInput = {
  email: 'Owner@Clinic.Example',
  displayName: 'Olivia Owens',
  clinicName: 'Riverside Counseling',
  timeZone: 'America/Chicago',
};

describe('ensureFirstOwner', () => {
  it("creates the clinic settings, the owner's invited account in group owner, the profile and the owner count", async () => {
    const clinic = new FakeClinic();
    const outcome = await ensureFirstOwner(input, clinic.deps);
    expect(outcome).toEqual({
      sub: 'sub-1',
      settings: 'created',
      account: 'created',
      profile: 'created',
    });
    expect(clinic.settings).toEqual({
      ...defaultClinicSettings,
      name: 'Riverside Counseling',
      timeZone: 'America/Chicago',
      updatedAt: '2026-05-04T12:00:00.000Z',
    });
    expect(clinic.users.get('owner@clinic.example')).toEqual({
      sub: 'sub-1',
      groups: new Set(['owner']),
      invited: true,
    });
    expect(clinic.profiles.get('sub-1')).toEqual({
      sub: 'sub-1',
      email: 'owner@clinic.example',
      role: 'owner',
      displayName: 'Olivia Owens',
      teletherapy: false,
      status: 'active',
      createdAt: '2026-05-04T12:00:00.000Z',
      updatedAt: '2026-05-04T12:00:00.000Z',
    });
    expect(clinic.ownerCount).toBe(1);
    // The new account joins its group before its profile is written.
    expect(clinic.calls).toEqual([
      'settings.createIfAbsent',
      'accounts.find',
      'accounts.invite',
      'accounts.addToGroup',
      'profiles.createIfAbsent',
    ]);
  });

  it('changes nothing when run again: no second invitation, profile or owner counted', async () => {
    const clinic = new FakeClinic();
    await ensureFirstOwner(input, clinic.deps);
    const before = clinic.state();
    clinic.calls.length = 0;
    const again = await ensureFirstOwner(
      { ...input, clinicName: 'Another name', displayName: 'Another owner' },
      clinic.deps,
    );
    expect(again).toEqual({ sub: 'sub-1', settings: 'kept', account: 'found', profile: 'kept' });
    expect(clinic.state()).toEqual(before);
    expect(clinic.calls).not.toContain('accounts.invite');
    expect(clinic.calls).not.toContain('accounts.addToGroup');
  });

  it('finds an existing Cognito account instead of creating it, and makes it the owner', async () => {
    const clinic = new FakeClinic();
    const sub = clinic.addUser('owner@clinic.example');
    const outcome = await ensureFirstOwner(input, clinic.deps);
    expect(outcome).toMatchObject({ sub, account: 'found', profile: 'created' });
    expect(clinic.calls).not.toContain('accounts.invite');
    expect(clinic.users.size).toBe(1);
    expect(clinic.users.get('owner@clinic.example')?.invited).toBe(false);
    expect(clinic.users.get('owner@clinic.example')?.groups).toEqual(new Set(['owner']));
    expect(clinic.profiles.get(sub)?.role).toBe('owner');
    expect(clinic.ownerCount).toBe(1);
  });

  it("keeps the clinic's existing settings as they are", async () => {
    const clinic = new FakeClinic();
    const existing = { ...defaultClinicSettings, name: 'Already named', updatedAt: 'earlier' };
    clinic.settings = { ...existing };
    const outcome = await ensureFirstOwner(input, clinic.deps);
    expect(outcome).toMatchObject({ settings: 'kept', profile: 'created' });
    expect(clinic.settings).toEqual(existing);
  });

  it("keeps someone's existing profile, role and groups: the deployment changes no one's role", async () => {
    const clinic = new FakeClinic();
    const sub = clinic.addUser('owner@clinic.example', ['provider']);
    const provider: UserProfile = {
      sub,
      email: 'owner@clinic.example',
      role: 'provider',
      displayName: 'Dr. Lee',
      teletherapy: true,
      status: 'active',
      createdAt: 'earlier',
      updatedAt: 'earlier',
    };
    clinic.profiles.set(sub, { ...provider });
    clinic.ownerCount = 1;
    const outcome = await ensureFirstOwner(input, clinic.deps);
    expect(outcome).toMatchObject({ sub, account: 'found', profile: 'kept' });
    expect(clinic.profiles.get(sub)).toEqual(provider);
    expect(clinic.users.get('owner@clinic.example')?.groups).toEqual(new Set(['provider']));
    expect(clinic.ownerCount).toBe(1);
  });

  it('finishes next time what a run that failed part way began', async () => {
    const clinic = new FakeClinic();
    clinic.failOnce.set('accounts.addToGroup', new Error('network'));
    await expect(ensureFirstOwner(input, clinic.deps)).rejects.toThrow('network');
    expect(clinic.profiles.size).toBe(0);
    const outcome = await ensureFirstOwner(input, clinic.deps);
    expect(outcome).toEqual({
      sub: 'sub-1',
      settings: 'kept',
      account: 'found',
      profile: 'created',
    });
    expect(clinic.users.get('owner@clinic.example')).toMatchObject({
      groups: new Set(['owner']),
      invited: true,
    });
    expect(clinic.ownerCount).toBe(1);
  });

  it('counts a second owner (a new owner email) beside the first', async () => {
    const clinic = new FakeClinic();
    await ensureFirstOwner(input, clinic.deps);
    const second = await ensureFirstOwner({ ...input, email: 'new@clinic.example' }, clinic.deps);
    expect(second).toMatchObject({ settings: 'kept', account: 'created', profile: 'created' });
    expect(clinic.ownerCount).toBe(2);
    expect(clinic.profiles.get('sub-1')?.email).toBe('owner@clinic.example');
  });

  it.each([
    ['an email', { email: 'not an address' }],
    ['a name', { displayName: ' ' }],
    ['a clinic name', { clinicName: '' }],
    ['a time zone', { timeZone: 'Mars/Olympus_Mons' }],
  ])('refuses a wrong %s before touching anything', async (_what, wrong) => {
    const clinic = new FakeClinic();
    await expect(ensureFirstOwner({ ...input, ...wrong }, clinic.deps)).rejects.toMatchObject({
      code: 'first_owner.invalid',
      fields: { [Object.keys(wrong)[0] ?? '']: expect.any(String) },
    });
    expect(clinic.calls).toEqual([]);
  });

  it('says in English what is wrong where a field has no message of its own', async () => {
    const clinic = new FakeClinic();
    await expect(
      ensureFirstOwner({ ...input, clinicName: 'x'.repeat(121) }, clinic.deps),
    ).rejects.toMatchObject({
      fields: { clinicName: 'Too big: expected string to have <=120 characters' },
    });
  });
});

describe('the first-owner custom resource handler', () => {
  const properties = {
    ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:first-owner',
    OwnerEmail: 'owner@clinic.example',
    OwnerName: 'Olivia Owens',
    ClinicName: 'Riverside Counseling',
    TimeZone: 'America/Chicago',
  };
  const common = {
    ServiceToken: properties.ServiceToken,
    ResponseURL: 'https://cloudformation-custom-resource-response.example/answer?signed',
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/Televisit-Api/1',
    RequestId: 'request-1',
    LogicalResourceId: 'FirstOwner445B090C',
    ResourceType: 'Custom::TelevisitFirstOwner',
  };
  const create: CloudFormationCustomResourceEvent = {
    ...common,
    RequestType: 'Create',
    ResourceProperties: properties,
  };
  const update = (from: string, to: string): CloudFormationCustomResourceEvent => ({
    ...common,
    RequestType: 'Update',
    PhysicalResourceId: 'sub-1',
    ResourceProperties: { ...properties, OwnerEmail: to },
    OldResourceProperties: { ...properties, OwnerEmail: from },
  });
  const context = { logStreamName: '2026/05/04/[$LATEST]abc' };

  function setUp(respondFails = false) {
    const clinic = new FakeClinic();
    const answers: { url: string; response: CloudFormationCustomResourceResponse }[] = [];
    const handler = createHandler({
      deps: clinic.deps,
      respond: async (url, response) => {
        if (respondFails) throw new Error('S3 unreachable');
        answers.push({ url, response });
      },
      retryDelaysMs: [0, 0],
    });
    return { clinic, answers, handler };
  }

  it("answers a Create at CloudFormation's response URL with the owner's sub and what was made", async () => {
    const { clinic, answers, handler } = setUp();
    await handler(create, context);
    expect(answers).toEqual([
      {
        url: common.ResponseURL,
        response: {
          Status: 'SUCCESS',
          StackId: common.StackId,
          RequestId: common.RequestId,
          LogicalResourceId: common.LogicalResourceId,
          PhysicalResourceId: 'sub-1',
          Data: { OwnerSub: 'sub-1', Settings: 'created', Account: 'created', Profile: 'created' },
        },
      },
    ]);
    expect(clinic.settings).toMatchObject({ name: 'Riverside Counseling' });
    expect(clinic.profiles.get('sub-1')).toMatchObject({ role: 'owner', status: 'active' });
  });

  it('leaves everything alone on an Update that keeps the owner email, whatever else changed', async () => {
    const { clinic, answers, handler } = setUp();
    await handler(
      {
        ...update('owner@clinic.example', 'Owner@Clinic.Example'),
        ResourceProperties: { ...properties, ClinicName: 'Renamed' },
      },
      context,
    );
    expect(clinic.calls).toEqual([]);
    expect(answers[0]?.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'sub-1' });
  });

  it('makes the new owner on an Update with another owner email, keeping the first', async () => {
    const { clinic, answers, handler } = setUp();
    await handler(create, context);
    await handler(update('owner@clinic.example', 'second@clinic.example'), context);
    expect(answers[1]?.response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'sub-2',
      Data: { Settings: 'kept', Account: 'created', Profile: 'created' },
    });
    expect([...clinic.profiles.values()].map((p) => p.email).sort()).toEqual([
      'owner@clinic.example',
      'second@clinic.example',
    ]);
    expect(clinic.ownerCount).toBe(2);
  });

  it('deletes nothing on Delete, and calls nothing', async () => {
    const { clinic, answers, handler } = setUp();
    await handler(create, context);
    const before = clinic.state();
    clinic.calls.length = 0;
    await handler(
      {
        ...common,
        RequestType: 'Delete',
        PhysicalResourceId: 'sub-1',
        ResourceProperties: { ServiceToken: common.ServiceToken },
      },
      context,
    );
    expect(clinic.calls).toEqual([]);
    expect(clinic.state()).toEqual(before);
    expect(answers[1]?.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'sub-1' });
  });

  it('answers FAILED with the reason instead of throwing, so CloudFormation stops waiting', async () => {
    const { answers, handler } = setUp();
    await handler(
      { ...create, ResourceProperties: { ...properties, TimeZone: 'Nowhere/Else' } },
      context,
    );
    expect(answers).toHaveLength(1);
    expect(answers[0]?.response).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: common.RequestId,
      Reason: expect.stringContaining('timeZone: Not a known time zone'),
    });
    expect(answers[0]?.response.Reason).toContain(context.logStreamName);
  });

  it("tries again while IAM still denies the function's new role", async () => {
    const { clinic, answers, handler } = setUp();
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    clinic.failOnce.set('settings.createIfAbsent', denied);
    await handler(create, context);
    expect(answers[0]?.response.Status).toBe('SUCCESS');
    expect(clinic.calls.filter((c) => c === 'settings.createIfAbsent')).toHaveLength(2);
  });

  it('throws when the answer cannot be delivered, so that Lambda retries the event', async () => {
    const { handler } = setUp(true);
    await expect(handler(create, context)).rejects.toThrow('S3 unreachable');
  });
});
