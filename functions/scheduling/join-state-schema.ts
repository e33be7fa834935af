import { z } from 'zod';

export const JoinStateSchema = z
  .object({
    enabled: z.boolean(),
    opensAt: z.string(),
    closesAt: z.string(),
    reason: z.enum(['not-video', 'cancelled', 'completed', 'too-early', 'ended']).optional(),
    message: z.string().optional(),
  })
  .meta({ id: 'JoinState', description: 'Whether Join is available now, and if not, why' });
