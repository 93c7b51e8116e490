export {
  FORECAST_WEEKS,
  type Forecast,
  type ForecastPeriod,
  type ForecastRequest,
  forecast,
  forecastWeeks,
  type Granularity,
} from './forecast.ts';
export {
  type AccuracyPeriod,
  type AccuracyRequest,
  type ForecastAccuracy,
  forecastAccuracy,
} from './forecast-accuracy.ts';
export { SNAPSHOT_TASK } from './forecast-jobs.ts';
export { forecastModule } from './forecast-module.ts';
export { snapshotAllForecasts, snapshotForecast } from './forecast-snapshot.ts';
export { RECEIPT_KINDS, type Receipt, type ReceiptKind } from './place-receipts.ts';
