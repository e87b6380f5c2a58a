// Minifies the client sources into the package's static web assets:
//   cd src/ConsentKit/client && npm ci && npm run build
// The minified files are committed, so building the package needs no Node.js.
import { build } from 'esbuild';

const common = { bundle: false, minify: true, legalComments: 'none', logLevel: 'info' };
await build({ ...common, entryPoints: ['consentkit.js'], outfile: '../wwwroot/consentkit.min.js', target: 'es2020' });
await build({ ...common, entryPoints: ['consentkit.css'], outfile: '../wwwroot/consentkit.min.css', target: 'chrome123' });
