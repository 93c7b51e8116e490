// When collection costs may be charged to a consumer: art. 6:96 lid 6 BW, the "veertiendagenbrief".
import { addDays } from './charge-dates.ts';
import { isDutchNonWorkingDay } from './dutch-non-working-days.ts';

/** The number of days the letter gives the debtor to pay, counted from the day after receipt. */
export const NOTICE_TERM_DAYS = 14;

/** The day a letter sent on `sentOn` is taken to be received: the next working day after sending. */
export function noticeReceivedOn(sentOn: string): string {
  let day = addDays(sentOn, 1);
  while (isDutchNonWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/**
 * The first day collection costs may be charged after a 14-day letter sent on `letterSentOn`.
 * 1. Receipt is assumed on the next working day after sending (not a Saturday, Sunday or Dutch
 *    holiday), for a letter and an e-mail alike: the law counts from receipt (HR 13 June 2014,
 *    ECLI:NL:HR:2014:1405) and Kredo cannot know it, so it assumes the latest ordinary day.
 * 2. The fourteen days run from the day after receipt; the last of them is receipt + 14.
 * 3. A term ending on a Saturday, Sunday or holiday runs to the next working day (Algemene
 *    termijnenwet art. 1).
 * 4. Costs are chargeable from the day after the term's last day.
 * Each assumption errs late: a later date never charges a consumer too early.
 */
export function costsChargeableFrom(letterSentOn: string): string {
  let lastDay = addDays(noticeReceivedOn(letterSentOn), NOTICE_TERM_DAYS);
  while (isDutchNonWorkingDay(lastDay)) lastDay = addDays(lastDay, 1);
  return addDays(lastDay, 1);
}
