/**
 * Structured JSON logs, one line per entry on stdout (CloudWatch keeps each line as an event).
 * Only ids, codes and counts go in: never names, emails, phone numbers, dates of birth or free
 * text a person typed (no PHI in logs). Errors are logged by name, message and stack.
 *
 * Written here rather than taken from a logging library: these few lines are all the functions
 * need, and a library's start-up code is paid by every cold start.
 */
type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const rank: Record<Level, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

const threshold = (): number => {
  const wanted = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
  return wanted in rank ? rank[wanted as Level] : rank.INFO;
};

function plain(value: unknown): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function write(level: Level, message: string, attributes: Record<string, unknown> = {}): void {
  if (rank[level] < threshold()) return;
  const entry: Record<string, unknown> = {
    level,
    message,
    timestamp: new Date().toISOString(),
    service: process.env.SERVICE_NAME ?? 'televisit',
  };
  for (const [key, value] of Object.entries(attributes))
    if (value !== undefined) entry[key] = plain(value);
  process.stdout.write(`${JSON.stringify(entry)}\n`);
}

export const logger = {
  debug: (message: string, attributes?: Record<string, unknown>) =>
    write('DEBUG', message, attributes),
  info: (message: string, attributes?: Record<string, unknown>) =>
    write('INFO', message, attributes),
  warn: (message: string, attributes?: Record<string, unknown>) =>
    write('WARN', message, attributes),
  error: (message: string, attributes?: Record<string, unknown>) =>
    write('ERROR', message, attributes),
};
