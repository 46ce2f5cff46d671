import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** A telephone number in the forms we print. */
export interface Phone {
  /** `+13084551500`, for `tel:` links. */
  e164: string;
  /** `+1-308-455-1500`, for JSON-LD (Google's recommended form, with the country code). */
  international: string;
  /** `(308) 455-1500`, as local patients write it. */
  national: string;
}

/** Parse a number as people write it, in the context of a country. Undefined when it is not valid. */
export function parsePhone(text: string, country: string): Phone | undefined {
  const phone = parsePhoneNumberFromString(text, country as CountryCode);
  if (!phone || !phone.isValid()) return undefined;
  return {
    e164: phone.number,
    international: phone.formatInternational().replace(/\s+/g, '-'),
    national: phone.formatNational(),
  };
}
