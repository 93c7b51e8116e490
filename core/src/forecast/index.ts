export {
  FORECAST_WEEKS,
  type Forecast,
  type ForecastPeriod,
  type ForecastRequest,
  forecast,
  forecastWeeks,
  type Granularity,
} from './forecast.ts';
export { forecastModule } from './forecast-module.ts';
export { RECEIPT_KINDS, type Receipt, type ReceiptKind } from './place-receipts.ts';
