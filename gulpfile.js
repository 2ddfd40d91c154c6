// Completes what tsc leaves in dist/: node icons and codex files, and the MQTT client bundled in.
const { src, dest, parallel } = require('gulp');
const esbuild = require('esbuild');

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

/**
 * Community packages may not have runtime dependencies (n8n installs them into its own process), so
 * the `mqtt` library is bundled into the one module that uses it; everything else stays as tsc wrote it.
 */
async function bundleMqttClient() {
	const file = 'dist/nodes/SmartLiving/mqtt.js';
	await esbuild.build({
		entryPoints: [file],
		outfile: file,
		allowOverwrite: true,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow', './login'],
		logLevel: 'warning',
	});
}

exports.build = parallel(copyAssets, bundleMqttClient);
exports.default = exports.build;
