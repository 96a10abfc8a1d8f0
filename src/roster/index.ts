export * from './types';
export * from './shifts';
