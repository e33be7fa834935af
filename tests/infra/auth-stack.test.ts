import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { roleDescriptions, userPoolDefinition } from '../../infra/schema/user-pool';
import { buildTestApp, templateOf } from './test-app';

const { stacks } = buildTestApp();
const template = templateOf(stacks.auth);
const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
const poolProps = pool?.Properties;

describe('auth stack', () => {
  it('has one user pool, kept on stack deletion', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    expect(pool?.DeletionPolicy).toBe('Retain');
    expect(poolProps.DeletionProtection).toBe('ACTIVE');
  });

  it('applies every field of the password policy in user-pool.ts', () => {
    const policy = userPoolDefinition.passwordPolicy;
    expect(poolProps.Policies.PasswordPolicy).toEqual({
      MinimumLength: policy.minLength,
      RequireLowercase: policy.requireLowercase,
      RequireUppercase: policy.requireUppercase,
      RequireNumbers: policy.requireDigits,
      RequireSymbols: policy.requireSymbols,
      TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
    });
  });

  it('signs people in by email; only the clinic creates accounts; recovery is by email', () => {
    expect(poolProps.UsernameAttributes).toEqual([...userPoolDefinition.usernameAttributes]);
    expect(poolProps.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(poolProps.AccountRecoverySetting).toEqual({
      RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
    });
  });

  it('runs threat protection in full-function mode and offers optional MFA', () => {
    expect(poolProps.UserPoolTier).toBe('PLUS');
    expect(poolProps.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(poolProps.MfaConfiguration).toBe('OPTIONAL');
  });

  it('has one group per role in user-pool.ts, owner first', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties,
    );
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...userPoolDefinition.groups].sort());
    for (const group of groups) {
      expect(group.Description).toBe(
        roleDescriptions[group.GroupName as keyof typeof roleDescriptions],
      );
    }
    expect(groups.find((g) => g.Precedence === 0)?.GroupName).toBe('owner');
  });

  it("gives the web app a secretless client with the definition's flows and token lifetimes", () => {
    const client = userPoolDefinition.webClient;
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: client.name,
      GenerateSecret: false,
      AccessTokenValidity: client.accessTokenValidityMinutes,
      IdTokenValidity: client.idTokenValidityMinutes,
      RefreshTokenValidity: client.refreshTokenValidityDays * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      PreventUserExistenceErrors: 'ENABLED',
      AllowedOAuthFlowsUserPoolClient: false,
      AllowedOAuthFlows: Match.absent(),
    });
    const [webClient] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect([...(webClient?.Properties.ExplicitAuthFlows ?? [])].sort()).toEqual(
      [...client.authFlows].sort(),
    );
  });
});
