import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** A telephone number in the forms we print. */
export interface Phone {
  /** `+13084551500`, for `tel:` links. */
  e164: string;
  /** `+1-308-455-1500`, for JSON-LD (Google's recommended form, with the country code); `… ext. 2` with an extension. */
  international: string;
  /** `(308) 455-1500`, as local patients write it; `… ext. 2` with an extension. */
  national: string;
  /** The extension (`2` in `308-455-1500 ext. 2`), when the number has one. */
  extension?: string;
}

/** The last number parsed: validation and normalizing parse each location's number one after the other. */
let last: { text: string; country: string; phone: Phone | undefined } | undefined;

/** Parse a number as people write it, in the context of a country. Undefined when it is not valid. */
export function parsePhone(text: string, country: string): Phone | undefined {
  if (last?.text !== text || last.country !== country) last = { text, country, phone: parseValidPhone(text, country) };
  // A copy: callers own what they are given.
  return last.phone && { ...last.phone };
}

function parseValidPhone(text: string, country: string): Phone | undefined {
  const phone = parsePhoneNumberFromString(text, country as CountryCode);
  if (!phone || !phone.isValid()) return undefined;
  const extension = phone.ext ? ` ext. ${phone.ext}` : '';
  return {
    e164: phone.number,
    // Hyphens between the digit groups only: the extension keeps its words ("+1-308-455-1500 ext. 2").
    international: `${phone.formatInternational({ formatExtension: (number) => number }).replace(/\s+/g, '-')}${extension}`,
    national: phone.formatNational(),
    ...(phone.ext ? { extension: phone.ext } : {}),
  };
}
