import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { startS3, type S3Server } from './s3.ts';

/**
 * Declares tests that need the S3-protocol server: one server for the block,
 * started before its tests. When it cannot start, the tests are skipped with
 * a warning, or fail under PLAZA_REQUIRE_SERVICES=1.
 */
export function describeS3(name: string, body: (server: () => S3Server) => void): void {
  describe(name, () => {
    let server: S3Server | undefined;
    let problem: string | undefined;
    beforeAll(async () => {
      try {
        server = await startS3();
      } catch (e) {
        problem = `the S3-protocol server (s3rver) could not start: ${(e as Error).message}`;
        if (process.env.PLAZA_REQUIRE_SERVICES !== '1') console.warn(`Skipping "${name}": ${problem}. PLAZA_REQUIRE_SERVICES=1 makes this a failure.`);
      }
    });
    afterAll(async () => {
      await server?.close();
    });
    beforeEach((ctx) => {
      if (problem && process.env.PLAZA_REQUIRE_SERVICES === '1') throw new Error(`${problem} (PLAZA_REQUIRE_SERVICES=1: it must run here)`);
      if (problem) ctx.skip(problem);
    });
    body(() => {
      if (!server) throw new Error('the S3-protocol server is not running');
      return server;
    });
  });
}
