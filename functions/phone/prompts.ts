/**
 * What a caller hears. Short sentences (a Speak cannot be interrupted: admission waits for it
 * to finish), nothing about the patient, the visit or the provider beyond what the caller's own
 * invitation said. The clinic's name is the only name spoken before a PIN is right.
 */
export const prompts = {
  greeting: (clinic: string) =>
    `Welcome to ${clinic}'s video visit line. Please enter your eleven digit PIN from your invitation, then press pound.`,
  again: 'That PIN did not match an invitation. Please enter it again, then press pound.',
  noDigits: 'Sorry, I did not get that. Please enter your PIN, then press pound.',
  tooManyTries:
    'That PIN still did not match. Please check your invitation and call again. Goodbye.',
  lockedOut: 'Please call the clinic directly for help with your visit. Goodbye.',
  early: (opensAt: string) => `Your visit opens ${opensAt}. Please call again then. Goodbye.`,
  over: 'This visit is over. If you still need it, please call the clinic. Goodbye.',
  waiting: (provider: string) =>
    `Thank you. ${provider} knows you are here and will let you in shortly. Please stay on the line.`,
  stillWaiting: 'Thank you for waiting. You will be let in shortly. Please stay on the line.',
  waitedTooLong: 'We are sorry you waited so long. Please call again, or call the clinic. Goodbye.',
  joining: 'You are being let in now.',
  joinFailed: 'Sorry, we could not connect you to the visit. Please stay on the line.',
  denied: 'Your provider could not let you in to this visit. Goodbye.',
  removed: 'You were removed from the visit. Goodbye.',
  ended: 'The visit has ended. Thank you for calling. Goodbye.',
  /** A provider's call (dial-out): who calls, never why or about whom. */
  invited: (clinic: string, provider: string) =>
    `Hello, this is ${clinic}. ${provider} invites you to join a video visit by phone. Press 1 to join now, or 2 if you cannot.`,
  declined: 'Thank you. Goodbye.',
  sorry: 'Sorry, something went wrong on our side. Please call again in a moment. Goodbye.',
} as const;
