export * from './schemas';
export * from './mrp';
export * from './fees';
export * from './manifest-form';
export * from './compare';
export { generatePopulation, fixtureLegalEntities, mulberry32, type TestPopulation } from './generator';
