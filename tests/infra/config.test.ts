import { App } from 'aws-cdk-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dialInNumber, loadConfig } from '../../infra/config';

afterEach(() => vi.unstubAllEnvs());

const withContext = (value: string) =>
  loadConfig(new App({ context: { 'televisit:dialInNumber': value } }));

describe('televisit:dialInNumber', () => {
  it('is unset by default: invitations then offer no dial-in', () => {
    expect(loadConfig(new App()).dialInNumber).toBeUndefined();
  });

  it('is read from the context, or from TELEVISIT_DIAL_IN_NUMBER', () => {
    expect(withContext('+12025550143').dialInNumber).toBe('+12025550143');
    vi.stubEnv('TELEVISIT_DIAL_IN_NUMBER', '+442079460958');
    expect(loadConfig(new App()).dialInNumber).toBe('+442079460958');
  });

  it('must be a real number written in E.164, exactly as messages will show it', () => {
    for (const bad of [
      '2025550143',
      '+1 202 555 0143',
      '+1-202-555-0143',
      '(202) 555-0143',
      '+10000000000',
      '+4420794609580',
      '+0123456789',
      'tel:+12025550143',
    ]) {
      expect(() => withContext(bad), bad).toThrow(/televisit:dialInNumber must be a valid phone/);
    }
    expect(dialInNumber('+12025550143')).toBe('+12025550143');
  });
});
