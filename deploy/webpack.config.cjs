// One webpack configuration for every Lambda service in deploy/: serverless-webpack hands it the
// service's handlers (slsw.lib.entries, the one-line shims beside each serverless.yml), and it
// bundles each with everything it imports into a single CommonJS file for nodejs24.x.
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');
const slsw = require('serverless-webpack');
const webpack = require('webpack');

const ROOT = path.resolve(__dirname, '..');
const MIGRATIONS = path.join(ROOT, 'migrations');

/**
 * Adds files that live beside the bundle rather than inside it: a package.json saying the bundles
 * are CommonJS (the repository's own says "module"), and, for a service with the migrate function,
 * the migrations that node-pg-migrate reads from disk.
 */
class LambdaPackageFilesPlugin {
  constructor(options) {
    this.withMigrations = options.withMigrations;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('LambdaPackageFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'LambdaPackageFilesPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const { RawSource } = webpack.sources;
          compilation.emitAsset('package.json', new RawSource('{ "type": "commonjs" }\n'));
          if (!this.withMigrations) return;
          // As .mjs: ES modules beside CommonJS bundles (node-pg-migrate names a migration without its extension).
          for (const file of readdirSync(MIGRATIONS).filter((name) => name.endsWith('.js'))) {
            compilation.emitAsset(
              `migrations/${file.replace(/\.js$/, '.mjs')}`,
              new RawSource(readFileSync(path.join(MIGRATIONS, file))),
            );
          }
        },
      );
    });
  }
}

module.exports = {
  entry: slsw.lib.entries,
  target: 'node24',
  mode: 'production',
  // Readable stack traces in CloudWatch (NODE_OPTIONS=--enable-source-maps) and a faster build.
  // No module concatenation: it fails on src/store/migrate.ts's import() left to Node (webpackIgnore).
  optimization: { minimize: false, concatenateModules: false },
  devtool: 'source-map',
  output: {
    path: path.join(slsw.lib.serverless.config.servicePath, '.webpack'),
    filename: '[name].js',
    library: { type: 'commonjs2' },
  },
  resolve: {
    extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    // Sources import './x.js' (NodeNext); the file on disk is './x.ts'.
    extensionAlias: { '.js': ['.ts', '.js'] },
    alias: { jiti: path.join(__dirname, 'jiti-stub.cjs') },
  },
  module: {
    // `new URL('../../migrations', import.meta.url)` names a folder read at run time, not an asset to bundle.
    parser: { javascript: { url: false } },
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        exclude: /node_modules/,
        // Types are checked by `tsc --noEmit` in `npm test`; the bundle only needs the JavaScript.
        options: { transpileOnly: true, configFile: path.join(ROOT, 'tsconfig.json') },
      },
    ],
  },
  plugins: [
    // pg's optional native binding: node-pg-migrate uses pg in pure JavaScript.
    new webpack.IgnorePlugin({ resourceRegExp: /^pg-native$/ }),
    // node-pg-migrate names its template folder with import.meta.dirname, which a CommonJS bundle
    // cannot hold; the bundle's own folder does (the templates are for `create`, never run here).
    new webpack.DefinePlugin({ 'import.meta.dirname': '__dirname' }),
    new LambdaPackageFilesPlugin({ withMigrations: Object.keys(slsw.lib.entries).includes('migrate') }),
  ],
  stats: 'errors-warnings',
};
