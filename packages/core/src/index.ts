export * from './dates';
export * from './pages';
export * from './schemes';
export * from './units';
export * from './coverage';
