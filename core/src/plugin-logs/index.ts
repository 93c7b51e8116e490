export { pluginLogRoutes } from './plugin-log-routes.ts';
export { purgePluginLogs } from './plugin-log-store.ts';
export { createPluginLogWriter, type PluginLogLimits, type PluginLogWriter } from './plugin-log-writer.ts';
export { pluginLogsModule } from './plugin-logs-module.ts';
