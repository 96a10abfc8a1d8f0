export * from './lunar';
export * from './holidays';
export * from './events';
