/** The authorization matrix (matrix.ts) on the PostgreSQL catalog. */
import { authorizationMatrix } from './matrix.ts';

await authorizationMatrix('postgres');
