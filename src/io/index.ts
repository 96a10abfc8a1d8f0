export * from './files';
export * from './history';
export * from './config';
export * from './demand';
export * from './scenarios';
