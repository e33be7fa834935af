import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context as LambdaContext } from 'aws-lambda';
import type { Actor } from '../identity/actor';

/** What every route sees: the API Gateway v2 event and, once authorized, the actor. */
export interface ApiEnv {
  Bindings: {
    event: APIGatewayProxyEventV2WithJWTAuthorizer;
    lambdaContext: LambdaContext;
  };
  Variables: {
    actor: Actor;
    /** A public route's limit check (see limits.ts): settled before anything is written. */
    limit: Promise<void>;
  };
}
