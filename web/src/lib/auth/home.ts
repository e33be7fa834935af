/** Where each role lands after signing in. */
export function homeFor(role: string): string {
  return role === 'client' || role === 'contact' ? '/portal' : '/schedule';
}
