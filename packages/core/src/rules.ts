/**
 * The zod-free part of core: scheme facts, calendar arithmetic and trend rules. The browser's
 * first route imports these from '@mttq/core/rules' so zod stays out of its bundle; types come
 * from '@mttq/core' (type imports cost nothing at run time).
 */
export * from './calendar';
export * from './scheme-rules';
export * from './trends';
export * from './spreadsheet-cells';
export * from './text';
export * from './regions';
