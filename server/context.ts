import type { Db } from './db/client.ts';
import type { Env } from './env.ts';
import type { Logger } from './log.ts';
import type { DocStore } from './store/doc-store.ts';
import type { SyncServer } from './sync/sync-server.ts';
import type { Bus } from './sync/bus.ts';
import type { PublicUser } from './auth/session.ts';
import type { Session } from './db/schema.ts';
import type { LoginLimiter } from './auth/login-limiter.ts';

/** Everything a route needs, created once by server/index.ts and passed down. */
export interface Services {
	env: Env;
	db: Db;
	log: Logger;
	store: DocStore;
	bus: Bus;
	sync: SyncServer;
	loginLimiter: LoginLimiter;
}

export interface AuthState {
	user: PublicUser;
	session: Session;
}

export type AppEnv = {
	Variables: {
		auth: AuthState | null;
		requestId: string;
		log: Logger;
	};
};
