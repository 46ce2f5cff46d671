import { z } from 'zod';
import { checkAddress, checkGeo, checkGeoRange } from './address-rules.js';
import { parsePhone } from './phone.js';
import {
  DAYS_OF_WEEK,
  LOCATION_TYPES,
  MEDICAL_SPECIALTIES,
  PROCEDURE_TYPES,
  SERVICE_TYPES,
  type DayOfWeek,
} from './medical-vocab.js';

/**
 * The data contract, as zod schemas. These are the one source of truth: the TypeScript types of the
 * validated dataset are inferred from them.
 */

const text = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') }).trim().min(1, 'must not be empty');
/** Text that YAML may have read as a number (`telephone: 3084551500`, `postalCode: 68847`). */
const textOrNumber = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), text);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens').max(80, 'must be at most 80 characters');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http:// or https:// URL' });
/** An absolute http(s) URL, or a path on the site starting with `/`. */
const urlOrSitePath = z.union([httpUrl, z.string().regex(/^\/[^/]/, 'must start with /')], {
  error: 'must be an absolute https:// URL or a path on this site starting with /',
});
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time written HH:MM');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z
  .string()
  .regex(ISO_DATE, { error: (issue) => `"${String(issue.input)}" is not a date written YYYY-MM-DD` })
  // Only a date written YYYY-MM-DD can be told not to exist: 12/25/2026 is real, just written otherwise.
  .refine(isRealDate, { error: (issue) => `${String(issue.input)} is not a real calendar date`, when: ({ value }) => typeof value === 'string' && ISO_DATE.test(value) });

/** A value that may be written as one item or as a list. */
function oneOrMany<T extends z.ZodType>(item: T) {
  // An empty value (`services:` with nothing after it) stays empty, to be reported as such, not as an empty item.
  return z.preprocess((value) => (value === undefined || value === null || Array.isArray(value) ? value : [value]), z.array(item));
}

const DAY_ALIASES = new Map<string, DayOfWeek>(
  DAYS_OF_WEEK.flatMap((day) => [
    [day.toLowerCase(), day],
    [day.slice(0, 3).toLowerCase(), day],
    [day.slice(0, 2).toLowerCase(), day],
  ]),
);

/** Days as a list (`[Monday, Tuesday]`), one day, or a range (`Monday-Friday`, `Mo-Fr`). */
const days = oneOrMany(z.string()).transform((values, ctx) => {
  const result: DayOfWeek[] = [];
  for (const value of values) {
    const [from, through, extra] = value.split(/\s*(?:-|–|to)\s*/).map((part) => DAY_ALIASES.get(part.trim().toLowerCase()));
    if (!from || (value.match(/-|–|\bto\b/) && !through) || extra !== undefined) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a day of the week` });
      continue;
    }
    const start = DAYS_OF_WEEK.indexOf(from);
    const end = through ? DAYS_OF_WEEK.indexOf(through) : start;
    for (let i = start; ; i = (i + 1) % 7) {
      result.push(DAYS_OF_WEEK[i]!);
      if (i === end) break;
    }
  }
  return [...new Set(result)].sort((a, b) => DAYS_OF_WEEK.indexOf(a) - DAYS_OF_WEEK.indexOf(b));
});

const SAME_TIME_HINT = 'leave out the days the clinic is closed; for a whole day write opens: "00:00", closes: "23:59"';
const SAME_TIME_SPECIAL_HINT = 'write closed: true for a day the clinic is closed; for a whole day write opens: "00:00", closes: "23:59"';

const openingHours = z
  .strictObject({ days, opens: time, closes: time })
  // `when` lets this run even if `days` failed, so every problem of the entry is reported at once.
  .refine((hours) => hours.opens !== hours.closes, {
    message: 'closes at the same time it opens',
    params: { hint: SAME_TIME_HINT },
    path: ['closes'],
    when: ({ value }) => {
      const { opens, closes } = (value ?? {}) as { opens?: unknown; closes?: unknown };
      return time.safeParse(opens).success && time.safeParse(closes).success;
    },
  });

const specialHours = z
  .strictObject({
    date: isoDate.optional(),
    from: isoDate.optional(),
    through: isoDate.optional(),
    opens: time.optional(),
    closes: time.optional(),
    closed: z.boolean().optional(),
    label: text.optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.date === undefined && (entry.from === undefined || entry.through === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'needs either `date` or both `from` and `through`', path: [] });
    }
    if (entry.date !== undefined && (entry.from !== undefined || entry.through !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'has both `date` and `from`/`through`; use one or the other', path: ['date'] });
    }
    if (entry.from && entry.through && entry.through < entry.from) {
      ctx.addIssue({ code: 'custom', message: `\`through\` (${entry.through}) is before \`from\` (${entry.from})`, path: ['through'] });
    }
    const hasTimes = entry.opens !== undefined || entry.closes !== undefined;
    if (entry.closed === true && hasTimes) {
      ctx.addIssue({ code: 'custom', message: 'is marked `closed: true` but also has opening times', path: ['closed'] });
    } else if (entry.closed !== true && (entry.opens === undefined || entry.closes === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'needs `opens` and `closes`, or `closed: true`', path: [] });
    } else if (entry.opens !== undefined && entry.opens === entry.closes && time.safeParse(entry.opens).success) {
      ctx.addIssue({ code: 'custom', message: 'closes at the same time it opens', path: ['closes'], params: { hint: SAME_TIME_SPECIAL_HINT } });
    }
  });

export const siteSchema = z.strictObject({
  baseUrl: httpUrl,
  name: text,
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en-US')
    .default('en-US'),
  description: text.optional(),
  organization: z.strictObject({
    name: text,
    logo: urlOrSitePath.optional(),
    sameAs: oneOrMany(httpUrl).default([]),
    telephone: textOrNumber.optional(),
  }),
});

export const locationSchema = z
  .strictObject({
    name: text,
    slug,
    types: oneOrMany(z.enum(LOCATION_TYPES)).pipe(z.array(z.enum(LOCATION_TYPES)).min(1)).default(['MedicalClinic']),
    medicalSpecialty: oneOrMany(z.enum(MEDICAL_SPECIALTIES)).default([]),
    description: text.optional(),
    address: z.strictObject({
      streetAddress: text.optional(),
      addressLocality: text,
      addressRegion: text,
      postalCode: textOrNumber.optional(),
      addressCountry: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as US'),
    }),
    telephone: textOrNumber,
    // Ranges are checked below, where swapped coordinates can be told apart from wrong ones.
    geo: z.strictObject({ latitude: z.number(), longitude: z.number() }).optional(),
    openingHours: z.array(openingHours).default([]),
    specialHours: z.array(specialHours).default([]),
    services: oneOrMany(slug).default([]),
    isAcceptingNewPatients: z.boolean().optional(),
    areaServed: oneOrMany(text).default([]),
    url: httpUrl.optional(),
    images: oneOrMany(urlOrSitePath).default([]),
  })
  // Runs even when a field above failed (see `when` below), so that every problem of a file shows at once: every
  // check first makes sure its input is well-formed.
  .superRefine((location, ctx) => {
    const country = /^[A-Z]{2}$/.test(String(location.address?.addressCountry)) ? location.address.addressCountry : undefined;
    if (country && typeof location.telephone === 'string' && location.telephone.trim() !== '') {
      if (!parsePhone(location.telephone, country)) {
        ctx.addIssue({
          code: 'custom',
          path: ['telephone'],
          message: `"${location.telephone}" is not a valid telephone number for country ${country}`,
        });
      }
    }
    const address = location.address;
    const geo = Number.isFinite(location.geo?.latitude) && Number.isFinite(location.geo?.longitude) ? location.geo : undefined;
    const issues = [
      ...(country && typeof address.addressRegion === 'string' && address.addressRegion.trim() !== '' ? checkAddress(address) : []),
      ...(geo ? checkGeoRange(geo) : []),
    ];
    if (country && geo && issues.every((issue) => issue.path[0] !== 'geo')) issues.push(...checkGeo(geo, country));
    for (const issue of issues.filter((candidate) => candidate.severity === 'error')) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { hint: issue.hint } });
    }
    const wellFormedHours = Array.isArray(location.openingHours) &&
      location.openingHours.every((entry) => Array.isArray(entry?.days) && time.safeParse(entry.opens).success && time.safeParse(entry.closes).success);
    if (wellFormedHours) for (const problem of hoursProblems(location.openingHours)) ctx.addIssue({ code: 'custom', ...problem });
  }, { when: ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value) });

/** Shifts that close before they open, or overlap another shift on the same day. */
function hoursProblems(hours: { days: DayOfWeek[]; opens: string; closes: string }[]) {
  const problems: { path: (string | number)[]; message: string; params: { hint: string } }[] = [];
  hours.forEach((entry, index) => {
    if (entry.closes < entry.opens) {
      problems.push({
        path: ['openingHours', index, 'closes'],
        message: `closes (${entry.closes}) before it opens (${entry.opens})`,
        params: { hint: 'use 24-hour times, e.g. closes: "17:00" for 5 PM; for hours past midnight, split the shift at 23:59' },
      });
    }
  });
  for (const day of DAYS_OF_WEEK) {
    const shifts = hours
      .map((entry, index) => ({ ...entry, index }))
      .filter((entry) => entry.days.includes(day) && entry.opens < entry.closes)
      .sort((a, b) => a.opens.localeCompare(b.opens));
    for (let i = 1; i < shifts.length; i++) {
      const [before, after] = [shifts[i - 1]!, shifts[i]!];
      if (after.opens < before.closes) {
        problems.push({
          path: ['openingHours', after.index],
          message: `overlaps openingHours[${before.index}] on ${day} (${after.opens} is before ${before.closes})`,
          params: { hint: 'make split shifts follow each other, e.g. 08:00-12:00 and 13:00-17:00, or merge them' },
        });
      }
    }
  }
  // One problem per pair of shifts, not one per shared day.
  return problems.filter((problem, index) => problems.findIndex((other) => other.path.join() === problem.path.join()) === index);
}

export const serviceSchema = z.strictObject({
  name: text,
  slug,
  alternateName: oneOrMany(text).default([]),
  type: z.enum(SERVICE_TYPES).default('MedicalTherapy'),
  procedureType: z.enum(PROCEDURE_TYPES).optional(),
  bodyLocation: text.optional(),
  relevantSpecialty: z.enum(MEDICAL_SPECIALTIES).optional(),
  conditions: oneOrMany(slug).default([]),
  description: text.optional(),
});

export const conditionSchema = z.strictObject({
  name: text,
  slug,
  alternateName: oneOrMany(text).default([]),
  description: text.optional(),
});

export type SiteData = z.output<typeof siteSchema>;
export type LocationData = z.output<typeof locationSchema>;
export type ServiceData = z.output<typeof serviceSchema>;
export type ConditionData = z.output<typeof conditionSchema>;

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
