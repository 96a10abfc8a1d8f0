export * from './files';
export * from './history';
export * from './config';
export * from './demand';
export * from './requirements';
export * from './scenarios';
export * from './whatif';
export * from './plan-folder';
