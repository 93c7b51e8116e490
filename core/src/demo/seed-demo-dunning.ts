import type { Server } from '@hapi/hapi';
import { dateIn } from '../shared/date-in.ts';
import { addDays } from '../shared/iso-date.ts';
import { DEMO_ADMINISTRATIONS } from './seed-demo.ts';

/** What the demo's first dunning runs did, per administration code. */
export type DemoDunning = { code: string; actions: number; debtors: number }[];

// The demo's bank accounts: valid IBANs (mod-97) of the banks' published examples, never real accounts.
const SENDERS: Record<string, object> = {
  NL01: {
    senderName: 'Kredo Demo Groothandel B.V.',
    senderAddress: ['Keizersgracht 100', '1015 AA Amsterdam'],
    iban: 'NL91ABNA0417164300',
    bic: 'ABNANL2A',
    accountHolder: 'Kredo Demo Groothandel B.V.',
    replyTo: 'debiteuren@demo.kredo.dev',
    signature: 'Team Debiteurenbeheer',
  },
  DE01: {
    senderName: 'Kredo Demo Handel GmbH',
    senderAddress: ['Friedrichstraße 10', '10117 Berlin'],
    iban: 'DE89370400440532013000',
    bic: 'COBADEFFXXX',
    accountHolder: 'Kredo Demo Handel GmbH',
    replyTo: 'forderungen@demo.kredo.dev',
    signature: 'Ihr Forderungsmanagement',
  },
};

/**
 * Businesses: two e-mails a week apart, a letter, a call, then the collection agency. The steps carry
 * no templates of their own, so the shipped ones go out, in each debtor's language.
 */
const B2B = (language: string) => ({
  defaultLanguage: language,
  steps: [
    { name: 'First reminder', action: 'email', offsetDays: 7, from: 'due_date', payWithinDays: 7 },
    { name: 'Second reminder', action: 'email', offsetDays: 14, from: 'due_date', payWithinDays: 7 },
    { name: 'Reminder by letter', action: 'letter', offsetDays: 21, from: 'due_date', payWithinDays: 7 },
    { name: 'Call', action: 'phone_call', offsetDays: 28, from: 'due_date' },
    {
      name: 'Hand over to collection',
      action: 'collection',
      offsetDays: 45,
      from: 'due_date',
      minOverdue: 10000,
    },
  ],
});

/** Consumers: gentler, then the fourteen-day letter Dutch law asks before costs (art. 6:96 BW). */
const B2C = (language: string) => ({
  defaultLanguage: language,
  steps: [
    { name: 'Friendly reminder', action: 'email', offsetDays: 5, from: 'due_date', payWithinDays: 7 },
    { name: 'Second reminder', action: 'email', offsetDays: 14, from: 'due_date', payWithinDays: 7 },
    {
      name: 'Fourteen-day letter',
      action: 'letter',
      offsetDays: 21,
      from: 'due_date',
      payWithinDays: 14,
      fourteenDayNotice: true,
    },
    { name: 'Call', action: 'phone_call', offsetDays: 40, from: 'due_date' },
  ],
});

/**
 * The demo tenant's dunning, through the API as a credit manager would set it up, with access tokens
 * `token` gets from the identity server (a fresh one per administration: they last minutes): each
 * administration a sender and bank account, a B2B and a B2C strategy, consumers routed to the second
 * by a segment, the first as the default, a daily run at 07:00; then a first run. Only when the
 * administration has no strategy yet, so a restart changes nothing; the schedule runs it from then on.
 */
export async function seedDemoDunning(
  server: Server,
  token: () => Promise<string>,
  progress: { onProgress: (message: string) => void },
): Promise<DemoDunning> {
  let authorization = '';
  const call = async (method: string, url: string, payload?: object) => {
    const res = await server.inject({ method, url: `/api/v1${url}`, payload, headers: { authorization } });
    if (res.statusCode >= 300)
      throw new Error(`demo dunning: ${method} ${url} answered ${res.statusCode}: ${res.payload}`);
    return res.result as { data?: { id: string }[]; id?: string; run?: { summary?: Summary } };
  };
  const done: DemoDunning = [];
  for (const administration of DEMO_ADMINISTRATIONS) {
    authorization = `Bearer ${await token()}`;
    const existing = await call('GET', `/dunning/strategies?administrationId=${administration.id}`);
    if (existing.data?.length) continue;
    progress.onProgress(`Dunning strategies for ${administration.code}`);
    const language = administration.country === 'DE' ? 'de' : 'nl';
    await call('PATCH', `/administrations/${administration.id}`, SENDERS[administration.code]);
    const b2b = await call('POST', '/dunning/strategies', {
      administrationId: administration.id,
      name: 'B2B standard',
      definition: B2B(language),
    });
    const b2c = await call('POST', '/dunning/strategies', {
      administrationId: administration.id,
      name: 'B2C gentle',
      definition: B2C(language),
    });
    await call('PUT', `/dunning/segments?administrationId=${administration.id}`, {
      segments: [{ name: 'Consumers', conditions: { debtorTypes: ['b2c'] }, strategyId: b2c.id }],
    });
    await call('PUT', `/dunning/settings/${administration.id}`, {
      defaultStrategyId: b2b.id,
      runTime: '07:00',
    });
    // Three weeks of history in four runs, so a newcomer sees debtors at different steps (letters with
    // their QR code, calls on the action list), not only first reminders. Each run takes one step per
    // debtor; what the earlier ones decided is delivered now, as after a restart.
    let created = 0;
    let debtors = 0;
    for (const daysAgo of HISTORY) {
      const asOf = businessDate(daysAgo);
      progress.onProgress(`Dunning run for ${administration.code} as of ${asOf}`);
      const { run } = await call('POST', '/dunning/runs', { administrationId: administration.id, asOf });
      created += Object.values(run?.summary?.actionsCreated ?? {}).reduce((sum, n) => sum + n, 0);
      debtors = run?.summary?.debtorsEvaluated ?? debtors;
    }
    done.push({ code: administration.code, actions: created, debtors });
  }
  return done;
}

/** The runs the demo replays: three, two and one week ago, and today. */
const HISTORY = [21, 14, 7, 0];

/** The demo administrations' business date (Europe/Amsterdam) `daysAgo` days back, as YYYY-MM-DD. */
function businessDate(daysAgo: number): string {
  return addDays(dateIn('Europe/Amsterdam'), -daysAgo);
}

interface Summary {
  debtorsEvaluated?: number;
  actionsCreated?: Record<string, number>;
}
