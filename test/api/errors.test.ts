import { ServiceError } from '@temporalio/client';
import { toHttpError } from '../../api/errors';

const grpcError = (code: number): Error => Object.assign(new Error(`${code} UNAVAILABLE: No connection established`), { code, details: 'No connection established', metadata: {} });

/** The one table from thrown errors to answers, for the errors a real server's failures produce. */
describe('toHttpError', () => {
  it('answers 503 for Temporal unreachable, also when the client wraps the gRPC error (workflow.start)', () => {
    expect(toHttpError(grpcError(14))?.statusCode).toBe(503);
    expect(toHttpError(new ServiceError('Failed to start Workflow', { cause: grpcError(14) }))?.statusCode).toBe(503);
    expect(toHttpError(new ServiceError('Failed to start Workflow', { cause: grpcError(4) }))?.statusCode).toBe(503);
  });

  it('leaves other wrapped failures to the 500 path', () => {
    expect(toHttpError(new ServiceError('Failed to start Workflow', { cause: grpcError(13) }))).toBeNull();
  });
});
