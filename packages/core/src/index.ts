export * from './dates';
export * from './pages';
export * from './schemes';
export * from './units';
export * from './coverage';
export * from './units-api';
export * from './pages-api';
export * from './trends-api';
