/**
 * libphonenumber-js (its "min" metadata: enough to read any common notation and check a
 * number's length per country), loaded the first time a request reads a phone number. Its
 * metadata is a third of a function's start-up code, and most requests carry no phone number:
 * loaded on demand, a function starts without it, and the first number read in a new instance
 * pays for it once.
 */
type PhoneLibrary = typeof import('libphonenumber-js/min');

let loading: Promise<PhoneLibrary> | undefined;

export function phoneLibrary(): Promise<PhoneLibrary> {
  loading ??= import('libphonenumber-js/min');
  return loading;
}
