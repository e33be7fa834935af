import { describe, expect, it } from 'vitest';
import { checkHealth } from '../../../functions/platform/health';

const ok = async () => {};
const fails = async () => {
  throw new Error('unreachable');
};

describe('health', () => {
  it('is ok only when every component is', async () => {
    expect(
      await checkHealth({ dynamodb: ok, cognito: ok, email: ok, sms: ok, meetings: ok }),
    ).toEqual({
      status: 'ok',
      components: { dynamodb: 'ok', cognito: 'ok', email: 'ok', sms: 'ok', meetings: 'ok' },
    });
  });
  it('names the component that is down', async () => {
    const health = await checkHealth({
      dynamodb: ok,
      cognito: ok,
      email: fails,
      sms: ok,
      meetings: ok,
    });
    expect(health.status).toBe('down');
    expect(health.components.email).toBe('down');
    expect(health.components.sms).toBe('ok');
  });
});
