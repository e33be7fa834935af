import * as z from 'zod/mini';

export const JoinStateSchema = z
  .object({
    enabled: z.boolean(),
    opensAt: z.string(),
    closesAt: z.string(),
    reason: z.optional(z.enum(['not-video', 'cancelled', 'completed', 'too-early', 'ended'])),
    message: z.optional(z.string()),
  })
  .register(z.globalRegistry, {
    id: 'JoinState',
    description: 'Whether Join is available now, and if not, why',
  });
