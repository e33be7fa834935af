import * as z from 'zod/mini';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

/** The field as the error's `fields` key names it, so the sentence and the key agree. */
const labelOf = (path: readonly PropertyKey[] | undefined) =>
  path && path.length > 0 ? path.map(String).join('.') : 'The request';

const kinds: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

const formats: Record<string, string> = {
  datetime: 'a date and time with an offset, like 2026-11-23T14:00:00Z',
  date: 'a date, like 2026-11-23',
  email: 'an email address, like name@example.com',
  uuid: 'a valid id',
  url: 'a web address',
};

function tooBig(label: string, issue: Extract<Issue, { code: 'too_big' }>): string {
  const max = String(issue.maximum);
  if (issue.origin === 'string') return `${label} must be at most ${max} characters`;
  if (issue.origin === 'array') return `${label} can have at most ${max} items`;
  return `${label} must be ${issue.inclusive ? 'at most' : 'less than'} ${max}`;
}

function tooSmall(label: string, issue: Extract<Issue, { code: 'too_small' }>): string {
  const min = String(issue.minimum);
  if (issue.origin === 'string')
    return min === '1' ? `${label} is required` : `${label} must be at least ${min} characters`;
  if (issue.origin === 'array')
    return `${label} needs at least ${min} item${min === '1' ? '' : 's'}`;
  return `${label} must be ${issue.inclusive ? 'at least' : 'more than'} ${min}`;
}

/**
 * Messages for the people who read them, where a schema gave none of its own: zod's defaults
 * ("Too big: expected string to have <=100 characters", or with zod/mini, which loads no
 * language, just "Invalid input") would reach the form beside the input. Returning undefined
 * would leave a case to zod.
 */
export function plainMessage(issue: Issue): string | undefined {
  const label = labelOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${label} is required`;
      return `${label} must be ${kinds[issue.expected] ?? `of type ${issue.expected}`}`;
    case 'too_big':
      return tooBig(label, issue);
    case 'too_small':
      return tooSmall(label, issue);
    case 'invalid_format':
      return `${label} must be ${formats[issue.format] ?? 'in the expected form'}`;
    case 'invalid_value':
      return `${label} must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    default:
      return `${label} is not valid`;
  }
}

/** Every schema without a message of its own speaks plainly (zod's global error map). */
export function usePlainMessages(): void {
  z.config({ customError: plainMessage });
}
