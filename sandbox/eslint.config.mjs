// Code that never ships: see scripts/eslint-dev-only.mjs.
export { default } from '../scripts/eslint-dev-only.mjs';
