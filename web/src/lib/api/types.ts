import type { z } from 'zod';
import type { MeSchema } from '../../../../functions/http/routes/accounts';
import type { ScheduleSchema } from '../../../../functions/http/routes/scheduling';

/** Response types, inferred from the same schemas the API validates and documents. */
export type Me = z.infer<typeof MeSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
export type ScheduleEntry = Schedule['appointments'][number];
