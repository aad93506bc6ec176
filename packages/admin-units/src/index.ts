export * from './crosswalk';
export * from './legacy63';
export * from './name-matching';
export * from './reform34';
export * from './registry';
export { RegistrySourceError } from './source-error';
export { loadAddressDatabase, loadHanhchinhvn } from './npm-sources';
export * from './province-layout';
