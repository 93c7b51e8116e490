export type { DebtorRecord, InvoiceRecord } from '../records.ts';
export {
  defaultSandboxLimits,
  type SandboxError,
  type SandboxLimits,
  type SandboxResult,
} from '../sandbox/index.ts';
export { createPluginTester, type PluginTester, type PluginTesterOptions } from './plugin-tester.ts';
export type { TesterCoreData } from './tester-core.ts';
export type { RecordedExchange, TesterHttp, TesterRequest } from './tester-fetch.ts';
