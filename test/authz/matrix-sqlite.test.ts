/** The authorization matrix (matrix.ts) on the SQLite catalog. */
import { authorizationMatrix } from './matrix.ts';

await authorizationMatrix('sqlite');
