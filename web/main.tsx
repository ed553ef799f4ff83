// The dashboard's entry: esbuild bundles this file, what it imports and its stylesheet into the
// hashed assets the server names in its page (web/build.mjs writes the manifest it reads).

import { render } from 'preact';
import { App } from './app.js';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
