export * from './errors';
export * from './time';
export * from './types';
export * from './random';
