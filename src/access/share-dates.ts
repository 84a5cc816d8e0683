/**
 * The dates of a share, read strictly. JavaScript's Date quietly turns 30 February into 2 March and
 * cannot take a leap second (23:59:60) at all, so a share's start and end are checked here, once,
 * the same way when a Consent is written and when it is loaded: a date this cannot read is refused
 * on the way in, and a stored one grants nothing (it never throws, so one bad row cannot break
 * anyone else's request). Pure.
 */
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since 1970 for a full date or a date and time with its zone. A date alone means the
 * start of that day (UTC) for a start, and its very end for an end. Undefined when it is not a real
 * moment: partial dates (a year, a month), impossible days, a 60th second, an hour of 24, a zone
 * beyond ±14:00.
 */
export function shareMoment(value: string, side: 'start' | 'end'): number | undefined {
  const date = datePattern.exec(value);
  if (date) {
    const day = utcDay(Number(date[1]), Number(date[2]), Number(date[3]));
    return day === undefined ? undefined : side === 'start' ? day : day + 86_399_999;
  }
  const time = dateTimePattern.exec(value);
  if (!time) return undefined;
  const day = utcDay(Number(time[1]), Number(time[2]), Number(time[3]));
  const [hours, minutes, seconds] = [Number(time[4]), Number(time[5]), Number(time[6])];
  if (day === undefined || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const offset = zoneMinutes(time[8]!);
  if (offset === undefined) return undefined;
  const fraction = time[7] ? Math.floor(Number(`0${time[7]}`) * 1000) : 0;
  return day + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000 + fraction;
}

function utcDay(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const at = Date.UTC(year, month - 1, day);
  const back = new Date(at);
  // Date.UTC rolls 30 February over into March; a real day comes back unchanged.
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? at : undefined;
}

function zoneMinutes(zone: string): number | undefined {
  if (zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
