/**
 * MQTT brokers run as processes of their own, so a test can SIGKILL them and start them again on the same
 * port: Debian's `mosquitto` (CI: `apt-get install -y mosquitto`) and the sandbox's aedes broker (the
 * SmartLiving emulator, bundled from sandbox/cli.ts and run by Node).
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO_BIN = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';
export const MOSQUITTO_PASSWD_BIN = process.env.MOSQUITTO_PASSWD_BIN ?? '/usr/bin/mosquitto_passwd';

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

export interface BrokerProcess {
	readonly name: string;
	readonly port: number;
	/** `mqtt://127.0.0.1:<port>`, the same across restarts. */
	readonly url: string;
	readonly running: boolean;
	/** Starts the process and resolves once it accepts TCP connections. */
	start(): Promise<void>;
	/** SIGKILL: no goodbye to clients, nothing saved. */
	kill(): Promise<void>;
	/** Kills it if running and removes its files. */
	close(): Promise<void>;
}

/** One broker process on a fixed port; subclasses say what to run. */
export abstract class ChildBroker implements BrokerProcess {
	private child?: ChildProcess;
	private output = '';
	protected readonly folder = mkdtempSync(join(tmpdir(), 'telco-iot-broker-'));

	constructor(
		readonly name: string,
		readonly port: number,
	) {}

	get url(): string {
		return `mqtt://127.0.0.1:${this.port}`;
	}

	get running(): boolean {
		return this.child !== undefined;
	}

	protected abstract command(): { file: string; args: string[]; env?: NodeJS.ProcessEnv };

	async start(): Promise<void> {
		if (this.child) throw new Error(`${this.name} is already running`);
		const { file, args, env } = this.command();
		const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: 'pipe' });
		this.child = child;
		let exited: string | undefined;
		child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		child.once('error', (error) => (exited = error.message));
		child.once('exit', (code, signal) => {
			exited ??= `exited (${signal ?? code})`;
			if (this.child === child) this.child = undefined;
		});
		const deadline = Date.now() + 10_000;
		while (!(await accepts(this.port))) {
			if (exited !== undefined || Date.now() > deadline) {
				await this.kill();
				throw new Error(
					`${this.name} did not start on port ${this.port}: ${exited ?? 'timeout'}\n${this.output.slice(-2000)}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}

	/** SIGTERM: a clean shutdown (mosquitto with persistence saves its sessions and queues). */
	async stop(): Promise<void> {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		await gone;
	}

	async kill(): Promise<void> {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGKILL');
		await gone;
	}

	async close(): Promise<void> {
		await this.kill();
		rmSync(this.folder, { recursive: true, force: true });
	}
}

export interface MosquittoUser {
	username: string;
	password: string;
}

/**
 * Debian's mosquitto with a generated config: one listener on 127.0.0.1, password logins only, and by default
 * no persistence (a kill loses every session and queued message, as the config says).
 */
export class MosquittoBroker extends ChildBroker {
	/** `persistence`: keep sessions and queued messages in a file, saved on a clean shutdown (`stop()`). */
	constructor(port: number, users: MosquittoUser[], options: { persistence?: boolean } = {}) {
		if (!existsSync(MOSQUITTO_BIN) || !existsSync(MOSQUITTO_PASSWD_BIN))
			throw new Error(
				`mosquitto is not installed (${MOSQUITTO_BIN}, ${MOSQUITTO_PASSWD_BIN}): run "sudo apt-get install -y mosquitto"`,
			);
		super('mosquitto', port);
		const passwords = join(this.folder, 'passwords');
		users.forEach((user, index) =>
			execFileSync(MOSQUITTO_PASSWD_BIN, [
				'-b',
				...(index === 0 ? ['-c'] : []),
				passwords,
				user.username,
				user.password,
			]),
		);
		chmodSync(passwords, 0o600);
		const config = [
			`listener ${port} 127.0.0.1`,
			'allow_anonymous false',
			`password_file ${passwords}`,
			...(options.persistence
				? ['persistence true', `persistence_location ${this.folder}/`, 'autosave_interval 0']
				: ['persistence false']),
			// The default (1,000 per client) drops what a slow workflow has not taken yet; a broker in front of
			// n8n needs room for the backlog it is meant to hold. The trigger cannot change this setting.
			'max_queued_messages 100000',
			'log_dest stderr',
			'log_type error',
			'log_type warning',
			// Started as root, mosquitto would switch to the "mosquitto" user, who cannot read this folder.
			...(process.getuid?.() === 0 ? ['user root'] : []),
		];
		writeFileSync(join(this.folder, 'mosquitto.conf'), `${config.join('\n')}\n`);
	}

	protected command() {
		return { file: MOSQUITTO_BIN, args: ['-c', join(this.folder, 'mosquitto.conf')] };
	}
}
