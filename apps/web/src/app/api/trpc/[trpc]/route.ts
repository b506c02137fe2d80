import { handleTrpcRequest } from '@padmeet/api/server';
import { apiDeps } from '../../../../server/deps';

const handler = (request: Request) => handleTrpcRequest(request, apiDeps());

export { handler as GET, handler as POST };
