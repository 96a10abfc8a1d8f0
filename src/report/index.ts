export * from './format';
export * from './charts';
export * from './roster';
export * from './plan';
export * from './exports';
