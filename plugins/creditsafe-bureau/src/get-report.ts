import {
  type CreditReport,
  type CreditReportInput,
  fail,
  ok,
  type PluginContext,
  type Result,
} from '@kredo/sdk';
import { type CreditsafeReport, creditsafeError, parseJson } from './creditsafe-api.ts';
import { creditsafeGet } from './creditsafe-session.ts';
import { normaliseReport } from './normalise-report.ts';

/** `GET /v1/companies/{connectId}`, the company's full credit report, normalised for Kredo. */
export async function getReport(input: CreditReportInput, ctx: PluginContext): Promise<Result<CreditReport>> {
  if (!/^[A-Za-z0-9-]{1,100}$/.test(input.bureauId)) {
    return fail('invalid_input', `${input.bureauId} is not a Creditsafe Connect id`);
  }
  const response = await creditsafeGet(ctx, `/companies/${input.bureauId}?language=en`);
  if (!response.ok) return response;
  if (response.value.status !== 200) return creditsafeError(response.value, 'credit report');
  const body = parseJson(response.value.body) as CreditsafeReport | undefined;
  const report = body ? normaliseReport(body) : 'the answer is not JSON';
  if (typeof report === 'string') {
    return fail('report_unreadable', `Creditsafe's report on ${input.bureauId}: ${report}`);
  }
  ctx.log.info('Creditsafe report read', { bureauId: input.bureauId, rating: report.rating });
  return ok(report);
}
