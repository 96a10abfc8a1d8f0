export * from './lunar';
export * from './holidays';
export * from './events';
export * from './coverage';
export * from './listing';
