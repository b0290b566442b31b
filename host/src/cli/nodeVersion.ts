// The Node.js the host needs, and the one line it prints when started on an older one (README "Running it").
// Kept free of imports and of recent syntax so that it loads on any Node.

/** node:sqlite (the durable store) loads without a flag from Node 22.13 on. */
export const MINIMUM_NODE = [22, 13] as const;

/** The line to print when `version` (process.versions.node) is too old, else undefined. */
export function nodeVersionProblem(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number(part) || 0);
  const [needMajor, needMinor] = MINIMUM_NODE;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return (
    `Error: the local Functions host needs Node.js ${needMajor}.${needMinor} or later (for node:sqlite); this is Node.js ${version}. ` +
    '`npm start` runs it on the Node.js 22 that the repository\'s "node" devDependency installs (or run it with `npx node`).'
  );
}
