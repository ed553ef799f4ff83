// Stands in for jiti in the Lambda bundles. node-pg-migrate creates a jiti loader when it loads,
// but Omni loads migrations with Node's own import() (src/store/migrate.ts), so it is never used;
// bundling the real one would pull in a TypeScript transpiler that resolves modules at run time.
exports.createJiti = () => ({
  import() {
    throw new Error('jiti is not bundled: migrations are loaded with import() (src/store/migrate.ts)');
  },
});
