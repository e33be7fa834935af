/**
 * Dates of birth are calendar dates (YYYY-MM-DD), not instants: they are shown and read in the
 * viewer's own numeric order (4/12/1986 in the US, 12/04/1986 in the UK) and never shifted by a
 * time zone.
 */
const numeric = (locale?: string) =>
  new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });

export function formatBirthDate(iso: string, locale?: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return numeric(locale).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The order of day, month and year in the viewer's numeric dates. */
function partOrder(locale?: string): ('day' | 'month' | 'year')[] {
  return numeric(locale)
    .formatToParts(new Date(Date.UTC(2000, 10, 22)))
    .flatMap((p) => (p.type === 'day' || p.type === 'month' || p.type === 'year' ? [p.type] : []));
}

/**
 * A date typed as the app shows dates, as YYYY-MM-DD for the API; undefined when the text is
 * not such a date (it is then searched as typed: ISO dates, names, emails, phone numbers).
 */
export function typedBirthDate(text: string, locale?: string): string | undefined {
  const groups = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/.exec(text.trim())?.slice(1);
  if (!groups || /^\d{4}-/.test(text.trim())) return undefined;
  const order = partOrder(locale);
  if (order.length !== 3) return undefined;
  const value = Object.fromEntries(order.map((part, i) => [part, groups[i] ?? ''])) as Record<
    'day' | 'month' | 'year',
    string
  >;
  // A two-digit year could be either century: leave it for the API to refuse plainly.
  if (value.year.length !== 4) return undefined;
  return `${value.year}-${value.month.padStart(2, '0')}-${value.day.padStart(2, '0')}`;
}
