import { DAYS_OF_WEEK, type DayOfWeek } from './medical-vocab.js';

/** Regular hours: one entry per shift, split shifts are two entries. */
export interface WeeklyHours {
  days: DayOfWeek[];
  opens: string;
  closes: string;
}

/** Hours that replace the regular ones on a date or range of dates. */
export interface SpecialHours {
  from: string;
  through: string;
  opens?: string;
  closes?: string;
  closed: boolean;
  label?: string;
}

/** One row of the visible hours table. */
export interface HoursRow {
  day: DayOfWeek;
  text: string;
}

/** One row of the visible special-hours list. */
export interface SpecialHoursRow {
  when: string;
  text: string;
}

/** A row for every day of the week, `Closed` on days without hours. Empty when no hours are known. */
export function weeklyHoursTable(hours: WeeklyHours[], language: string): HoursRow[] {
  if (hours.length === 0) return [];
  return DAYS_OF_WEEK.map((day) => {
    const shifts = hours
      .filter((entry) => entry.days.includes(day))
      .sort((a, b) => a.opens.localeCompare(b.opens))
      .map((entry) => `${formatTime(entry.opens, language)} – ${formatTime(entry.closes, language)}`);
    return { day, text: shifts.length > 0 ? shifts.join(', ') : 'Closed' };
  });
}

/** The special hours as readable rows, in date order. */
export function specialHoursRows(hours: SpecialHours[], language: string): SpecialHoursRow[] {
  return [...hours]
    .sort((a, b) => a.from.localeCompare(b.from))
    .map((entry) => {
      const dates = entry.from === entry.through ? formatDate(entry.from) : `${formatDate(entry.from)} – ${formatDate(entry.through)}`;
      const when = entry.label ? `${entry.label} (${dates})` : dates;
      const text = entry.closed ? 'Closed' : `${formatTime(entry.opens!, language)} – ${formatTime(entry.closes!, language)}`;
      return { when, text };
    });
}

/** `08:30` as `8:30 AM` for English, unchanged (24-hour) for other languages. */
export function formatTime(time: string, language: string): string {
  if (!language.toLowerCase().startsWith('en')) return time;
  const [hourText, minutes] = time.split(':');
  const hour = Number(hourText);
  const suffix = hour < 12 ? 'AM' : 'PM';
  return `${hour % 12 === 0 ? 12 : hour % 12}:${minutes} ${suffix}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-12-24` as `December 24, 2026`. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${MONTHS[month! - 1]} ${day}, ${year}`;
}
