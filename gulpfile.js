// Clears dist/ before tsc (a file of an earlier build must not ship), then completes what tsc leaves
// there: node icons and codex files.
const { rm } = require('node:fs/promises');
const { src, dest } = require('gulp');

async function clean() {
	await rm('dist', { recursive: true, force: true });
}

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports.build = copyAssets;
exports.default = exports.build;
