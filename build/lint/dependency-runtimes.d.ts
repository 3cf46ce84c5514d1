// Types for the plain-JS table (ESLint loads it without a TypeScript step).
export type Runtime = 'shared' | 'renderer' | 'electron' | 'server' | 'build';
export const dependencyRuntimes: Record<string, readonly Runtime[] | 'types' | 'test'>;
export function packageOf(specifier: string): string | null;
interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
export function unclassifiedDependencies(
  packageJson: PackageJson,
  table?: Record<string, unknown>,
): { unclassified: string[]; stale: string[] };
export function readPackageJson(path?: string): PackageJson;
