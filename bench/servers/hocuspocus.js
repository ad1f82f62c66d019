// Hocuspocus peer server for the benchmark: @hocuspocus/server with the SQLite extension.
// Env: PORT, HOST (127.0.0.1), DATABASE_PATH (the SQLite file the extension persists to).
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const port = Number(process.env.PORT ?? 1235);
const address = process.env.HOST ?? '127.0.0.1';
const database = process.env.DATABASE_PATH ?? 'hocuspocus.db';

const server = new Server({
	port,
	address,
	quiet: true,
	// stopOnSignals (default) stores every loaded document before exiting on SIGINT/SIGTERM.
	extensions: [new SQLite({ database })],
});

await server.listen();
console.log(`hocuspocus listening on ${address}:${port}`);
